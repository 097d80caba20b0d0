"""`retina-review reading FOLDER [--mode single|double] [--blind-ai] [--threshold X]`: how a folder is read, its
readers and, in double reading, where each case stands."""
from __future__ import annotations

import argparse
import dataclasses
import functools
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.command_end import DONE, USAGE_ERROR
from app import reading_command_messages as msg
from app.command_help import common
from app.command_help import reading as helps
from app.language_option import add_language_option, in_its_language

if TYPE_CHECKING:
    from typing import Callable

    from annotations.reading.settings import ReadingSettings
    from app.command_words import CommandWords


def register(subparsers: argparse._SubParsersAction, words: CommandWords) -> None:
    tr = functools.partial(words.tr, helps.CONTEXT)
    parser = subparsers.add_parser("reading", help=tr(helps.HELP), description=tr(helps.DESCRIPTION))
    parser.add_argument("folder", type=Path, metavar="FOLDER", help=words.tr(common.CONTEXT, common.FOLDER))
    parser.add_argument("--mode", choices=("single", "double"), default=None)
    parser.add_argument("--blind-ai", action=argparse.BooleanOptionalAction, default=None, help=tr(helps.BLIND_AI))
    parser.add_argument("--threshold", type=float, default=None, metavar="X", help=tr(helps.THRESHOLD))
    parser.add_argument("--single-reader", default=None, metavar="NAME", help=tr(helps.SINGLE_READER))
    parser.add_argument("--arbiters", default=None, metavar="A,B", help=tr(helps.ARBITERS))
    add_language_option(parser, words)
    parser.set_defaults(func=in_its_language(_run))


def _run(args: argparse.Namespace, words: CommandWords) -> int:
    """The command, in the words of its --lang."""
    from annotations.reading.consensus import folder_states
    from annotations.reading.disagreement import CaseState
    from annotations.reading.readers import read_case_name, readers_of, settle_folder_stores, submitted_by
    from annotations.reading.settings import save_settings
    from annotations.reading.state_names import STATE_NAMES
    from annotations.wording import join_items
    from annotations.workspace import WorkspaceError

    tr = functools.partial(words.tr, msg.CONTEXT)
    if not args.folder.is_dir():
        print(words.error(tr(msg.FOLDER_NOT_FOUND).format(folder=args.folder)), file=sys.stderr)
        return USAGE_ERROR
    changes = {name: value for name, value in (("mode", args.mode), ("blind_ai", args.blind_ai),
                                                ("dice_threshold", args.threshold),
                                                ("single_reader", args.single_reader),
                                                ("arbiters", _names(args.arbiters))) if value is not None}

    def state(found: CaseState) -> str:  # as the case list's Reading column names it
        return words.tr("CaseTableModel", STATE_NAMES[found])

    def case(case_id: str) -> str:
        return words.shown(read_case_name(args.folder, case_id, readers))

    # printed outside the try: a pipe whose reader left (`| head`) is no file error (annotations.command_end)
    said: list[str] = []
    try:
        settings = _settings_or_anew(args, said, tr)
        if changes:
            settings = dataclasses.replace(settings, **changes)
            said.append(tr(msg.WROTE).format(path=save_settings(args.folder, settings)))
        said.append(tr(msg.DOUBLE if settings.double else msg.SINGLE).format(
            blind=tr(msg.ON if settings.blind_ai else msg.OFF), threshold=settings.dice_threshold))
        readers = readers_of(args.folder, settings)
        names = join_items([s.name for s in readers], words.tr) or tr(msg.NONE_YET)
        said.append(tr(msg.READERS_AND_ARBITERS).format(readers=names, arbiters=join_items(settings.arbiters,
                                                                                           words.tr))
                    if settings.arbiters else tr(msg.READERS).format(readers=names))
        if settings.double:  # read as B-scan 1's, not the middle one's, and with a crash's edits recovered
            for note in settle_folder_stores(args.folder.absolute()):  # on stderr, as each command's warnings
                print(words.warning(words.shown(note)), file=sys.stderr)
            states = folder_states(args.folder)
            counts = Counter(states.values())
            said.append(tr(msg.READ_SO_FAR).format(counts=join_items(
                [tr(msg.COUNT_IN_STATE).format(count=counts[s], state=state(s)) for s in CaseState if counts[s]],
                words.tr) or tr(msg.NONE_YET)))
            # the arbitration stands, its grade exported and reported: a late dispute to look at
            for listed in (CaseState.NEEDS_ARBITRATION, CaseState.REVISED_SINCE_ARBITRATION):
                names_in_state = [case(case_id) for case_id, found in states.items() if found is listed]
                said.extend(tr(msg.CASE_IN_STATE).format(state=state(listed), case=name)  # each B-scan on its own
                            for name in sorted(names_in_state, key=_in_order))
            waiting = {case(case_id): join_items(submitted_by(readers, case_id), words.tr)
                       for case_id, found in states.items() if found is CaseState.NEEDS_READER_2}
            for name in sorted(waiting, key=_in_order):  # a coordinator's list: whose second reading is missing
                said.append(tr(msg.SECOND_READING).format(case=name, readers=waiting[name]))
    except (ValueError, WorkspaceError, OSError) as exc:
        _say(said)  # the settings written before the error
        print(words.error(words.shown(str(exc))), file=sys.stderr)
        return USAGE_ERROR
    _say(said)
    return DONE


def _settings_or_anew(args: argparse.Namespace, said: list[str], tr: Callable[[str], str]) -> ReadingSettings:
    """The folder's settings; with --mode given, the defaults in place of a damaged file, kept aside and said so
    (the damaged-file message sends people here: without it the only cure was by hand). No --mode: the damaged
    file's error, as the mode is what decides whose store each person reads in."""
    from annotations.reading.settings import ReadingSettings, keep_damaged_aside, load_settings, settings_path
    from annotations.workspace import WorkspaceError

    try:
        return load_settings(args.folder)
    except WorkspaceError:
        if args.mode is None:
            raise
    kept = keep_damaged_aside(args.folder)
    if kept is None:  # mended or deleted since the first look
        return load_settings(args.folder)
    said.append(tr(msg.DAMAGED_KEPT_ASIDE).format(path=settings_path(args.folder), kept=kept.name))
    return ReadingSettings()


def _say(lines: list[str]) -> None:
    """Print each line on stdout (none: nothing, not an empty line)."""
    for line in lines:
        print(line)


def _names(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(name.strip() for name in text.split(",") if name.strip())


def _in_order(name: str) -> list[str | int]:
    """A case's name, its numbers compared as numbers: a volume's B-scan 10 after its B-scan 9, img10 after img9."""
    return [int(piece) if index % 2 else piece for index, piece in enumerate(re.split(r"([0-9]+)", name))]
