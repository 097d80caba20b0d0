"""Opening one photo of a folder labelled as a whole: a clinic's folder of one sub-folder per month, opened and
labelled last month, keeps its labels in ``clinic/.retinareview``. Opening ``clinic/2026-12/IDRiD_08.jpg`` by itself
(a double-click, Open images, the command line) had opened ``2026-12`` as a new folder: the photo showed no grade
and no mask, and what the person did then went into a second store beside the first."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import ReaderGrade
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import Workspace
from app.paths_to_open import folder_to_open


def _photo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((20, 30, 3), 80, np.uint8)).save(path)
    return path


def _grade(ws: Workspace, image_path: str, grade: int) -> None:
    doc = ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == image_path))
    doc.grade = ReaderGrade(dr_grade=grade)
    ws.save_case(doc)


def test_a_photo_opens_in_the_folder_above_that_holds_its_labels(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    photo = _photo(clinic / "2026-12" / "IDRiD_08.jpg")
    _photo(clinic / "2026-11" / "IDRiD_01.jpg")
    with Workspace.open(clinic) as ws:
        _grade(ws, "2026-12/IDRiD_08.jpg", 3)
    assert folder_to_open([photo]) == (clinic, {"2026-12/IDRiD_08.jpg"})
    assert not (clinic / "2026-12" / ".retinareview").exists()


def test_a_double_read_folder_is_found_by_a_readers_store(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    photo = _photo(clinic / "2026-12" / "IDRiD_08.jpg")
    save_settings(clinic, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Chen",)))
    with open_reader(clinic, "anna") as ws:  # read by anna alone so far: the main store holds nothing of it
        _grade(ws, "2026-12/IDRiD_08.jpg", 1)
    assert folder_to_open([photo]) == (clinic, {"2026-12/IDRiD_08.jpg"})


def test_a_photo_nobody_labelled_above_opens_in_its_own_folder(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    photo = _photo(clinic / "2026-12" / "IDRiD_08.jpg")
    with Workspace.open(clinic) as ws:  # opened, but this photo never saved there
        assert [c.image_path for c in ws.cases()] == ["2026-12/IDRiD_08.jpg"]
    assert folder_to_open([photo]) == (clinic / "2026-12", {"IDRiD_08.jpg"})


def test_a_store_above_that_cannot_be_read_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clinic = tmp_path / "clinic"
    photo = _photo(clinic / "2026-12" / "IDRiD_08.jpg")

    def unreadable_above(folder: Path, image_path: str) -> bool:  # another user's store there, mode 700
        if folder == clinic:
            raise PermissionError(13, "Permission denied", str(folder / ".retinareview" / "readers"))
        return False

    monkeypatch.setattr("app.paths_to_open.holds_case_of", unreadable_above)
    assert folder_to_open([photo]) == (clinic / "2026-12", {"IDRiD_08.jpg"})
