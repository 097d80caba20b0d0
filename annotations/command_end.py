"""How a command-line run ends, one way for `retina-review`'s commands (app.cli) and the `python -m` tools of
inference/, which may not import app: Ctrl+C, or a stop signal app.stop_signals turns into one, prints "interrupted"
(a command speaking another language says it in its own words: said_stop) and exits 128 + the signal's number; an
error a person can cause, of the kinds the caller names, prints "error: MESSAGE" (the message names the file and what
to do) and exits 2. Neither prints a traceback.

The exit statuses, so that a script or scheduler can tell how a run ended:

- 0 ``DONE``: everything asked for was done.
- 1 ``PARTLY_DONE``: the run went through but not everything did: some images failed or were not found (each
  named), an import left out a case or a label file (each named), or a trained model does not beat the shipped one,
  so nothing was installed.
- 2 ``USAGE_ERROR``: nothing was done (or the run stopped at it) because of something the person must fix: a bad
  option, a missing or unreadable input named, an output in the way, a folder that is not a case folder, a disk full.
- 70 ``CRASHED``: a bug in the program, its traceback printed (to report): not Python's own 1, which a script would
  read as ``PARTLY_DONE``.
- 128 + N: stopped by signal N (130 Ctrl+C, 143 SIGTERM, 129 SIGHUP; 141, SIGPIPE's, when what read the output
  closed it early, as ``… | head`` does: a command that names its own file errors prints outside the ``try`` that
  catches OSError, since BrokenPipeError is one).
"""
from __future__ import annotations

import os
import signal
import sys
from typing import Callable

DONE = 0
PARTLY_DONE = 1  # what went through is written; what did not is named
USAGE_ERROR = 2  # as argparse exits for a bad option: the person has something to fix
CRASHED = 70  # sysexits.h's EX_SOFTWARE: an internal error
PIPE_SIGNAL = getattr(signal, "SIGPIPE", 13)  # its number on POSIX; Windows has no such signal, so none of its own
INTERRUPTED = "interrupted"  # what a stopped run says, in English (a command says it in its language: said_stop)


class StoppedBySignal(KeyboardInterrupt):
    """The stop a signal asked for; the process exits 128 + its number, as one the signal ended does (143 for
    SIGTERM), so a scheduler sees how it ended."""

    def __init__(self, number: int) -> None:
        super().__init__(signal.Signals(number).name)
        self.number = number


def exit_status(stop: KeyboardInterrupt) -> int:
    """128 + the signal's number: 130 for Ctrl+C (SIGINT), 143 for SIGTERM, 129 for SIGHUP."""
    return 128 + (stop.number if isinstance(stop, StoppedBySignal) else signal.SIGINT)


def _discard_stdout() -> None:
    """Whatever is still buffered for the closed pipe goes nowhere, so Python's flush at exit says nothing."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no file (a test's capture): nothing will be flushed to a pipe
        pass


def said_stop(stop: KeyboardInterrupt, text: str) -> None:
    """Say that the run stopped, as ``text`` (INTERRUPTED in the command's language): run_command, ending it, then
    says it no more."""
    print(text, file=sys.stderr)
    stop.said = True  # type: ignore[attr-defined]


def run_command(run: Callable[[], int | None], errors: tuple[type[Exception], ...] = ()) -> int:
    """``run()``'s exit status; ``errors`` and Ctrl+C said on stderr in one line, as the module's doc says."""
    try:
        return int(run() or DONE)
    except BrokenPipeError:  # what read its output left (`retina-review analyze … | head`): no bug, nothing to say
        _discard_stdout()  # before ``errors``: an OSError there is a file's, not this
        return 128 + PIPE_SIGNAL
    except errors as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt as stop:
        if not getattr(stop, "said", False):
            print(INTERRUPTED, file=sys.stderr)
        return exit_status(stop)
    except Exception:  # noqa: BLE001 - any other: a bug, with a status of its own
        sys.excepthook(*sys.exc_info())  # said as Python would, and kept in the log file where app.cli keeps one
        return CRASHED
