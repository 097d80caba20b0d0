"""One worker thread that runs every change to stored data in the order it was asked for (Anki's way): the GUI
never waits on the disk, and two writes to one case can never overtake each other."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable


class SerialExecutor:
    def __init__(self, name: str = "storage") -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)  # one thread: a FIFO, in order
        self._stopped = False

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        return self._pool.submit(fn, *args)

    def flush(self, timeout_s: float | None = None) -> bool:
        """Wait until everything submitted so far has run; False when ``timeout_s`` passed first."""
        if self._stopped:
            return True  # shutdown already ran everything
        try:
            self._pool.submit(lambda: None).result(timeout_s)
        except TimeoutError:
            return False
        return True

    def shutdown(self) -> None:
        """Run what is queued, then stop the thread; later calls do nothing."""
        self._stopped = True
        self._pool.shutdown(wait=True)
