"""One writer at a time per output folder: a second analysis or export into a folder another one is writing into
is refused before it writes, instead of both passing the check for files in the way and replacing each other's."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from annotations import folder_claim
from annotations.folder_claim import FolderBusy, FolderClaim
from annotations.output_folder import OutputError, OutputFolder
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from app.cli import main
from tests.unit.test_analyze_resume import photos
from tests.unit.test_export_stopped import labelled_folder
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no flock: Windows has no claim")

# Another process writing into the folder: the lock a run holds, taken without this program's code.
HOLDER = ("import fcntl, os, sys, time; os.makedirs(sys.argv[1], exist_ok=True); "
          "fd = os.open(sys.argv[1], os.O_RDONLY); fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); "
          "time.sleep(120)")


@pytest.fixture
def held_elsewhere(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield folder
    finally:
        holder.kill()
        holder.wait()


def test_a_second_claim_is_refused_until_the_first_is_released(tmp_path: Path) -> None:
    first, second = FolderClaim(tmp_path), FolderClaim(tmp_path)
    first.acquire()
    with pytest.raises(FolderBusy):
        second.acquire()
    first.release()
    second.acquire()
    second.release()


def test_a_claim_that_wrote_nothing_leaves_no_folder_it_made(tmp_path: Path) -> None:
    claim = FolderClaim(tmp_path / "new" / "out")
    claim.acquire()
    assert (tmp_path / "new" / "out").is_dir()
    claim.release()
    assert not (tmp_path / "new" / "out").exists()
    with OutputFolder(tmp_path / "kept").claimed() as out:
        out.write_text("a.txt", "x")
    assert (tmp_path / "kept" / "a.txt").read_text() == "x"


def test_an_output_folder_another_process_writes_into_is_refused_by_name(held_elsewhere: Path) -> None:
    with pytest.raises(OutputError) as refused:
        with OutputFolder(held_elsewhere).claimed():
            pass
    assert str(refused.value) == (f"{held_elsewhere}: another analysis or export is writing into this folder now; "
                                  "nothing was written — wait until it has finished, or choose another folder")


def test_analyze_into_a_folder_another_run_writes_into_is_refused_and_writes_nothing(
        tmp_path: Path, held_elsewhere: Path, no_installed_models: None,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    photos(tmp_path / "in")
    assert main(["analyze", str(tmp_path / "in"), "--out", str(held_elsewhere), "--device", "cpu"]) == 2
    assert "another analysis or export is writing into this folder now" in capsys.readouterr().err
    assert list(held_elsewhere.iterdir()) == []


def test_an_export_into_a_folder_another_run_writes_into_is_refused_and_writes_nothing(
        tmp_path: Path, held_elsewhere: Path) -> None:
    with Workspace.open(labelled_folder(tmp_path / "photos")) as ws:
        with pytest.raises(OutputError, match="another analysis or export is writing into this folder now"):
            export_labels(ws, "voc", held_elsewhere)
    assert list(held_elsewhere.iterdir()) == []


def test_a_file_system_without_locks_writes_unclaimed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))
    monkeypatch.setattr(folder_claim.fcntl, "flock", no_locks)
    with OutputFolder(tmp_path / "share").claimed() as out:
        out.write_text("a.txt", "x")
    assert (tmp_path / "share" / "a.txt").read_text() == "x"
