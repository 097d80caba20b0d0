"""A case whose saved mask is damaged cannot be shown; under the reason, *Open without the damaged file* copies it
aside and opens the case's grade, boxes and findings (they were out of reach: Try again read the same file again).
A damaged case.json offers Try again alone: there is nothing left to open without it."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from app.main_window import MainWindow
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window


def _damaged(folder: Path, which: str) -> tuple[str, Path]:
    """Saves b.png graded 2 with a box and painted pixels, then cuts its mask (or its case.json) short; returns its
    case id and the damaged file."""
    with Workspace.open(folder) as ws:
        case = next(case for case in ws.cases() if case.image_path == "b.png")
        doc = ws.load_case(case.case_id)
        doc.grade.dr_grade = 2
        doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
        doc.mask[10:14, 10:14] = LesionClass.EX.bit
        ws.save_case(doc)
        folder_of_case = ws.case_files.case_dir(case.case_id)
    (damaged,) = folder_of_case.glob("mask.*.png") if which == "mask" else [folder_of_case / "case.json"]
    damaged.write_bytes(damaged.read_bytes()[:60])
    return case.case_id, damaged


@pytest.mark.parametrize("which", ["mask", "case.json"])
def test_a_case_with_a_damaged_mask_opens_without_it_a_copy_kept(qtbot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch, which: str) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    case_id, damaged = _damaged(folder, which)
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    said: list[str] = []
    window.cases.message.connect(said.append)
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.open_error is not None, timeout=10_000)
    assert str(damaged) in window.notice.text() and window.notice.retry_button.isVisibleTo(window)
    button = window.notice.set_aside_button
    if which == "case.json":
        assert not button.isVisibleTo(window)
        return
    assert button.isVisibleTo(window) and button.text() == "Open without the damaged file"
    button.click()
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.centre.currentWidget() is window.canvas and window.cases.current_id == case_id
    doc = window.cases.doc
    assert doc.grade.dr_grade == 2 and len(doc.boxes) == 1 and not doc.mask.any()
    (copy,) = damaged.parent.glob("mask.*.png.damaged-*")
    assert any(str(copy) in text and "opens without them" in text for text in said)
