"""One background worker for long work, Orange3-style: ``runner.run(fn, inputs)`` calls ``fn(inputs, state)``.

``fn`` runs on the runner's single pool thread and never touches Qt; ``state`` (annotations.progress.TaskState plus
``publish``) reports progress, answers ``is_cancelled()`` and hands partial results over. Everything a ``Task``
emits arrives on the GUI thread. Starting a job cancels the previous one. A cancelled job's result is dropped even
when its function finished anyway, and so are its partial results still on their way, unless the cancel (or the
start) keeps those published before it (``keep_published=True``): finished work, not stale, where each result names
what it belongs to (an analysis's case). A cancel that drops them drops them for every job not yet ended. The runner
knows nothing about analysis: thumbnails, image loading, training and export reuse it.
"""
from __future__ import annotations

import logging
import sys
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from annotations.errors import FileProblem
from annotations.progress import Cancelled
from app.logging_setup import FILE_ONLY

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05  # at most 20 progress updates a second reach the GUI
GIL_SWITCH_S = 0.001


def keep_the_gui_thread_responsive() -> None:
    """Workers running Python (a folder's scan, the case list's order) hand the GIL back every 1 ms instead of
    Python's 5: the GUI thread lets the GIL go at each Qt and SQLite call and may wait a whole interval to get it
    back, which added up to 100-200 ms per event (a case opening) while a 100,000-photo folder was scanned."""
    sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))


class WorkerState:
    """What ``fn`` receives: progress, cancel flag, partial results. Safe to call from the worker thread."""

    def __init__(self, task: "Task") -> None:
        self._task = task
        self._last_emit = 0.0
        self._last_message = ""

    def progress(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if fraction < 1.0 and message == self._last_message and now - self._last_emit < PROGRESS_INTERVAL_S:
            return
        self._last_emit, self._last_message = now, message
        self._task._progress_raw.emit(min(max(float(fraction), 0.0), 1.0), message)

    def is_cancelled(self) -> bool:
        return self._task.is_cancelled

    def publish(self, item: Any) -> None:
        """Deliver ``item`` to ``Task.partial`` on the GUI thread (one finished image of a batch, a thumbnail); noted
        as published before any cancel, which a cancel keeping those (``Task.cancel``) lets through."""
        self._task._partial_raw.emit(item, self._task.is_cancelled)


class Task(QObject):
    """A handle on one job. Exactly one of finished / failed / cancelled is emitted, then ``ended``."""

    progress = Signal(float, str)
    partial = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    _progress_raw = Signal(float, str)
    _partial_raw = Signal(object, bool)  # (item, published once cancelled)
    _done_raw = Signal(object, object)  # (result, error text or Cancelled or None)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.is_cancelled = False
        self._drop_published = False  # a cancel dropped what was published before it, still on its way
        self.is_done = False
        self.error: str | None = None
        self.fraction = 0.0
        self.message = ""
        queued = Qt.ConnectionType.QueuedConnection
        self._progress_raw.connect(self._on_progress, queued)
        self._partial_raw.connect(self._on_partial, queued)
        self._done_raw.connect(self._on_done, queued)

    def cancel(self, keep_published: bool = False) -> None:
        """Ask the function to stop; from now on nothing but ``cancelled`` and ``ended`` is emitted, except, with
        ``keep_published``, the partial results published before this call and still on their way to the GUI thread
        (work finished as the cancel landed). A cancel without it drops those too, whatever came before."""
        self.is_cancelled = True
        self._drop_published = self._drop_published or not keep_published

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        if not self.is_cancelled and not self.is_done:
            self.fraction, self.message = fraction, message
            self.progress.emit(fraction, message)

    @Slot(object, bool)
    def _on_partial(self, item: Any, published_cancelled: bool) -> None:
        kept = not self.is_cancelled or not (published_cancelled or self._drop_published)
        if kept and not self.is_done:
            self.partial.emit(item)

    @Slot(object, object)
    def _on_done(self, result: Any, error: Any) -> None:
        self.is_done = True
        if self.is_cancelled or error is Cancelled:
            self.is_cancelled = True
            self.cancelled.emit()
        elif error is not None:
            self.error = str(error)
            self.failed.emit(self.error)
        else:
            self.finished.emit(result)
        self.ended.emit()


class _Job(QRunnable):
    def __init__(self, task: Task, fn: Callable[[Any, WorkerState], Any], inputs: Any) -> None:
        super().__init__()
        self.task, self.fn, self.inputs = task, fn, inputs
        self.setAutoDelete(False)  # the runner keeps the Python object until the job is over

    def run(self) -> None:
        task = self.task
        if task.is_cancelled:
            task._done_raw.emit(None, Cancelled)
            return
        try:
            result = self.fn(self.inputs, WorkerState(task))
        except Cancelled:
            task._done_raw.emit(None, Cancelled)
        except Exception as exc:  # the message goes to the window; the traceback to the log
            said = isinstance(exc, FileProblem)  # a file named and said (a damaged photo): no bug, so its
            log.log(logging.WARNING if said else logging.ERROR,  # traceback goes to the log file alone
                    "task %s failed:\n%s", task.name, traceback.format_exc(), extra=FILE_ONLY if said else None)
            task._done_raw.emit(None, exc)
        else:
            task._done_raw.emit(result, None)


class TaskRunner(QObject):
    """A single worker thread; ``busy_changed`` goes true when work is queued and false when all of it ended."""

    busy_changed = Signal(bool)
    task_started = Signal(object)  # Task

    def __init__(self, name: str = "worker", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setObjectName(name)
        self._jobs: dict[Task, _Job] = {}
        self._current: Task | None = None

    @property
    def current(self) -> Task | None:
        """The latest job while it has not ended."""
        return self._current

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(self, fn: Callable[[Any, WorkerState], Any], inputs: Any = None, name: str = "",
            keep_published: bool = False) -> Task:
        """Cancel the previous job (Task.cancel, ``keep_published`` as there) and queue ``fn(inputs, state)``;
        connect to the returned task's signals."""
        self.cancel(keep_published)
        task = Task(name or getattr(fn, "__name__", "task"), self)
        job = _Job(task, fn, inputs)
        was_busy = self.busy
        self._jobs[task] = job
        self._current = task
        task.ended.connect(lambda: self._on_ended(task))
        self._pool.start(job)
        self.task_started.emit(task)
        if not was_busy:
            self.busy_changed.emit(True)
        return task

    def cancel(self, keep_published: bool = False) -> None:
        """Cancel the latest job (Task.cancel). A cancel that drops published results drops those of every job not
        yet ended: an earlier one cancelled keeping its own may still have some on their way."""
        for task in ([self._current] if keep_published else list(self._jobs)):
            if task is not None:
                task.cancel(keep_published)

    def _on_ended(self, task: Task) -> None:
        self._jobs.pop(task, None)
        if self._current is task:
            self._current = None
        task.deleteLater()
        if not self._jobs:
            self.busy_changed.emit(False)

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and wait until the worker thread has left it (what a job reads may be closed next);
        the runner takes new jobs after. False when a job did not stop in time."""
        for task in list(self._jobs):
            task.cancel()
        return self._pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """The runner's last call (its owner goes): stop."""
        return self.stop(timeout_ms)
