"""History: strokes as one step, listeners, memory and step bounds, the clean marker, groups, navigation."""
from __future__ import annotations


import numpy as np
import pytest

from annotations.classes import LesionClass as C
from annotations.commands import (TILE, AddBox, Change, DeleteBox, FillRegion, SetBoxGeometry, SetFindings, SetGrade,
                                  SetLabels, SetPatient)
from annotations.document import Box, CaseDocument, PatientInfo, ReaderGrade
from annotations.history import History


def make_doc(height: int = 300, width: int = 400) -> CaseDocument:
    mask = np.random.default_rng(0).integers(0, 32, (height, width), dtype=np.uint8)
    return CaseDocument("case", "case.png", width, height, mask=mask)


def fill(cls, y0: int, y1: int, x0: int, x1: int, shape=(300, 400), erase: bool = False) -> FillRegion:
    region = np.zeros(shape, dtype=bool)
    region[y0:y1, x0:x1] = True
    return FillRegion(cls, region, erase=erase)


def stroke(history: History, cls, points, size: int = 10, erase: bool = False):
    history.begin_stroke(cls, size, erase=erase)
    for x, y in points:
        history.extend_stroke(x, y)
    return history.commit_stroke()


def test_a_whole_stroke_is_one_undo_step() -> None:
    doc = make_doc()
    original = doc.mask.copy()
    history = History(doc)
    history.begin_stroke(C.HE, 4)
    assert history.can_undo and history.undo_text == "Paint HE" and not history.is_clean
    for i in range(30):
        history.extend_stroke(10 + 12 * i, 20 + 8 * i)
    painted = doc.mask.copy()
    assert history.commit_stroke() is not None
    assert history.entries == ["Paint HE"] and history.position == 1
    assert history.undo()
    np.testing.assert_array_equal(doc.mask, original)
    assert not history.can_undo and history.redo_text == "Paint HE"
    assert history.redo()
    np.testing.assert_array_equal(doc.mask, painted)


def test_listeners_receive_the_touched_region() -> None:
    doc = make_doc()
    history = History(doc)
    changes: list[Change] = []
    history.add_listener(changes.append)
    before = doc.mask.copy()
    history.begin_stroke(C.MA, 3)
    history.extend_stroke(100.5, 50.5)
    history.extend_stroke(110.5, 60.5)
    assert [c.kind for c in changes] == ["mask", "mask"]
    first = changes[0].region
    assert first is not None and (first[1] - first[0]) <= 8 and (first[3] - first[2]) <= 8
    history.commit_stroke()
    y0, y1, x0, x1 = changes[-1].region
    changed_rows, changed_cols = np.nonzero(doc.mask != before)
    assert y0 <= changed_rows.min() and changed_rows.max() < y1
    assert x0 <= changed_cols.min() and changed_cols.max() < x1
    assert (y1 - y0) * (x1 - x0) < 30 * 30
    changes.clear()
    history.undo()
    assert [c.kind for c in changes] == ["mask"]
    y0, y1, x0, x1 = changes[0].region
    assert y0 <= changed_rows.min() and changed_rows.max() < y1
    assert x0 <= changed_cols.min() and changed_cols.max() < x1
    changes.clear()
    box = Box(C.HE, 1, 1, 5, 5)
    history.execute(AddBox(box))
    history.execute(SetGrade(ReaderGrade(dr_grade=1)))
    assert changes == [Change("boxes", uids=frozenset({box.uid})), Change("grade")]
    history.remove_listener(changes.append)
    history.undo()
    assert len(changes) == 2


def test_erase_stroke_clears_only_its_class() -> None:
    doc = make_doc()
    history = History(doc)
    before = doc.mask.copy()
    stroke(history, C.EX, [(50, 50), (250, 200)], size=20, erase=True)
    keep = np.uint8(0xFF & ~C.EX.bit)
    np.testing.assert_array_equal(doc.mask & keep, before & keep)
    assert not doc.mask[125, 150] & C.EX.bit
    assert history.undo_text == "Erase EX"


def test_cancel_stroke_puts_the_pixels_back() -> None:
    doc = make_doc()
    before = doc.mask.copy()
    history = History(doc)
    changes: list[Change] = []
    history.add_listener(changes.append)
    history.begin_stroke(C.SE, 8)
    history.extend_stroke(10, 10)
    history.extend_stroke(390, 290)
    history.cancel_stroke()
    np.testing.assert_array_equal(doc.mask, before)
    assert not history.can_undo and history.is_clean and changes[-1].region[1] > 256
    with pytest.raises(RuntimeError, match="begin_stroke"):
        history.extend_stroke(1, 1)
    with pytest.raises(RuntimeError, match="begin_stroke"):
        history.move_stroke_to(1, 1)


