"""What the label file readers say about a file (the reasons of their FormatErrors and their notes about boxes
they repaired or skipped), as templates: filled with ``.format`` in English (the command line prints that),
matched by the interface (widgets/domain_messages.py) to show them in the interface's language.

Three contexts, because some texts hold others: a reason or note names its place in the file ({where}, one of
PLACES) and a repaired box says how ({repair}, one of REPAIRS)."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

# where in a file
VOC_OBJECT = QT_TRANSLATE_NOOP("LabelFilePlaces", "object {index} ({name})")
VOC_FIELD = QT_TRANSLATE_NOOP("LabelFilePlaces", "object {index} ({name})/{tag}")  # VOC_OBJECT + "/" + tag
LABELME_SHAPE = QT_TRANSLATE_NOOP("LabelFilePlaces", "shape {number} ({name}, {kind})")
COCO_ANNOTATION = QT_TRANSLATE_NOOP("LabelFilePlaces", "annotation {id}")
FILE_LINE = QT_TRANSLATE_NOOP("LabelFilePlaces", "line {line} ({name})")  # grades CSV, YOLO
CVAT_SHAPE = QT_TRANSLATE_NOOP("LabelFilePlaces", "image {image}, {kind} {number} ({name})")
CVAT_FIELD = QT_TRANSLATE_NOOP("LabelFilePlaces", "image {image}, {kind} {number} ({name})/{field}")  # CVAT_SHAPE/
PLACES: tuple[str, ...] = (VOC_FIELD, VOC_OBJECT, LABELME_SHAPE, COCO_ANNOTATION, FILE_LINE, CVAT_FIELD, CVAT_SHAPE)

# how a box was repaired (annotations.formats.voc.repair_coords, for VOC and COCO)
X_SWAPPED = QT_TRANSLATE_NOOP("BoxRepairs", "xmin and xmax were swapped")
Y_SWAPPED = QT_TRANSLATE_NOOP("BoxRepairs", "ymin and ymax were swapped")
OUTSIDE_IMAGE = QT_TRANSLATE_NOOP("BoxRepairs", "lies outside the {width}x{height} image, skipped")
CLAMPED = QT_TRANSLATE_NOOP("BoxRepairs", "clamped from {box} to the {width}x{height} image")
REPAIRS: tuple[str, ...] = (X_SWAPPED, Y_SWAPPED, OUTSIDE_IMAGE, CLAMPED)

# notes: a box or shape repaired or skipped
REPAIRED = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: {repair}")
COCO_REPAIRED = QT_TRANSLATE_NOOP("LabelFileMessages", "{image} {where}: {repair}")
RECTANGLE_CORNERS = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: a rectangle needs 2 corners, it has {count}; "
                                                           "skipped")
ORIENTED_CORNERS = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: an oriented rectangle needs 4 corners, it has "
                                                          "{count}; skipped")
ORIENTED_RECTANGLE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: turned, taken as its axis-aligned bounding box")
CIRCLE_POINTS = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: a circle needs its centre and a rim point; skipped")
POLYGON_POINTS = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: a polygon needs 3 points or more; skipped")
# reasons (annotations.formats.voc)
VOC_SIZE = QT_TRANSLATE_NOOP("LabelFileMessages", "image size is {width}x{height}; the file needs the image's real "
                                                  "size (open and save it in labelImg to fill it in)")
NOT_XML = QT_TRANSLATE_NOOP("LabelFileMessages", "not well-formed XML ({error}); re-save it in labelImg or fix the "
                                                 "line named")
DOCTYPE = QT_TRANSLATE_NOOP("LabelFileMessages", "contains a DOCTYPE declaration, which VOC files never need and which "
                                                 "can make a parser read other files; refused")
NOT_VOC = QT_TRANSLATE_NOOP("LabelFileMessages", "root element is <{tag}>, expected <annotation> (is this a VOC "
                                                 "file?)")
NO_BNDBOX = QT_TRANSLATE_NOOP("LabelFileMessages", "{where} has no <bndbox>")
TAG_MISSING = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: <{tag}> is missing or empty")
NOT_A_NUMBER = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: {text} is not a number")
NOT_FINITE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: {text} is not a finite number")
# (annotations.formats.yolo, annotations.workspace.label_readers)
YOLO_FIELDS = QT_TRANSLATE_NOOP("LabelFileMessages", "line {line} has {count} fields; a YOLO line is 'class x_centre "
                                                     "y_centre width height', or 'class x1 y1 x2 y2 x3 y3 …' for an "
                                                     "outline")
YOLO_CLASS = QT_TRANSLATE_NOOP("LabelFileMessages", "line {line}: class {index} is not a line of {classes} (it names "
                                                    "{count} class(es))")
YOLO_NOT_A_NUMBER = QT_TRANSLATE_NOOP("LabelFileMessages", "line {line}: {text} is not a number")
YOLO_NOT_FINITE = QT_TRANSLATE_NOOP("LabelFileMessages", "line {line}: {text} is not a finite number")
YOLO_NOT_UTF8 = QT_TRANSLATE_NOOP("LabelFileMessages", "is not UTF-8 text ({error}); is this a YOLO label file?")
YOLO_NO_CLASSES = QT_TRANSLATE_NOOP("LabelFileMessages", "not found; YOLO labels need the class names, one a line, as "
                                                         "labelImg saves them beside the .txt files")
# (annotations.formats.labelme)
LABELME_SHAPES = QT_TRANSLATE_NOOP("LabelFileMessages", "'shapes' must be a list of objects (is this a labelme "
                                                        "file?)")
# {error}: decoder_reason's words (cut short, where its JSON stops, not text), which say what kind of fault
JSON_UNREADABLE = QT_TRANSLATE_NOOP("LabelFileMessages", "cannot be read ({error})")
NOT_LABELME = QT_TRANSLATE_NOOP("LabelFileMessages", "not a labelme file: expected an object at the top level")
LABELME_NO_SIZE = QT_TRANSLATE_NOOP("LabelFileMessages", "imageWidth and imageHeight are missing or not numbers; open "
                                                         "and save it in labelme to fill them in")
LABELME_SIZE = QT_TRANSLATE_NOOP("LabelFileMessages", "claims an image of {width}x{height} pixels; expected a real "
                                                      "image size (at most {limit} megapixels)")
POINTS_NOT_PAIRS = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: 'points' must be a list of [x, y] pairs")
POINT_OUTSIDE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: a point lies far outside the {width}x{height} image "
                                                       "or is not a number")
LABELME_MASK_CORNERS = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: a mask needs the 2 corners of its box, it "
                                                              "has {count}")
LABELME_MASK_DATA = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: 'mask' is not a base64-encoded PNG ({error})")
LABELME_MASK_LARGER = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: the mask's bitmap is {width}x{height} pixels, "
                                                             "larger than the {image_width}x{image_height} image")
LABELME_MASK_CHANNELS = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: the mask's bitmap has more than one channel "
                                                              "(mode {mode}); labelme can place only one-channel "
                                                              "bitmaps: re-encode the shape's bitmap as a one-channel "
                                                              "(black and white) PNG")
# (annotations.formats.coco, annotations.workspace.label_readers)
NOT_COCO = QT_TRANSLATE_NOOP("LabelFileMessages", "not a COCO file: expected lists 'images' and 'categories' at the "
                                                  "top level")
COCO_ANNOTATIONS = QT_TRANSLATE_NOOP("LabelFileMessages", "not a COCO file: 'annotations' must be a list")
COCO_ENTRIES = QT_TRANSLATE_NOOP("LabelFileMessages", "not a COCO file: every entry of '{key}' must be an object")
COCO_CATEGORY_ID = QT_TRANSLATE_NOOP("LabelFileMessages", "category {name} has no valid id (a number)")
COCO_IMAGE_ENTRY = QT_TRANSLATE_NOOP("LabelFileMessages", "image entry {entry} lacks id, file_name, width or height")
COCO_IMAGE_SIZE = QT_TRANSLATE_NOOP("LabelFileMessages", "image {name} claims a size of {width}x{height} pixels; "
                                                         "expected a real image size (at most {limit} megapixels)")
# two entries of one image name (COCO's file_name, CVAT's name): two photos, or one, cannot be told
IMAGE_TWICE = QT_TRANSLATE_NOOP("LabelFileMessages", "image {name} is listed twice; whose shapes are whose cannot be "
                                                     "told")
COCO_MALFORMED = QT_TRANSLATE_NOOP("LabelFileMessages", "annotation {id} is malformed ({error}); fix or remove it")
COCO_NO_IMAGE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where} refers to image {id}, which is not listed")
COCO_NO_CATEGORY = QT_TRANSLATE_NOOP("LabelFileMessages", "{where} refers to category {id}, which is not listed")
COCO_NO_SHAPE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where} has neither a segmentation nor a bbox [x, y, width, "
                                                       "height]")
RLE_NO_SIZE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: RLE has no valid size ({error})")
RLE_SIZE_SHAPE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: RLE size {size} is not [height, width]")
RLE_SIZE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: RLE is {width}x{height} but the image is "
                                                  "{image_width}x{image_height}")
RLE_UNREADABLE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: unreadable RLE ({error})")
SEGMENTATION = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: segmentation is neither RLE nor polygons ({error})")
COCO_JSON_FILES = QT_TRANSLATE_NOOP("LabelFileMessages", "holds {count} .json files and no {default}; give the COCO "
                                                         "file itself with --from")
COCO_ZIP = QT_TRANSLATE_NOOP("LabelFileMessages", "is a zip archive, as CVAT downloads an export; unzip it and "
                                                  "import its COCO file (annotations/instances_default.json in "
                                                  "CVAT's)")
# (annotations.formats.cvat, annotations.workspace.label_readers)
CVAT_NOT_XML = QT_TRANSLATE_NOOP("LabelFileMessages", "not well-formed XML ({error}); export the task from CVAT again "
                                                      "or fix the line named")
CVAT_ZIP = QT_TRANSLATE_NOOP("LabelFileMessages", "is a zip archive, as CVAT downloads an export; unzip it and "
                                                  "import the folder it holds (its annotations.xml)")
CVAT_DOCTYPE = QT_TRANSLATE_NOOP("LabelFileMessages", "contains a DOCTYPE declaration, which CVAT files never need "
                                                      "and which can make a parser read other files; refused")
NOT_CVAT = QT_TRANSLATE_NOOP("LabelFileMessages", "root element is <{tag}>, expected <annotations> (is this a CVAT "
                                                  "XML file?)")
CVAT_TRACKS = QT_TRANSLATE_NOOP("LabelFileMessages", "holds tracks (CVAT for video 1.1); export the task as 'CVAT for "
                                                     "images 1.1' instead")
CVAT_IMAGE_ENTRY = QT_TRANSLATE_NOOP("LabelFileMessages", "image entry {entry} lacks a name, width or height")
CVAT_ATTRIBUTE_MISSING = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: attribute {name} is missing or empty")
CVAT_POINTS = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: points must read x0,y0;x1,y1;…")
CVAT_MASK_OUTSIDE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: the mask's box (left, top, width, height) {box} "
                                                           "reaches outside the {width}x{height} image")
CVAT_ROTATED = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: rotated by {angle}°, taken as its axis-aligned "
                                                      "bounding box")
CVAT_XML_FILES = QT_TRANSLATE_NOOP("LabelFileMessages", "holds {count} .xml files and no {default}; give the CVAT "
                                                        "file itself with --from")
# (annotations.formats.masks)
INDEXED_MODE = QT_TRANSLATE_NOOP("LabelFileMessages", "indexed mask has mode {mode}; expected a palette or greyscale "
                                                      "PNG whose pixel values are class numbers (0 background, 1 MA "
                                                      "... 5 OD)")
INDEXED_VALUES = QT_TRANSLATE_NOOP("LabelFileMessages", "indexed mask has values {values} that are no class number "
                                                        "(expected 0, {classes} or overlaps {overlaps})")
MASK_TOO_LARGE = QT_TRANSLATE_NOOP("LabelFileMessages", "mask is too large to open safely ({error})")
NOT_A_MASK = QT_TRANSLATE_NOOP("LabelFileMessages", "not a readable mask image ({error})")
# Pillow's own words for it name its file object ("cannot identify image file <_io.BufferedReader name=9>")
UNKNOWN_MASK = QT_TRANSLATE_NOOP("LabelFileMessages", "not a readable mask image (unknown or damaged format)")
MASK_TOO_MANY_PIXELS = QT_TRANSLATE_NOOP("LabelFileMessages", "mask is {width}x{height} pixels, too large to open "
                                                              "safely")
MASK_SIZE = QT_TRANSLATE_NOOP("LabelFileMessages", "mask is {width}x{height} but the image is "
                                                   "{image_width}x{image_height}; masks must have the image's exact "
                                                   "size")
MASK_COLOURS = QT_TRANSLATE_NOOP("LabelFileMessages", "looks like a photo, not a class mask (besides black it holds "
                                                      "many shades or more than one hue); replace it with the class's "
                                                      "mask, black and one colour, or move it out of the labels folder")
MASK_DAMAGED = QT_TRANSLATE_NOOP("LabelFileMessages", "mask file cannot be decoded ({error})")
MASK_TWICE = QT_TRANSLATE_NOOP("LabelFileMessages", "{other} is the photo's {cls} mask too; none of its masks "
                                                    "was read: keep one of the two and import again")
# (annotations.formats.grades_csv, annotations.formats.dataset)
CSV_NOT_UTF8 = QT_TRANSLATE_NOOP("LabelFileMessages", "not UTF-8 text ({error}); save it as CSV UTF-8")
CSV_UNREADABLE = QT_TRANSLATE_NOOP("LabelFileMessages", "not a readable CSV ({error}); save it as CSV UTF-8 with the "
                                                        "columns {columns}")
CSV_COLUMNS = QT_TRANSLATE_NOOP("LabelFileMessages", "missing column(s) {missing}; the header must start with "
                                                     "{columns}")
CSV_NO_NAME = QT_TRANSLATE_NOOP("LabelFileMessages", "line {line}: the image name is empty")
CSV_TWICE = QT_TRANSLATE_NOOP("LabelFileMessages", "line {line}: image {name} is listed twice")
CSV_REFERABLE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: Referable is {text}; expected yes, no or empty")
CSV_OCT_CLASS = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: OCT class {text} is not one of {names}")
CSV_GRADE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: {column} is {text}; expected a whole number "
                                                   "0-{highest} or empty")
# a DR grade's cell also takes ``ungradable`` (document.UNGRADABLE, "U"): the reader recorded the photo ungradable
CSV_DR_GRADE = QT_TRANSLATE_NOOP("LabelFileMessages", "{where}: {column} is {text}; expected a whole number "
                                                      "0-{highest}, {ungradable} (an ungradable photo) or empty")
TEMPLATES: tuple[str, ...] = (
    COCO_REPAIRED, RECTANGLE_CORNERS, ORIENTED_CORNERS, ORIENTED_RECTANGLE,
    CIRCLE_POINTS, POLYGON_POINTS, VOC_SIZE, NOT_XML, DOCTYPE, NOT_VOC, NO_BNDBOX,
    TAG_MISSING, NOT_A_NUMBER, NOT_FINITE, YOLO_FIELDS, YOLO_CLASS, YOLO_NOT_A_NUMBER, YOLO_NOT_FINITE,
    YOLO_NOT_UTF8, YOLO_NO_CLASSES, LABELME_SHAPES, JSON_UNREADABLE, NOT_LABELME, LABELME_NO_SIZE, LABELME_SIZE,
    POINTS_NOT_PAIRS, POINT_OUTSIDE, LABELME_MASK_CORNERS, LABELME_MASK_DATA, LABELME_MASK_LARGER,
    LABELME_MASK_CHANNELS,
    NOT_COCO, COCO_ANNOTATIONS, COCO_ENTRIES, COCO_CATEGORY_ID, COCO_IMAGE_ENTRY, COCO_IMAGE_SIZE, COCO_MALFORMED,
    COCO_NO_IMAGE, COCO_NO_CATEGORY, COCO_NO_SHAPE, RLE_NO_SIZE, RLE_SIZE_SHAPE, RLE_SIZE, RLE_UNREADABLE,
    SEGMENTATION, COCO_JSON_FILES, COCO_ZIP, INDEXED_MODE, INDEXED_VALUES, MASK_TOO_LARGE, NOT_A_MASK, UNKNOWN_MASK,
    MASK_TOO_MANY_PIXELS, MASK_SIZE, MASK_COLOURS, MASK_DAMAGED, MASK_TWICE, CSV_NOT_UTF8, CSV_UNREADABLE,
    CSV_COLUMNS, CSV_NO_NAME, CSV_TWICE,
    CSV_REFERABLE, CSV_OCT_CLASS, CSV_GRADE, CSV_DR_GRADE, CVAT_NOT_XML, CVAT_ZIP, CVAT_DOCTYPE, NOT_CVAT,
    CVAT_TRACKS, CVAT_IMAGE_ENTRY, IMAGE_TWICE, CVAT_ATTRIBUTE_MISSING, CVAT_POINTS, CVAT_MASK_OUTSIDE,
    CVAT_ROTATED, CVAT_XML_FILES, REPAIRED)
