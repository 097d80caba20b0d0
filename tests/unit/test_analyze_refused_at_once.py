"""`analyze` into a workspace or an output folder it may not write is refused before the models load (5-20 s), in
words that say what became of the run: nothing was analysed."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import Workspace
from app.cli import main
from tests.hostile_fs_corpus import read_only
from tests.unit.test_analyze_resume import photos
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture


@pytest.fixture
def no_model_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that reaches the models fails the test: a refusal is due before them."""
    import inference.analysis_models

    def loaded(*args: object, **kwargs: object) -> None:
        raise AssertionError("the models were loaded before the refusal")
    monkeypatch.setattr(inference.analysis_models, "assemble_models", loaded)


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
