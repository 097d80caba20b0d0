"""`retina-review evaluate`'s help (app.commands.evaluate), as templates marked for translation."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "EvaluateHelp"
HELP = QT_TRANSLATE_NOOP("EvaluateHelp", "measure a model on labelled data: JSON figures and PNG plots")
DESCRIPTION = QT_TRANSLATE_NOOP(
    "EvaluateHelp", "seg: per-lesion Dice, IoU and pixel precision-recall AUC (IDRiD metric); grade: accuracy, "
                    "quadratic weighted kappa, confusion matrix; seg also takes MODEL 'classical' or 'defaults' (the "
                    "pipeline without models, or as shipped) and reports pixel precision/recall, lesion-level recall, "
                    "the disc's centre error and ICDR grade agreement with the masks; referable: sensitivity, "
                    "specificity, ROC AUC; oct: per-class and macro F1; boxes: detection figures against VOC boxes "
                    "(MODEL may be 'classical', or 'defaults' for every shipped model together, as a fresh install "
                    "runs). DIR receives evaluation.json and plots (boxes: box_eval.json).")
SPLIT = QT_TRANSLATE_NOOP("EvaluateHelp", "which images (auto: test, else val, else all; a folder without splits/ is "
                                          "split with the model's training seed, as training did; boxes: test is the "
                                          "fixed held-out fifth, images whose number is divisible by 5)")
SPLITS = QT_TRANSLATE_NOOP("EvaluateHelp", "folder with train.txt, val.txt and test.txt (image names), when DIR has no "
                                           "splits/ of its own (e.g. resources/splits/idrid-seg for "
                                           "../shared/data/idrid-seg)")
TILED = QT_TRANSLATE_NOOP("EvaluateHelp", "seg: segment with the sliding window (default: as the model was trained)")
OVERWRITE = QT_TRANSLATE_NOOP("EvaluateHelp", "replace the results of an earlier evaluation in DIR (never asked for, "
                                              "they are kept; one changed since it was written is kept beside, "
                                              "renamed NAME.edited-TIME), and remove an earlier evaluation's plot "
                                              "this one does not draw")
