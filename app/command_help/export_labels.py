"""`retina-review export`'s help (app.commands.export_labels), as templates marked for translation."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "ExportHelp"
HELP = QT_TRANSLATE_NOOP("ExportHelp", "write a workspace's labels as VOC, YOLO, masks, COCO, CVAT, labelme, grades "
                                       "CSV or a training data set")
DESCRIPTION = QT_TRANSLATE_NOOP("ExportHelp", "Write the labels of every case with saved labels in FOLDER's workspace "
                                              "to DIR.")
FORMAT = QT_TRANSLATE_NOOP("ExportHelp", "what to write: {formats}")  # {formats}: each code, with its name
OUT = QT_TRANSLATE_NOOP("ExportHelp", "where to write (created if needed)")
DONE = QT_TRANSLATE_NOOP("ExportHelp", "only the cases marked done (with --reader consensus in double reading: those "
                                       "whose consensus is settled), as the dialog's 'Done cases only'")
OVERWRITE = QT_TRANSLATE_NOOP("ExportHelp", "replace files already in DIR that this export did not write (never "
                                            "original images)")
LABEL_MAP = QT_TRANSLATE_NOOP("ExportHelp", "VOC, YOLO, CVAT and labelme: write these class names (e.g. the names an "
                                            "imported set used); YOLO: classes.txt lists them in this order")
READER = QT_TRANSLATE_NOOP("ExportHelp", "whose labels: one reader's, the consensus (the default: the folder's main "
                                         "labels) or all (a folder per reader, named as the workspace names it: "
                                         "'Anna' in DIR/anna/, 'reader 1' in DIR/reader_1-354be29d/, a hash added "
                                         "where a name had to change; in double reading DIR/consensus/; for csv also "
                                         "DIR/grades_by_reader.csv)")
