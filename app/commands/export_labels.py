"""`retina-review export FOLDER --format voc|masks|indexed|coco|csv|dataset|yolo|cvat|labelme --out DIR
[--done] [--overwrite]`: labels out of a workspace."""
from __future__ import annotations

import argparse
from pathlib import Path

from annotations.workspace.transfer import EXPORT_FORMATS
from annotations.workspace.transfer_texts import codes_named
from app.reader_export import run_export


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="write a workspace's labels as VOC, YOLO, masks, COCO, CVAT, labelme, grades CSV or a training "
                       "data set",
        description="Write the labels of every case with saved labels in FOLDER's workspace to DIR.")
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="the folder of images (the workspace)")
    parser.add_argument("--format", dest="fmt", choices=EXPORT_FORMATS, required=True, metavar="FORMAT",
                        help=f"what to write: {codes_named(EXPORT_FORMATS)}")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to write (created if needed)")
    parser.add_argument("--done", action="store_true",
                        help="only the cases marked done (with --reader consensus in double reading: those whose "
                             "consensus is settled), as the dialog's 'Done cases only'")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace files already in DIR that this export did not write (never original images)")
    parser.add_argument("--label-map", default="", metavar="NAME=CLASS,...",
                        help="VOC, YOLO, CVAT and labelme: write these class names (e.g. the names an imported set "
                             "used); YOLO: classes.txt lists them in this order")
    parser.add_argument("--reader", default="", metavar="NAME|consensus|all",
                        help="whose labels: one reader's, the consensus (the default: the folder's main labels) or "
                             "all (a folder per reader, named as the workspace names it: 'Anna' in DIR/anna/, "
                             "'reader 1' in DIR/reader_1-354be29d/, a hash added where a name had to change; in "
                             "double reading DIR/consensus/; for csv also DIR/grades_by_reader.csv)")
    parser.set_defaults(func=run_export)
