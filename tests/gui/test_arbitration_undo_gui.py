"""The arbiter's decision is undone and redone like every other edit: Ctrl+Z puts back the case as it was before
the decision, in the window and in the consensus store (the case is to arbitrate again), and Ctrl+Shift+Z decides it
again; so too for a case decided after the arbiter moved on, once opened again."""
from __future__ import annotations

from pathlib import Path

from annotations.graded_fields import GradeField
from annotations.reading.consensus import consensus_record, state_of
from annotations.reading.disagreement import CaseState
from tests.gui.test_double_reading_gui import disputed, select, window_on  # noqa: F401 - fixture
from tests.unit.reading_fixtures import case_of

ARBITER = "Dr Arbiter"


def _decide(qtbot, window, grade: int, move_on_to: str | None = None) -> None:
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    dialog.choice.button(1).click()  # Ben's labels
    combo = dialog.finals[GradeField.DR_GRADE]
    combo.setCurrentIndex(combo.findData(grade))
    if move_on_to is not None:
        select(qtbot, window, move_on_to)
    with qtbot.waitSignal(window.arbitration.arbitrated, timeout=10_000):
        dialog.save_button.click()


def _take(qtbot, window, action: str) -> None:
    """Edit ▸ Undo or Redo (Ctrl+Z, Ctrl+Shift+Z), until what it puts back is stored."""
    with qtbot.waitSignal(window.arbitration.steps.put_back, timeout=10_000):
        window.actions[action].trigger()


def test_ctrl_z_takes_the_arbiters_decision_back_and_ctrl_shift_z_makes_it_again(qtbot, disputed: Path) -> None:
    window = window_on(qtbot, disputed.parent, disputed, ARBITER)
    qtbot.waitUntil(lambda: window.cases.current_id is not None, timeout=10_000)
    select(qtbot, window, case_of(0))
    _decide(qtbot, window, grade=4)
    assert window.cases.doc.grade.dr_grade == 4 and consensus_record(disputed, case_of(0))["dr_grade"] == 4
    assert window.actions["undo"].isEnabled() and window.actions["undo"].text() == "&Undo Arbitrate case"
    _take(qtbot, window, "undo")
    assert window.cases.doc.grade.dr_grade is None and not window.cases.doc.mask.any()  # as opened: no labels
    assert consensus_record(disputed, case_of(0)) is None
    assert state_of(disputed, case_of(0)) is CaseState.NEEDS_ARBITRATION
    qtbot.waitUntil(lambda: window.cases.listing.reading_states[case_of(0)] is CaseState.NEEDS_ARBITRATION,
                    timeout=10_000)
    assert not window.cases.is_dirty  # the store holds the case as the window shows it
    _take(qtbot, window, "redo")
    assert window.cases.doc.grade.dr_grade == 4 and window.cases.doc.mask.any()
    assert consensus_record(disputed, case_of(0))["dr_grade"] == 4
    assert state_of(disputed, case_of(0)) is CaseState.ARBITRATED and not window.cases.is_dirty


def test_a_decision_made_after_moving_on_is_undone_on_the_case_opened_again(qtbot, disputed: Path) -> None:
    window = window_on(qtbot, disputed.parent, disputed, ARBITER)
    qtbot.waitUntil(lambda: window.cases.current_id is not None, timeout=10_000)
    select(qtbot, window, case_of(0))
    _decide(qtbot, window, grade=4, move_on_to=case_of(1))
    assert consensus_record(disputed, case_of(0))["dr_grade"] == 4
    select(qtbot, window, case_of(0))
    assert window.cases.doc.grade.dr_grade == 4
    _take(qtbot, window, "undo")
    assert window.cases.doc.grade.dr_grade is None and consensus_record(disputed, case_of(0)) is None
