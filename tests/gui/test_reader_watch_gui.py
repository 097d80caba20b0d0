"""What a window notices of what others change in its folder while it is open (app.reader_watch): reading settings
that would now open it differently (told, and the folder opened again when the person agrees), the other reader's
submissions and the arbiter's decisions in a reader's window, the writing arbiter's decisions in a window holding
the consensus read-only; never the window's own saves."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.document import ReaderGrade
from annotations.reading.consensus import arbitrate, consensus_record, draft_from
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace.scan import SIDECAR_NAME
from app.main_window import MainWindow
from tests.gui.test_double_reading_gui import READER_GRADE_COLUMN, STATE_COLUMN, select, window_on
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from widgets.case_list import READING_COLUMN

DOUBLE = ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Lee", "Dr Wu"))


def _settled(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)
    qtbot.waitUntil(lambda: not window.watch.runner.busy, timeout=10_000)  # its first look is taken


def _look(qtbot, window: MainWindow) -> None:
    """What the watch's timer does every few seconds."""
    window.watch.look()
    qtbot.waitUntil(lambda: not window.watch.runner.busy, timeout=10_000)


def _column(window: MainWindow, column: int) -> dict[str, str]:
    model = window.case_list.model
    return {model.index(row, 0).data(): model.index(row, column).data() for row in range(model.rowCount())}


def _reading(window: MainWindow) -> dict[str, str]:
    return _column(window, READING_COLUMN)


def test_double_reading_turned_on_elsewhere_is_told_and_the_folder_opened_again_only_when_agreed(
        qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, "Anna")
    _settled(qtbot, window)
    window.cases.edits.set_grade(ReaderGrade(dr_grade=2))  # an edit not saved yet
    asked: list[str] = []
    window.cases.confirm = lambda title, question: asked.append(question) or False
    _look(qtbot, window)
    assert asked == []  # nothing changed
    save_settings(folder, DOUBLE)  # the programme lead, on another machine
    _look(qtbot, window)
    assert len(asked) == 1 and "'f'" in asked[0] and "changed elsewhere" in asked[0]
    assert "open it again" in window.statusBar().currentMessage()
    _look(qtbot, window)
    assert len(asked) == 1  # declined: not asked again at every look
    assert window.cases.workspace.sidecar == folder / SIDECAR_NAME and window.cases.is_dirty  # nothing switched
    window.cases.confirm = lambda title, question: asked.append(question) or True
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True, arbiters=DOUBLE.arbiters))
    _look(qtbot, window)  # another change: asked again, and agreed
    window.cases.flush()  # the folder is opened again
    assert len(asked) == 2
    assert window.cases.workspace.sidecar == folder / SIDECAR_NAME / "readers" / "anna" and window.cases.blind_ai
    assert "Anna, reader" in window.windowTitle()
    with open_consensus(folder, "Dr Lee") as main:  # the edit was saved first, in the store it was made in
        assert main.load_case(case_of(0)).grade.dr_grade == 2


def test_blind_ai_turned_on_elsewhere_hides_the_ai_from_a_reader_once_the_folder_is_opened_again(
        qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, DOUBLE)
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2, submit=False, ai_grade=3)
    window = window_on(qtbot, tmp_path, folder, "Anna")
    _settled(qtbot, window)
    select(qtbot, window, case_of(0))
    assert window.cases.doc.ai is not None  # not blind (yet)
    window.cases.confirm = lambda title, question: True
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True, arbiters=DOUBLE.arbiters))
    _look(qtbot, window)
    window.cases.flush()  # the folder is opened again
    _settled(qtbot, window)
    select(qtbot, window, case_of(0))
    assert window.cases.blind_ai and window.cases.doc.ai is None


def test_a_change_that_does_not_concern_the_window_is_not_told(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    save_settings(folder, DOUBLE)
    window = window_on(qtbot, tmp_path, folder, "Anna")
    _settled(qtbot, window)
    told: list[object] = []
    window.watch.settings_changed.connect(told.append)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, dice_threshold=0.7,
                                          arbiters=("Dr Lee", "Dr Wu", "Dr Xu")))  # the arbiters' concern
    _look(qtbot, window)
    assert told == []


