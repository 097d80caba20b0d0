"""`analyze` into a workspace or an output folder it may not write is refused before the models load (5-20 s), in
words that say what became of the run: nothing was analysed."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from annotations.workspace import Workspace
from app.cli import main
from tests.unit.test_analyze_resume import photos
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture


@pytest.fixture
def no_model_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that reaches the models fails the test: a refusal is due before them."""
    import inference.analysis_models

    def loaded(*args: object, **kwargs: object) -> None:
        raise AssertionError("the models were loaded before the refusal")
    monkeypatch.setattr(inference.analysis_models, "assemble_models", loaded)


def read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every create or write under ``folder`` fails with EROFS, as on a read-only disk (root ignores permission bits:
    tests/unit/test_hostile_storage.py injects it alike)."""
    real_open, real_mkdir = os.open, os.mkdir
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def refuse(path: object) -> None:
        if str(os.fspath(path)).startswith(str(folder)):  # type: ignore[arg-type]
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    def ro_open(path, flags, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's signature
        if flags & writes:
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def ro_mkdir(path, *args, **kwargs):  # noqa: ANN001, ANN202
        refuse(path)
        return real_mkdir(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", ro_open)
    monkeypatch.setattr(os, "mkdir", ro_mkdir)


def test_a_workspace_on_a_read_only_disk_is_refused_saying_nothing_was_analysed(
        tmp_path: Path, no_installed_models: None, no_model_loading: None,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """It said only the window's words: "…; opened read-only: labels can be viewed and exported but not saved"."""
    folder = tmp_path / "in"
    photos(folder, 1)
    read_only(folder, monkeypatch)
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {folder} is open read-only; nothing was analysed. Cannot write to "
                          f"{folder}/.retinareview (the disk or folder is read-only)"), err
    assert err.count("\n") == 1, err


def test_a_workspace_open_elsewhere_is_refused_saying_nothing_was_analysed(
        tmp_path: Path, no_installed_models: None, no_model_loading: None,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    photos(folder, 1)
    with Workspace.open(folder):
        assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {folder} is open read-only; nothing was analysed. This workspace is open in "
                          "another RetinaReview"), err
    assert err.count("\n") == 1, err


def test_an_output_folder_on_a_read_only_disk_is_refused_before_the_models_load(
        tmp_path: Path, no_installed_models: None, no_model_loading: None,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Each photo was analysed and then failed to be written (status 1), the folder named in each failure."""
    image = photos(tmp_path / "in", 1)[0]
    out = tmp_path / "out"
    out.mkdir()
    read_only(out, monkeypatch)
    assert main(["analyze", str(image), "--out", str(out), "--device", "cpu"]) == 2
    assert capsys.readouterr().err == (f"error: {out}: cannot be written (the disk or folder is read-only) — choose a "
                                       "folder you can write to, on a disk with free space\n")
    assert list(out.iterdir()) == []
