"""What `evaluate` prints on the console, as templates marked for translation (context "EvaluateCommand"): said in
the interface's language (app.command_words), as `analyze` says its own; its files (evaluation.json,
box_eval.json) and the summary it prints as evaluation.json holds it stay as written. The figures of a segmentation
model are app.segmentation_lines'; the box table is app.box_table's, in these words."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "EvaluateCommand"
# why a run does not start or measured nothing
TILED_OPTION = QT_TRANSLATE_NOOP("EvaluateCommand", "--tiled and --no-tiled choose how a lesion model segments: an "
                                                    "option of evaluate seg with a model or defaults, not of evaluate "
                                                    "{task} --model {model}")
NOTHING_MEASURED = QT_TRANSLATE_NOOP("EvaluateCommand", "every lesion box was skipped (the line above names their "
                                                        "labels), so nothing was measured")

# under the summary: each photo's Dice ({figures}: "HE 0.512, EX 0.433"), and the files written
IMAGE_DICE = QT_TRANSLATE_NOOP("EvaluateCommand", "{image} Dice: {figures}")
WRITTEN = QT_TRANSLATE_NOOP("EvaluateCommand", "written: {results} and {plots}")
WRITTEN_NO_PLOTS = QT_TRANSLATE_NOOP("EvaluateCommand", "written: {results} and no plots")

# the progress bar: what inference.evaluation and inference.box_eval say (training's words are the retrain dialog's)
PROGRESS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("EvaluateCommand", "evaluating {image}"),
    QT_TRANSLATE_NOOP("EvaluateCommand", "done"))

# the box table (app.box_table): its title, its columns' headings, and the lines under it
TABLE_TITLE = QT_TRANSLATE_NOOP("EvaluateCommand", "model {model} on {images} images ({split})")
CLASS = QT_TRANSLATE_NOOP("EvaluateCommand", "class")
BOXES = QT_TRANSLATE_NOOP("EvaluateCommand", "boxes")
HIT = QT_TRANSLATE_NOOP("EvaluateCommand", "hit")  # boxes holding a predicted pixel
RECALL = QT_TRANSLATE_NOOP("EvaluateCommand", "recall")
COMPONENTS = QT_TRANSLATE_NOOP("EvaluateCommand", "comps")  # predicted connected components
IN_BOX = QT_TRANSLATE_NOOP("EvaluateCommand", "in box")  # components inside a box
PRECISION = QT_TRANSLATE_NOOP("EvaluateCommand", "precision")
LESIONS_PRESENT = QT_TRANSLATE_NOOP("EvaluateCommand", "lesions present: ROC AUC {auc} ({positives} with lesions, "
                                                       "{negatives} without)")
OPTIC_DISC = QT_TRANSLATE_NOOP("EvaluateCommand", "optic disc hit rate: {rate} ({hits}/{images})")
SECONDS_PER_IMAGE = QT_TRANSLATE_NOOP("EvaluateCommand", "{seconds} s per image")
SKIPPED_LABELS = QT_TRANSLATE_NOOP("EvaluateCommand", "boxes skipped, no class named for their label: {labels} — name "
                                                      "them with --label-map, e.g. {example}")
LABEL_IN_FILE = QT_TRANSLATE_NOOP("EvaluateCommand", "{label} (in {count} file)")  # SKIPPED_LABELS' {labels}, each
LABEL_IN_FILES = QT_TRANSLATE_NOOP("EvaluateCommand", "{label} (in {count} files)")
# the table title's {split}, as inference.box_eval words it in box_eval.json (repeated here: it is data there)
SPLITS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("EvaluateCommand", "held-out: images whose number is divisible by 5 (codras_0005, codras_0010, "
                                         "...)"),
    QT_TRANSLATE_NOOP("EvaluateCommand", "outside the held-out split (tuning part)"),
    QT_TRANSLATE_NOOP("EvaluateCommand", "all given: {held} held-out and {tuning} tuning images"))