def test_a_stroke_that_changes_nothing_is_not_recorded() -> None:
    doc = make_doc()
    doc.mask[:] = C.HE.bit
    history = History(doc)
    assert stroke(history, C.HE, [(20, 20), (40, 40)]) is None
    assert history.entries == [] and history.is_clean


def test_a_region_edit_that_changes_nothing_is_not_recorded_and_keeps_the_redo_steps() -> None:
    """A fill of pixels that already have the class (a second click on a filled lesion) or a removal where there is
    none: no step, the case stays saved, and what undo took back can still be redone."""
    doc = CaseDocument("case", "case.png", 400, 300)
    history = History(doc)
    history.execute(fill(C.HE, 10, 50, 10, 50))
    history.execute(fill(C.EX, 100, 120, 100, 120))
    history.undo()
    history.mark_clean()
    heard: list[int] = []
    history.add_stack_listener(lambda: heard.append(1))
    history.execute(fill(C.HE, 20, 40, 20, 40))
    history.execute(fill(C.SE, 200, 250, 200, 250, erase=True))
    assert history.entries == ["Fill HE", "Fill EX"] and history.position == 1
    assert history.is_clean and history.can_redo and not heard


def test_stroke_keeps_only_touched_tiles() -> None:
    doc = CaseDocument("big", "big.png", 4288, 2848)
    history = History(doc)
    points = [(1000.0 + 3 * i, 1000.0 + 2 * i) for i in range(200)]
    painted = stroke(history, C.HE, points, size=24)
    assert painted is not None
    assert painted.nbytes < 4 * 2 * TILE * TILE  # a few tiles, never the 12 MB image
    assert all(patch.old.shape[0] <= TILE and patch.old.shape[1] <= TILE for patch in painted.patches)
    painted_mask = doc.mask.copy()
    history.undo()  # speed is measured in bench/bench_edit.py; here only correctness
    assert not doc.mask.any()
    history.redo()
    np.testing.assert_array_equal(doc.mask, painted_mask)


def test_memory_bound_evicts_the_oldest_steps() -> None:
    doc = make_doc()
    original = doc.mask.copy()
    bound = 3 * 2 * 100 * 100  # about three 100x100 fills (old + new values)
    history = History(doc, max_bytes=bound)
    sizes = []
    for i in range(6):
        command = fill(C.HE if i % 2 else C.SE, 0, 100, 100 + 10 * i, 200 + 10 * i, erase=i % 3 == 0)
        history.execute(command)
        sizes.append(command.nbytes)
    kept = max(k for k in range(1, 7) if sum(sizes[-k:]) <= bound)
    assert 2 <= kept < 6
    assert len(history.entries) == kept and history.memory_bytes == sum(sizes[-kept:]) <= bound
    while history.undo():
        pass
    assert history.position == 0 and not (doc.mask == original).all()  # the oldest steps are gone


def test_newest_step_is_kept_even_over_the_memory_bound() -> None:
    history = History(make_doc(), max_bytes=10)
    history.execute(fill(C.MA, 0, 300, 0, 400))
    history.execute(fill(C.HE, 0, 300, 0, 400))
    assert history.entries == ["Fill HE"] and history.can_undo


def test_step_bound() -> None:
    doc = make_doc()
    history = History(doc, max_steps=5)
    for i in range(12):
        history.execute(SetGrade(ReaderGrade(dr_grade=i % 5)))
    assert len(history.entries) == 5
    with pytest.raises(ValueError):
        History(doc, max_steps=0)


def test_clean_marker() -> None:
    doc = make_doc()
    history = History(doc)
    assert history.is_clean
    history.execute(SetGrade(ReaderGrade(dr_grade=1)))
    assert not history.is_clean
    history.mark_clean()
    assert history.is_clean
    history.execute(SetGrade(ReaderGrade(dr_grade=2)))
    assert not history.is_clean
    history.undo()
    assert history.is_clean
    history.undo()
    assert not history.is_clean
    history.redo()
    assert history.is_clean
    history.undo()
    history.execute(SetGrade(ReaderGrade(dr_grade=3)))  # the saved state is no longer reachable
    history.undo()
    assert not history.is_clean and not any(history.undo() and history.is_clean for _ in range(3))


def test_clean_marker_lost_when_its_step_is_evicted() -> None:
    history = History(make_doc(), max_steps=2)
    history.mark_clean()
    for grade in range(3):
        history.execute(SetGrade(ReaderGrade(dr_grade=grade)))
    while history.undo():
        assert not history.is_clean


