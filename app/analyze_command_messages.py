"""What `analyze` prints on the console, as templates marked for translation (context "AnalyzeCommand"): said in the
interface's language (app.command_words), as `reading` and `report` say their own. What inference/ says (the
summary, a photo that failed, the Ray cluster) is its own (inference.batch)."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "AnalyzeCommand"
# why a run does not start
NO_DESTINATION = QT_TRANSLATE_NOOP("AnalyzeCommand", "give --out DIR, --workspace FOLDER or both: the results need "
                                                     "somewhere to go")
UNDER_TORCHRUN = QT_TRANSLATE_NOOP("AnalyzeCommand", "analyze runs as one process, and torchrun started {count}, "
                                                    "each of which would analyse every photo: run it without "
                                                    "torchrun, with --engine ray to share the photos out to processes "
                                                    "or machines")
RAY_OPTIONS = QT_TRANSLATE_NOOP("AnalyzeCommand", "{options}: options of --engine ray; this run is local (add "
                                                  "--engine ray)")
NO_HEAT_MAP = QT_TRANSLATE_NOOP("AnalyzeCommand", "--cam-grade chooses the grade the heat map explains, and this run "
                                                  "keeps no heat map (add cam to --outputs, or give --workspace "
                                                  "FOLDER)")
NO_IMAGES = QT_TRANSLATE_NOOP("AnalyzeCommand", "no images to analyse (supported: .jpg .jpeg .png .tif .tiff .bmp, "
                                                "DICOM)")
# an output folder refused (its error first) that holds what an earlier run finished
FINISHED_THERE = QT_TRANSLATE_NOOP("AnalyzeCommand", "{error} ({count} of these images were finished there by an "
                                                     "earlier run: --resume analyses only the others)")
RAY_FAILED = QT_TRANSLATE_NOOP("AnalyzeCommand", "the Ray cluster could not run the batch ({error})")

# what the images named hold (warnings)
NO_IMAGES_IN_FOLDER = QT_TRANSLATE_NOOP("AnalyzeCommand", "{folder}: no images in this folder")
LABELS_ONLY = QT_TRANSLATE_NOOP("AnalyzeCommand", "{folder}: its {count} image(s) are lesion masks of the photos "
                                                  "named, their label files: not analysed")
# a folder of labels named, or some of its files, whose photos lie in a folder beside it (photo_sorter)
MASKS_OF_PHOTOS = QT_TRANSLATE_NOOP("AnalyzeCommand", "{folder}: these are lesion masks of the photos in {photos}, not "
                                                      "photos; name {photos} to analyse the photos")
MASK_FILES_OF_PHOTOS = QT_TRANSLATE_NOOP("AnalyzeCommand", "{folder}: the {count} image(s) named there ({files}) are "
                                                           "lesion masks of the photos in {photos}, not photos; name "
                                                           "{photos} to analyse the photos")
NOT_AN_IMAGE = QT_TRANSLATE_NOOP("AnalyzeCommand", "{path}: not an image file, skipped")
NOT_FOUND = QT_TRANSLATE_NOOP("AnalyzeCommand", "{path}: not found")
IN_SUB_FOLDERS = QT_TRANSLATE_NOOP("AnalyzeCommand", "{folder}: {count} image(s) in its sub-folders are not analysed "
                                                     "({names}); name each sub-folder to analyse its images too")
# sub-folders of a folder named that hold the masks of photos beside it (DDR's label/EX/ of image/: photo_sorter)
MASKS_IN_SUB_FOLDERS = QT_TRANSLATE_NOOP("AnalyzeCommand", "{folder}: the {count} image(s) in its sub-folders "
                                                           "({names}) are lesion masks of the photos in {photos}, not "
                                                           "photos; name {photos} to analyse the photos")

# what the run does otherwise than asked (notes)
EXTENDED = QT_TRANSLATE_NOOP("AnalyzeCommand", "{count} images finished by an earlier run lack outputs asked for now "
                                               "({outputs}): they are analysed again and their earlier files "
                                               "replaced")
ANALYSED_BEFORE = QT_TRANSLATE_NOOP("AnalyzeCommand", "{count} of {total} images already have an AI result in "
                                                      "{workspace}; they are analysed again (--resume analyses only "
                                                      "the others)")
SKIPPED = QT_TRANSLATE_NOOP("AnalyzeCommand", "{count} of {total} images were finished by an earlier run and are "
                                              "skipped (--resume); analysing the other {todo}")
FUNDUS_CASES = QT_TRANSLATE_NOOP("AnalyzeCommand", "{count} image(s) are analysed as the fundus photos their cases "
                                                   "record, not as --oct says (View > Modality in the window changes "
                                                   "a case's)")

# the models
LOADING = QT_TRANSLATE_NOOP("AnalyzeCommand", "loading the models…")
NO_MODEL = QT_TRANSLATE_NOOP("AnalyzeCommand", "No learned model installed (searched {folders}): reporting image "
                                               "quality and field of view, lesion candidates from the classical "
                                               "detector and a grade from ICDR rules only.")
MODELS = QT_TRANSLATE_NOOP("AnalyzeCommand", "models: {models}; device: {device}")
# the images are OCT scans alone and no OCT model is installed (inference.model_plan.loads_models)
OCT_ONLY = QT_TRANSLATE_NOOP("AnalyzeCommand", "Every image is an OCT scan and no OCT model is installed "
                                               "(retina-review train oct): their quality is checked, no model is "
                                               "loaded.")
MODEL_FOR_TASK = QT_TRANSLATE_NOOP("AnalyzeCommand", "{name} ({task})")  # MODELS's {models}, each
EACH_RAY_WORKER = QT_TRANSLATE_NOOP("AnalyzeCommand", "each Ray worker")  # MODELS's {device} on a Ray cluster
NO_GRADE_MODEL = QT_TRANSLATE_NOOP("AnalyzeCommand", "--cam-grade has no effect: no DR grade model is installed (a "
                                                     "heat map, where one is drawn, shows where the lesions-present "
                                                     "model found signs of retinopathy)")
UNTILED = QT_TRANSLATE_NOOP("AnalyzeCommand", "--tiled segments lesions at twice the resolution, which these were not "
                                              "trained or tuned for: {networks}; expect worse masks (docs/models.md: "
                                              "the shipped lesion model's validation Dice falls, SE 0.48 -> 0.15)")
# UNTILED's {networks}, each
TRAINED_AT = QT_TRANSLATE_NOOP("AnalyzeCommand", "{name} (trained at {size} px)")
MEMBER = QT_TRANSLATE_NOOP("AnalyzeCommand", "{model}'s member {member}")  # a network of the lesion model
BLENDED = QT_TRANSLATE_NOOP("AnalyzeCommand", "{name} (its threshold chosen on the untiled map it averages with)")
