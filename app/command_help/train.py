"""`retina-review train`'s help (app.commands.train), as templates marked for translation."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "TrainHelp"
HELP = QT_TRANSLATE_NOOP("TrainHelp", "train a model from an exported data set, IDRiD, VOC box or class-per-folder "
                                      "data")
DESCRIPTION = QT_TRANSLATE_NOOP(
    "TrainHelp", "Train a lesion segmentation model (seg), an optic disc model (disc: VOC optic-disc boxes, best with "
                 "--box-mode fill) or a classifier (grade, referable, oct, present: DR signs from lesion boxes). DIR "
                 "may be the program's own export, an IDRiD-style folder (images + NAME_MA.tif masks, grades CSV), "
                 "images with VOC boxes (weak masks: outside every box is background) or one sub-folder of images per "
                 "class. MODEL_DIR receives model.safetensors + model.json (the card, with metrics on the held-out "
                 "split); copy it into the models folder to use it. Several processes (one per GPU, or CPU processes) "
                 "train one model with DistributedDataParallel when launched by torchrun: `torchrun "
                 "--nproc_per_node=N -m app.cli train ...`; rank 0 writes the checkpoint and the model. candidates: a "
                 "patch classifier over dark-dot (--classes MA) or dark-region (--classes HE) candidates, from pixel "
                 "masks with a train and a val split; written only when it beats the shipped models' class on the val "
                 "photos. An analysis runs one dark-dot and one dark-region candidates model (the first installed of "
                 "each, or the ones Settings names). --blend-with LESION_MODEL: the candidates model's probability is "
                 "averaged with that lesion model's (or with --blend-member MEMBER, with that member network's of it), "
                 "the threshold chosen on the val photos, and it draws only beside that model.")
ARCH = QT_TRANSLATE_NOOP("TrainHelp", "segmentation architecture (default unet)")
ENCODER = QT_TRANSLATE_NOOP("TrainHelp", "encoder name (smp name, tu-TIMM or timm:TIMM for classifiers); without it, "
                                         "each task's default network, at its input side unless --size: {networks} (a "
                                         "shipped model's own options are in its card, training.command)")
NETWORK = QT_TRANSLATE_NOOP("TrainHelp", "{task} {encoder} at {side} px")  # one of ENCODER's {networks}
SIZE = QT_TRANSLATE_NOOP("TrainHelp", "model input side, multiple of 32")
CROP = QT_TRANSLATE_NOOP("TrainHelp", "segmentation training crop side (default: the input side)")
LOSS = QT_TRANSLATE_NOOP("TrainHelp", "pixel/label loss; segmentation adds a per-class weighted region term "
                                      "(--region-loss)")
REGION_LOSS = QT_TRANSLATE_NOOP("TrainHelp", "seg: the region term, soft Dice or Lovász-softmax (a surrogate of IoU; "
                                             "default dice)")
DICE_WEIGHTS = QT_TRANSLATE_NOOP("TrainHelp", "per-class weights of the region term (default: MA 3/2, HE 3/5, EX "
                                              "5/12, SE 2/3)")
BOX_MODE = QT_TRANSLATE_NOOP("TrainHelp", "VOC boxes: weak masks (uncertain inside, background outside) or filled "
                                          "masks")
BOX_FACTOR = QT_TRANSLATE_NOOP("TrainHelp", "weak boxes: weight of the 'each box holds its class' term (0: boxes only "
                                            "say where lesions are not)")
WEAK_SHARE = QT_TRANSLATE_NOOP("TrainHelp", "seg with painted masks and boxes together: share of crops drawn from "
                                            "images labelled by boxes alone, the rest from those with masks (boxes or "
                                            "not; default: all images balanced together)")
ORDINAL = QT_TRANSLATE_NOOP("TrainHelp", "grade: add an ordinal (cumulative) loss term")
MINUTES = QT_TRANSLATE_NOOP("TrainHelp", "instead of --epochs: as many epochs of --steps-per-epoch as M minutes of "
                                         "this machine hold, timed by a probe run of a few steps first; the card "
                                         "records the epochs chosen")
TILED = QT_TRANSLATE_NOOP("TrainHelp", "seg: train at the resolution of `analyze --tiled` (twice the input size), for "
                                       "small lesions; evaluation then runs tiled too")
BEN_GRAHAM = QT_TRANSLATE_NOOP("TrainHelp", "preprocess by subtracting the local average colour (Kaggle 2015 winner's "
                                            "trick)")
CLAHE = QT_TRANSLATE_NOOP("TrainHelp", "preprocess by contrast-limited equalisation of lightness (before --ben-graham "
                                       "if both)")
SPLITS = QT_TRANSLATE_NOOP("TrainHelp", "folder with train.txt, val.txt and test.txt (image names) when --data has no "
                                        "splits/")
LICENCE = QT_TRANSLATE_NOOP("TrainHelp", "licence of the training data, recorded in the card")
NAME = QT_TRANSLATE_NOOP("TrainHelp", "model name (default: the folder name)")
WORKERS = QT_TRANSLATE_NOOP("TrainHelp", "processes per training process that load and augment batches (default: the "
                                         "cores left over, at most 4; 0: in the training process)")
CACHE_DIR = QT_TRANSLATE_NOOP("TrainHelp", "where prepared images are kept between runs (default: the user cache "
                                           "folder, or $RETINA_REVIEW_CACHE); a new or empty folder, or one the "
                                           "program made: files are removed from it to keep it within --cache-limit")
CACHE_LIMIT = QT_TRANSLATE_NOOP("TrainHelp", "the most the cache folder keeps between runs, e.g. 50G or 800M (default "
                                             "20G); the images used least recently go first, those of a run still "
                                             "training never")
INIT_FROM = QT_TRANSLATE_NOOP("TrainHelp", "fine-tune a model (an installed model's name, as `analyze --model` takes, "
                                           "or its folder), starting from its weights: keep its network (encoder, "
                                           "classes, preprocessing), a lesion model's sources (classical_classes, "
                                           "speck sizes) and the thresholds of classes the val split cannot tune; the "
                                           "card records which model, and a member network it had (class_members) is "
                                           "not carried over")
KEEP_CLASSES = QT_TRANSLATE_NOOP("TrainHelp", "seg with --init-from: keep what that model draws of these lesion "
                                              "classes (each step pulls their outputs toward its own on the same "
                                              "crops) while the other classes learn")
KEEP_FACTOR = QT_TRANSLATE_NOOP("TrainHelp", "weight of --keep-classes' term (default {factor})")
RESUME = QT_TRANSLATE_NOOP("TrainHelp", "continue an interrupted run from its last epoch")
FINISH = QT_TRANSLATE_NOOP("TrainHelp", "with --resume and the run's options: write the model of its last checkpoint "
                                        "now (thresholds tuned, held-out figures, card), training no further epoch, "
                                        "and remove the checkpoint (to score a run that goes on, finish a copy of its "
                                        "folder)")
OVERWRITE = QT_TRANSLATE_NOOP("TrainHelp", "replace a model already in MODEL_DIR")
CLASSES = QT_TRANSLATE_NOOP("TrainHelp", "candidates: the lesion class (default MA: dark dots; HE: dark regions)")
STEPS = QT_TRANSLATE_NOOP("TrainHelp", "candidates: training steps (default 3000 for MA, 1500 for HE)")
BLEND_WITH = QT_TRANSLATE_NOOP("TrainHelp", "candidates: average with this lesion model's probability of the class "
                                            "(name or folder)")
BLEND_MEMBER = QT_TRANSLATE_NOOP("TrainHelp", "candidates with --blend-with: average with that model's member network "
                                              "in sub-folder MEMBER instead (e.g. clahe, idrid-lesions' network that "
                                              "draws MA well)")