def test_a_step_saved_elsewhere_is_clean_when_the_history_was() -> None:
    history, heard = History(make_doc()), []
    history.add_stack_listener(lambda: heard.append(history.is_clean))
    history.execute_saved(SetGrade(ReaderGrade(dr_grade=1)))  # e.g. labels imported and saved by the import
    assert history.is_clean and heard == [True] and history.can_undo  # never announced unsaved on the way
    history.undo()
    assert not history.is_clean  # the files hold the step: the state before it is unsaved now
    history.redo()
    assert history.is_clean
    history.execute(SetGrade(ReaderGrade(dr_grade=2)))
    history.execute_saved(SetGrade(ReaderGrade(dr_grade=3)))  # over unsaved edits: no state is on disk any more
    assert not history.is_clean
    while history.undo():
        assert not history.is_clean
    history.begin_group("drag")
    with pytest.raises(RuntimeError):
        history.execute_saved(SetGrade(ReaderGrade(dr_grade=4)))


def test_stack_listeners_hear_about_undo_availability() -> None:
    history = History(make_doc())
    calls = []
    history.add_stack_listener(lambda: calls.append((history.can_undo, history.can_redo, history.is_clean)))
    history.execute(SetGrade(ReaderGrade(dr_grade=1)))
    history.undo()
    history.mark_clean()
    assert calls == [(True, False, False), (False, True, True), (False, True, True)]
    calls.clear()
    history.begin_stroke(C.MA, 3)
    history.extend_stroke(5, 5)
    history.commit_stroke()
    assert calls == [(True, True, False), (True, False, False)]


def test_group_makes_a_box_drag_one_step() -> None:
    doc = make_doc()
    history = History(doc)
    box = Box(C.MA, 10, 10, 20, 20)
    history.execute(AddBox(box))
    history.begin_group()
    for dx in range(1, 40):
        history.execute(SetBoxGeometry(box.uid, 10 + dx, 10, 20 + dx, 20))
    with pytest.raises(RuntimeError, match="end_group"):
        history.undo()
    history.end_group()
    assert history.entries == ["Add MA box", "Move box"] and box.coords() == (49, 10, 59, 20)
    history.undo()
    assert box.coords() == (10, 10, 20, 20)
    history.redo()
    assert box.coords() == (49, 10, 59, 20)
    with pytest.raises(RuntimeError, match="begin_group"):
        history.end_group()


def test_nested_named_group_and_empty_group() -> None:
    doc = make_doc()
    history = History(doc)
    boxes = [Box(C.HE, i, i, i + 2, i + 2) for i in range(3)]
    for box in boxes:
        history.execute(AddBox(box))
    history.begin_group("Delete 3 boxes")
    history.begin_group()
    history.execute(DeleteBox(boxes[0].uid))
    history.end_group()
    history.execute(DeleteBox(boxes[1].uid))
    history.execute(DeleteBox(boxes[2].uid))
    history.end_group()
    assert history.undo_text == "Delete 3 boxes" and doc.boxes == []
    history.undo()
    assert [b.uid for b in doc.boxes] == [b.uid for b in boxes]
    history.begin_group("nothing")
    history.end_group()
    assert history.undo_text == "Add HE box"


def test_execute_and_undo_commit_an_open_stroke_first() -> None:
    doc = make_doc()
    history = History(doc)
    history.begin_stroke(C.MA, 5)
    history.extend_stroke(30, 30)
    history.execute(SetGrade(ReaderGrade(dr_grade=2)))
    assert history.entries == ["Paint MA", "Set DR grade 2"]
    history.begin_stroke(C.HE, 5)
    history.extend_stroke(60, 60)
    history.undo()
    assert history.entries == ["Paint MA", "Set DR grade 2", "Paint HE"] and history.position == 2


def test_go_to_walks_the_history() -> None:
    doc = make_doc()
    history = History(doc)
    states = [doc.mask.copy()]
    for i in range(5):
        history.execute(fill(C.HE, 10 * i, 10 * i + 30, 0, 50, erase=i == 3))
        states.append(doc.mask.copy())
    for target in (2, 0, 5, 3):
        history.go_to(target)
        np.testing.assert_array_equal(doc.mask, states[target])
    assert history.position == 3 and len(history.entries) == 5
    with pytest.raises(IndexError):
        history.go_to(6)


def test_a_box_edit_names_its_box_and_steps_walked_together_name_every_box_or_all() -> None:
    """The canvas redraws only the boxes a change names; a step that replaced the boxes whole names none: all."""
    history = History(make_doc())
    boxes = [Box(C.EX, 10 * i, 10, 10 * i + 5, 15) for i in range(3)]
    for box in boxes:
        history.execute(AddBox(box))
    told: list[Change] = []
    history.add_listener(told.append)
    history.execute(SetBoxGeometry(boxes[1].uid, 0, 0, 8, 8))
    history.execute(DeleteBox(boxes[2].uid))
    assert told == [Change("boxes", uids=frozenset({boxes[1].uid})), Change("boxes", uids=frozenset({boxes[2].uid}))]
    told.clear()
    history.go_to(2)
    assert told == [Change("boxes", uids=frozenset(box.uid for box in boxes[1:]))]
    history.execute_saved(SetLabels([], history.doc.mask.copy(), "Import"))
    told.clear()
    history.go_to(0)
    assert told == [Change("boxes")]


