"""The shared body of `retina-review import` and `export`: parse the label map, open the workspace, run the
transfer with a progress bar, and print its summary or a clear error, in the interface's language (app.command_words:
the summary in the window's words)."""
from __future__ import annotations

import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Callable

from annotations.command_end import DONE, PARTLY_DONE, USAGE_ERROR
from annotations.errors import FileProblem
from annotations.formats.label_map import parse_label_map
from annotations.progress import TaskState
from annotations.reading.readers import open_store
from annotations.text_columns import padded_columns
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.transfer import TransferSummary, left_behind
from annotations.workspace.transfer_texts import summary_text
from annotations.wording import QT_TRANSLATE_NOOP
from app.command_words import CommandWords, command_words, interface_language
from app.logging_setup import scan_kept_off_the_console
from app.opening_warnings import warn_opening
from app.progress_bar import TextProgressBar

Transfer = Callable[[Workspace, dict | None, TaskState], TransferSummary]

CONTEXT = "TransferCommand"
LABEL_MAP = QT_TRANSLATE_NOOP("TransferCommand", "--label-map: {error}")
NOTHING_IMPORTED = QT_TRANSLATE_NOOP("TransferCommand", "nothing was imported (the warnings above say why)")
NOTHING_EXPORTED = QT_TRANSLATE_NOOP("TransferCommand", "nothing was exported: no case could be read (the warnings "
                                                        "above say why)")


def run_transfer(folder: Path, label_map_text: str, bar_label: str, transfer: Transfer, reader: str = "",
                 lang: str | None = None) -> int:
    """Exit status DONE; PARTLY_DONE for an export that skipped cases it could not read, an import that could not
    write a case or left a label file out (each named); or
    USAGE_ERROR for a bad --label-map, a file or workspace problem (the message names it; annotations.command_end),
    an import that imported nothing or an export of which no case could be read. ``reader``: whose store
    (annotations.reading.readers.open_store: "" or "consensus" the folder's main one). Why the store opened
    read-only is not said before the transfer: of no concern to an export, which only reads, and said by an import's
    refusal. ``lang``: the command's --lang (app.command_words.interface_language)."""
    with command_words(interface_language(lang)) as words:
        return run_transfer_in(words, folder, label_map_text, bar_label, transfer, reader)


def run_transfer_in(words: CommandWords, folder: Path, label_map_text: str, bar_label: str, transfer: Transfer,
                    reader: str = "", printed: set[str] | None = None) -> int:
    """``run_transfer`` in ``words``: for a command that says more than the transfer (an export of every reader).
    ``printed``: the warnings that command printed already (a reader's export named the damaged file of a reading the
    consensus's export reads too), left out of this summary; this summary's are added to it."""
    def said(template: str, **values: str) -> str:
        return words.tr(CONTEXT, template).format(**values)

    try:
        label_map = parse_label_map(label_map_text) if label_map_text else None
    except ValueError as exc:
        print(words.error(said(LABEL_MAP, error=words.shown(str(exc)))), file=sys.stderr)
        return USAGE_ERROR
    bar = TextProgressBar(bar_label, said=_progress_words(words))
    try:
        with ExitStack() as held:
            with scan_kept_off_the_console():  # the summary names each damaged image the transfer needs
                ws = held.enter_context(open_store(folder, reader, actor=bar_label))
            warn_opening(ws, words)  # what it recovered after a crash, before the labels that hold it are written
            summary = transfer(ws, label_map, bar)
    except (WorkspaceError, FileProblem, OSError) as exc:
        bar.finish()
        print(words.error(words.shown(str(exc))), file=sys.stderr)
        _say_left_behind(exc, words)
        return USAGE_ERROR
    except KeyboardInterrupt as exc:  # Ctrl-C: app.cli says "interrupted"
        bar.finish()
        _say_left_behind(exc, words)
        raise
    bar.finish()
    if printed is not None:
        summary = replace(summary, warnings=[text for text in summary.warnings if text not in printed])
        printed.update(summary.warnings)
    print(padded_columns(summary_text([summary], words.tr, words.shown)))  # the window's words, in columns
    if summary.action == "import" and not summary.cases:  # not a run that went through: a script must not read 0
        print(words.error(said(NOTHING_IMPORTED)), file=sys.stderr)
        return USAGE_ERROR
    if summary.skipped and not summary.cases:
        print(words.error(said(NOTHING_EXPORTED)), file=sys.stderr)
        return USAGE_ERROR
    return PARTLY_DONE if summary.skipped or summary.labels_left_out else DONE


def _progress_words(words: CommandWords) -> Callable[[str], str]:
    """How the progress bar words what the transfer says: in the interface's language (English needs no Qt)."""
    if words.english:
        return str
    from widgets.transfer_progress import export_progress

    return export_progress


def _say_left_behind(exc: BaseException, words: CommandWords) -> None:
    """An export stopped part-way keeps what it wrote: say how many files, and where (and what it removed); an import,
    the cases it saved."""
    left = left_behind(exc)
    if left is not None:
        print("\n".join(words.shown(text) for text in left.texts()), file=sys.stderr)
