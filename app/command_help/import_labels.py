"""`retina-review import`'s help (app.commands.import_labels), as templates marked for translation."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "ImportHelp"
HELP = QT_TRANSLATE_NOOP("ImportHelp", "bring existing labels (VOC, YOLO, labelme, COCO, CVAT, per-class or indexed "
                                       "masks) into a folder's workspace")
DESCRIPTION = QT_TRANSLATE_NOOP("ImportHelp", "Read label files made by other tools and store them in FOLDER's "
                                              "workspace. Boxes from an earlier import are replaced; boxes drawn in "
                                              "RetinaReview are kept.")
FROM = QT_TRANSLATE_NOOP("ImportHelp", "folder holding the label files (NAME.xml, NAME.txt with classes.txt, "
                                       "NAME.json, NAME_MA.png ..., NAME.png indexed, annotations.json, "
                                       "annotations.xml); for coco and cvat also the label file itself")
FORMAT = QT_TRANSLATE_NOOP("ImportHelp", "what the labels are: {formats}")  # {formats}: each code, with its name
LABEL_MAP = QT_TRANSLATE_NOOP("ImportHelp", "class names used in the files, e.g. "
                                            "hard_exudates=EX,haemorrhage=HE,optic_disc=OD")
READER = QT_TRANSLATE_NOOP("ImportHelp", "bring the labels in as this reader's readings (their own store, compared by "
                                         "'agreement'); default: the folder's main labels, audit log names 'import'")
