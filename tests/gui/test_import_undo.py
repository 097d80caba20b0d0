"""Annotate ▸ Import labels is one undo step ("Import labels") on each case it changed that the window holds (the open
one, and one visited before), saved as the import wrote it; Ctrl+Z takes it back and a save writes the case as it
was. The cases it did not change keep their undo history."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.classes import LesionClass
from app.main_window import MainWindow
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window


def _window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    window = reviewer_window(qtbot, tmp_path, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png")))
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.image is not None, timeout=20_000)
    return window


def _ids(window: MainWindow) -> dict[str, str]:
    return {summary.image_path: summary.case_id for summary in window.cases.summaries.values()}


def _open(qtbot, window: MainWindow, name: str) -> str:
    case_id = _ids(window)[name]
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == case_id, timeout=20_000)
    return case_id


def yolo_import_dialog(qtbot, window: MainWindow, labels: Path, names: tuple[str, ...]):
    """The import dialog set to bring an HE box in the middle of each of ``names`` (YOLO files written in
    ``labels``), its import not started."""
    labels.mkdir(exist_ok=True)
    (labels / "classes.txt").write_text("haemorrhage\n")
    for name in names:
        (labels / f"{Path(name).stem}.txt").write_text("0 0.5 0.5 0.1 0.1\n")
    dialog = window.annotation.show_import()
    qtbot.addWidget(dialog)
    dialog.choose_format("yolo")
    dialog.source_edit.setText(str(labels))
    dialog.label_map_edit.setText("haemorrhage=HE")
    return dialog


def _import_yolo(qtbot, window: MainWindow, labels: Path, names: tuple[str, ...]) -> None:
    """An HE box in the middle of each of ``names`` (YOLO files in ``labels``), imported through the dialog."""
    dialog = yolo_import_dialog(qtbot, window, labels, names)
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=20_000)


def _stored_boxes(window: MainWindow, case_id: str) -> list:
    window.cases.flush()
    return window.cases.workspace.load_case(case_id).boxes


def test_import_is_an_undo_step_of_the_open_case_and_others_keep_theirs(qtbot, tmp_path, monkeypatch) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    undo = window.actions["undo"]
    a = _open(qtbot, window, "a.png")
    window.actions["reader_grade_2"].trigger()
    b = _open(qtbot, window, "b.png")  # a is saved; its grade stays a step of its kept history
    window.actions["reader_grade_1"].trigger()  # unsaved when the import starts: it is saved first
    _import_yolo(qtbot, window, tmp_path / "yolo", ("b.png", "c.png"))
    c = _ids(window)["c.png"]  # never opened: its row follows the import too
    assert window.cases.summaries[b].reader_lesions == window.cases.summaries[c].reader_lesions == ("HE",)

    doc, history = window.cases.doc, window.cases.history
    assert doc.case_id == b and [box.label for box in doc.boxes] == [LesionClass.HE]
    assert history.entries[-1] == "Import labels" and undo.isEnabled() and "Import labels" in undo.text()
    assert window.annotation.history_panel.count() == len(history.entries) + 1
    assert history.is_clean and not window.isWindowModified()  # the import saved it
    assert [box.label for box in _stored_boxes(window, b)] == [LesionClass.HE]

    undo.trigger()  # Ctrl+Z takes the import back, and the case is unsaved again
    assert doc.boxes == [] and doc.grade.dr_grade == 1 and window.isWindowModified()
    assert window.cases.save()
    assert _stored_boxes(window, b) == [] and window.cases.workspace.load_case(b).grade.dr_grade == 1
    assert window.cases.summaries[b].reader_lesions == ()
    window.actions["redo"].trigger()
    assert [box.label for box in doc.boxes] == [LesionClass.HE] and window.isWindowModified()

    _open(qtbot, window, "a.png")  # not changed by the import: its undo history is still there
    assert window.cases.current_id == a and window.cases.history.entries and undo.isEnabled()
    assert window.cases.doc.grade.dr_grade == 2 and not window.isWindowModified()
    undo.trigger()
    assert window.cases.doc.grade.dr_grade is None


def test_import_into_a_case_visited_before_is_an_undo_step_there(qtbot, tmp_path, monkeypatch) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    a = _open(qtbot, window, "a.png")
    window.actions["reader_grade_3"].trigger()
    _open(qtbot, window, "b.png")
    _import_yolo(qtbot, window, tmp_path / "yolo", ("a.png",))
    assert window.cases.doc.boxes == [] and not window.isWindowModified()  # the open case had no labels
    _open(qtbot, window, "a.png")
    doc = window.cases.doc
    assert [box.label for box in doc.boxes] == [LesionClass.HE] and doc.grade.dr_grade == 3
    assert window.cases.history.entries[-1] == "Import labels" and not window.isWindowModified()
    window.actions["undo"].trigger()
    assert doc.boxes == [] and doc.grade.dr_grade == 3 and window.isWindowModified()
    window.actions["undo"].trigger()
    assert doc.grade.dr_grade is None
    assert window.cases.save()
    assert _stored_boxes(window, a) == [] and window.cases.workspace.load_case(a).grade.dr_grade is None


def test_importing_the_same_labels_again_adds_no_step(qtbot, tmp_path, monkeypatch) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    _open(qtbot, window, "a.png")
    _import_yolo(qtbot, window, tmp_path / "yolo", ("a.png",))
    assert window.cases.history.entries == ["Import labels"]
    _import_yolo(qtbot, window, tmp_path / "yolo", ("a.png",))
    assert window.cases.history.entries == ["Import labels"] and not window.isWindowModified()
