"""Undo/redo exactness: 1,000 random edits undo to the original and redo to the final state, step by step;
and a hypothesis state machine interleaving edits, undo, redo, cancelled strokes and the clean marker."""
from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from annotations import raster
from annotations.classes import ALL_CLASSES, LESION_CLASSES
from annotations.commands import (AddBox, ApplyAIPrediction, DeleteBox, FillRegion, RelabelBox, SetBoxGeometry,
                                  SetGrade)
from annotations.document import AIResult, Box, CaseDocument, ReaderGrade
from annotations.history import History
from annotations.magic_area import AI_OWN, magic_area

# Larger than one 256-pixel tile in both directions, so patches and snapshots cross tile borders.
HEIGHT, WIDTH = 300, 520


def make_doc(seed: int) -> CaseDocument:
    rng = np.random.default_rng(seed)
    mask = (rng.random((HEIGHT, WIDTH)) < 0.3).astype(np.uint8) * rng.integers(0, 32, (HEIGHT, WIDTH), np.uint8)
    doc = CaseDocument("case", "case.png", WIDTH, HEIGHT, mask=mask)
    doc.ai = AIResult(mask=rng.integers(0, 16, (HEIGHT, WIDTH), dtype=np.uint8))
    return doc


def fingerprint(doc: CaseDocument) -> tuple:
    boxes = tuple((b.uid, b.label, b.coords(), b.difficult) for b in doc.boxes)
    return hashlib.blake2b(doc.mask.tobytes(), digest_size=16).hexdigest(), boxes, doc.grade.dr_grade


def random_point(rng: np.random.Generator) -> tuple[float, float]:
    return float(rng.uniform(-20, WIDTH + 20)), float(rng.uniform(-20, HEIGHT + 20))


def random_edit(history: History, rng: np.random.Generator) -> None:
    """One edit of a random kind, through the history as the GUI would make it."""
    doc = history.doc
    cls = ALL_CLASSES[rng.integers(len(ALL_CLASSES))]
    kind = rng.integers(9)
    if kind <= 2:  # brush stroke, erase stroke or magic brush
        magic = magic_area(doc.ai, cls, AI_OWN, doc.mask.shape) if kind == 2 else None
        history.begin_stroke(cls, int(rng.integers(1, 60)), erase=kind == 1, magic=magic)
        start = random_point(rng)
        for _ in range(rng.integers(1, 8)):
            history.extend_stroke(start[0] + rng.normal(0, 40), start[1] + rng.normal(0, 40))
        history.commit_stroke()
    elif kind == 3:  # lasso fill or erase
        points = [random_point(rng) for _ in range(rng.integers(3, 7))]
        lasso = raster.polygon_region(doc.mask.shape, points)
        history.execute(FillRegion(cls, lasso, erase=bool(rng.integers(2))))
    elif kind == 4:  # erase a connected component of a class
        x, y = random_point(rng)
        component = raster.component_at(doc.class_mask(cls), x, y)
        history.execute(FillRegion(cls, component, erase=True, text=f"Erase {cls.name} component"))
    elif kind == 5 or not doc.boxes:
        x, y = rng.integers(0, WIDTH - 40), rng.integers(0, HEIGHT - 40)
        width, height = (int(v) for v in rng.integers(2, 40, 2))
        history.execute(AddBox(Box(cls, int(x), int(y), int(x) + width, int(y) + height)))
    elif kind == 6:
        box = doc.boxes[rng.integers(len(doc.boxes))]
        dx, dy = (int(v) for v in rng.integers(-30, 30, 2))
        history.execute(SetBoxGeometry(box.uid, box.xmin + dx, box.ymin + dy, box.xmax + dx, box.ymax))
    elif kind == 7:
        box = doc.boxes[rng.integers(len(doc.boxes))]
        history.execute(DeleteBox(box.uid) if rng.integers(2) else RelabelBox(box.uid, cls))
    else:
        grade = int(rng.integers(5))
        history.execute(SetGrade(ReaderGrade(dr_grade=grade)) if rng.integers(4) else ApplyAIPrediction(
            LESION_CLASSES[:grade] or LESION_CLASSES))


def test_undo_and_redo_of_1000_random_edits_are_exact() -> None:
    rng = np.random.default_rng(2024)
    doc = make_doc(7)
    history = History(doc, max_steps=2000)
    states = [fingerprint(doc)]
    original_mask = doc.mask.copy()
    for _ in range(1000):
        random_edit(history, rng)
        if history.position == len(states):  # an edit that changed nothing (a stroke, a fill) is not a step
            states.append(fingerprint(doc))
        assert history.position == len(states) - 1
    final_mask = doc.mask.copy()
    assert len(states) > 800 and not np.array_equal(final_mask, original_mask)  # most edits are steps
    for expected in reversed(states[:-1]):
        assert history.undo()
        assert fingerprint(doc) == expected
    assert not history.can_undo
    np.testing.assert_array_equal(doc.mask, original_mask)
    for expected in states[1:]:
        assert history.redo()
        assert fingerprint(doc) == expected
    np.testing.assert_array_equal(doc.mask, final_mask)


class HistoryMachine(RuleBasedStateMachine):
    """Model: the list of document states by position. Undo/redo must land exactly on them."""

    @initialize(seed=st.integers(0, 2**16))
    def start(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.history = History(make_doc(seed), max_steps=1000)
        self.states = [self.snapshot()]
        self.position = 0
        self.clean: int | None = 0

    def snapshot(self) -> tuple:
        doc = self.history.doc
        return doc.mask.copy(), [(b.uid, b.label, b.coords()) for b in doc.boxes], doc.grade.dr_grade

    def edited(self) -> None:
        if self.history.position == self.position:
            return  # nothing changed (a stroke over already painted pixels)
        if self.clean is not None and self.clean > self.position:
            self.clean = None
        self.states[self.position + 1:] = [self.snapshot()]
        self.position += 1

    @rule(seed=st.integers(0, 2**32 - 1))
    def random_edit(self, seed: int) -> None:
        random_edit(self.history, np.random.default_rng(seed))
        self.edited()

    @rule(x=st.floats(0, WIDTH), y=st.floats(0, HEIGHT), size=st.integers(1, 80), erase=st.booleans())
    def cancelled_stroke(self, x: float, y: float, size: int, erase: bool) -> None:
        self.history.begin_stroke(ALL_CLASSES[int(x) % 5], size, erase=erase)
        self.history.extend_stroke(x, y)
        self.history.extend_stroke(WIDTH - x, HEIGHT - y)
        self.history.cancel_stroke()

    @precondition(lambda self: self.position > 0)
    @rule()
    def undo(self) -> None:
        assert self.history.undo()
        self.position -= 1

    @precondition(lambda self: self.position < len(self.states) - 1)
    @rule()
    def redo(self) -> None:
        assert self.history.redo()
        self.position += 1

    @rule()
    def save(self) -> None:
        self.history.mark_clean()
        self.clean = self.position

    @invariant()
    def document_matches_the_model(self) -> None:
        mask, boxes, grade = self.states[self.position]
        doc = self.history.doc
        np.testing.assert_array_equal(doc.mask, mask)
        assert [(b.uid, b.label, b.coords()) for b in doc.boxes] == boxes and doc.grade.dr_grade == grade
        assert self.history.position == self.position
        assert len(self.history.entries) == len(self.states) - 1
        assert self.history.is_clean == (self.clean == self.position)


HistoryMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
test_history_state_machine = HistoryMachine.TestCase