def test_blind_ai_turned_on_in_the_window_itself_opens_the_folder_again_unasked(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    save_settings(folder, DOUBLE)
    window = window_on(qtbot, tmp_path, folder, "Anna")
    _settled(qtbot, window)
    asked: list[str] = []
    window.cases.confirm = lambda title, question: asked.append(question) or True
    assert window.reading.apply("Anna", {**window.reading.folder_values(), "blind_ai": True})
    window.cases.flush()  # opened again, so that the AI is hidden from now on
    _settled(qtbot, window)
    _look(qtbot, window)
    assert window.cases.blind_ai and asked == []  # its own change is not news


def test_a_readers_list_follows_the_other_readers_submissions_and_the_arbitration(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=3, width=160, height=120)
    save_settings(folder, DOUBLE)
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
        read_case(anna, 1, grade=1)
        read_case(anna, 2, grade=1, submit=False)
    window = window_on(qtbot, tmp_path, folder, "Anna")
    _settled(qtbot, window)
    assert _reading(window) == {"img0.png": "reader 1 done", "img1.png": "reader 1 done", "img2.png": "needs reader 1"}
    with open_reader(folder, "Ben") as ben:  # on another machine
        read_case(ben, 0, grade=3)  # disagrees
        read_case(ben, 1, grade=1)  # agrees
        read_case(ben, 2, grade=4)  # a case Anna has not submitted
    _look(qtbot, window)
    qtbot.waitUntil(lambda: _reading(window)["img0.png"] == "disagree", timeout=10_000)
    assert _reading(window)["img1.png"] == "2 of 2 agree"
    with open_consensus(folder, "Dr Lee") as consensus:
        readings = load_readings(folder, case_of(0))
        arbitrate(consensus, draft_from(readings[1]), "Dr Lee", readings)
    _look(qtbot, window)
    qtbot.waitUntil(lambda: _reading(window)["img0.png"] == "arbitrated", timeout=10_000)
    followed = _reading(window)
    assert window.open_paths([folder])  # opened anew: the list followed to what opening shows, no more
    window.cases.flush()
    _settled(qtbot, window)
    assert _reading(window) == followed


def test_a_window_holding_the_consensus_read_only_follows_the_writing_arbiters_decisions(
        qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    colour = np.zeros((120, 160, 3), np.uint8)
    colour[..., 0] = 120  # a colour photo: a grey one is taken for OCT, an edit of its own the case would then hold
    Image.fromarray(colour).save(folder / "img0.png")
    save_settings(folder, DOUBLE)
    for name, grade in (("Anna", 2), ("Ben", 3)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade)
    with open_consensus(folder, "Dr Wu") as consensus:  # Dr Wu arbitrates on another machine
        window = window_on(qtbot, tmp_path, folder, "Dr Lee")
        _settled(qtbot, window)
        assert window.cases.workspace.read_only and _reading(window) == {"img0.png": "disagree"}
        assert window.cases.current_id == case_of(0) and window.cases.doc.grade.dr_grade is None
        assert _column(window, READER_GRADE_COLUMN) == {"img0.png": "–"}
        readings = load_readings(folder, case_of(0))
        arbitrate(consensus, draft_from(readings[1]), "Dr Wu", readings)  # Ben's grade 3
        _look(qtbot, window)
        qtbot.waitUntil(lambda: _reading(window) == {"img0.png": "arbitrated"}, timeout=10_000)
        qtbot.waitUntil(lambda: _column(window, READER_GRADE_COLUMN) == {"img0.png": "3"}, timeout=10_000)
        assert _column(window, STATE_COLUMN) == {"img0.png": "done"}
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.grade.dr_grade == 3,
                        timeout=10_000)  # the open case shown anew, as decided


def test_the_arbiters_own_saves_of_the_consensus_are_no_news(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, DOUBLE)
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=2)
    window = window_on(qtbot, tmp_path, folder, "Dr Lee")
    qtbot.waitUntil(lambda: consensus_record(folder, case_of(0)) is not None, timeout=10_000)  # settled as agreed
    _settled(qtbot, window)
    heard: list[set[str]] = []
    window.watch.saved_elsewhere.connect(heard.append)
    select(qtbot, window, case_of(1))
    window.cases.edits.set_grade(ReaderGrade(dr_grade=1))
    assert window.cases.save()
    _look(qtbot, window)
    assert heard == []


def test_a_stroke_being_painted_is_not_interrupted_by_the_question(qtbot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import Qt

    from app import reader_watch

    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, "Anna")
    _settled(qtbot, window)
    asked: list[str] = []
    window.cases.confirm = lambda title, question: asked.append(question) or False
    save_settings(folder, DOUBLE)
    held = Qt.MouseButton.LeftButton
    monkeypatch.setattr(reader_watch.QGuiApplication, "mouseButtons", staticmethod(lambda: held))
    _look(qtbot, window)
    assert asked == []  # mid-stroke
    held = Qt.MouseButton.NoButton  # the stroke ends
    _look(qtbot, window)
    assert len(asked) == 1
