"""`retina-review reading FOLDER [--mode single|double] [--blind-ai] [--threshold X]`: how a folder is read, its
readers and, in double reading, where each case stands."""
from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections import Counter
from pathlib import Path

from annotations.command_end import DONE, USAGE_ERROR


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reading", help="single or double reading of a folder: settings, readers, cases needing arbitration",
        description="Shows (and with options, changes) how FOLDER is read. In double reading every case needs two "
                    "independent readings; readings that differ (grade, referable, DME risk, or a lesion class "
                    "below the threshold's mask Dice or box F1) go to an arbiter.")
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="the folder of images (the workspace)")
    parser.add_argument("--mode", choices=("single", "double"), default=None)
    parser.add_argument("--blind-ai", action=argparse.BooleanOptionalAction, default=None,
                        help="double reading: readers do not see the AI's result until they submit")
    parser.add_argument("--threshold", type=float, default=None, metavar="X",
                        help="per-class mask Dice and box F1 below X make two readings disagree (default 0.5)")
    parser.add_argument("--single-reader", default=None, metavar="NAME",
                        help="single reading: the name the folder's labels go by (default 'reader 1')")
    parser.add_argument("--arbiters", default=None, metavar="A,B",
                        help="double reading: who arbitrates (they open the consensus, not a reader's store)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotations.reading.consensus import folder_states
    from annotations.reading.disagreement import CaseState
    from annotations.reading.readers import read_case_name, readers_of, submitted_by
    from annotations.reading.settings import load_settings, save_settings
    from annotations.reading.state_names import STATE_NAMES
    from annotations.workspace import WorkspaceError

    if not args.folder.is_dir():
        print(f"error: {args.folder}: folder not found", file=sys.stderr)
        return USAGE_ERROR
    changes = {name: value for name, value in (("mode", args.mode), ("blind_ai", args.blind_ai),
                                                ("dice_threshold", args.threshold),
                                                ("single_reader", args.single_reader),
                                                ("arbiters", _names(args.arbiters))) if value is not None}
    # printed outside the try: a pipe whose reader left (`| head`) is no file error (annotations.command_end)
    said: list[str] = []
    try:
        settings = load_settings(args.folder)
        if changes:
            settings = dataclasses.replace(settings, **changes)
            said.append(f"wrote {save_settings(args.folder, settings)}")
        said.append(f"{settings.mode.value} reading, blind AI {'on' if settings.blind_ai else 'off'}, "
                    f"threshold {settings.dice_threshold}")
        readers = readers_of(args.folder, settings)
        said.append("readers: " + (", ".join(s.name for s in readers) or "none yet")
                    + (f"; arbiters: {', '.join(settings.arbiters)}" if settings.arbiters else ""))
        if settings.double:
            states = folder_states(args.folder)
            counts = Counter(states.values())
            said.append("cases read so far: " + (", ".join(f"{counts[s]} {STATE_NAMES[s]}" for s in CaseState
                                                           if counts[s]) or "none yet"))
            for state, line in ((CaseState.NEEDS_ARBITRATION, "needs arbitration"),
                                # the arbitration stands, its grade exported and reported: a late dispute to look at
                                (CaseState.REVISED_SINCE_ARBITRATION, "revised since arbitration")):
                names = [read_case_name(args.folder, case_id, readers) for case_id, found in states.items()
                         if found is state]  # each B-scan of a volume on its own
                said.extend(f"  {line}: {name}" for name in sorted(names, key=_in_order))
            waiting = {read_case_name(args.folder, case_id, readers): ", ".join(submitted_by(readers, case_id))
                       for case_id, state in states.items() if state is CaseState.NEEDS_READER_2}
            for name in sorted(waiting, key=_in_order):  # a coordinator's list: whose second reading is missing
                said.append(f"  needs a second reading: {name} (submitted by {waiting[name]})")
    except (ValueError, WorkspaceError, OSError) as exc:
        _say(said)  # the settings written before the error
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    _say(said)
    return DONE


def _say(lines: list[str]) -> None:
    """Print each line on stdout (none: nothing, not an empty line)."""
    for line in lines:
        print(line)


def _names(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(name.strip() for name in text.split(",") if name.strip())


def _in_order(name: str) -> list[str | int]:
    """A case's name, its numbers compared as numbers: a volume's B-scan 10 after its B-scan 9, img10 after img9."""
    return [int(piece) if index % 2 else piece for index, piece in enumerate(re.split(r"([0-9]+)", name))]
