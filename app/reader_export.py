"""`export --reader NAME|consensus|all`: which store an export reads, and the every-reader export.

"all" writes each reader's label files into ``DIR/<reader-id>/`` and, in double reading, the consensus into
``DIR/consensus/``; a CSV export also gets ``DIR/grades_by_reader.csv`` with a column per reader.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations.case_scopes import export_scopes
from annotations.command_end import DONE, PARTLY_DONE, USAGE_ERROR
from annotations.errors import FileProblem
from annotations.export_steps import Step
from annotations.progress import TaskState
from annotations.reading.consensus import settle_agreed
from annotations.reading.consensus_export import ConsensusSource, settled_consensus
from annotations.reading.grades_by_reader import write_grades_by_reader
from annotations.reading.readers import ALL, CONSENSUS, main_sidecar, names_consensus, reader_id, readers_of
from annotations.reading.settings import load_settings
from annotations.wording import QT_TRANSLATE_NOOP, fill, join_items
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.export_source import ExportSource
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace.transfer import TransferSummary, export_labels
from app.command_words import CommandWords
from app.transfer_command import run_transfer_in

CONTEXT = "ExportCommand"
NEVER_OPENED = QT_TRANSLATE_NOOP("ExportCommand", "{folder}: no labels to export: the folder was never opened in "
                                                  "RetinaReview (it has no {sidecar} folder)")
NO_SUCH_READER = QT_TRANSLATE_NOOP("ExportCommand", "{folder} has no reader {reader} (its readers: {readers}); name "
                                                    "one of them, consensus or all")
NONE_YET = QT_TRANSLATE_NOOP("ExportCommand", "none yet")  # NO_SUCH_READER's {readers} of a folder without readers
WROTE = QT_TRANSLATE_NOOP("ExportCommand", "wrote {path}")  # --reader all --format csv: the grades by reader
# --reader all: whose labels the summary under it wrote; a reader's folder is named by an id ("reader-87b7ac6f" for a
# name that is not a safe folder name), and only the progress on stderr named the reader
READER_HEADING = QT_TRANSLATE_NOOP("ExportCommand", "Reader {reader}:")
CONSENSUS_HEADING = QT_TRANSLATE_NOOP("ExportCommand", "Consensus:")


def export_for(fmt: str, out_dir: Path, who: str, overwrite: bool, done: bool = False):  # noqa: ANN201
    """The export of one store (run_transfer's Transfer); the consensus (double reading) first stores agreed cases
    not stored yet, then writes what annotations.reading.consensus_export says, as the arbiter's window does.
    ``done``: only the cases the dialog's "Done cases only" takes (case_scopes.export_scopes)."""
    def export(ws: Workspace, label_map: dict | None, bar: TaskState) -> TransferSummary:
        source: ExportSource | None = None
        if names_consensus(who):  # sorting out the consensus is a step before the export, as in the window's
            source = settled_consensus(ws, lambda part: settle_agreed(ws, "export", state=part), Step(bar, 1, 2))
            bar = Step(bar, 2, 2)
        # the done cases as that sorting out found them: the readings are not compared again
        consensus = source.scope.taken_up if done and isinstance(source, ConsensusSource) else None
        case_ids = export_scopes(ws.cases(), consensus)["done"] if done else None
        return export_labels(ws, fmt, out_dir, bar, case_ids=case_ids, label_map=label_map, overwrite=overwrite,
                             source=source)
    return export


def run_export(args: argparse.Namespace, words: CommandWords) -> int:
    """`export`, in the words of its --lang."""
    def said(template: str, **values: object) -> str:
        return fill(words.tr(CONTEXT, template), **values)

    if args.folder.is_dir() and not main_sidecar(args.folder).is_dir():  # opening it would make one: a write
        print(words.error(said(NEVER_OPENED, folder=args.folder, sidecar=SIDECAR_NAME)), file=sys.stderr)
        return USAGE_ERROR
    if args.reader.strip().casefold() != ALL:
        unknown = _unknown_reader(args.folder, args.reader, words)
        if unknown:
            print(words.error(unknown), file=sys.stderr)
            return USAGE_ERROR
        return run_transfer_in(words, args.folder, args.label_map, "export",
                               export_for(args.fmt, args.out, args.reader, args.overwrite, args.done),
                               reader=args.reader)
    settings = load_settings(args.folder)
    targets = [(s.name, s.reader_id) for s in readers_of(args.folder, settings)]
    if settings.double:
        targets.append((CONSENSUS, CONSENSUS))
    worst, printed = DONE, set[str]()  # a damaged reading is read by its reader's export, the consensus's, the CSV's
    for index, (name, folder_name) in enumerate(targets):
        out_dir = args.out / folder_name
        heading = said(CONSENSUS_HEADING) if folder_name == CONSENSUS else said(READER_HEADING, reader=name)
        print(("\n" if index else "") + heading)  # a blank line after the summary before it
        worst = max(worst, run_transfer_in(words, args.folder, args.label_map, f"export {name}",
                                           export_for(args.fmt, out_dir, name, args.overwrite, args.done),
                                           reader=name, printed=printed))
    if args.fmt == "csv" and worst <= PARTLY_DONE:  # a reading the exports skipped: its cells empty, said
        skipped: list[str] = []
        noted: list[str] = []  # a consensus's file missing: its grade is there, its labels cannot be exported
        try:
            out = write_grades_by_reader(args.folder, args.out, args.overwrite, skipped, noted)
        except (WorkspaceError, FileProblem, OSError) as exc:
            print(words.error(words.shown(str(exc))), file=sys.stderr)
            return USAGE_ERROR
        print(said(WROTE, path=out.written[0]))
        # the readings left empty; the one an earlier export wrote, edited since, renamed aside before written anew
        for note in [*(line for line in skipped if line not in printed), *noted, *out.notes()]:
            print(words.warning(words.shown(note)), file=sys.stderr)
        worst = max(worst, PARTLY_DONE if skipped else DONE)
    return worst


def _unknown_reader(folder: Path, who: str, words: CommandWords) -> str:
    """Why ``who`` names no store of ``folder`` to export ("" when it does), in ``words``: opening a reader's store
    makes it, so a mistyped name exported nothing and left a new, empty reader behind, who then showed in every
    agreement."""
    if names_consensus(who):
        return ""
    try:
        readers = readers_of(folder)
    except WorkspaceError as exc:
        return words.shown(str(exc))
    if reader_id(who) in {store.reader_id for store in readers}:
        return ""
    known = join_items((repr(store.name) for store in readers), words.tr) or words.tr(CONTEXT, NONE_YET)
    return fill(words.tr(CONTEXT, NO_SUCH_READER), folder=folder, reader=repr(who.strip()), readers=known)
