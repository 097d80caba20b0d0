"""Every command but the window's and a training run's stops on SIGTERM or SIGHUP as on Ctrl+C (app.cli): an
export stopped by a scheduler or `timeout` said nothing of the files it had written, and left the folder's lock and
its store's journal behind; Python's default ends the process on the spot."""
from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.signalled_cli import run_stopped_at
from tests.unit.test_export_stopped import labelled_folder


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_an_export_stopped_from_outside_says_what_it_wrote_and_leaves_no_lock(tmp_path: Path, name: str) -> None:
    if not hasattr(signal, name):
        pytest.skip(f"no {name} here")
    folder, out = labelled_folder(tmp_path / "photos"), tmp_path / "out"
    run = run_stopped_at(["export", "--format", "voc", "--out", out, folder], message=r"\(3 of", signal_name=name,
                         timeout=120)
    assert run.returncode == 128 + getattr(signal, name), run.stderr  # as a process the signal ended
    written = sorted(out.glob("*.xml"))
    assert len(written) == 2, run.stderr
    assert f"2 file(s) were written to {out} before the export stopped; they are kept" in run.stderr
    assert not (folder / ".retinareview" / "lock").exists()
