"""What the import and export dialogs share: a run off the GUI thread with a progress bar, a summary, and Start /
Cancel / Close buttons that follow it (Escape or the close box while running cancels first).

Where the run goes is the caller's choice (``submit``): an import changes stored cases, so the window hands it to
its one storage queue, in order with every save; an export only reads them and runs on a thread of its own."""
from __future__ import annotations

import threading
from typing import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QProgressBar, QPushButton,
                               QWidget)

from annotations.progress import Cancelled
from annotations.workspace import transfer_texts
from annotations.workspace.transfer import TransferSummary, left_behind
from widgets.domain_messages import shown_message
from widgets.tab_columns import show_in_columns
from widgets.transfer_progress import export_progress
from widgets.whole_text import grow_window_to_show

# (state, texts) -> None: the run appends each finished part's summary text to ``texts``
TransferWork = Callable[["WorkerState", list[str]], None]
Submit = Callable[[Callable[[], None]], object]  # runs a job off the GUI thread


def own_thread(job: Callable[[], None]) -> None:
    threading.Thread(target=job, name="transfer", daemon=True).start()


class WorkerState:
    """The TaskState the run sees: progress goes to the dialog by signal, cancel is a thread-safe flag."""

    def __init__(self, worker: "TransferWorker") -> None:
        self._worker = worker
        self.cancel_event = threading.Event()

    def progress(self, fraction: float, message: str = "") -> None:
        self._worker.progressed.emit(float(fraction), message)

    def is_cancelled(self) -> bool:
        return self.cancel_event.is_set()


class TransferWorker(QObject):
    progressed = Signal(float, str)
    done = Signal(str, bool)  # summary text, stopped (cancelled or failed)

    def __init__(self, work: TransferWork, cancelled_text: str, failed_text: str) -> None:
        """``failed_text`` holds ``{error}``, where the exception's text goes."""
        super().__init__()
        self.work, self.cancelled_text, self.failed_text = work, cancelled_text, failed_text
        self.state = WorkerState(self)
        self.ended = threading.Event()  # set once the run has left ``work``: what it reads may be closed then
        self.text = ""  # the summary ``done`` carries, set before ``ended``: read by whoever waited for it (stop)

    def run(self) -> None:  # off the GUI thread: the signals reach the dialog queued
        try:
            self._run()
        finally:
            self.ended.set()

    def _run(self) -> None:
        texts: list[str] = []
        try:
            self.work(self.state, texts)
        except Cancelled as exc:
            self._end(texts + [self.cancelled_text, *_left_behind(exc)], True)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the person, who can fix the file, folder or disk
            failed = self.failed_text.format(error=shown_message(str(exc)))
            self._end(texts + [failed, *_left_behind(exc)], True)
            return
        self._end(texts, False)

    def _end(self, lines: list[str], stopped: bool) -> None:
        self.text = "\n".join(lines)
        self.done.emit(self.text, stopped)


def _left_behind(exc: BaseException) -> list[str]:
    """What an export stopped part-way kept and removed, or the cases an import saved (annotations.workspace.transfer.
    left_behind), in the interface's language: a line each, or none."""
    left = left_behind(exc)
    return [] if left is None else [shown_message(text) for text in left.texts()]


def summary_text(summaries: Sequence[object]) -> str:
    """A run's summaries (an import's, an export's formats'): imports and exports as
    annotations.workspace.transfer_texts words them, in the interface's language (the warnings, from Qt-free code,
    through shown_message); anything else by its ``format_text()``, or its string. Thread-safe: the run calls it on
    its thread."""
    transfers = [summary for summary in summaries if isinstance(summary, TransferSummary)]
    texts = [transfer_texts.summary_text(transfers, QCoreApplication.translate, shown_message)] if transfers else []
    for summary in summaries:
        if not isinstance(summary, TransferSummary):
            format_text = getattr(summary, "format_text", None)
            texts.append(format_text() if callable(format_text) else str(summary))
    return "\n".join(texts)


class TransferDialog(QDialog):
    """Subclasses lay out their choices, then add ``progress``, ``status``, ``summary`` and ``buttons``; they say when
    the run may start (``ready``) and what it is (``make_worker``), and hear ``run_finished(text, stopped)``.

    ``texts``: the run button, the cancel button and the summary's placeholder, translated by the subclass."""

    def __init__(self, texts: tuple[str, str, str], parent: QWidget | None = None, submit: Submit = own_thread
                 ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._worker: TransferWorker | None = None
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel("")  # what the run is at, in words (transfer_progress): a walk holds the bar at 0 %
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        run_text, cancel_text, placeholder = texts
        self.summary.setPlaceholderText(placeholder)
        self.buttons = QDialogButtonBox()
        self.run_button: QPushButton = self.buttons.addButton(run_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)  # Qt's own catalogue
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

    # -- what subclasses say -------------------------------------------------------------------------------
    def ready(self) -> bool:
        raise NotImplementedError

    def make_worker(self) -> TransferWorker:
        raise NotImplementedError

    def run_finished(self, text: str, stopped: bool) -> None:
        """After the summary is shown."""

    # -- running -------------------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._worker is not None

    def _update_buttons(self) -> None:
        running = self.is_running()
        self.run_button.setEnabled(self.ready() and not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)

    def start(self) -> None:
        if self.is_running() or not self.run_button.isEnabled():
            return
        self.summary.clear()
        self.progress.setValue(0)
        self._worker = self.make_worker()
        self._worker.progressed.connect(self._on_progress)
        self._worker.done.connect(self._on_done)
        self._update_buttons()
        self._submit(self._worker.run)

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.state.cancel_event.set()
            self.status.setText(self.tr("Cancelling…"))

    def stop(self, timeout_s: float) -> str | None:
        """Cancel the run and wait until it has ended (its window closes next, before it shows the summary): the
        summary it ended with; None when none ran or it did not end in time."""
        worker = self._worker
        self.cancel()
        return worker.text if worker is not None and worker.ended.wait(timeout_s) else None

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(1000 * min(max(fraction, 0.0), 1.0)))
        self.status.setText(export_progress(message))

    def _on_done(self, text: str, stopped: bool) -> None:
        self._worker = None
        self.status.clear()  # the summary says how it ended
        if not stopped:
            self.progress.setValue(1000)
        show_in_columns(self.summary, text)
        grow_window_to_show(self.summary)  # its warnings come last: shown, not below the fold
        self._update_buttons()
        if not stopped:  # Enter now closes (the run button, default, ran the same run again); a field keeps it
            self.close_button.setFocus()
        self.run_finished(text, stopped)

    def add_to_summary(self, lines: list[str]) -> None:
        """Lines after the run's summary, once it ended: what became of its outcome (an import's held cases)."""
        if lines:
            show_in_columns(self.summary, "\n".join([self.summary.toPlainText(), "", *lines]))  # apart, as warnings
            grow_window_to_show(self.summary)

    def reject(self) -> None:
        if self.is_running():  # Escape or the close box while running: cancel first
            self.cancel()
            return
        super().reject()
