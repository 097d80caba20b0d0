"""`retina-review agreement FOLDER [--readers A,B] [--out DIR]`: how the folder's readers agree."""
from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.command_end import DONE, USAGE_ERROR
from app.command_help import agreement as helps
from app.command_help import common
from app.language_option import add_language_option, in_its_language
from inference import agreement_messages as msg

if TYPE_CHECKING:  # the commands import what they run when run
    from annotations.wording import Translate
    from app.command_words import CommandWords
    from inference.agreement_report import LevelName


def register(subparsers: argparse._SubParsersAction, words: CommandWords) -> None:
    tr = functools.partial(words.tr, helps.CONTEXT)
    parser = subparsers.add_parser("agreement", help=tr(helps.HELP), description=tr(helps.DESCRIPTION))
    parser.add_argument("folder", type=Path, metavar="FOLDER", help=words.tr(common.CONTEXT, common.FOLDER))
    parser.add_argument("--readers", default="", metavar="A,B", help=tr(helps.READERS))
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help=tr(helps.OUT))
    parser.add_argument("--overwrite", action="store_true", help=tr(helps.OVERWRITE))
    add_language_option(parser, words)
    parser.set_defaults(func=in_its_language(_run))


def _run(args: argparse.Namespace, words: CommandWords) -> int:
    """The command, in the words of its --lang."""
    from annotations.errors import FileProblem
    from annotations.output_folder import OutputFolder
    from annotations.reading.readers import settle_folder_stores
    from annotations.wording import join_items
    from annotations.workspace import WorkspaceError
    from app.progress_bar import TextProgressBar
    from inference.agreement import UnknownReaders, folder_agreement
    from inference.agreement_report import format_text, report_folder, write_report

    if not args.folder.is_dir():
        print(words.error(words.said(msg.CONTEXT, msg.FOLDER_NOT_FOUND, folder=args.folder)), file=sys.stderr)
        return USAGE_ERROR
    names = [n.strip() for n in args.readers.split(",") if n.strip()] or None
    bar = TextProgressBar("agreement")  # the command's name, and each case's
    out: OutputFolder | None = None
    try:
        # read as B-scan 1's, not the middle one's, and with a crash's edits recovered (said: which)
        for note in settle_folder_stores(args.folder.absolute()):
            print(words.warning(words.shown(note)), file=sys.stderr)
        report = folder_agreement(args.folder, names, bar)
        if args.out is not None:
            out = report_folder(report, args.out, args.overwrite)
            write_report(report, out, words.tr, level_namer(words.tr))
        bar.finish()
    except UnknownReaders as exc:
        bar.finish()
        readers = join_items(exc.known, words.tr) or words.tr(msg.CONTEXT, msg.NO_READERS)
        print(words.error(words.said(msg.CONTEXT, msg.NO_READER, names=join_items(exc.missing, words.tr),
                                     readers=readers)), file=sys.stderr)
        return USAGE_ERROR
    except (ValueError, WorkspaceError, FileProblem, OSError) as exc:
        bar.finish()
        print(words.error(words.shown(str(exc))), file=sys.stderr)
        return USAGE_ERROR
    finally:  # earlier runs' files kept aside, removed or left: said by a run stopped part-way too
        for note in out.notes() if out is not None else ():
            print(words.warning(words.shown(note)), file=sys.stderr)
    # said outside the try: a pipe whose reader left (`| head`) is no file error (annotations.command_end)
    print(format_text(report, words.tr))
    for path in out.written if out is not None else ():
        print(words.said(msg.CONTEXT, msg.WROTE, path=path))
    return DONE


def level_namer(translate: Translate) -> LevelName:
    """The pictures' levels named as the window names DR grades, DME risks and OCT classes (widgets.clinical_terms),
    in ``translate``'s language: a Chinese run's pictures said "No DR" under Chinese titles."""
    from annotations.classes import OCT_CLASSES
    from widgets.clinical_terms import dme_risk_name, grade_name, oct_class_short_name

    names = {"grade": lambda index: grade_name(index, translate), "dme": lambda index: dme_risk_name(index, translate),
             "oct_class": lambda index: oct_class_short_name(OCT_CLASSES[index], translate)}
    return lambda scale, index: names[scale](index)
