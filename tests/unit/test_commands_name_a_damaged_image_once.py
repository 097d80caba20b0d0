"""`export`, `import` and `report` open a folder whose scan meets a damaged photo: each names it once, in its own
summary or error, as `analyze --workspace` does; the scan's warning about it stays in the log file."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.cli import main
from tests.unit.test_analyze_workspace_cases import DAMAGED_JPEG
from tests.unit.test_export_stopped import labelled_folder

DAMAGE = "the file cannot be decoded"


def damaged(photo: Path) -> Path:
    """The photo cut off after its header: the folder's next scan meets a changed file it cannot read."""
    photo.write_bytes(DAMAGED_JPEG)
    return photo


def named_once(photo: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What the command printed, checked to name ``photo`` once, and the scan's warning to be in the log file."""
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert printed.count(str(photo)) == 1, printed
    log_file = Path(os.environ["RETINA_REVIEW_LOG_DIR"]) / "retina-review.log"
    assert f"MainThread]: {photo}: {DAMAGE}" in log_file.read_text(encoding="utf-8")  # the scan's
    return printed


def test_a_data_set_export_names_a_damaged_photo_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = damaged(labelled_folder(tmp_path / "photos") / "a.png")
    assert main(["export", str(tmp_path / "photos"), "--format", "dataset", "--out", str(tmp_path / "set")]) == 1
    assert f"warning: skipped (the data set needs the image): {photo}: {DAMAGE}" in named_once(photo, capsys)


def test_an_import_names_a_damaged_photo_once_not_as_a_label_file_matching_no_image(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = labelled_folder(tmp_path / "labelled")
    assert main(["export", str(labelled), "--format", "voc", "--out", str(tmp_path / "voc")]) == 0
    folder = tmp_path / "photos"
    folder.mkdir()
    for photo in labelled.glob("*.png"):
        shutil.copy(photo, folder)
    photo = damaged(folder / "a.png")
    capsys.readouterr()
    # a.xml left out (its photo cannot be read): the import went through, not all of it
    assert main(["import", str(folder), "--format", "voc", "--from", str(tmp_path / "voc")]) == 1
    printed = named_once(photo, capsys)
    assert f"warning: skipped: {photo}: {DAMAGE}" in printed and "matched no image" not in printed
    assert "Imported 3 case(s)" in printed


def test_a_report_of_a_damaged_photo_names_it_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = damaged(labelled_folder(tmp_path / "photos") / "a.png")
    assert main(["report", str(photo), "--no-analysis", "--out", str(tmp_path / "report.pdf")]) == 2
    assert f"error: {photo}: {DAMAGE}" in named_once(photo, capsys)
