"""An edit that fails half-way (memory for a large mask's patches, a box gone) changes nothing: a step of several
commands is undone, redone and done whole or not at all, the history keeps the step where it was, the views are told
of every change that stays and the failure listeners of the failure."""
from __future__ import annotations

import copy

import numpy as np
import pytest

import annotations.commands.mask as mask_commands
from annotations.classes import LesionClass as C
from annotations.commands import (AddBox, ApplyAIPrediction, Change, Command, CommandGroup, DeleteBox, FillRegion,
                                  SetBoxGeometry)
from annotations.document import AIResult, Box, CaseDocument
from annotations.history import History
from annotations.objects import LESION, delete_objects, list_objects, relabel_object


class Flaky(Command):
    """Wraps ``command``; its apply or revert raises MemoryError the ``fail_at``-th time it is called (1 = first)."""

    def __init__(self, command: Command, apply_fails_at: int = 0, revert_fails_at: int = 0) -> None:
        self.command, self.text = command, command.text
        self.fails = {"apply": apply_fails_at, "revert": revert_fails_at}
        self.calls = {"apply": 0, "revert": 0}

    def _call(self, name: str, doc: CaseDocument) -> list[Change]:
        self.calls[name] += 1
        if self.calls[name] == self.fails[name]:
            raise MemoryError()
        return getattr(self.command, name)(doc)

    def apply(self, doc: CaseDocument) -> list[Change]:
        return self._call("apply", doc)

    def revert(self, doc: CaseDocument) -> list[Change]:
        return self._call("revert", doc)


def _doc() -> CaseDocument:
    doc = CaseDocument("a", "a.png", 60, 40)
    doc.boxes += [Box(C.EX, 2, 3, 11, 7), Box(C.MA, 30, 20, 35, 25)]
    doc.mask[10:13, 20:24] = C.HE.bit
    return doc


def _state(doc: CaseDocument) -> tuple:
    return copy.deepcopy(doc.boxes), doc.mask.copy(), list(doc.dismissed_imports)


def _same(doc: CaseDocument, state: tuple) -> None:
    assert doc.boxes == state[0] and doc.dismissed_imports == state[2]
    np.testing.assert_array_equal(doc.mask, state[1])


def _watched(doc: CaseDocument) -> tuple[History, list[Change], list[tuple]]:
    history, changes, failures = History(doc), [], []
    history.add_listener(changes.append)
    history.add_failure_listener(lambda action, text, error: failures.append((action, text, type(error))))
    return history, changes, failures


def _erase_he() -> FillRegion:
    region = np.zeros((40, 60), bool)
    region[10:13, 20:24] = True
    return FillRegion(C.HE, region, erase=True)


def test_a_group_whose_member_fails_puts_back_the_members_before_it() -> None:
    doc = _doc()
    first = doc.boxes[0]
    before = _state(doc)
    history, changes, failures = _watched(doc)
    group = CommandGroup("Delete 3 objects", [DeleteBox(first.uid), _erase_he(), DeleteBox("gone")])  # a box gone
    with pytest.raises(KeyError):
        history.execute(group)
    _same(doc, before)
    assert history.entries == [] and history.is_clean and changes == []
    assert failures == [("edit", "Delete 3 objects", KeyError)]


def test_an_undo_or_redo_that_fails_half_way_keeps_the_step_to_try_again() -> None:
    doc = _doc()
    first, second = doc.boxes
    history, changes, failures = _watched(doc)
    before = _state(doc)
    flaky = Flaky(DeleteBox(second.uid), revert_fails_at=1, apply_fails_at=2)
    history.execute(CommandGroup("Delete 2 objects", [DeleteBox(first.uid), flaky]))
    after = _state(doc)
    changes.clear()
    with pytest.raises(MemoryError):
        history.undo()  # the second box's deletion cannot be undone: the first stays deleted too
    _same(doc, after)
    assert history.undo_text == "Delete 2 objects" and not history.can_redo and changes == []
    assert history.undo()
    _same(doc, before)
    with pytest.raises(MemoryError):
        history.redo()
    _same(doc, before)
    assert history.redo_text == "Delete 2 objects" and not history.can_undo and history.is_clean
    assert history.redo()
    _same(doc, after)
    assert [failure[0] for failure in failures] == ["undo", "redo"]


def test_a_walk_through_the_history_stops_before_a_step_that_fails_and_tells_the_steps_walked() -> None:
    doc = _doc()
    history, changes, failures = _watched(doc)
    boxes = [Box(C.SE, 40 + i, 5, 45 + i, 9) for i in range(3)]
    history.execute(AddBox(boxes[0]))
    history.execute(Flaky(AddBox(boxes[1]), revert_fails_at=1))
    history.execute(AddBox(boxes[2]))
    changes.clear()
    with pytest.raises(MemoryError):
        history.go_to(0)
    assert history.position == 2 and boxes[2] not in doc.boxes and boxes[1] in doc.boxes
    assert changes == [Change("boxes", uids=frozenset({boxes[2].uid}))]  # the canvas drops the box that went
    assert failures == [("undo", "Add SE box", MemoryError)]


