"""`retina-review import FOLDER --from DIR --format voc|masks|indexed|yolo|labelme|coco|cvat [--label-map ...]`:
labels into a workspace."""
from __future__ import annotations

import argparse
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.workspace.label_import import IMPORT_FORMATS, import_labels
from annotations.workspace.transfer_texts import codes_named
from app.command_help import common
from app.command_help import import_labels as helps
from app.language_option import add_language_option
from app.transfer_command import run_transfer

if TYPE_CHECKING:
    from app.command_words import CommandWords


def register(subparsers: argparse._SubParsersAction, words: CommandWords) -> None:
    tr = functools.partial(words.tr, helps.CONTEXT)
    parser = subparsers.add_parser("import", help=tr(helps.HELP), description=tr(helps.DESCRIPTION))
    parser.add_argument("folder", type=Path, metavar="FOLDER", help=words.tr(common.CONTEXT, common.FOLDER))
    parser.add_argument("--from", dest="from_dir", type=Path, required=True, metavar="DIR", help=tr(helps.FROM))
    parser.add_argument("--format", dest="fmt", choices=IMPORT_FORMATS, required=True, metavar="FORMAT",
                        help=words.said(helps.CONTEXT, helps.FORMAT, formats=codes_named(IMPORT_FORMATS, words.tr)))
    parser.add_argument("--label-map", default="", metavar="NAME=CLASS,...", help=tr(helps.LABEL_MAP))
    parser.add_argument("--reader", default="", help=tr(helps.READER))
    add_language_option(parser, words)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return run_transfer(args.folder, args.label_map, "import",
                        lambda ws, label_map, bar: import_labels(ws, args.from_dir, args.fmt, label_map, bar,
                                                                 actor=args.reader or "import"),
                        reader=args.reader, lang=args.lang)
