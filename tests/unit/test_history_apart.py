"""History: an edit from elsewhere (an analysis result) while the person's stroke or box drag is open is a step of its
own after it, a cancelled drag leaves no step, and a result for a case not on screen keeps what redo offers."""
from __future__ import annotations

from annotations.classes import LesionClass as C
from annotations.commands import AddBox, SetAIResult, SetBoxGeometry, SetGrade
from annotations.document import AIResult, Box, ReaderGrade
from annotations.history import History
from tests.unit.test_history import make_doc


def _with_box() -> tuple[History, Box]:
    box = Box(C.EX, 10, 10, 29, 19)
    history = History(make_doc())
    history.execute(AddBox(box))
    return history, box


def test_a_result_during_a_drag_is_its_own_step_after_it() -> None:
    history, box = _with_box()
    history.begin_group("Move box")
    history.execute(SetBoxGeometry(box.uid, 15, 10, 34, 19))
    history.execute_apart(SetAIResult(AIResult(dr_grade=2)))
    assert history.doc.ai is None  # held while the drag goes on
    history.execute(SetBoxGeometry(box.uid, 20, 10, 39, 19))
    history.end_group()
    assert history.entries == ["Add EX box", "Move box", "Set AI result"] and history.doc.ai.dr_grade == 2
    history.undo()
    assert history.doc.ai is None and box.coords() == (20, 10, 39, 19)
    history.undo()
    assert box.coords() == (10, 10, 29, 19)


def test_a_cancelled_drag_leaves_no_step_keeps_redo_and_the_result() -> None:
    history, box = _with_box()
    history.execute(SetGrade(ReaderGrade(dr_grade=1)))
    history.undo()
    history.begin_group("Move box")
    history.execute(SetBoxGeometry(box.uid, 15, 10, 34, 19))
    history.execute_apart(SetAIResult(AIResult(dr_grade=2)))
    history.cancel_group()
    assert box.coords() == (10, 10, 29, 19) and history.doc.ai.dr_grade == 2
    assert history.entries == ["Add EX box", "Set AI result"]  # a result ends what redo offered, as any edit does
    history.undo()
    assert history.doc.ai is None and box.coords() == (10, 10, 29, 19)


def test_cancel_group_puts_back_what_the_group_changed_and_keeps_redo() -> None:
    history, box = _with_box()
    history.execute(SetGrade(ReaderGrade(dr_grade=1)))
    history.undo()
    history.begin_group("Move box")
    history.execute(SetBoxGeometry(box.uid, 15, 10, 34, 19))
    history.cancel_group()
    assert box.coords() == (10, 10, 29, 19) and history.entries == ["Add EX box", "Set DR grade 1"]
    assert history.redo() and history.doc.grade.dr_grade == 1


def test_a_result_during_a_stroke_waits_for_its_end_and_does_not_cut_it_short() -> None:
    history = History(make_doc())
    history.begin_stroke(C.HE, 3)
    history.extend_stroke(20, 20)
    history.execute_apart(SetAIResult(AIResult(dr_grade=2)))
    assert history.stroke_active and history.doc.ai is None
    history.extend_stroke(60, 20)  # still painting
    history.commit_stroke()
    assert history.entries == ["Paint HE", "Set AI result"]
    assert history.doc.class_mask(C.HE)[20, 20] and history.doc.class_mask(C.HE)[20, 60]


def test_a_result_held_over_a_save_is_not_counted_as_saved() -> None:
    history = History(make_doc())
    history.begin_stroke(C.HE, 3)
    history.extend_stroke(20, 20)
    history.execute_apart(SetAIResult(AIResult(dr_grade=2)))
    history.mark_clean()  # the save took the stroke, not the result applied after it
    assert history.doc.ai is not None and not history.is_clean
    history.undo()
    assert history.is_clean


def test_a_result_for_a_kept_history_keeps_its_redo_steps() -> None:
    history = History(make_doc())
    history.execute(SetGrade(ReaderGrade(dr_grade=3)))
    history.undo()
    history.execute_beneath_redo(SetAIResult(AIResult(dr_grade=2)))
    assert history.entries == ["Set AI result", "Set DR grade 3"] and history.position == 1
    assert history.redo() and history.doc.grade.dr_grade == 3 and history.doc.ai.dr_grade == 2
    history.undo()
    history.undo()
    assert history.doc.ai is None and history.doc.grade.dr_grade is None


def test_a_result_for_a_kept_history_with_an_undone_result_drops_redo() -> None:
    """Redoing the earlier result would put back, on its undo, the state before the new one: redo goes."""
    history = History(make_doc())
    history.execute(SetAIResult(AIResult(dr_grade=1)))
    history.undo()
    history.execute_beneath_redo(SetAIResult(AIResult(dr_grade=2)))
    assert history.entries == ["Set AI result"] and not history.can_redo and history.doc.ai.dr_grade == 2


def test_a_saved_state_among_the_kept_redo_steps_is_no_longer_clean() -> None:
    history = History(make_doc())
    history.execute(SetGrade(ReaderGrade(dr_grade=3)))
    history.mark_clean()
    history.undo()
    history.execute_beneath_redo(SetAIResult(AIResult(dr_grade=2)))
    history.redo()  # the grade, now with the result the save did not have
    assert not history.is_clean
