"""`retina-review import FOLDER --from DIR --format voc|masks|indexed|yolo|labelme|coco|cvat [--label-map ...]`:
labels into a workspace."""
from __future__ import annotations

import argparse
from pathlib import Path

from annotations.workspace.label_import import IMPORT_FORMATS, import_labels
from annotations.workspace.transfer_texts import codes_named
from app.transfer_command import run_transfer


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="bring existing labels (VOC, YOLO, labelme, COCO, CVAT, per-class or indexed masks) into a "
             "folder's workspace",
        description="Read label files made by other tools and store them in FOLDER's workspace. Boxes from an "
                    "earlier import are replaced; boxes drawn in RetinaReview are kept.")
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="the folder of images (the workspace)")
    parser.add_argument("--from", dest="from_dir", type=Path, required=True, metavar="DIR",
                        help="folder holding the label files (NAME.xml, NAME.txt with classes.txt, NAME.json, "
                             "NAME_MA.png ..., NAME.png indexed, annotations.json, annotations.xml); for coco and "
                             "cvat also the label file itself")
    parser.add_argument("--format", dest="fmt", choices=IMPORT_FORMATS, required=True, metavar="FORMAT",
                        help=f"what the labels are: {codes_named(IMPORT_FORMATS)}")
    parser.add_argument("--label-map", default="", metavar="NAME=CLASS,...",
                        help="class names used in the files, e.g. hard_exudates=EX,haemorrhage=HE,optic_disc=OD")
    parser.add_argument("--reader", default="",
                        help="bring the labels in as this reader's readings (their own store, compared by "
                             "'agreement'); default: the folder's main labels, audit log names 'import'")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return run_transfer(args.folder, args.label_map, "import",
                        lambda ws, label_map, bar: import_labels(ws, args.from_dir, args.fmt, label_map, bar,
                                                                 actor=args.reader or "import"),
                        reader=args.reader)
