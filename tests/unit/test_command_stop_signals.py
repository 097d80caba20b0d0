"""Every command but the window's and a training run's stops on SIGTERM or SIGHUP as on Ctrl+C (app.cli): an
export stopped by a scheduler or `timeout` said nothing of the files it had written, and left the folder's lock and
its store's journal behind; Python's default ends the process on the spot."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_export_stopped import labelled_folder

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_an_export_stopped_from_outside_says_what_it_wrote_and_leaves_no_lock(tmp_path: Path, name: str) -> None:
    if not hasattr(signal, name):
        pytest.skip(f"no {name} here")
    folder, out = labelled_folder(tmp_path / "photos"), tmp_path / "out"
    script = ("import os, signal, sys\n"
              f"signal.signal(signal.{name}, signal.SIG_DFL)\n"  # as a terminal gives it (nohup, a CI runner: ignored)
              "import app.progress_bar as bar\n"
              "def progress(self, fraction, message=''):\n"
              f"    if '(3 of' in message: os.kill(os.getpid(), signal.{name})\n"
              "bar.TextProgressBar.progress = progress\n"
              "from app.cli import main\n"
              f"sys.exit(main(['export', '--format', 'voc', '--out', {str(out)!r}, {str(folder)!r}]))\n")
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 128 + getattr(signal, name), run.stderr  # as a process the signal ended
    written = sorted(out.glob("*.xml"))
    assert len(written) == 2, run.stderr
    assert f"2 file(s) were written to {out} before the export stopped; they are kept" in run.stderr
    assert not (folder / ".retinareview" / "lock").exists()
