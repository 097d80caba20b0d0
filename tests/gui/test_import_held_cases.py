"""An import into the open folder puts its labels into the cases the window holds (app.import_steps) once it has
saved them. One held case whose labels cannot be put in costs the others nothing: they take theirs, the rows follow,
the import's summary names the case and why, and the case is read again from its files, so that no later save of it
writes over the import. A save of a held case queued while the import ran (an analysis result, "Analyse all") does
not write it without the import either."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

import annotations.commands.labels as label_commands
from annotations.classes import LesionClass
from annotations.document import AIResult
from app import annotation_controller
from app.main_window import MainWindow
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.test_import_undo import _ids, _open, _stored_boxes, yolo_import_dialog
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window

NAMES = ("a.png", "b.png", "c.png", "d.png", "e.png", "f.png")
SAID = {"en": ("It was read again from its files", "not enough memory"),
        "zh_CN": ("已从其文件重新读取该病例", "内存不足")}


def _window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    window = reviewer_window(qtbot, tmp_path, fundus_folder(tmp_path, monkeypatch, NAMES))
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.image is not None, timeout=20_000)
    return window


def _start_import(qtbot, window: MainWindow, labels: Path) -> tuple[object, list[str]]:
    """An HE box in the middle of every photo (YOLO files in ``labels``), the import started through the dialog;
    the dialog and the list its finished summary goes to."""
    dialog = yolo_import_dialog(qtbot, window, labels, NAMES)
    finished: list[str] = []
    dialog.finished_import.connect(finished.append)
    dialog.import_button.click()
    return dialog, finished


def _graded(qtbot, window: MainWindow, name: str, grade: int) -> str:
    """Open ``name`` and grade it: a step its history keeps once another case opens (and saves it)."""
    case_id = _open(qtbot, window, name)
    window.actions[f"reader_grade_{grade}"].trigger()
    return case_id


def _labels(boxes: list) -> list[LesionClass]:
    return [box.label for box in boxes]


@pytest.mark.parametrize(("failing", "language"), [("a.png", "en"), ("c.png", "en"), ("a.png", "zh_CN")])
def test_a_held_case_the_labels_cannot_be_put_into_costs_the_others_nothing(qtbot, tmp_path, monkeypatch, request,
                                                                            failing, language) -> None:
    if language == "zh_CN":  # a kept case's, or the open case's
        request.getfixturevalue("chinese")
    window = _window(qtbot, tmp_path, monkeypatch)
    _graded(qtbot, window, "a.png", 2)
    _graded(qtbot, window, "b.png", 1)
    c = _open(qtbot, window, "c.png")  # a and b kept with their histories, c open: put in in this order
    real_diff, calls = label_commands.diff_patches, []

    def no_memory_for_one(*args, **kwargs):  # a 12 MP mask's undo patches
        calls.append(1)
        if len(calls) == "abc".index(failing[0]) + 1:
            raise MemoryError()
        return real_diff(*args, **kwargs)

    monkeypatch.setattr(label_commands, "diff_patches", no_memory_for_one)
    dialog, finished = _start_import(qtbot, window, tmp_path / "yolo")
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=20_000)

    summary, said = dialog.summary.toPlainText(), SAID[language]
    assert f"'{failing}'" in summary and all(words in summary for words in said)
    assert f"'{failing}'" in window.statusBar().currentMessage()  # not the open case's "changed nothing"
    assert not any(f"'{name}'" in summary for name in NAMES if name != failing)
    ids = _ids(window)
    assert all(window.cases.summaries[ids[name]].reader_lesions == ("HE",) for name in NAMES)  # rows read again
    assert window.cases.current_id == c and _labels(window.cases.doc.boxes) == [LesionClass.HE]
    assert not window.isWindowModified()
    steps = {name: ["Import labels"] for name in ("a.png", "b.png", "c.png")}
    steps[failing] = []  # read again from its files: its history starts anew, with the import in
    assert window.cases.history.entries[-1:] == steps["c.png"]
    for name in ("a.png", "b.png"):
        kept = window.cases.histories.get(ids[name])
        assert (kept.entries[-1:] if kept is not None else []) == steps[name]

    case_id = _open(qtbot, window, failing)  # an edit and a save keep the import
    assert _labels(window.cases.doc.boxes) == [LesionClass.HE]
    window.actions["reader_grade_3"].trigger()
    assert window.cases.save()
    assert _labels(_stored_boxes(window, case_id)) == [LesionClass.HE]


def test_an_analysis_result_for_a_held_case_during_the_import_does_not_save_it_without_the_import(
        qtbot, tmp_path, monkeypatch) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    a = _graded(qtbot, window, "a.png", 2)
    _open(qtbot, window, "b.png")  # a kept with its history
    real_import, imported, go_on = annotation_controller.import_labels, threading.Event(), threading.Event()

    def held_at_its_end(*args, **kwargs):
        summary = real_import(*args, **kwargs)
        imported.set()
        go_on.wait(20)
        return summary

    monkeypatch.setattr(annotation_controller, "import_labels", held_at_its_end)
    _, finished = _start_import(qtbot, window, tmp_path / "yolo")
    qtbot.waitUntil(imported.is_set, timeout=30_000)
    window.cases.ai_results.apply(a, AIResult(dr_grade=3))  # "Analyse all" reaching a while the import runs
    go_on.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    window.cases.flush()
    stored = window.cases.workspace.load_case(a)
    assert _labels(stored.boxes) == [LesionClass.HE] and stored.ai is not None and stored.ai.dr_grade == 3
    _open(qtbot, window, "a.png")
    assert _labels(window.cases.doc.boxes) == [LesionClass.HE] and not window.isWindowModified()
    assert np.array_equal(window.cases.doc.mask, stored.mask)


def test_labels_that_cannot_be_added_to_unsaved_edits_are_said_and_importing_again_after_a_save_brings_them(
        qtbot, tmp_path, monkeypatch) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    a = _open(qtbot, window, "a.png")
    real_import, imported, go_on = annotation_controller.import_labels, threading.Event(), threading.Event()
    real_diff = label_commands.diff_patches

    def held_at_its_end(*args, **kwargs):
        summary = real_import(*args, **kwargs)
        imported.set()
        go_on.wait(20)
        return summary

    def no_memory(*_args, **_kwargs):
        raise MemoryError()

    monkeypatch.setattr(annotation_controller, "import_labels", held_at_its_end)
    monkeypatch.setattr(label_commands, "diff_patches", no_memory)
    dialog, finished = _start_import(qtbot, window, tmp_path / "yolo")
    qtbot.waitUntil(imported.is_set, timeout=30_000)
    window.cases.ai_results.apply(a, AIResult(dr_grade=3))  # an analysis result: an unsaved edit of the open case
    go_on.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    assert "'a.png'" in dialog.summary.toPlainText() and "save it, then import again" in dialog.summary.toPlainText()
    doc = window.cases.doc
    assert doc.case_id == a and doc.ai.dr_grade == 3 and doc.boxes == [] and window.isWindowModified()  # kept

    monkeypatch.setattr(label_commands, "diff_patches", real_diff)
    monkeypatch.setattr(annotation_controller, "import_labels", real_import)
    assert window.cases.save()
    dialog, finished = _start_import(qtbot, window, tmp_path / "yolo")  # as the line says
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    window.cases.flush()
    stored = window.cases.workspace.load_case(a)
    assert _labels(stored.boxes) == [LesionClass.HE] and stored.ai.dr_grade == 3
    assert _labels(window.cases.doc.boxes) == [LesionClass.HE] and not window.isWindowModified()
