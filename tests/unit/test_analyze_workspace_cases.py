"""`analyze --workspace` takes each photo as the workspace's case it is: a damaged photo is one failed case among
the others (named once, as without --workspace), and a case is analysed as the modality recorded with it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

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
    assert f"error: {broken}: the file is damaged or truncated" in captured.err
    log_file = Path(os.environ["RETINA_REVIEW_LOG_DIR"]) / "retina-review.log"
    assert f"MainThread]: {broken}: the file is damaged" in log_file.read_text(encoding="utf-8")  # the scan's
    assert "1 of 2 images analysed" in captured.out and "1 AI result(s) stored" in captured.out
    with Workspace.open(folder) as workspace:
        analysed = {case.image_path: case.analysed for case in workspace.cases()}
    assert analysed == {"eye0.png": True, "broken.jpg": False}


