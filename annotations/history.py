"""Undo/redo for one CaseDocument, bounded by step count and memory, with a "clean" (saved) marker.

Everything that changes a document goes through here, so listeners (canvas, panels, autosave) hear about every
change with the region it touched. A brush stroke is begun, extended per mouse move and committed as one step;
``begin_group``/``end_group`` make any other sequence (a box drag) one step too. An edit from elsewhere (an analysis
result) goes through ``execute_apart``: while the person's stroke or group is open it waits until that ends.
A step that fails to be done, undone or redone changes nothing (commands change all or nothing; CommandGroup) and
stays where it was; the failure listeners hear of it before the error is raised again.
"""
from __future__ import annotations

from collections import deque
from typing import Callable, Literal

import numpy as np

from annotations.classes import LesionClass
from annotations.commands import Change, Command, CommandGroup, PaintStroke
from annotations.commands.base import Bounds
from annotations.document import CaseDocument
from annotations.magic_area import MagicArea
from annotations.raster import union_bounds

ChangeListener = Callable[[Change], None]
StackListener = Callable[[], None]
Action = Literal["edit", "undo", "redo"]
FailureListener = Callable[[Action, str, Exception], None]


class History:
    def __init__(self, doc: CaseDocument, max_steps: int = 500, max_bytes: int = 512 * 2**20) -> None:
        if max_steps < 1:
            raise ValueError(f"max_steps must be at least 1, not {max_steps}")
        self.doc = doc
        self.max_steps = max_steps
        self.max_bytes = max_bytes
        self._undo: deque[Command] = deque()
        self._redo: list[Command] = []
        self._undo_bytes = 0
        self._evicted = 0  # steps dropped off the bottom; positions below are unreachable
        self._clean: int | None = 0  # absolute position (evicted + len(undo)) of the saved state
        self._stroke: PaintStroke | None = None
        self._group: CommandGroup | None = None
        self._group_depth = 0
        self._apart: list[Command] = []  # edits from elsewhere held until the person's open stroke or group ends
        self._listeners: list[ChangeListener] = []
        self._stack_listeners: list[StackListener] = []
        self._failure_listeners: list[FailureListener] = []

    # -- listeners -------------------------------------------------------------------------------------------
    def add_listener(self, fn: ChangeListener) -> None:
        """``fn(change)`` after every change of the document (strokes: after every extend).

        A mask change's ``region`` is (y0, y1, x0, x1) with y1 and x1 exclusive and bounds every changed pixel.
        """
        self._listeners.append(fn)

    def remove_listener(self, fn: ChangeListener) -> None:
        self._listeners.remove(fn)

    def add_stack_listener(self, fn: StackListener) -> None:
        """``fn()`` when what undo/redo offer or the clean state may have changed (menus, history panel)."""
        self._stack_listeners.append(fn)

    def remove_stack_listener(self, fn: StackListener) -> None:
        self._stack_listeners.remove(fn)

    def add_failure_listener(self, fn: FailureListener) -> None:
        """``fn(action, text, error)`` when a step named ``text`` fails to be done ("edit"), undone or redone; the
        error is raised again after. A command changes all or nothing, so the document and the steps are as before
        it (a walk through many steps, ``go_to``, stops before the one that failed)."""
        self._failure_listeners.append(fn)

    def remove_failure_listener(self, fn: FailureListener) -> None:
        self._failure_listeners.remove(fn)

    # -- brush strokes -----------------------------------------------------------------------------------------
    def begin_stroke(self, cls: LesionClass, size: int, erase: bool = False, *, magic: MagicArea | None = None,
                     limit: np.ndarray | None = None) -> None:
        """Start a stroke of a brush ``size`` pixels across; with ``magic`` it is a magic brush limited to that
        area (annotations.magic_area); with ``limit`` it changes only pixels inside that bool map (the field of
        view)."""
        self.commit_stroke()
        self._stroke = PaintStroke(cls, size, erase=erase, magic=magic, limit=limit)
        self._notify_stack()  # an open stroke can be undone and makes the document unsaved

    def extend_stroke(self, x: float, y: float) -> Bounds | None:
        """Paint to image point (x, y); returns and announces the bounds touched (None when off the image)."""
        if self._stroke is None:
            raise RuntimeError("extend_stroke() called without begin_stroke()")
        region = self._stroke.extend(self.doc, x, y)
        if region is not None:
            self._notify([Change("mask", region)])
        return region

    def move_stroke_to(self, x: float, y: float) -> None:
        """Go on with the stroke from image point (x, y), painting nothing on the way there (the view was panned
        under the pointer)."""
        if self._stroke is None:
            raise RuntimeError("move_stroke_to() called without begin_stroke()")
        self._stroke.move_to(x, y)

    def commit_stroke(self) -> PaintStroke | None:
        """Make the stroke one undo step; returns it, or None when no stroke was open or nothing changed."""
        try:
            return self._commit_stroke()
        finally:  # the edits held for the stroke's end wait no longer, also when it could not be recorded
            self._run_apart()

    def _commit_stroke(self) -> PaintStroke | None:
        stroke, self._stroke = self._stroke, None
        if stroke is None:
            return None
        try:
            stroke.finish(self.doc)
        except Exception as exc:  # no step can undo what it painted then: it goes, as a cancelled stroke's does
            region = stroke.cancel(self.doc)
            if region is not None:
                self._notify([Change("mask", region)])
            self._notify_stack()
            self._notify_failure("edit", stroke.text, exc)
            raise
        if not stroke.changed:
            self._notify_stack()
            return None
        self._record(stroke)
        return stroke

    def cancel_stroke(self) -> None:
        """Drop the open stroke and put back what it painted."""
        stroke, self._stroke = self._stroke, None
        if stroke is not None:
            region = stroke.cancel(self.doc)
            if region is not None:
                self._notify([Change("mask", region)])
            self._notify_stack()
        self._run_apart()

    @property
    def stroke_active(self) -> bool:
        return self._stroke is not None

    @property
    def open_stroke(self) -> PaintStroke | None:
        """The stroke being painted (what it passed over, once committed), None between strokes."""
        return self._stroke

    @property
    def group_open(self) -> bool:
        """Edits are being gathered into one step (a box dragged): no step can be undone or redone until it ends."""
        return self._group_depth > 0

    # -- commands --------------------------------------------------------------------------------------------
    def execute(self, command: Command) -> None:
        """Apply ``command`` and record it (an open stroke is committed first); one that changed nothing is not
        recorded, so it neither marks the case unsaved nor takes away the redo steps."""
        self.commit_stroke()
        changes = self._applied(command)
        if not command.changed:
            return
        self._record(command)
        self._notify(changes)

    def execute_joined(self, command: Command, step: Command | None) -> Command | None:
        """Apply ``command`` and let it join ``step`` when that is still the newest step and takes it (Command.merge):
        what is typed into one field, recorded at every pause, undoes as one step, as editors make it. It stays a
        step of its own after another step, while a stroke or group is open, and after a save of ``step``'s state
        (kept apart as Qt's QUndoStack keeps them); a step typed back to the value before it goes. Returns the step
        that now holds it, None when none does."""
        self.commit_stroke()
        if step is None or self.undo_step is not step or self._group_depth or self.is_clean:
            self.execute(command)
            return command if command.changed else None
        changes = self._applied(command)
        if not command.changed:
            return step  # the field as ``step`` left it: what is typed next still joins it
        self._undo_bytes -= step.nbytes
        if not step.merge(command):
            self._undo_bytes += step.nbytes
            self._push(command)
            self._notify(changes)
            return command
        self._branch(keep_redo=False)
        if step.changed:
            self._undo_bytes += step.nbytes
            self._bound()
        else:
            self._undo.pop()  # the document is as before the step: undo would change nothing
        self._notify_stack()
        self._notify(changes)
        return step if step.changed else None

    def execute_apart(self, command: Command) -> None:
        """Apply ``command`` as a step of its own: now, or once the person's open stroke or group (a brush stroke, a
        box drag) ends, so that it is neither taken into that edit, nor dropped when it is cancelled, nor cuts the
        stroke short (an analysis result arriving meanwhile)."""
        self._apart.append(command)
        self._run_apart()

    def execute_beneath_redo(self, command: Command) -> None:
        """Apply ``command`` as the newest undo step and keep the redo steps, to be redone after it, when it replaces
        a document attribute that none of them touches (an analysis result for a case not on screen: the reader's
        undone grade can still be redone); else as ``execute``. Such a redo step runs as it would have before:
        commands replay the values they stored, and none of them reads the attribute when redone."""
        attribute = command.attribute
        if not attribute or self._stroke is not None or self._group_depth \
                or any(attribute in _replaced(step) for step in self._redo):
            self.execute(command)
            return
        self._notify(self._applied(command))
        self._push(command, keep_redo=True)

    def execute_saved(self, command: Command) -> None:
        """Apply and record ``command`` whose outcome something else has written to disk (labels imported into the
        case): the document after it is the saved state when the one before was, else no state is known on disk."""
        self._check_no_group("record a saved step")
        self.commit_stroke()
        clean_before = self.is_clean
        changes = self._applied(command)
        self._push(command, saved=clean_before)
        self._notify(changes)

    def begin_group(self, text: str = "") -> None:
        """Commands executed until the matching ``end_group`` undo as one step named ``text``; groups nest."""
        self.commit_stroke()
        self._group_depth += 1
        if self._group is None:
            self._group = CommandGroup(text)

    def end_group(self) -> None:
        self._check_group_open("end_group")
        self.commit_stroke()
        self._group_depth -= 1
        if self._group_depth == 0:
            group, self._group = self._group, None
            if group is not None and group.commands:
                self._push(group)
            self._run_apart()

    def cancel_group(self) -> None:
        """Abandon the open group, every level of it: what it changed is put back, no step is recorded and the redo
        steps stay (a box drag cancelled with Escape)."""
        self._check_group_open("cancel_group")
        self._commit_stroke()
        group, self._group, self._group_depth = self._group, None, 0
        if group is not None and group.commands:
            try:
                self._notify(self._reverted(group))
            except BaseException:
                self._push(group)  # what it changed stays (it reverts all or nothing): a step to undo it
                raise
        self._notify_stack()
        self._run_apart()

    def undo(self) -> bool:
        """Revert the latest step; False when there is none."""
        self._check_no_group("undo")
        self.commit_stroke()
        if not self._undo:
            return False
        self._notify(self._undo_one())
        self._notify_stack()
        return True

    def redo(self) -> bool:
        """Re-apply the latest undone step; False when there is none."""
        self._check_no_group("redo")
        self.commit_stroke()
        if not self._redo:
            return False
        self._notify(self._redo_one())
        self._notify_stack()
        return True

    def go_to(self, position: int) -> None:
        """Undo or redo until ``position`` steps of ``entries`` are applied (a click in a history panel); the
        listeners are told once, whatever the steps walked: told a step at a time, the canvas drew every box again
        for each (50 steps back on a photo with 488 boxes froze the window 2 s)."""
        if not 0 <= position <= len(self._undo) + len(self._redo):
            raise IndexError(f"history position {position} is outside 0..{len(self.entries)}")
        if position == len(self._undo):
            return
        self._check_no_group("go to a step")
        self.commit_stroke()
        position = min(position, len(self._undo) + len(self._redo))  # a stroke committed took the redo steps
        changes: list[Change] = []
        try:
            while len(self._undo) > position:
                changes += self._undo_one()
            while len(self._undo) < position:
                changes += self._redo_one()
        finally:  # a step that fails stops the walk there: the views are told of the steps walked before it
            self._notify(changes)
            self._notify_stack()

    # A step that fails to be undone or redone (a command changes all or nothing) goes back where it was, so that the
    # stacks still describe the document and it can be tried again. While it runs it is on neither stack, as a
    # command storing what it did expects (app.decision_steps reads the position it undoes to).
    def _undo_one(self) -> list[Change]:
        command = self._undo.pop()
        self._undo_bytes -= command.nbytes
        try:
            changes = self._reverted(command)
        except BaseException:
            self._undo.append(command)
            self._undo_bytes += command.nbytes
            raise
        self._redo.append(command)
        return changes

    def _redo_one(self) -> list[Change]:
        command = self._redo.pop()
        try:
            changes = self._applied(command, "redo")
        except BaseException:
            self._redo.append(command)
            raise
        self._undo.append(command)
        self._undo_bytes += command.nbytes
        return changes

    # -- state for menus and panels ------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo) or self._stroke is not None

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str:
        """Text of the step undo would revert ("Paint HE"), "" when none; menus add the word "Undo"."""
        if self._stroke is not None:
            return self._stroke.text
        return self._undo[-1].text if self._undo else ""

    @property
    def redo_text(self) -> str:
        return self._redo[-1].text if self._redo else ""

    @property
    def undo_step(self) -> Command | None:
        """The step undo would revert, None when none (or a stroke is open: undo takes that back)."""
        return self._undo[-1] if self._undo and self._stroke is None else None

    @property
    def redo_step(self) -> Command | None:
        return self._redo[-1] if self._redo else None

    @property
    def entries(self) -> list[str]:
        """Texts of all steps, oldest first: the first ``position`` are applied, the rest can be redone."""
        return [command.text for command in self._undo] + [command.text for command in reversed(self._redo)]

    @property
    def steps(self) -> list[Command]:
        """All steps, oldest first, as ``entries`` names them."""
        return [*self._undo, *reversed(self._redo)]

    @property
    def position(self) -> int:
        return len(self._undo)

    @property
    def memory_bytes(self) -> int:
        return self._undo_bytes + sum(command.nbytes for command in self._redo)

    def mark_clean(self) -> None:
        """Record that the document as it is now has been saved."""
        self._commit_stroke()
        self._clean = self._evicted + len(self._undo)
        self._notify_stack()
        self._run_apart()  # after: a held edit is not in what was saved

    def forget_clean(self) -> None:
        """A save thought done has failed: no state of this history is known to be on disk any more."""
        self._clean = None
        self._notify_stack()

    @property
    def is_clean(self) -> bool:
        """True when the document equals the last saved state (undoing back to it makes it clean again)."""
        return self._stroke is None and self._clean == self._evicted + len(self._undo)

    # -- internals -------------------------------------------------------------------------------------------
    def _applied(self, command: Command, action: Action = "edit") -> list[Change]:
        try:
            return command.apply(self.doc)
        except Exception as exc:
            self._notify_failure(action, command.text, exc)
            raise

    def _reverted(self, command: Command) -> list[Change]:
        try:
            return command.revert(self.doc)
        except Exception as exc:
            self._notify_failure("undo", command.text, exc)
            raise

    def _notify_failure(self, action: Action, text: str, error: Exception) -> None:
        for fn in list(self._failure_listeners):
            fn(action, text, error)

    def _record(self, command: Command) -> None:
        if self._group is not None:
            self._group.add_applied(command)
        else:
            self._push(command)

    def _push(self, command: Command, keep_redo: bool = False, saved: bool | None = None) -> None:
        """Record an applied step; ``keep_redo``: the redo steps stay (execute_beneath_redo); ``saved``: the state
        after it is on disk (True), none is (False), or as before."""
        self._branch(keep_redo)
        self._undo.append(command)
        self._undo_bytes += command.nbytes
        self._bound()
        if saved is not None:
            self._clean = self._evicted + len(self._undo) if saved else None
        self._notify_stack()

    def _branch(self, keep_redo: bool) -> None:
        """A new edit after the current position: the redo steps go unless kept, and so does a saved state there."""
        if self._clean is not None and self._clean > self._evicted + len(self._undo):
            self._clean = None  # the saved state was in the redo steps, discarded or now redone after the edit
        if not keep_redo:
            self._redo.clear()

    def _bound(self) -> None:
        """Drop the oldest steps over the step and memory bounds; the newest stays, even alone over the memory bound."""
        while len(self._undo) > 1 and (len(self._undo) > self.max_steps or self._undo_bytes > self.max_bytes):
            self._undo_bytes -= self._undo.popleft().nbytes
            self._evicted += 1
        if self._clean is not None and self._clean < self._evicted:
            self._clean = None

    def _run_apart(self) -> None:
        if self._stroke is None and not self._group_depth:
            held, self._apart = self._apart, []
            for command in held:
                self.execute(command)

    def _check_group_open(self, call: str) -> None:
        if self._group_depth == 0:
            raise RuntimeError(f"{call}() called without begin_group()")

    def _check_no_group(self, action: str) -> None:
        if self._group_depth:
            raise RuntimeError(f"cannot {action} while a group of edits is open; call end_group() first")

    def _notify(self, changes: list[Change]) -> None:
        for change in _coalesce(changes):
            for fn in list(self._listeners):
                fn(change)

    def _notify_stack(self) -> None:
        for fn in list(self._stack_listeners):
            fn()


def _replaced(command: Command) -> set[str]:
    """The document attributes ``command`` replaces whole (a group's: its commands')."""
    if isinstance(command, CommandGroup):
        return {attribute for part in command.commands for attribute in _replaced(part)}
    return {command.attribute} if command.attribute else set()


def _coalesce(changes: list[Change]) -> list[Change]:
    """One change per kind, mask regions and box uids united (None, "anywhere", wins), in order of first appearance."""
    merged: dict[str, Change] = {}
    for change in changes:
        earlier = merged.get(change.kind)
        if earlier is not None and change.kind == "mask":
            region = union_bounds(earlier.region, change.region) if earlier.region and change.region else None
            merged[change.kind] = Change("mask", region)
        elif earlier is not None and change.kind == "boxes":
            uids = earlier.uids | change.uids if earlier.uids is not None and change.uids is not None else None
            merged[change.kind] = Change("boxes", uids=uids)
        elif earlier is None:
            merged[change.kind] = change
    return list(merged.values())
