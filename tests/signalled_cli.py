"""A `retina-review` command run in a child Python that sends itself a signal when its progress bar first shows a
given message: how the tests make a stop from outside (a scheduler's SIGTERM, a closed terminal's SIGHUP, Ctrl+C)
land part-way through a run, where the program's own handlers and exit statuses are what is being checked."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_stopped_at(arguments: Sequence[str | Path], *, message: str, signal_name: str, setup: str = "",
                   env: Mapping[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `retina-review ARGUMENTS` until its progress message matches the regular expression ``message``, then
    send it ``signal_name`` (e.g. "SIGTERM"); ``setup`` is Python run in the child first (lines that patch the program
    before it starts). The signal's disposition is the terminal's default: a test runner under nohup ignores SIGHUP,
    a background job SIGINT, which the program rightly leaves alone."""
    script = ("import os, re, signal, sys\n"
              f"stop = signal.{signal_name}\n"
              "signal.signal(stop, signal.default_int_handler if stop == signal.SIGINT else signal.SIG_DFL)\n"
              f"{setup}"
              "import app.progress_bar as bar\n"
              "def progress(self, fraction, message=''):\n"
              f"    if re.search({message!r}, message): os.kill(os.getpid(), stop)\n"
              "bar.TextProgressBar.progress = progress\n"
              "from app.cli import main\n"
              f"sys.exit(main({[str(argument) for argument in arguments]!r}))\n")
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
