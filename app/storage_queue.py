"""The window's one way to change stored data: jobs run in order on annotations.serial_executor's thread, and
their results (or errors, naming the file) come back on the GUI thread. ``flush()`` (folder switch, close, tests)
waits for every job and delivers what they returned before it returns, so no work is lost or left unreported."""
from __future__ import annotations

import logging
import threading
import traceback
from collections import deque
from concurrent.futures import Future, wait
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal

from annotations.serial_executor import SerialExecutor

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[str], None]


class StorageQueue(QObject):
    failed = Signal(str)  # a job's error without its own handler: what went wrong, naming the file
    _ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = SerialExecutor("storage")
        self._finished: deque[tuple[Done | None, Failed | None, Any, str | None]] = deque()
        self._lock = threading.Lock()
        self._pending = 0
        self._ready.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        """Jobs are queued or their results not yet delivered."""
        return self._pending > 0

    def submit(self, fn: Callable[..., Any], *args: Any, done: Done | None = None, failed: Failed | None = None
               ) -> Future:
        """Run ``fn(*args)`` after every job submitted before; ``done(result)`` or ``failed(message)`` (default:
        the ``failed`` signal) then runs on the GUI thread. The returned future holds the result (or the
        exception) for a worker that must wait for the job without the GUI thread."""
        self._pending += 1
        result: Future = Future()

        def job() -> None:
            failure: Exception | None = None
            try:
                outcome: tuple[Any, str | None] = (fn(*args), None)
            except Exception as exc:  # noqa: BLE001 - any failure goes back to the window, named
                log.error("storage job %s failed:\n%s", getattr(fn, "__name__", fn), traceback.format_exc())
                outcome, failure = (None, str(exc) or type(exc).__name__), exc
            with self._lock:  # before the future is: a wait_for of it delivers this outcome
                self._finished.append((done, failed, *outcome))
            if failure is None:
                result.set_result(outcome[0])
            else:
                result.set_exception(failure)
            try:
                self._ready.emit()
            except RuntimeError:  # the queue was deleted: flush() delivered or nobody is left to tell
                pass

        self._executor.submit(job)
        return result

    def wait_for(self, job: Future) -> None:
        """Wait for ``job`` (what submit returned), and so for every job submitted before it, not for those after, and
        deliver the outcomes that came."""
        wait([job])
        self._deliver()

    def flush(self) -> None:
        """Wait for every submitted job and deliver its outcome now."""
        self._executor.flush()
        self._deliver()

    def shutdown(self) -> None:
        self.flush()
        self._executor.shutdown()

    def _deliver(self) -> None:
        while True:
            with self._lock:
                if not self._finished:
                    return
                done, failed, result, error = self._finished.popleft()
            self._pending -= 1
            if error is None:
                if done is not None:
                    done(result)
            elif failed is not None:
                failed(error)
            else:
                self.failed.emit(error)
