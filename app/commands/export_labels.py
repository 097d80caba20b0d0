"""`retina-review export FOLDER --format voc|masks|indexed|coco|csv|dataset --out DIR`: labels out of a workspace."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations.formats import FormatError
from annotations.formats.label_map import parse_label_map
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.transfer import EXPORT_FORMATS, export_labels
from app.progress_bar import TextProgressBar


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="write a workspace's labels as VOC, masks, COCO, grades CSV or a training data set",
        description="Write the labels of every case with saved labels in FOLDER's workspace to DIR.")
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="the folder of images (the workspace)")
    parser.add_argument("--format", dest="fmt", choices=EXPORT_FORMATS, required=True)
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to write (created if needed)")
    parser.add_argument("--label-map", default="", metavar="NAME=CLASS,...",
                        help="VOC only: write these class names (e.g. the names an imported set used)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        label_map = parse_label_map(args.label_map) if args.label_map else None
    except ValueError as exc:
        print(f"error: --label-map: {exc}", file=sys.stderr)
        return 2
    bar = TextProgressBar("export")
    try:
        with Workspace.open(args.folder) as ws:
            for message in ws.messages:
                print(message, file=sys.stderr)
            summary = export_labels(ws, args.fmt, args.out, bar, label_map=label_map)
    except (WorkspaceError, FormatError, OSError) as exc:
        bar.finish()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    bar.finish()
    print(summary.format_text())
    return 0
