"""A reader's window left open while the other reader submits and the arbiter decides: its list follows them, as the
arbiter's follows the readers (app.reader_watch), instead of showing a decided case as needing arbitration all day."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.reading.consensus import arbitrate, draft_from
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.gui.test_double_reading_gui import select, window_on
from tests.unit.reading_fixtures import arbitrated, case_of, image_folder, read_case
from widgets.case_list import READER_COLUMN, READING_COLUMN


def _reading_column(window, file_name: str, column: int = READING_COLUMN) -> str | None:
    """None while the list does not show the case yet."""
    model = window.case_list.model
    return next((model.index(row, column).data() for row in range(model.rowCount())
                 if model.index(row, 0).data() == file_name), None)


def test_a_readers_open_list_follows_the_other_reader_and_the_arbiter(qtbot, tmp_path: Path, chinese) -> None:
    folder = image_folder(tmp_path / "f", count=3, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("王主任",)))
    with open_reader(folder, "李明") as li:
        for index in (0, 1):
            read_case(li, index, grade=2)
        read_case(li, 2, grade=2, submit=False)  # a draft
    window = window_on(qtbot, tmp_path, folder, "李明")
    qtbot.waitUntil(lambda: window.cases.listing.reading_states.get(case_of(0)) is CaseState.NEEDS_READER_2,
                    timeout=10_000)
    qtbot.waitUntil(lambda: not window.arbitration.watch.runner.busy, timeout=10_000)  # its first look is taken
    with open_reader(folder, "张华") as zhang:  # the other reader, on another computer
        read_case(zhang, 0, grade=1)
        read_case(zhang, 1, grade=2)
        read_case(zhang, 2, grade=1)
    window.arbitration.watch.look()  # what its timer does every few seconds
    qtbot.waitUntil(lambda: _reading_column(window, "img0.png") == "待仲裁", timeout=10_000)
    assert _reading_column(window, "img1.png") == "意见一致"
    assert _reading_column(window, "img2.png") == "待第二次阅片"  # blind until 李明 submits: not "needs arbitration"
    qtbot.waitUntil(lambda: not window.arbitration.watch.runner.busy, timeout=10_000)
    arbitrated(folder, "王主任", 0)  # the arbiter decides meanwhile
    window.arbitration.watch.look()
    qtbot.waitUntil(lambda: _reading_column(window, "img0.png") == "已仲裁", timeout=10_000)


def _arbitrated(tmp_path: Path) -> Path:
    """李明 graded img0 2, 张华 1; 王主任 decided it as 张华's reading."""
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("王主任",)))
    for name, grade in (("李明", 2), ("张华", 1)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade)
            read_case(reader, 1, grade=0, submit=False)
    with open_consensus(folder, "王主任") as consensus:
        readings = load_readings(folder, case_of(0))
        arbitrate(consensus, draft_from(next(r for r in readings if r.reader == "张华")), "王主任", readings)
    return folder


def _disputed_for_two_arbiters(tmp_path: Path) -> Path:
    """_arbitrated's folder with a second arbiter, 陈主任, and img1 disputed too: 李明 graded it 3, 张华 1."""
    folder = _arbitrated(tmp_path)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("王主任", "陈主任")))
    with open_reader(folder, "李明") as li:
        read_case(li, 1, grade=3)
    with open_reader(folder, "张华") as zhang:
        read_case(zhang, 1, grade=1)
    return folder


def test_a_reader_changing_an_arbitrated_case_is_told_the_consensus_stays(qtbot, tmp_path: Path, chinese) -> None:
    window = window_on(qtbot, tmp_path, _arbitrated(tmp_path), "李明")
    select(qtbot, window, case_of(0))
    qtbot.waitUntil(lambda: window.cases.listing.reading_states.get(case_of(0)) is CaseState.ARBITRATED,
                    timeout=10_000)
    window.actions["reader_grade_4"].trigger()  # 李明 finds it proliferative after all
    assert window.cases.doc.grade.dr_grade == 4  # kept, in 李明's own reading
    said = window.statusBar().currentMessage()
    assert "'img0.png' 已经仲裁" in said and "共识结果仍为仲裁者的决定" in said
    window.statusBar().clearMessage()
    window.actions["reader_grade_3"].trigger()  # said once for the case, not at each edit
    assert window.statusBar().currentMessage() == ""
    select(qtbot, window, case_of(1))  # a draft nobody arbitrated: nothing to say
    window.actions["reader_grade_1"].trigger()
    assert window.statusBar().currentMessage() == ""


def test_a_second_arbiters_read_only_list_follows_the_first_arbiters_decisions(qtbot, tmp_path: Path, chinese) -> None:
    folder = _disputed_for_two_arbiters(tmp_path)
    with open_consensus(folder, "王主任") as consensus:  # 王主任 holds the consensus: 陈主任 opens it read-only
        window = window_on(qtbot, tmp_path, folder, "陈主任")
        assert window.cases.workspace.read_only
        qtbot.waitUntil(lambda: _reading_column(window, "img1.png") == "待仲裁", timeout=10_000)
        qtbot.waitUntil(lambda: not window.arbitration.watch.runner.busy, timeout=10_000)  # its first look is taken
        readings = load_readings(folder, case_of(1))
        arbitrate(consensus, draft_from(readings[0]), "王主任", readings)
        window.arbitration.watch.look()
        qtbot.waitUntil(lambda: _reading_column(window, "img1.png") == "已仲裁", timeout=10_000)


@pytest.mark.parametrize("opened", [1, 0], ids=["the decided case open", "another case open"])
def test_a_second_arbiters_open_case_and_rows_show_the_first_arbiters_decision(qtbot, tmp_path: Path, chinese,
                                                                               opened: int) -> None:
    """陈主任 (read-only) has a case open while 王主任 decides img1: the open case and the row's grade went on
    showing it undecided until the folder was opened again (only the reading column followed)."""
    folder = _disputed_for_two_arbiters(tmp_path)
    with open_consensus(folder, "王主任") as consensus:
        window = window_on(qtbot, tmp_path, folder, "陈主任")
        assert window.cases.workspace.read_only  # its index a copy taken at opening
        select(qtbot, window, case_of(opened))
        qtbot.waitUntil(lambda: _reading_column(window, "img1.png") == "待仲裁", timeout=10_000)
        qtbot.waitUntil(lambda: not window.arbitration.watch.runner.busy, timeout=10_000)  # its first look is taken
        shown = window.cases.doc
        readings = load_readings(folder, case_of(1))
        arbitrate(consensus, draft_from(next(r for r in readings if r.reader == "李明")), "王主任", readings)
        window.arbitration.watch.look()
        qtbot.waitUntil(lambda: _reading_column(window, "img1.png") == "已仲裁", timeout=10_000)
        qtbot.waitUntil(lambda: (_reading_column(window, "img1.png", READER_COLUMN) or "").startswith("3"),
                        timeout=10_000)  # 李明's grade, decided
        if opened == 1:
            qtbot.waitUntil(lambda: window.cases.doc is not shown, timeout=10_000)
            assert window.cases.current_id == case_of(1) and window.cases.doc.grade.dr_grade == 3
        else:
            assert window.cases.doc is shown  # a case not decided meanwhile is not read again