def test_go_to_tells_the_listeners_once_however_many_steps_it_walks() -> None:
    """A click in the history panel many steps back: the views hear of it once, not once a step (50 box steps back
    on a photo with 488 boxes drew every box 50 times: the window froze 2 s)."""
    history = History(make_doc())
    boxes = [Box(C.EX, 10 * i, 10, 10 * i + 5, 15) for i in range(4)]
    for box in boxes:
        history.execute(AddBox(box))
    history.execute(fill(C.HE, 0, 10, 0, 10))
    history.execute(fill(C.HE, 50, 60, 50, 60))
    told, stacks = [], []
    history.add_listener(told.append)
    history.add_stack_listener(lambda: stacks.append(history.position))
    history.go_to(1)
    walked = frozenset(box.uid for box in boxes[1:])  # the boxes the steps walked touched, united
    assert told == [Change("mask", (0, 60, 0, 60)), Change("boxes", uids=walked)] and stacks == [1]
    assert len(history.doc.boxes) == 1
    told.clear()
    history.go_to(6)
    assert told == [Change("boxes", uids=walked), Change("mask", (0, 60, 0, 60))] and stacks == [1, 6]


def test_new_edit_discards_redo_steps() -> None:
    history = History(make_doc())
    history.execute(SetGrade(ReaderGrade(dr_grade=1)))
    history.execute(SetGrade(ReaderGrade(dr_grade=2)))
    history.undo()
    history.execute(SetGrade(ReaderGrade(dr_grade=3)))
    assert history.entries == ["Set DR grade 1", "Set DR grade 3"] and not history.can_redo
    assert not history.redo()


def test_typing_recorded_at_each_pause_joins_its_step_until_another_edit_or_a_save() -> None:
    history, heard = History(make_doc()), []
    history.add_stack_listener(lambda: heard.append(history.is_clean))
    step = history.execute_joined(SetFindings("small"), None)
    assert history.execute_joined(SetFindings("small haemorrhage"), step) is step
    assert history.entries == ["Edit findings"] and history.doc.findings_text == "small haemorrhage"
    assert history.memory_bytes == step.nbytes and heard[-1] is False
    history.undo()
    assert history.doc.findings_text == "" and history.is_clean  # to before the first pause, in one step
    history.redo()
    assert history.doc.findings_text == "small haemorrhage"
    history.execute(SetGrade(ReaderGrade(dr_grade=1)))
    assert history.execute_joined(SetFindings("small haemorrhage, nasal"), step) is not step  # not after another
    assert history.entries == ["Edit findings", "Set DR grade 1", "Edit findings"]
    typed = history.undo_step
    history.mark_clean()
    assert history.execute_joined(SetFindings("small haemorrhage, nasal."), typed) is not typed  # nor past a save
    history.undo()
    assert history.is_clean and history.doc.findings_text == "small haemorrhage, nasal"


def test_typing_joined_after_an_undo_takes_the_redo_steps_and_a_saved_state_among_them() -> None:
    history = History(make_doc())
    step = history.execute_joined(SetPatient(PatientInfo(name="Jane")), None)
    history.execute(SetGrade(ReaderGrade(dr_grade=2)))
    history.mark_clean()
    history.undo()
    assert history.execute_joined(SetPatient(PatientInfo(name="Jane Roe")), step) is step
    assert history.entries == ["Edit patient name"] and not history.can_redo and not history.is_clean
    history.undo()
    assert history.doc.patient == PatientInfo() and not history.is_clean


def test_typing_brought_back_to_the_value_before_its_step_leaves_no_step() -> None:
    history = History(make_doc())
    history.execute(SetGrade(ReaderGrade(dr_grade=1)))
    history.mark_clean()
    step = history.execute_joined(SetFindings("abc"), None)
    assert history.execute_joined(SetFindings(""), step) is None  # typed, then deleted in the same field
    assert history.entries == ["Set DR grade 1"] and history.is_clean
    assert history.memory_bytes == history.undo_step.nbytes


def test_typing_that_changes_nothing_keeps_the_step_it_joins() -> None:
    """A pause recorded with the value the step already holds: the typing that follows still joins that step."""
    history = History(make_doc())
    step = history.execute_joined(SetFindings("small"), None)
    assert history.execute_joined(SetFindings("small"), step) is step
    assert history.execute_joined(SetFindings("small haemorrhage"), step) is step
    assert history.entries == ["Edit findings"]
