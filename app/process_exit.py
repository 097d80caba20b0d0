"""The window's process ends without finalising the interpreter while a model load still runs on its daemon thread.

Python 3.11 ends a daemon thread that asks for the GIL during finalisation with pthread_exit(); inside torch that
happens in a C++ destructor (the GIL released around an operation is taken back there), and unwinding through it
calls std::terminate: "terminate called without an active exception", exit status 134, after everything was saved
(pytorch/pytorch#38228, open; it happened closing the window 3-4 s into a load).
A load cannot be stopped and may take minutes, so the window does not wait for it: once the window closed (folder
and settings written), the process leaves with os._exit, flushing what os._exit would drop (logs, stdout)."""
from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterable

log = logging.getLogger(__name__)


def leave(code: int, threads: Iterable[threading.Thread]) -> int:
    """``code`` when none of ``threads`` runs any more (the interpreter may finalise); else the process ends here."""
    running = [thread.name for thread in threads if thread.is_alive()]
    if not running:
        return code
    log.info("exiting while %s still runs: not finalising Python under it", ", ".join(running))
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)
