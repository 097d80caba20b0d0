"""`analyze --workspace` takes each photo as the workspace's case it is: a damaged photo is one failed case among
the others (named once, as without --workspace), and a case is analysed as the modality recorded with it."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image

from annotations.document import Modality
from annotations.workspace import Workspace
from app.cli import main
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import synthetic_fundus

DAMAGED_JPEG = b"\xff\xd8\xff\xe0 cut off after the header"
# Test names here keep OCT out of their first 30 characters: tmp_path is named after them, and a path saying OCT
# makes a photo a B-scan (annotations.modality).


def fundus_photo(folder: Path, name: str = "eye0.png") -> Path:
    folder.mkdir(exist_ok=True)
    Image.fromarray(synthetic_fundus(160, 120, seed=0)).save(folder / name)
    return folder / name


def test_a_damaged_photo_is_named_once_and_every_other_case_is_analysed(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    folder = tmp_path / "photos"
    fundus_photo(folder)
    broken = folder / "broken.jpg"
    broken.write_bytes(DAMAGED_JPEG)
    # the folder never opened before: the command's own scan meets the damaged photo first
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu"]) == 1
    captured = capsys.readouterr()
    assert captured.err.count(str(broken)) == 1, captured.err
    assert f"error: {broken}: the file cannot be decoded" in captured.err
    log_file = Path(os.environ["RETINA_REVIEW_LOG_DIR"]) / "retina-review.log"
    assert f"MainThread]: {broken}: the file cannot be decoded" in log_file.read_text(encoding="utf-8")  # the scan's
    assert "1 of 2 images analysed" in captured.out and "1 AI result(s) stored" in captured.out
    with Workspace.open(folder) as workspace:
        analysed = {case.image_path: case.analysed for case in workspace.cases()}
    assert analysed == {"eye0.png": True, "broken.jpg": False}



def saved_as(folder: Path, modality: Modality, names: tuple[str, ...] = ("eye0.png",)) -> None:
    """The cases of ``names`` saved as ``modality``, as View ▸ Modality leaves them."""
    with Workspace.open(folder) as workspace:
        for case in workspace.cases():
            if case.image_path in names:
                doc = workspace.load_case(case.case_id)
                doc.modality = modality
                workspace.save_case(doc)


def stored_modalities(folder: Path) -> dict[str, str]:
    """What each case's stored AI result was analysed as."""
    with Workspace.open(folder) as workspace:
        return {case.image_path: workspace.load_case(case.case_id).ai.modality for case in workspace.cases()}


def test_a_case_marked_as_a_b_scan_is_analysed_as_one_though_its_pixels_look_like_a_fundus_photo(
        tmp_path: Path, no_installed_models: None) -> None:  # noqa: F811
    folder = tmp_path / "photos"
    fundus_photo(folder)
    saved_as(folder, Modality.OCT)
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu", "--out",
                 str(tmp_path / "out")]) == 0
    assert stored_modalities(folder) == {"eye0.png": "oct"}  # was: a fundus result stored in the OCT case
    assert json.loads((tmp_path / "out" / "eye0.json").read_text())["dr_grade"] is None  # its files are OCT's too


def test_a_case_saved_as_a_fundus_photo_stays_one_given_oct_and_the_command_says_so(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    folder = tmp_path / "photos"
    fundus_photo(folder)
    fundus_photo(folder, "never_saved.png")
    saved_as(folder, Modality.FUNDUS)
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu", "--oct"]) == 0
    # its result must fit the case it is stored in; a case never saved records nothing: --oct decides it
    assert stored_modalities(folder) == {"eye0.png": "fundus", "never_saved.png": "oct"}
    assert "note: 1 image(s) are analysed as the fundus photos their cases record" in capsys.readouterr().err


def test_the_note_on_cases_kept_fundus_photos_counts_only_those_resume_analyses(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """eye0 was finished by an earlier run; --resume skips it, and the note counted it among those analysed."""
    folder, out = tmp_path / "photos", tmp_path / "out"
    fundus_photo(folder)
    fundus_photo(folder, "eye1.png")
    saved_as(folder, Modality.FUNDUS, ("eye0.png", "eye1.png"))
    run = ["--workspace", str(folder), "--out", str(out), "--device", "cpu", "--oct"]
    assert main(["analyze", str(folder / "eye0.png"), *run]) == 0
    capsys.readouterr()
    assert main(["analyze", str(folder), *run, "--resume"]) == 0
    said = capsys.readouterr().err
    assert "note: 1 of 2 images were finished by an earlier run and are skipped" in said
    assert "note: 1 image(s) are analysed as the fundus photos their cases record" in said
