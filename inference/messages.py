"""What inference/ says about a model, a device, an analysis or a data set it cannot use, as templates.

The code fills them with ``.format`` in English (the command line prints that); the interface matches a text
against the same templates (app/inference_messages.py) and shows it in the interface's language. A figure that
Python would quote (``{name!r}``) is passed already quoted, so the English stays as it was."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

# ModelError reasons and hints: inference.model_card, loading, registry, models, gradcam
CARD_LACKS = QT_TRANSLATE_NOOP("ModelMessages", "model card lacks {fields}")
CARD_NEEDS = QT_TRANSLATE_NOOP("ModelMessages", "every model.json needs name, task, architecture, encoder and classes")
INVALID_CARD = QT_TRANSLATE_NOOP("ModelMessages", "invalid model card: {problems}")
COMPARE_WITH_TRAINED = QT_TRANSLATE_NOOP("ModelMessages", "compare it with a card written by `retina-review train`")
CARD_MALFORMED = QT_TRANSLATE_NOOP("ModelMessages", "model card has a malformed field ({error})")
FIX_CARD = QT_TRANSLATE_NOOP("ModelMessages", "fix model.json or re-export the model")
CARD_NOT_FOUND = QT_TRANSLATE_NOOP("ModelMessages", "model card not found")
MODEL_IS_FOLDER = QT_TRANSLATE_NOOP("ModelMessages", "a model is a folder holding {weights} and {card}")
CANNOT_READ_CARD = QT_TRANSLATE_NOOP("ModelMessages", "cannot read the model card ({error})")
RESTORE_CARD = QT_TRANSLATE_NOOP("ModelMessages", "restore model.json from the model's source")
CARD_NOT_OBJECT = QT_TRANSLATE_NOOP("ModelMessages", "model card is not a JSON object")
SECOND_MODEL = QT_TRANSLATE_NOOP("ModelMessages", "a second model for task {task} (already using {path})")
ONE_PER_TASK = QT_TRANSLATE_NOOP("ModelMessages", "pass one model per task")
WRONG_TASK = QT_TRANSLATE_NOOP("ModelMessages", "is a {actual} model, not a {task} model")
CHOOSE_IN_SETTINGS = QT_TRANSLATE_NOOP("ModelMessages", "choose a {task} model for that task in Settings")
WEIGHTS_MISSING = QT_TRANSLATE_NOOP("ModelMessages", "weights file missing")
COPY_WEIGHTS = QT_TRANSLATE_NOOP("ModelMessages", "copy {weights} next to {card}")
NO_SHA = QT_TRANSLATE_NOOP("ModelMessages", "model card has no sha256 of the weights")
RESAVE = QT_TRANSLATE_NOOP("ModelMessages", "re-save the model with inference.model_card.save_model_folder")
CHECKSUM = QT_TRANSLATE_NOOP("ModelMessages", "checksum mismatch (card says {expected}…, file is {actual}…)")
WEIGHTS_DAMAGED = QT_TRANSLATE_NOOP("ModelMessages", "the file is damaged or not the one the card describes; copy "
                                                     "the model again")
CANNOT_READ_WEIGHTS = QT_TRANSLATE_NOOP("ModelMessages", "cannot read the weights ({error})")
COPY_AGAIN = QT_TRANSLATE_NOOP("ModelMessages", "copy the model again")
CHECKPOINT_NOT_FOUND = QT_TRANSLATE_NOOP("ModelMessages", "checkpoint not found")
CHECK_PATH = QT_TRANSLATE_NOOP("ModelMessages", "check the path")
PICKLED = QT_TRANSLATE_NOOP("ModelMessages", "refused: the checkpoint contains Python objects other than tensors, "
                                             "which could run code when loaded")
EXPORT_STATE_DICT = QT_TRANSLATE_NOOP("ModelMessages", "export it as a plain state_dict or safetensors")
UNREADABLE_CHECKPOINT = QT_TRANSLATE_NOOP("ModelMessages", "not a readable PyTorch checkpoint ({error})")
CHECK_COMPLETE = QT_TRANSLATE_NOOP("ModelMessages", "check that the file is complete")
NO_STATE_DICT = QT_TRANSLATE_NOOP("ModelMessages", "the checkpoint holds no state dict")
SAVE_STATE_DICT = QT_TRANSLATE_NOOP("ModelMessages", "save model.state_dict(), not the model")
NOT_A_TENSOR = QT_TRANSLATE_NOOP("ModelMessages", "entry {key} is not a tensor")
SAVE_STATE_DICT_ONLY = QT_TRANSLATE_NOOP("ModelMessages", "save model.state_dict() only")
ARCH_NOT_UNDERSTOOD = QT_TRANSLATE_NOOP("ModelMessages", "architecture {spec} not understood")
GIVE_ARCH = QT_TRANSLATE_NOOP("ModelMessages", "give it as ARCHITECTURE:ENCODER, e.g. unet:resnet34, "
                                               "unetplusplus:efficientnet-b0, manet:se_resnext50_32x4d")
NO_SEGMENTATION_HEAD = QT_TRANSLATE_NOOP("ModelMessages", "no segmentation_head in the checkpoint")
ONLY_SMP = QT_TRANSLATE_NOOP("ModelMessages", "only segmentation-models-pytorch segmentation checkpoints are accepted")
CLASS_COUNT = QT_TRANSLATE_NOOP("ModelMessages", "{count} classes given but the checkpoint outputs {channels} "
                                                 "channels")
ONE_NAME_PER_CHANNEL = QT_TRANSLATE_NOOP("ModelMessages", "list one class name per output channel")
CANNOT_GUESS_CLASSES = QT_TRANSLATE_NOOP("ModelMessages", "the checkpoint outputs {channels} channels; cannot guess "
                                                          "the classes")
GIVE_CLASS_NAMES = QT_TRANSLATE_NOOP("ModelMessages", "give the class names, one per channel (e.g. "
                                                      "background,MA,HE,EX,SE)")
WEIGHTS_DO_NOT_FIT = QT_TRANSLATE_NOOP("ModelMessages", "weights do not fit {architecture} {kind} with encoder "
                                                        "{encoder} and {classes} classes: {details}")
CHECK_ARCHITECTURE = QT_TRANSLATE_NOOP("ModelMessages", "check the architecture, encoder and classes")
NO_SUCH_MODEL = QT_TRANSLATE_NOOP("ModelMessages", "no such model")
KNOWN_MODELS = QT_TRANSLATE_NOOP("ModelMessages", "known models: {known}; searched {searched}")
NONE_INSTALLED = QT_TRANSLATE_NOOP("ModelMessages", "none installed")  # KNOWN_MODELS's {known} without models
NOT_MODEL_OR_CHECKPOINT = QT_TRANSLATE_NOOP("ModelMessages", "not a model folder or a PyTorch checkpoint")
GIVE_FOLDER_OR_CHECKPOINT = QT_TRANSLATE_NOOP("ModelMessages", "give a folder with {weights} + {card}, or a "
                                                               "{suffixes} state dict")
PLAIN_CHECKPOINT = QT_TRANSLATE_NOOP("ModelMessages", "a plain checkpoint does not say its architecture")
GIVE_ARCH_EXAMPLE = QT_TRANSLATE_NOOP("ModelMessages", "give it, e.g. --arch unet:resnet34")
CAM_LAYER_MISSING = QT_TRANSLATE_NOOP("ModelMessages", "Grad-CAM layer not found in the model")
SET_CAM_LAYER = QT_TRANSLATE_NOOP("ModelMessages", "set cam_layer in model.json to a module name such as "
                                                   "{candidates}")
PATCH_SIZE = QT_TRANSLATE_NOOP("ModelMessages", "a patch classifier takes {patch} patches, the card says "
                                                "{given}")
RETRAIN_CANDIDATES = QT_TRANSLATE_NOOP("ModelMessages", "retrain it with `retina-review train candidates`")
UNKNOWN_SEGMENTATION_ARCH = QT_TRANSLATE_NOOP("ModelMessages", "unknown segmentation architecture {name}")
USE_ONE_OF = QT_TRANSLATE_NOOP("ModelMessages", "use one of {choices}")
CANNOT_BUILD = QT_TRANSLATE_NOOP("ModelMessages", "cannot build {architecture} with encoder {encoder} ({error})")
CHECK_ENCODER = QT_TRANSLATE_NOOP("ModelMessages", "check the encoder name in model.json")
UNKNOWN_TIMM_MODEL = QT_TRANSLATE_NOOP("ModelMessages", "unknown timm model {name}")
SEE_TIMM_NAMES = QT_TRANSLATE_NOOP("ModelMessages", "see timm.list_models() for the names")
UNKNOWN_TIMM_ENCODER = QT_TRANSLATE_NOOP("ModelMessages", "unknown timm encoder {name}")
SEE_TIMM = QT_TRANSLATE_NOOP("ModelMessages", "see timm.list_models()")
UNKNOWN_ENCODER = QT_TRANSLATE_NOOP("ModelMessages", "unknown encoder {name}")
USE_SMP_ENCODER = QT_TRANSLATE_NOOP("ModelMessages", "use a segmentation-models-pytorch encoder name, 'tu-<timm "
                                                     "name>' or, for classifiers, 'timm:<timm name>'")
MEMBER_UNFIT = QT_TRANSLATE_NOOP("ModelMessages", "cannot draw {classes} for the model around it: a member is a "
                                                  "lesion-segmentation model in pixels mode with those classes, "
                                                  "input size {size}, the same field-of-view crop and padding, "
                                                  "and no members of its own")
MEMBER_CHECKSUM = QT_TRANSLATE_NOOP("ModelMessages", "not the member the model around it pins (member_sha256 "
                                                     "{expected}…, this member's {actual}…)")
ASSEMBLE_AGAIN = QT_TRANSLATE_NOOP("ModelMessages", "copy the whole model folder again, or assemble it again with "
                                                    "inference.training.ship_member")
# WEIGHTS_DO_NOT_FIT's {kind}
NETWORK_KINDS = (QT_TRANSLATE_NOOP("ModelMessages", "segmentation"), QT_TRANSLATE_NOOP("ModelMessages", "classifier"))
MODEL_TEMPLATES: tuple[str, ...] = (
    CARD_LACKS, CARD_NEEDS, INVALID_CARD, COMPARE_WITH_TRAINED, CARD_MALFORMED, FIX_CARD, CARD_NOT_FOUND,
    MODEL_IS_FOLDER, CANNOT_READ_CARD, RESTORE_CARD, CARD_NOT_OBJECT, SECOND_MODEL, ONE_PER_TASK, WRONG_TASK,
    CHOOSE_IN_SETTINGS, WEIGHTS_MISSING, COPY_WEIGHTS, NO_SHA, RESAVE, CHECKSUM, WEIGHTS_DAMAGED, CANNOT_READ_WEIGHTS,
    COPY_AGAIN, CHECKPOINT_NOT_FOUND, CHECK_PATH, PICKLED, EXPORT_STATE_DICT, UNREADABLE_CHECKPOINT, CHECK_COMPLETE,
    NO_STATE_DICT, SAVE_STATE_DICT, NOT_A_TENSOR, SAVE_STATE_DICT_ONLY, ARCH_NOT_UNDERSTOOD, GIVE_ARCH,
    NO_SEGMENTATION_HEAD, ONLY_SMP, CLASS_COUNT, ONE_NAME_PER_CHANNEL, CANNOT_GUESS_CLASSES, GIVE_CLASS_NAMES,
    WEIGHTS_DO_NOT_FIT, CHECK_ARCHITECTURE, NO_SUCH_MODEL, KNOWN_MODELS, NOT_MODEL_OR_CHECKPOINT,
    GIVE_FOLDER_OR_CHECKPOINT, PLAIN_CHECKPOINT, GIVE_ARCH_EXAMPLE, CAM_LAYER_MISSING, SET_CAM_LAYER, PATCH_SIZE,
    RETRAIN_CANDIDATES, UNKNOWN_SEGMENTATION_ARCH, USE_ONE_OF, CANNOT_BUILD, CHECK_ENCODER, UNKNOWN_TIMM_MODEL,
    SEE_TIMM_NAMES, UNKNOWN_TIMM_ENCODER, SEE_TIMM, UNKNOWN_ENCODER, USE_SMP_ENCODER, MEMBER_UNFIT, MEMBER_CHECKSUM,
    ASSEMBLE_AGAIN)

# why weights do not fit a network (WEIGHTS_DO_NOT_FIT's {details}, joined by "; ")
WRONG_SHAPES = QT_TRANSLATE_NOOP("WeightProblems", "{count} tensors of the wrong shape (first: {first})")
MISSING_TENSORS = QT_TRANSLATE_NOOP("WeightProblems", "{count} missing (first: {first})")
UNEXPECTED_TENSORS = QT_TRANSLATE_NOOP("WeightProblems", "{count} unexpected (first: {first})")
WEIGHT_PROBLEMS: tuple[str, ...] = (WRONG_SHAPES, MISSING_TENSORS, UNEXPECTED_TENSORS)

# what is wrong in a model card (INVALID_CARD's {problems}, joined by "; "): inference.card_schema, model_card
MUST_BE_TEXT = QT_TRANSLATE_NOOP("CardProblems", "{key} must be text, not {kind}")
MUST_BE_OBJECT = QT_TRANSLATE_NOOP("CardProblems", "{key} must be an object, not {kind}")
MUST_BE_NAMES = QT_TRANSLATE_NOOP("CardProblems", "{key} must be a list of names (text)")
INPUT_SIZE_TYPE = QT_TRANSLATE_NOOP("CardProblems", "input_size must be [height, width], two whole numbers")
TEMPERATURE_TYPE = QT_TRANSLATE_NOOP("CardProblems", "temperature must be a number, not {kind}")
THRESHOLDS_TYPE = QT_TRANSLATE_NOOP("CardProblems", "thresholds must map class names to numbers")
NORMALISATION_TYPE = QT_TRANSLATE_NOOP("CardProblems", "normalisation must be {shape}")
PREPROCESSING_TYPE = QT_TRANSLATE_NOOP("CardProblems", "preprocessing must map {flags} to true or false")
MIN_COMPONENT_TYPE = QT_TRANSLATE_NOOP("CardProblems", "min_component_pixels must map class names to whole numbers "
                                                       "of at least 0")
DECODER_CHANNELS_TYPE = QT_TRANSLATE_NOOP("CardProblems", "decoder_channels must be a list of whole numbers")
MIRROR_AVERAGE_TYPE = QT_TRANSLATE_NOOP("CardProblems", "mirror_average must be true or false")
MIRROR_AND_VIEWS = QT_TRANSLATE_NOOP("CardProblems", "mirror_average (of older cards) and averaged_views together: "
                                                    "remove mirror_average")
AVERAGED_VIEWS = QT_TRANSLATE_NOOP("CardProblems", "averaged_views must list different views among {views}")
VIEWS_NEED_SEGMENTATION = QT_TRANSLATE_NOOP("CardProblems", "averaged_views: only a segmentation network's input is "
                                                           "viewed several ways")
INPUT_SIZE_RANGE = QT_TRANSLATE_NOOP("CardProblems", "input_size {size} must be [h, w], each {low}-{high}")
TEMPERATURE_RANGE = QT_TRANSLATE_NOOP("CardProblems", "temperature {value} must be a finite number above 0 and at "
                                                      "most {limit}")
THRESHOLD_RANGE = QT_TRANSLATE_NOOP("CardProblems", "thresholds.{name} is {value}; a threshold is a probability from "
                                                    "0 to 1")
THRESHOLD_CLASS = QT_TRANSLATE_NOOP("CardProblems", "thresholds.{name} names no class of the model (classes: "
                                                    "{names})")
MIN_COMPONENT_CLASS = QT_TRANSLATE_NOOP("CardProblems", "min_component_pixels.{name} names no class of the model")
NORMALISATION_VALUES = QT_TRANSLATE_NOOP("CardProblems", "normalisation needs mean and std with 3 finite values each "
                                                         "(std positive)")
DECODER_CHANNELS_VALUES = QT_TRANSLATE_NOOP("CardProblems", "decoder_channels needs 5 values (one per decoder "
                                                            "stage), each 1-{limit}")
CLASSES_EMPTY = QT_TRANSLATE_NOOP("CardProblems", "classes is empty")
CLASS_TWICE = QT_TRANSLATE_NOOP("CardProblems", "classes {classes} names a class twice")
CLASS_COUNT_FOR_TASK = QT_TRANSLATE_NOOP("CardProblems", "classes has {count} names; a {task} model has exactly "
                                                         "{expected}")
OCT_CLASS_NAMES = QT_TRANSLATE_NOOP("CardProblems", "classes {classes}: an oct model has 2-{count} of {names}")
LESION_CLASS_NAMES = QT_TRANSLATE_NOOP("CardProblems", "classes {classes}: a {task} model has lesion class names "
                                                       "(MA, HE, EX, SE, OD) and optionally {background} first")
DISC_CLASS = QT_TRANSLATE_NOOP("CardProblems", "classes {classes}: an optic-disc model needs the class 'OD'")
CANDIDATE_CLASS = QT_TRANSLATE_NOOP("CardProblems", "classes {classes}: a candidates model names the one "
                                                    "lesion class it draws (MA, HE, EX, SE)")
UNKNOWN_TASK = QT_TRANSLATE_NOOP("CardProblems", "unknown task {task} (known: {known})")
UNKNOWN_ARCHITECTURE = QT_TRANSLATE_NOOP("CardProblems", "unknown architecture {name} (known: {known})")
UNKNOWN_ACTIVATION = QT_TRANSLATE_NOOP("CardProblems", "unknown activation {name} (known: {known})")
SIZE_MULTIPLE_OF_32 = QT_TRANSLATE_NOOP("CardProblems", "input_size {size} must be multiples of 32 for segmentation")
CLASSICAL_CLASSES = QT_TRANSLATE_NOOP("CardProblems", "classical_classes {classes}: lesion classes of this card, for "
                                                      "a lesion-segmentation model in pixels mode only")
MASK_MODE = QT_TRANSLATE_NOOP("CardProblems", "mask_mode {mode}: use one of {modes} ('gate-classical' for "
                                              "lesion-segmentation only)")
NEEDS_SEGMENTATION_ARCH = QT_TRANSLATE_NOOP("CardProblems", "task {task} needs a segmentation architecture (unet, "
                                                            "unetplusplus, manet)")
CANDIDATE_ARCH = QT_TRANSLATE_NOOP("CardProblems", "the tasks {tasks} and architecture 'patch-classifier' go "
                                                  "together")
CANDIDATE_KIND = QT_TRANSLATE_NOOP("CardProblems", "task {task} and encoder {encoder} (dark regions) go together; "
                                                  "{dots} is for dark dots")
BLEND_WITH = QT_TRANSLATE_NOOP("CardProblems", "blend_with: only a candidates model ({tasks}) is averaged with "
                                              "a lesion model")
BLEND_SHA256 = QT_TRANSLATE_NOOP("CardProblems", "blend_sha256 without blend_with: it pins the weights of the lesion "
                                                "model blend_with names")
BLEND_MEMBER = QT_TRANSLATE_NOOP("CardProblems", "blend_member and blend_levels need blend_with; blend_member names a "
                                                "sub-folder of that model's folder plainly")
BLEND_LEVELS = QT_TRANSLATE_NOOP("CardProblems", "blend_levels must be two numbers between 0 and 1: the partner map's "
                                                "threshold and this model's")
NEEDS_CLASSIFIER = QT_TRANSLATE_NOOP("CardProblems", "task {task} needs architecture 'classifier'")
MUST_MAP_TEXT = QT_TRANSLATE_NOOP("CardProblems", "{key} must map names to text")
CLASS_MEMBERS = QT_TRANSLATE_NOOP("CardProblems", "class_members {members}: lesion classes of this card (not its "
                                                  "classical_classes), each drawn by a sub-folder named plainly, for "
                                                  "a lesion-segmentation model in pixels mode only")
MEMBER_SHA256 = QT_TRANSLATE_NOOP("CardProblems", "member_sha256 must pin the weights of each sub-folder "
                                                  "class_members names, and of no other")
MEMBER_MIN_FIELD_TYPE = QT_TRANSLATE_NOOP("CardProblems",
                                          "member_min_field must be a whole number of pixels, 0 or more")
MEMBER_LEVELS = QT_TRANSLATE_NOOP("CardProblems", "member_levels must give a class class_members names two levels: the "
                                                  "member's threshold, between 0 and 1, and this card's threshold of "
                                                  "the class")
MEMBERS_WITHOUT_MEMBERS = QT_TRANSLATE_NOOP("CardProblems", "member_min_field and members_averaged need class_members")
MEMBERS_AVERAGED_TYPE = QT_TRANSLATE_NOOP("CardProblems", "members_averaged must be true or false")
# the JSON kinds MUST_BE_TEXT, MUST_BE_OBJECT and TEMPERATURE_TYPE name
JSON_KINDS = (QT_TRANSLATE_NOOP("CardProblems", "an object"), QT_TRANSLATE_NOOP("CardProblems", "a list"),
              QT_TRANSLATE_NOOP("CardProblems", "text"), QT_TRANSLATE_NOOP("CardProblems", "true/false"),
              QT_TRANSLATE_NOOP("CardProblems", "null"), QT_TRANSLATE_NOOP("CardProblems", "a number"))
CARD_PROBLEMS: tuple[str, ...] = (
    MUST_BE_TEXT, MUST_BE_OBJECT, MUST_BE_NAMES, INPUT_SIZE_TYPE, TEMPERATURE_TYPE, THRESHOLDS_TYPE,
    NORMALISATION_TYPE, PREPROCESSING_TYPE, MIN_COMPONENT_TYPE, DECODER_CHANNELS_TYPE, MIRROR_AVERAGE_TYPE,
    MIRROR_AND_VIEWS, AVERAGED_VIEWS, VIEWS_NEED_SEGMENTATION,
    INPUT_SIZE_RANGE, TEMPERATURE_RANGE, THRESHOLD_RANGE, THRESHOLD_CLASS, MIN_COMPONENT_CLASS, NORMALISATION_VALUES,
    DECODER_CHANNELS_VALUES, CLASSES_EMPTY, CLASS_TWICE, CLASS_COUNT_FOR_TASK, OCT_CLASS_NAMES, LESION_CLASS_NAMES,
    DISC_CLASS, CANDIDATE_CLASS, UNKNOWN_TASK, UNKNOWN_ARCHITECTURE, UNKNOWN_ACTIVATION, SIZE_MULTIPLE_OF_32,
    CLASSICAL_CLASSES, MASK_MODE, NEEDS_SEGMENTATION_ARCH, CANDIDATE_ARCH, NEEDS_CLASSIFIER, CANDIDATE_KIND,
    BLEND_WITH, BLEND_SHA256, BLEND_MEMBER, BLEND_LEVELS, MUST_MAP_TEXT, CLASS_MEMBERS, MEMBER_SHA256,
    MEMBER_MIN_FIELD_TYPE, MEMBER_LEVELS, MEMBERS_AVERAGED_TYPE, MEMBERS_WITHOUT_MEMBERS)

# an analysis: the device (inference.device), and the pipeline's warnings and defects (inference.pipeline)
UNKNOWN_DEVICE = QT_TRANSLATE_NOOP("AnalysisMessages", "unknown device {name}; use one of {choices}")
NO_CUDA = QT_TRANSLATE_NOOP("AnalysisMessages", "device 'cuda' requested but no CUDA GPU is available; {advice}")
NO_MPS = QT_TRANSLATE_NOOP("AnalysisMessages", "device 'mps' requested but Apple MPS is not available; {advice}")
# NO_CUDA's and NO_MPS's {advice}: the command line's, which it says in the interface's language; the interface shows
# its own instead (app/inference_messages.py)
USE_AUTO_OR_CPU = QT_TRANSLATE_NOOP("AnalysisMessages", "use --device auto or cpu")
AUTO_OR_CPU_IN_SETTINGS = QT_TRANSLATE_NOOP("AnalysisMessages", "set Device to automatic or cpu in Settings (File "
                                                                "menu)")
ANALYSED_REDUCED = QT_TRANSLATE_NOOP("AnalysisMessages", "the image is {width}x{height} pixels, more than the {limit} "
                                                         "megapixels analysed at once: it was analysed at "
                                                         "{work_width}x{work_height} and the results scaled back")
# a multi-page TIFF that is no volume (pages in colour or of other sizes) opens as its first page
# (annotations.image_io.tiff_pages; a TIFF volume's pages are B-scans, annotations.tiff_volume)
FIRST_PAGE_ANALYSED = QT_TRANSLATE_NOOP("AnalysisMessages", "the file is a TIFF of {pages} pages, which opens as one "
                                                            "picture: only its first page was analysed (a "
                                                            "multi-frame DICOM file opens frame by frame, a TIFF "
                                                            "page by page only where every page is grey and of one "
                                                            "size); save the volume as DICOM, or each page as an "
                                                            "image of its own, to analyse every page")
OUT_OF_MEMORY = QT_TRANSLATE_NOOP("AnalysisMessages", "out of {device} memory; this job continues on the CPU")
INTERNAL_ERROR = QT_TRANSLATE_NOOP("AnalysisMessages", "internal error ({error}); please report it")
# the machine, not the image nor the program, short of memory (on the CPU, or after OUT_OF_MEMORY's move to it)
NOT_ENOUGH_MEMORY = QT_TRANSLATE_NOOP("AnalysisMessages", "not enough memory to analyse the image; close other "
                                                          "programs and analyse it again")
ANALYSIS_TEMPLATES: tuple[str, ...] = (UNKNOWN_DEVICE, NO_CUDA, NO_MPS, ANALYSED_REDUCED, OUT_OF_MEMORY,
                                       INTERNAL_ERROR, NOT_ENOUGH_MEMORY, FIRST_PAGE_ANALYSED)

# the files `analyze` writes per image (inference.outputs)
UNKNOWN_OUTPUT = QT_TRANSLATE_NOOP("OutputMessages", "unknown output {kinds}; choose from {choices}")
NONE_GIVEN = QT_TRANSLATE_NOOP("OutputMessages", "(none given)")  # UNKNOWN_OUTPUT's {kinds} where --outputs names none
OUTPUT_TEMPLATES: tuple[str, ...] = (UNKNOWN_OUTPUT,)

# a data set to train or evaluate on (inference.dataset)
NOT_A_DATA_FOLDER = QT_TRANSLATE_NOOP("DataMessages", "{path}: not a folder; give the folder of an exported data set, "
                                                      "an IDRiD-style folder, a folder of images with VOC files, or "
                                                      "one sub-folder of images per class")
SECOND_IMAGE = QT_TRANSLATE_NOOP("DataMessages", "{path}: a second image named {name} (first: {first}); image names "
                                                 "must be unique within a data set")
NO_IMAGES = QT_TRANSLATE_NOOP("DataMessages", "{path}: no images found (supported: .jpg .jpeg .png .tif .tiff .bmp)")
NAMES_WITHOUT_IMAGE = QT_TRANSLATE_NOOP("DataMessages", "{count} names in {folder} have no image (first: {first}); "
                                                        "ignored")
UNLISTED_IMAGES = QT_TRANSLATE_NOOP("DataMessages", "{count} images are in no split list (first: {first}); not used")
# a folder of photos with VOC boxes to score on (inference.box_eval)
NO_BOX_FOLDER = QT_TRANSLATE_NOOP("DataMessages", "{path}: folder not found; give a folder with voc/ and images/ (or "
                                                  "VOC XML files beside their images)")
NO_VOC_PAIRS = QT_TRANSLATE_NOOP("DataMessages", "{path}: no VOC file with a matching image")
NO_VOC_PAIRS_AMONG_IDS = QT_TRANSLATE_NOOP("DataMessages", "{path}: no VOC file with a matching image among the "
                                                           "requested ids")
NOT_HARD_NEGATIVES = QT_TRANSLATE_NOOP("DataMessages", "{path}: not a hard-negatives file as the export writes it "
                                                       "({error}); {advice}")
# NOT_HARD_NEGATIVES's {advice}: only the program's dataset export writes that file, so exporting again replaces it
# (the command line's words); the interface reads one only in retraining's own export, which a new run writes afresh,
# and says so instead (app/inference_messages.py)
EXPORT_DATASET_AGAIN = "export the cases again (retina-review export FOLDER --format dataset --out DIR)"
RETRAIN_EXPORTS_AGAIN = QT_TRANSLATE_NOOP("DataMessages", "retrain, which exports the reviewed cases afresh")
SPLIT_LIST_NOT_TEXT = QT_TRANSLATE_NOOP("DataMessages", "{path}: not a split list in UTF-8 text ({error}); save it as "
                                                        "UTF-8 text, one image name a line")
DATA_TEMPLATES: tuple[str, ...] = (NOT_A_DATA_FOLDER, SECOND_IMAGE, NO_IMAGES, NAMES_WITHOUT_IMAGE, UNLISTED_IMAGES,
                                   NOT_HARD_NEGATIVES, SPLIT_LIST_NOT_TEXT, NO_BOX_FOLDER, NO_VOC_PAIRS,
                                   NO_VOC_PAIRS_AMONG_IDS)
