"""What the arbiter's window shows of a case whose readings changed after its agreement was stored: a disputed case
reads as to do in the Review box, as on the list, until it is arbitrated; a case whose readers agree on another grade
shows it in the list's Reader column once settled, also when the arbiter opened it before; so does a case arbitrated
while the arbiter was on another case."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotations.case_source import DISAGREE, FLAGGED
from annotations.commands import SetAIResult
from annotations.document import AIResult, ReviewState
from annotations.reading.consensus import consensus_record
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import open_reader
from tests.gui.test_double_reading_gui import READER_GRADE_COLUMN, STATE_COLUMN, select, window_on
from tests.unit.reading_fixtures import case_of, read_case, stale_and_unstored_agreements
from widgets.case_list import AI_COLUMN, CHECK_COLUMN, READING_COLUMN

ARBITER = "Dr Arbiter"
STALE = case_of(1)  # agreed and stored, then disputed: the store still holds the agreement, marked done


def _listed(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)


def _row(window, file_name: str, column: int) -> str:
    model = window.case_list.model
    return next(model.index(row, column).data() for row in range(model.rowCount())
                if model.index(row, 0).data() == file_name)


def test_the_review_box_shows_a_disputed_case_with_a_stale_agreement_to_do(qtbot, tmp_path: Path) -> None:
    folder = stale_and_unstored_agreements(tmp_path / "f", width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    _listed(qtbot, window)
    select(qtbot, window, STALE)
    assert window.cases.listing.reading_states[STALE] is CaseState.NEEDS_ARBITRATION
    assert window.cases.doc.review_state is ReviewState.DONE  # as the stale agreement was stored
    assert window.findings.review_state.currentData() == ReviewState.TODO  # to arbitrate
    assert _row(window, "img1.png", STATE_COLUMN) == "to do"  # as the list says
    assert window.cases.doc.grade.dr_grade == 2 and window.findings.dr_grade.currentData() is None  # nor its grade
    # nor can one be given there: it would not show, nor settle the dispute (the arbitration gives it)
    assert not window.findings.dr_grade.isEnabled() and not window.findings.accept_button.isEnabled()
    assert "arbitrate" in window.findings.accept_button.toolTip()
    window.actions["reader_grade_3"].trigger()  # nor by its keys, Ctrl+G and a digit
    assert window.cases.doc.grade.dr_grade == 2 and "arbitrate" in window.statusBar().currentMessage()
    window.findings.review_state.setCurrentIndex(window.findings.review_state.findData(ReviewState.DONE))
    window.findings.review_state.activated.emit(window.findings.review_state.currentIndex())  # marked done anyway
    assert window.findings.review_state.currentData() == ReviewState.TODO  # still to arbitrate
    select(qtbot, window, case_of(0))
    assert window.findings.review_state.currentData() == ReviewState.DONE  # an agreed case is done
    assert window.findings.dr_grade.currentData() == window.cases.doc.grade.dr_grade == 1  # with its grade
    assert window.findings.dr_grade.isEnabled()


def test_the_review_box_follows_the_open_cases_readers_coming_to_disagree(qtbot, tmp_path: Path) -> None:
    folder = stale_and_unstored_agreements(tmp_path / "f", width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    _listed(qtbot, window)
    select(qtbot, window, case_of(0))
    assert window.findings.review_state.currentData() == ReviewState.DONE
    with open_reader(folder, "Ben") as ben:  # Ben revises the open case
        read_case(ben, 0, grade=4)
    window.arbitration.watch.look()  # what its timer does every few seconds
    qtbot.waitUntil(lambda: window.findings.review_state.currentData() == ReviewState.TODO, timeout=10_000)
    assert window.findings.dr_grade.currentData() is None  # the agreed grade it showed is no consensus now


def test_the_reader_column_shows_the_grade_readers_agree_on_anew_in_a_case_opened_before(
        qtbot, tmp_path: Path) -> None:
    folder = stale_and_unstored_agreements(tmp_path / "f", width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    _listed(qtbot, window)
    select(qtbot, window, case_of(0))
    window.cases.execute(SetAIResult(AIResult(dr_grade=2, referable=True, grade_source="model")))  # analysed
    select(qtbot, window, case_of(2))  # saved (no correction) and left
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    assert _row(window, "img0.png", READER_GRADE_COLUMN) == "1"
    qtbot.waitUntil(lambda: not window.arbitration.watch.runner.busy, timeout=10_000)  # its first look is taken
    for name in ("Anna", "Ben"):  # both revise, and agree on another grade
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=3)
    window.arbitration.watch.look()
    qtbot.waitUntil(lambda: consensus_record(folder, case_of(0))["dr_grade"] == 3, timeout=10_000)  # settled anew
    qtbot.waitUntil(lambda: _row(window, "img0.png", READER_GRADE_COLUMN) == "3", timeout=10_000)


def test_the_reader_column_shows_the_decision_on_a_case_arbitrated_after_the_arbiter_moved_on(
        qtbot, tmp_path: Path) -> None:
    folder = stale_and_unstored_agreements(tmp_path / "f", width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    _listed(qtbot, window)
    select(qtbot, window, STALE)
    window.cases.execute(SetAIResult(AIResult(dr_grade=2, referable=True, grade_source="model")))  # analysed
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    dialog.choice.button(1).click()  # Ben's reading, grade 4
    select(qtbot, window, case_of(2))  # STALE is saved as it was (grade 2) and left before the decision is stored
    with qtbot.waitSignal(window.arbitration.arbitrated, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: _row(window, "img1.png", READING_COLUMN) == "arbitrated", timeout=10_000)
    assert _row(window, "img1.png", READER_GRADE_COLUMN) == "4"


def test_a_formerly_agreed_case_now_disputed_shows_no_grade_until_decided_and_again_once_undone(
        qtbot, tmp_path: Path) -> None:
    """Its stored agreement (grade 2) is no consensus any more: the Reader column shows none, as for a case never
    agreed, and the grade filter does not find it by that grade; the decision's grade shows, until it is undone."""
    folder = stale_and_unstored_agreements(tmp_path / "f", width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    _listed(qtbot, window)
    qtbot.waitUntil(lambda: _row(window, "img1.png", READING_COLUMN) == "needs arbitration", timeout=10_000)
    assert _row(window, "img1.png", READER_GRADE_COLUMN) == "–"  # was the old agreed grade, 2
    window.case_list.set_filters(grade=2)
    qtbot.waitUntil(lambda: not window.case_list.pending, timeout=10_000)
    assert STALE not in window.case_list.visible_case_ids()
    window.case_list.set_filters()
    select(qtbot, window, STALE)
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    dialog.choice.button(1).click()  # Ben's reading, grade 4
    with qtbot.waitSignal(window.arbitration.arbitrated, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: _row(window, "img1.png", READING_COLUMN) == "arbitrated", timeout=10_000)
    assert _row(window, "img1.png", READER_GRADE_COLUMN) == "4"
    with qtbot.waitSignal(window.arbitration.steps.put_back, timeout=10_000):
        window.actions["undo"].trigger()  # the stale agreement is back in the store: no consensus again
    qtbot.waitUntil(lambda: _row(window, "img1.png", READING_COLUMN) == "needs arbitration", timeout=10_000)
    assert _row(window, "img1.png", READER_GRADE_COLUMN) == "–"


def test_a_formerly_agreed_case_now_disputed_is_not_flagged_ai_against_its_stale_grade(qtbot, tmp_path: Path) -> None:
    """The AI graded it 3 and the stale agreement 2: the ⚠ column, its filter and its sort compared the AI with that
    grade ("AI grade 3 differs from reader grade 2") while the Reader column showed none; a case whose agreement
    stands is still flagged."""
    folder = stale_and_unstored_agreements(tmp_path / "f", width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    _listed(qtbot, window)
    for case_id in (STALE, case_of(0)):  # img0's agreement (grade 1) stands
        select(qtbot, window, case_id)
        window.cases.execute(SetAIResult(AIResult(dr_grade=3, referable=True, grade_source="model")))
    select(qtbot, window, case_of(2))
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    qtbot.waitUntil(lambda: _row(window, "img1.png", READING_COLUMN) == "needs arbitration", timeout=10_000)
    assert _row(window, "img1.png", AI_COLUMN) == "3" and _row(window, "img1.png", READER_GRADE_COLUMN) == "–"
    assert _row(window, "img1.png", CHECK_COLUMN) == "" and _row(window, "img0.png", CHECK_COLUMN) == "⚠"
    for filters in ({"state": FLAGGED}, {"grade": DISAGREE}):
        window.case_list.set_filters(**filters)
        qtbot.waitUntil(lambda: not window.case_list.pending, timeout=10_000)
        assert window.case_list.visible_case_ids() == [case_of(0)], filters
    window.case_list.set_filters()
    qtbot.waitUntil(lambda: not window.case_list.pending, timeout=10_000)
    window.case_list.table.sortByColumn(CHECK_COLUMN, Qt.SortOrder.AscendingOrder)  # the flagged last
    qtbot.waitUntil(lambda: not window.case_list.pending, timeout=10_000)
    assert window.case_list.visible_case_ids() == [case_of(1), case_of(2), case_of(0)]