def test_a_relabel_whose_fill_fails_leaves_the_lesion_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc()
    before = _state(doc)
    history, changes, _failures = _watched(doc)
    lesion = next(obj for obj in list_objects(doc) if obj.kind == LESION)
    real, calls = mask_commands.diff_patches, []

    def second_fails(*args, **kwargs):  # the new class's fill: its patches need memory there is not
        calls.append(1)
        if len(calls) == 2:
            raise MemoryError()
        return real(*args, **kwargs)

    monkeypatch.setattr(mask_commands, "diff_patches", second_fails)
    with pytest.raises(MemoryError):
        relabel_object(history, lesion, C.SE)
    _same(doc, before)  # not erased from HE with no SE painted, nor recorded so
    assert history.entries == [] and changes == []


def test_a_multi_delete_whose_lesion_cannot_be_erased_keeps_every_object(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc()
    before = _state(doc)
    history, changes, _failures = _watched(doc)

    def no_memory(*_args, **_kwargs):
        raise MemoryError()

    monkeypatch.setattr(mask_commands, "diff_patches", no_memory)
    with pytest.raises(MemoryError):
        delete_objects(history, list_objects(doc))
    _same(doc, before)
    assert history.entries == [] and changes == []


@pytest.mark.parametrize("make", [lambda doc: _erase_he(), lambda doc: ApplyAIPrediction()])
def test_a_mask_edit_whose_patches_cannot_be_made_leaves_the_mask(monkeypatch: pytest.MonkeyPatch, make) -> None:
    doc = _doc()
    doc.ai = AIResult(mask=np.full((40, 60), C.EX.bit, np.uint8))
    before = doc.mask.copy()

    def no_memory(*_args, **_kwargs):
        raise MemoryError()

    monkeypatch.setattr(mask_commands, "diff_patches", no_memory)
    with pytest.raises(MemoryError):
        make(doc).apply(doc)
    np.testing.assert_array_equal(doc.mask, before)


def test_a_stroke_that_cannot_be_recorded_is_taken_back_and_the_canvas_told(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc()
    before = doc.mask.copy()
    history, changes, failures = _watched(doc)
    history.begin_stroke(C.MA, 5)
    history.extend_stroke(40, 30)
    history.extend_stroke(50, 30)
    changes.clear()

    def no_memory(*_args, **_kwargs):
        raise MemoryError()

    monkeypatch.setattr(mask_commands, "diff_patches", no_memory)
    with pytest.raises(MemoryError):
        history.commit_stroke()
    np.testing.assert_array_equal(doc.mask, before)  # not left painted with no step to undo it
    assert not history.stroke_active and history.entries == [] and history.is_clean
    assert [change.kind for change in changes] == ["mask"] and failures == [("edit", "Paint MA", MemoryError)]


def test_labels_imported_into_an_open_case_whose_mask_cannot_be_taken_leave_its_boxes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import annotations.commands.labels as label_commands
    from annotations.commands import SetLabels

    doc = _doc()
    before = _state(doc)
    history, changes, failures = _watched(doc)

    def no_memory(*_args, **_kwargs):
        raise MemoryError()

    monkeypatch.setattr(label_commands, "diff_patches", no_memory)
    with pytest.raises(MemoryError):
        history.execute_saved(SetLabels([Box(C.SE, 1, 1, 9, 9)], np.zeros((40, 60), np.uint8), "Import labels"))
    _same(doc, before)  # not the imported boxes over the case's own mask
    assert history.entries == [] and changes == [] and failures == [("edit", "Import labels", MemoryError)]


def test_an_analysis_result_held_for_a_stroke_that_cannot_be_recorded_comes_in(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from annotations.commands import SetAIResult

    doc = _doc()
    history = History(doc)
    history.begin_stroke(C.MA, 5)
    history.extend_stroke(40, 30)
    result = AIResult(mask=np.zeros((40, 60), np.uint8))
    history.execute_apart(SetAIResult(result))  # arrives during the stroke: held until it ends

    def no_memory(*_args, **_kwargs):
        raise MemoryError()

    monkeypatch.setattr(mask_commands, "diff_patches", no_memory)
    with pytest.raises(MemoryError):
        history.commit_stroke()
    assert doc.ai is result and history.entries == ["Set AI result"]  # not held until some later edit


def test_a_drag_whose_cancel_fails_stays_a_step_to_undo() -> None:
    doc = _doc()
    history, _changes, failures = _watched(doc)
    first = doc.boxes[0]
    before = _state(doc)
    history.begin_group("Move box")
    history.execute(Flaky(SetBoxGeometry(first.uid, 20, 20, 29, 24), revert_fails_at=1))
    moved = _state(doc)
    with pytest.raises(MemoryError):
        history.cancel_group()  # Esc during the drag
    _same(doc, moved)
    assert not history.group_open and history.undo_text == "Move box" and not history.is_clean
    assert failures == [("undo", "Move box", MemoryError)]
    assert history.undo()
    _same(doc, before)


def test_the_box_tool_ends_a_drag_whose_cancel_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from annotations.tools import BoxTool, ToolContext, ToolSettings

    doc = _doc()
    tool = BoxTool(ToolContext(History(doc), ToolSettings(cls=C.EX)))
    tool.press(6, 5)  # inside the EX box
    tool.drag(16, 15)
    assert tool.busy and tool.history.group_open

    def no_memory(*_args, **_kwargs):
        raise MemoryError()

    monkeypatch.setattr(SetBoxGeometry, "revert", no_memory)
    with pytest.raises(MemoryError):
        tool.cancel()  # Esc
    assert not tool.busy and tool.draft is None and tool.history.entries == ["Move box"]
