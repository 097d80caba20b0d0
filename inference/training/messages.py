"""What training and retraining say (errors a person can cause, the retrain dialog's notes), as templates.

Filled with ``.format`` in English (the command line prints that); the interface matches a text against the same
templates (app/inference_messages.py) and shows it in the interface's language."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

# what TrainConfig refuses: all its problems in one text, joined by wording.join_clauses (the interface shows each)
UNKNOWN_TASK = QT_TRANSLATE_NOOP("TrainConfig", "unknown task {task}; use one of {choices}")
UNKNOWN_ARCHITECTURE = QT_TRANSLATE_NOOP("TrainConfig", "unknown architecture {name} for {option}; use one of "
                                                        "{choices}")
UNKNOWN_LOSS = QT_TRANSLATE_NOOP("TrainConfig", "unknown loss {name} for {option}; use one of {choices}")
UNKNOWN_BOX_MODE = QT_TRANSLATE_NOOP("TrainConfig", "unknown box mode {name}; use weak or fill")
WEAK_SHARE = QT_TRANSLATE_NOOP("TrainConfig", "weak share {value} must lie between 0 and 1")
BOX_FACTOR = QT_TRANSLATE_NOOP("TrainConfig", "box factor {value} must be 0 or more")
WORKERS = QT_TRANSLATE_NOOP("TrainConfig", "workers must be 0 (load batches in the training process) or more")
CACHE_LIMIT = QT_TRANSLATE_NOOP("TrainConfig", "the cache limit must be 0 bytes or more")
KEEP_NEEDS_INIT_FROM = QT_TRANSLATE_NOOP("TrainConfig", "--keep-classes keeps what a model draws of them: give "
                                                        "that model with --init-from")
KEEP_LESIONS_ONLY = QT_TRANSLATE_NOOP("TrainConfig", "--keep-classes keeps lesion classes: train seg only")
KEEP_FACTOR = QT_TRANSLATE_NOOP("TrainConfig", "keep factor {value} must be 0 or more")
KEEP_FACTOR_ALONE = QT_TRANSLATE_NOOP("TrainConfig", "--keep-factor weighs the term of --keep-classes: give the "
                                                     "classes to keep, or leave the factor out")
EPOCHS = QT_TRANSLATE_NOOP("TrainConfig", "epochs and batch size must be at least 1")
MULTIPLE_OF_32 = QT_TRANSLATE_NOOP("TrainConfig", "{option} {value} must be a multiple of 32 (at least 32)")
BUDGET_OPTIONS = QT_TRANSLATE_NOOP("TrainingMessages", "--minutes sizes a new run of one process by its epochs: "
                                                        "give --steps-per-epoch, leave out --resume, and run it "
                                                        "without torchrun")
BUDGET_TOO_SHORT = QT_TRANSLATE_NOOP("TrainingMessages", "{minutes} minutes hold no epoch: the probe took {probe} s "
                                                         "and an epoch takes about {epoch} s; give more minutes or "
                                                         "fewer --steps-per-epoch")
NO_SEGMENTATION_LABELS = QT_TRANSLATE_NOOP("TrainingMessages", "{data}: no training image has masks or VOC boxes")
NO_CLASS_LABELS = QT_TRANSLATE_NOOP("TrainingMessages", "{data}: no training image has a {task} label (grades CSV, "
                                                        "or one sub-folder per class named {classes})")
NO_LESION_LABELS = QT_TRANSLATE_NOOP("TrainingMessages", "the training split has no lesion masks and no lesion boxes "
                                                         "(MA, HE, EX, SE); check the data folder, and give "
                                                         "--label-map for VOC files with other class names")
INIT_FROM_TASK = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: a {task} model; --init-from needs a {wanted} model")
INIT_FROM_ENCODER = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: its encoder is {encoder}, not {wanted}; leave out "
                                                          "--encoder to fine-tune it")
INIT_FROM_PREPROCESSING = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: the model does not preprocess with {option} "
                                                                "and --init-from keeps its preprocessing; leave the "
                                                                "option out or train without --init-from")
INIT_FROM_WEIGHTS = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: its weights do not fit the network being trained "
                                                          "({count} tensors differ, first {first}); train without "
                                                          "--init-from or with the same network")
NEEDS_TRAIN_AND_VAL = QT_TRANSLATE_NOOP("TrainingMessages", "{data}: a train and a val split are needed (give "
                                                            "--splits)")
BLEND_PARTNER = QT_TRANSLATE_NOOP("TrainingMessages", "{name}: --blend-with needs a lesion model that draws {cls} "
                                                      "from its own pixels, or with --blend-member one of its member "
                                                      "networks that has the class")
# a photo the blended member does not run on (segmentation.segment); its path is put before it (PhotoNotAnalysed)
MEMBER_NOT_ON_PHOTO = QT_TRANSLATE_NOOP("TrainingMessages", "its field of view is {field} px across, under the "
                                                            "member_min_field of {member} ({min_field} px), so that "
                                                            "member draws nothing on it to blend with; train on photos "
                                                            "at least that large, or leave this photo out of the split")
SHIP_PIXELS_MEMBERS = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: holds member networks ({members}); ship_pixels "
                                                            "chooses sources for one network: give the model it was "
                                                            "assembled from")
NEEDS_BOTH_KINDS = QT_TRANSLATE_NOOP("TrainingMessages", "training needs candidates on lesions and off them")
TUNING_SAW_HELD_OUT = QT_TRANSLATE_NOOP("TrainingMessages", "threshold tuning must not see the held-out images")
PREPARED_MISSING = QT_TRANSLATE_NOOP("TrainingMessages", "{path}: its prepared copy is missing from {cache} (another "
                                                         "process failed?); train again")
NOT_A_CACHE = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: not a training cache (it holds {name}, which the "
                                                    "program did not make), and the cache removes files to stay "
                                                    "within its limit; give --cache-dir a new or empty folder")
CACHE_IS_FILE = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: is a file, not a folder; give --cache-dir a new or "
                                                      "empty folder")
PREPARED_EVICTED = QT_TRANSLATE_NOOP("TrainingMessages", "{path}: this prepared image left the cache while training "
                                                         "used it (another run sharing the cache needed room); give "
                                                         "the runs larger --cache-limit or separate --cache-dir "
                                                         "folders, and continue with --resume")
CHECKPOINT_IS_LINK = QT_TRANSLATE_NOOP("TrainingMessages", "{path}: a link (to {target}), not the run's own "
                                                           "checkpoint; nothing was written or removed: remove the "
                                                           "link, or train into another --out")
CHECKPOINT_UNREADABLE = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: cannot read the checkpoint ({error}); train "
                                                              "again without --resume")
CHECKPOINT_MISMATCH = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: the checkpoint files do not match (interrupted "
                                                            "while saving?); train again without --resume")
CHECKPOINT_OTHER_RUN = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: the checkpoint is from a different run "
                                                             "(differs in {fields}); resume with the same options or "
                                                             "use another --out")
# a checkpoint resumed by another number of processes than wrote it (one process, or torchrun's several)
# ({launch}: torchrun's words for as many processes, checkpoint.PROCESSES_LAUNCH)
CHECKPOINT_PROCESSES = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: the checkpoint was written by a run of "
                                                             "{trained} processes, and this run has {count}; resume "
                                                             "it in as many, as it was launched: {launch} with the "
                                                             "run's options and --resume")
CHECKPOINT_ONE_PROCESS = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: the checkpoint was written by a run of one "
                                                               "process, and this run has {count}; resume it in one "
                                                               "process, as it was launched: retina-review train "
                                                               "with the run's options and --resume, without "
                                                               "torchrun")
NOTHING_TO_FINISH = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: no checkpoint to finish from (no epoch of this "
                                                          "run completed there)")
# a model folder (--out) among other files (model_folder.refuse_foreign_folder): "{path}: {reason} — {hint}"
OUT_IN_DATA = QT_TRANSLATE_NOOP("TrainingMessages", "is the data folder {data} or inside it: the model would lie among "
                                                    "the data it learns from; nothing was trained")
OUT_HOLDS_OTHERS = QT_TRANSLATE_NOOP("TrainingMessages", "holds {count} file(s) or folder(s) that are not a model's "
                                                         "(first {first}): the model would lie among them; nothing "
                                                         "was trained")
MODEL_FOLDER = QT_TRANSLATE_NOOP("TrainingMessages", "give --out a new or empty folder outside the data, or an earlier "
                                                     "model's folder with --overwrite or --resume")
# a second run into a folder a run holds (annotations.output_folder.held_folder), its hint FileMessages'
# WAIT_OR_OTHER_FOLDER
TRAINING_BUSY = QT_TRANSLATE_NOOP("TrainingMessages", "another run is writing into this folder now (training, an "
                                                      "analysis or an export); nothing was trained")
UNFINISHED_RUN = QT_TRANSLATE_NOOP("TrainingMessages", "{folder} holds the checkpoint of an unfinished run: give "
                                                       "--resume to continue it, or --overwrite to start again (the "
                                                       "checkpoint is then replaced)")
FINISH_NEEDS_RESUME = QT_TRANSLATE_NOOP("TrainConfig", "--finish writes the model of a run's last checkpoint: give "
                                                       "it with --resume and the run's options")
PROCESS_STOPPED = QT_TRANSLATE_NOOP("TrainingMessages", "the training process stopped ({how}) without finishing")
PROCESS_STOPPED_SAYING = QT_TRANSLATE_NOOP("TrainingMessages", "the training process stopped ({how}) without "
                                                               "finishing: {tail}")
TOO_FEW_CONSENSUS = QT_TRANSLATE_NOOP("TrainingMessages", "only {count} cases have a consensus (arbitrated, or agreed "
                                                          "by both readers); retraining needs at least {minimum}")
TOO_FEW_DONE = QT_TRANSLATE_NOOP("TrainingMessages", "only {count} cases are marked done; mark at least {minimum} "
                                                     "reviewed cases done (Ctrl+Enter) before retraining")
# a retrain's cases with the OCT scans left out (retrain_modality): too few fundus photos among them
TOO_FEW_FUNDUS = QT_TRANSLATE_NOOP("TrainingMessages", "only {count} of the cases to learn from are fundus photos; "
                                                       "retraining needs at least {minimum}")
# a retrain's cases of which some could not be read (damaged saved labels or image; the export's notes name each)
TOO_FEW_READABLE = QT_TRANSLATE_NOOP("TrainingMessages", "only {count} of the cases to learn from could be read (the "
                                                         "notes name those skipped); retraining needs at least "
                                                         "{minimum}")
# a sample of a run's splits whose photo or mask cannot be read, left out (readable_samples): {problem} is the
# FileProblem's text, naming the file
LEFT_OUT_UNREADABLE = QT_TRANSLATE_NOOP("TrainingMessages", "Left out of the {split} split, as it cannot be read: "
                                                            "{problem}")
# the retrain dialog's notes: one a line, beside the export's warnings, without a final full stop as they are
OCT_LEFT_OUT = QT_TRANSLATE_NOOP("TrainingMessages", "{count} OCT scan(s) were left out: the models retrained here "
                                                     "read fundus photos and must not learn from OCT scans")
BOXES_ONLY = QT_TRANSLATE_NOOP("TrainingMessages", "{count} of the {total} case(s) have lesions boxed but not "
                                                   "painted: those classes learned from their boxes as rough masks (a "
                                                   "lesion somewhere inside each box, none outside)")
# reviewed cases with no lesion marked and no grade No DR: the export writes them no masks (formats.dataset)
LESIONS_LEFT_OUT = QT_TRANSLATE_NOOP("TrainingMessages", "{count} of the {total} case(s) have no lesion painted or "
                                                         "boxed and no grade of No DR: nobody said where their "
                                                         "lesions are, so lesion learning left them out (their "
                                                         "grades are kept for the grade tasks)")
# lesion classes no case of a retrain's export paints or boxes (retrain_labels.never_labelled)
NEVER_LABELLED = QT_TRANSLATE_NOOP("TrainingMessages", "Labelled in no case: {classes}; the new model learns that "
                                                       "each of them is never present: paint or box them where they "
                                                       "are and retrain, or keep the current model")
FINISHED_EARLY = QT_TRANSLATE_NOOP("TrainingMessages", "Training was finished early, after step {step} of {steps}: "
                                                       "the new model is what it had learned by then")
FINE_TUNED = QT_TRANSLATE_NOOP("TrainingMessages", "The new model was fine-tuned from the current one ({model})")
# a fine-tuned model without its base's member networks (init_from.dropped_members_note; `train` prints it too)
MEMBERS_DROPPED = QT_TRANSLATE_NOOP("TrainingMessages", "The new model draws {classes} with its own network alone: "
                                                        "{model} drew them with the help of its member network "
                                                        "({members}), chosen for that model's network and not "
                                                        "carried over")
NO_HELD_OUT = QT_TRANSLATE_NOOP("TrainingMessages", "No held-out images: both models were scored on their training "
                                                    "images, so the figures flatter them; mark more cases done")
FEW_HELD_OUT = QT_TRANSLATE_NOOP("TrainingMessages", "The held-out part has {count} image(s): figures from so few are "
                                                     "rough")
# retraining refused before it starts: the cases marked done hold nothing of the task (retrain_labels)
NO_GRADES_DONE = QT_TRANSLATE_NOOP("TrainingMessages", "None of the {count} case(s) marked done has a DR grade, which "
                                                       "the DR grade and referable DR learn from (an OCT scan has "
                                                       "none); record the grades of the cases you reviewed, then "
                                                       "start again")
NO_LESIONS_DONE = QT_TRANSLATE_NOOP("TrainingMessages", "None of the {count} case(s) marked done has a lesion painted "
                                                        "or boxed, which lesion segmentation learns from; paint or box "
                                                        "the lesions of the cases you reviewed, then start again")
NO_GRADES_CONSENSUS = QT_TRANSLATE_NOOP("TrainingMessages", "None of the {count} case(s) with a settled consensus "
                                                            "has a DR grade, which the DR grade and referable DR "
                                                            "learn from; record the grades, then start again")
NO_LESIONS_CONSENSUS = QT_TRANSLATE_NOOP("TrainingMessages", "None of the {count} case(s) with a settled consensus has "
                                                             "a lesion painted or boxed, which lesion segmentation "
                                                             "learns from; paint or box the lesions, then start again")
FEW_TRAINING = QT_TRANSLATE_NOOP("TrainingMessages", "The new model learned from only {count} image(s): a model "
                                                     "trained on so few usually scores lower, and figures on so few "
                                                     "images are unreliable; review more cases and retrain")
# why the retrain dialog advises keeping the current model (retrain_adoption): shown in red
DOUBT_FEW_HELD_OUT = QT_TRANSLATE_NOOP("TrainingMessages", "Only {count} held-out image(s) (fewer than {minimum}): too "
                                                           "few to tell whether the new model is better")
DOUBT_LOWER_DICE = QT_TRANSLATE_NOOP("TrainingMessages", "The new model's mean Dice is lower than the current one's "
                                                         "({new} against {current})")
DOUBT_LOWER_KAPPA = QT_TRANSLATE_NOOP("TrainingMessages", "The new model's quadratic weighted kappa is lower than the "
                                                          "current one's ({new} against {current})")
DOUBT_LOWER_AUC = QT_TRANSLATE_NOOP("TrainingMessages", "The new model's ROC AUC is lower than the current one's "
                                                        "({new} against {current})")
# ... or nothing shows that the new model is better: the current choice has no figures (the Current column says why),
# or the headline figure is missing on either side
DOUBT_CURRENT_UNSCORED = QT_TRANSLATE_NOOP("TrainingMessages", "The current choice has no figures on the held-out "
                                                               "images to compare with, so nothing shows that the new "
                                                               "model is better")
DOUBT_NO_DICE = QT_TRANSLATE_NOOP("TrainingMessages", "The two models have no mean Dice to compare on the held-out "
                                                      "images (no lesion is painted on them), so nothing shows that "
                                                      "the new model is better; compare the box figures")
DOUBT_NO_KAPPA = QT_TRANSLATE_NOOP("TrainingMessages", "The two models' quadratic weighted kappa cannot be compared "
                                                       "on the held-out images (it is undefined for at least one of "
                                                       "them), so nothing shows that the new model is better")
DOUBT_NO_AUC = QT_TRANSLATE_NOOP("TrainingMessages", "The two models' ROC AUC cannot be compared on the held-out "
                                                     "images (it is undefined for at least one of them), so nothing "
                                                     "shows that the new model is better")
NOT_SCORED_WHY = QT_TRANSLATE_NOOP("TrainingMessages", "The comparison could not be scored: {reason}")
DEVICE_NOT_USABLE = QT_TRANSLATE_NOOP("TrainingMessages", "The device could not be used, so the comparison was not "
                                                          "scored: {reason}")
DEVICE_OUT_OF_MEMORY = QT_TRANSLATE_NOOP("TrainingMessages", "The device ran out of memory, so the comparison was not "
                                                             "scored")
# the machine, not the device, short of memory while the comparison loads or scores (retrain_failures)
NOT_SCORED_NO_MEMORY = QT_TRANSLATE_NOOP("TrainingMessages", "There was not enough memory, so the comparison was not "
                                                             "scored; close other programs and retrain to compare the "
                                                             "models")
# {reason}: the loader's "PATH: reason" without its hint, which is for a model someone copied
NEW_MODEL_UNUSABLE = QT_TRANSLATE_NOOP("TrainingMessages", "The training produced a model that cannot be loaded, so "
                                                           "it cannot be used: {reason}; train again, and report it "
                                                           "if it happens again")
# the machine, not the model, short of memory while loading it: the model may be sound (retrain_failures)
NEW_MODEL_UNCHECKED = QT_TRANSLATE_NOOP("TrainingMessages", "There was not enough memory to check that the new model "
                                                            "loads, so it is not offered; it stays in {folder} until "
                                                            "you keep the current model; close other programs and "
                                                            "retrain")
KEEP_CLASSICAL_WHY = QT_TRANSLATE_NOOP("TrainingMessages", "say why the classical detector keeps {classes}")
KEEP_CLASSICAL_UNKNOWN = QT_TRANSLATE_NOOP("TrainingMessages", "{folder}: {classes} is not a lesion class of this "
                                                               "model")
KEEP_UNKNOWN_CLASS = QT_TRANSLATE_NOOP("TrainingMessages", "--keep-classes {name}: not a lesion class of the model; "
                                                           "use {choices}")
CONFIG_PROBLEMS: tuple[str, ...] = (UNKNOWN_TASK, UNKNOWN_ARCHITECTURE, UNKNOWN_LOSS, UNKNOWN_BOX_MODE, WEAK_SHARE,
                                    BOX_FACTOR, WORKERS, CACHE_LIMIT, EPOCHS, MULTIPLE_OF_32, FINISH_NEEDS_RESUME,
                                    KEEP_NEEDS_INIT_FROM, KEEP_LESIONS_ONLY, KEEP_FACTOR, KEEP_FACTOR_ALONE)
# what a training run refuses after its options, and the retrain dialog's notes
TEMPLATES: tuple[str, ...] = (
    NO_SEGMENTATION_LABELS, NO_CLASS_LABELS, NO_LESION_LABELS, INIT_FROM_TASK, INIT_FROM_ENCODER,
    INIT_FROM_PREPROCESSING, INIT_FROM_WEIGHTS, NEEDS_TRAIN_AND_VAL, BLEND_PARTNER, MEMBER_NOT_ON_PHOTO,
    NEEDS_BOTH_KINDS, TUNING_SAW_HELD_OUT, PREPARED_MISSING, NOT_A_CACHE, CACHE_IS_FILE,
    PREPARED_EVICTED, CHECKPOINT_IS_LINK,
    CHECKPOINT_UNREADABLE, CHECKPOINT_MISMATCH, CHECKPOINT_OTHER_RUN, CHECKPOINT_PROCESSES, CHECKPOINT_ONE_PROCESS,
    NOTHING_TO_FINISH, OUT_IN_DATA, OUT_HOLDS_OTHERS,
    MODEL_FOLDER, TRAINING_BUSY, UNFINISHED_RUN,
    PROCESS_STOPPED,
    PROCESS_STOPPED_SAYING, TOO_FEW_CONSENSUS, TOO_FEW_DONE, FINISHED_EARLY, FINE_TUNED, MEMBERS_DROPPED, NO_HELD_OUT,
    FEW_HELD_OUT, FEW_TRAINING,
    NO_GRADES_DONE, NO_LESIONS_DONE, NO_GRADES_CONSENSUS, NO_LESIONS_CONSENSUS, TOO_FEW_FUNDUS, TOO_FEW_READABLE,
    OCT_LEFT_OUT, LEFT_OUT_UNREADABLE,
    BOXES_ONLY, LESIONS_LEFT_OUT, NEVER_LABELLED, DOUBT_FEW_HELD_OUT,
    DOUBT_LOWER_DICE, DOUBT_LOWER_KAPPA, DOUBT_LOWER_AUC, DOUBT_CURRENT_UNSCORED, DOUBT_NO_DICE, DOUBT_NO_KAPPA,
    DOUBT_NO_AUC, NOT_SCORED_WHY,
    DEVICE_NOT_USABLE, DEVICE_OUT_OF_MEMORY, NOT_SCORED_NO_MEMORY, NEW_MODEL_UNUSABLE, NEW_MODEL_UNCHECKED,
    KEEP_CLASSICAL_WHY, KEEP_CLASSICAL_UNKNOWN, KEEP_UNKNOWN_CLASS, SHIP_PIXELS_MEMBERS, BUDGET_OPTIONS,
    BUDGET_TOO_SHORT)

# the progress text once training's images are prepared, singular and plural (prepared_items.prepared_words); the
# retrain dialog shows them translated
PREPARED_ONE = "1 image prepared ({cached} from the cache)"
PREPARED_MANY = "{count} images prepared ({cached} from the cache)"

# the progress text per photo while a run checks that it can read them (readable_samples); the retrain dialog
# shows it translated
CHECKING = "checking {image}"

# the progress text per held-out photo while training scores the model it made (the card's metrics); the retrain
# dialog shows it translated (widgets.training_progress.TRAINING_PROGRESS), beside the comparison's columns' texts
SCORING_HELD_OUT = "evaluating {image} for the new model's own held-out figures"

# how a training process ended (PROCESS_STOPPED's {how})
BY_SIGNAL = QT_TRANSLATE_NOOP("ProcessEnds", "signal {number}")
WITH_EXIT_CODE = QT_TRANSLATE_NOOP("ProcessEnds", "exit code {number}")
PROCESS_ENDS: tuple[str, ...] = (BY_SIGNAL, WITH_EXIT_CODE)
