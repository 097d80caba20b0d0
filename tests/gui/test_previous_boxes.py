"""Ctrl+V copies the previous case's boxes onto this case, from its file or its kept history, and says how many."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.gui.test_oct_volume_slider import _shown_bscan, folder  # noqa: F401 - fixture

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues

    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    images = tmp_path / "images"
    images.mkdir()
    for name, (width, height) in {"a.png": (200, 150), "b.png": (100, 80), "c.png": (100, 80)}.items():
        Image.fromarray(np.full((height, width, 3), (190, 120, 60), np.uint8)).save(images / name)  # fundus-coloured
    ws = Workspace.open(images, reader="tester")
    first = next(case.case_id for case in ws.cases() if case.image_path == "a.png")
    doc = ws.load_case(first)
    doc.boxes = [Box(LesionClass.MA, 10, 10, 20, 20, difficult=True), Box(LesionClass.HE, 90, 70, 150, 120)]
    ws.save_case(doc)
    ws.close()
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader="tester"))
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    assert main.open_paths([images])
    qtbot.waitUntil(lambda: main.cases.doc is not None and main.cases.doc.image_path == "a.png", timeout=20_000)
    return main


def said(window) -> str:
    return window.statusBar().currentMessage()


def next_case(qtbot, window, name: str) -> None:
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.image_path == name, timeout=20_000)


def test_ctrl_v_copies_the_previous_cases_boxes_once_and_says_why_when_none(qtbot, window) -> None:
    table = window.case_list.table
    qtbot.keyClick(table, Qt.Key.Key_V, CTRL)
    assert "this is the first case in the list" in said(window)

    next_case(qtbot, window, "b.png")  # a.png is not kept (no edits): its boxes come from its file
    qtbot.keyClick(table, Qt.Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: "Copied" in said(window), timeout=20_000)
    assert said(window) == "Copied 2 box(es) from the previous case, 'a.png'"
    doc = window.cases.doc
    assert [(box.label, box.coords(), box.difficult) for box in doc.boxes] == [
        (LesionClass.MA, (10, 10, 20, 20), True), (LesionClass.HE, (90, 70, 99, 79), False)]  # clipped to b.png
    assert window.cases.history.entries == ["Copy 2 box(es) from the previous case"]

    window.statusBar().clearMessage()
    qtbot.keyClick(table, Qt.Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: said(window) != "", timeout=20_000)
    assert "every box of the previous case, 'a.png', is already here" in said(window) and len(doc.boxes) == 2

    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)  # the copies undo as one step
    assert doc.boxes == []
    next_case(qtbot, window, "c.png")  # b.png is kept, with its boxes undone
    qtbot.keyClick(table, Qt.Key.Key_V, CTRL)
    assert "the previous case, 'b.png', has no boxes" in said(window) and window.cases.doc.boxes == []


def test_ctrl_v_takes_the_kept_history_with_its_unsaved_edits(qtbot, window) -> None:
    from annotations.commands import DeleteBox

    history = window.cases.history
    history.execute(DeleteBox(window.cases.doc.boxes[1].uid))  # unsaved: the file still has both
    window.cases.save = lambda wait=True: True  # the case stays unsaved on the switch
    next_case(qtbot, window, "b.png")
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_V, CTRL)
    assert said(window) == "Copied 1 box(es) from the previous case, 'a.png'"
    assert [box.label for box in window.cases.doc.boxes] == [LesionClass.MA]


def test_ctrl_v_in_the_findings_text_pastes_there(qtbot, window) -> None:
    next_case(qtbot, window, "b.png")
    QApplication.clipboard().setText("cotton wool spot")
    editor = window.findings.findings_text
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert editor.toPlainText() == "cotton wool spot" and window.cases.doc.boxes == []


def test_ctrl_v_on_a_bscan_copies_the_bscan_before_it(qtbot, settings, folder) -> None:  # noqa: F811
    """A volume is one row of the list: a B-scan's previous case is the B-scan before it, not the row above (none
    here: the volume is first), whether either is the volume's own (middle) B-scan or one of its own."""
    from annotations.commands import AddBox

    window = _window(qtbot, settings, folder)  # on the volume: its own case is B-scan 4 of 7
    bar, table = window.bscans.bar, window.case_list.table
    for number, copied in ((3, 0), (4, 1), (5, 1)):
        bar.slider.setValue(number)
        _shown_bscan(qtbot, window, number)
        if not copied:
            window.cases.history.execute(AddBox(Box(LesionClass.MA, 5, 5, 15, 15), "Add MA box"))
            continue
        qtbot.keyClick(table, Qt.Key.Key_V, CTRL)
        qtbot.waitUntil(lambda: "Copied" in said(window), timeout=20_000)
        assert said(window) == f"Copied 1 box(es) from the previous case, 'a_volume.dcm', B-scan {number - 1}"
        window.statusBar().clearMessage()
    bar.slider.setValue(1)
    _shown_bscan(qtbot, window, 1)
    qtbot.keyClick(table, Qt.Key.Key_V, CTRL)
    assert said(window) == "No previous B-scan to copy boxes from: this is the first B-scan of the volume"
