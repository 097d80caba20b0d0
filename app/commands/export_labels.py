"""`retina-review export FOLDER --format voc|masks|indexed|coco|csv|dataset|yolo|cvat|labelme --out DIR
[--done] [--overwrite]`: labels out of a workspace."""
from __future__ import annotations

import argparse
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.workspace.transfer import EXPORT_FORMATS
from annotations.workspace.transfer_texts import codes_named
from app.command_help import common
from app.command_help import export_labels as helps
from app.language_option import add_language_option, in_its_language
from app.reader_export import run_export

if TYPE_CHECKING:
    from app.command_words import CommandWords


def register(subparsers: argparse._SubParsersAction, words: CommandWords) -> None:
    tr = functools.partial(words.tr, helps.CONTEXT)
    parser = subparsers.add_parser("export", help=tr(helps.HELP), description=tr(helps.DESCRIPTION))
    parser.add_argument("folder", type=Path, metavar="FOLDER", help=words.tr(common.CONTEXT, common.FOLDER))
    parser.add_argument("--format", dest="fmt", choices=EXPORT_FORMATS, required=True, metavar="FORMAT",
                        help=words.said(helps.CONTEXT, helps.FORMAT, formats=codes_named(EXPORT_FORMATS, words.tr)))
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help=tr(helps.OUT))
    parser.add_argument("--done", action="store_true", help=tr(helps.DONE))
    parser.add_argument("--overwrite", action="store_true", help=tr(helps.OVERWRITE))
    parser.add_argument("--label-map", default="", metavar="NAME=CLASS,...", help=tr(helps.LABEL_MAP))
    parser.add_argument("--reader", default="", metavar="NAME|consensus|all", help=tr(helps.READER))
    add_language_option(parser, words)
    parser.set_defaults(func=in_its_language(run_export))
