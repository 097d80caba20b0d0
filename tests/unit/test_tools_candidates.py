"""AI candidate review: order, accept into the mask, reject as false positive, undo, skip decided ones."""
from __future__ import annotations

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import AIResult, CaseDocument
from annotations.history import History
from annotations.tools import CandidateReview, find_candidates


def make_doc() -> CaseDocument:
    doc = CaseDocument("c", "c.png", 60, 40)
    ai = np.zeros((40, 60), dtype=np.uint8)
    ai[2:4, 2:4] = LesionClass.MA.bit  # 4 px
    ai[10:20, 10:20] = LesionClass.HE.bit  # 100 px
    ai[30:35, 40:50] = LesionClass.EX.bit  # 50 px
    doc.ai = AIResult(mask=ai)
    return doc


def test_candidates_largest_first_or_least_certain_first() -> None:
    doc = make_doc()
    assert [c.area for c in find_candidates(doc)] == [100, 50, 4]
    assert [c.area for c in find_candidates(doc, "uncertain")] == [4, 50, 100]  # no maps: smallest first
    maps = {LesionClass.MA: np.full((40, 60), 0.9, np.float32), LesionClass.HE: np.full((40, 60), 0.55, np.float32),
            LesionClass.EX: np.full((40, 60), 0.7, np.float32)}
    ordered = find_candidates(doc, "uncertain", probability=maps.get)
    assert [c.cls for c in ordered] == [LesionClass.HE, LesionClass.EX, LesionClass.MA]
    assert ordered[0].certainty == pytest.approx(0.55) and ordered[0].box().score == pytest.approx(0.55)
    with pytest.raises(ValueError, match="order"):
        find_candidates(doc, "random")
    assert find_candidates(CaseDocument("d", "d.png", 5, 5)) == []


def test_accept_and_reject_are_undoable_and_the_review_skips_decided_candidates() -> None:
    doc = make_doc()
    history = History(doc)
    review = CandidateReview(history, find_candidates(doc))
    assert review.current.cls == LesionClass.HE and review.remaining == 3
    assert review.accept()
    assert doc.class_mask(LesionClass.HE)[10:20, 10:20].all() and doc.class_mask(LesionClass.HE).sum() == 100
    assert review.current.cls == LesionClass.EX
    assert review.reject()
    (rejected,) = doc.rejected_candidates
    assert (rejected.label, rejected.coords(), rejected.source) == (LesionClass.EX, (40, 30, 49, 34), "ai")
    assert not doc.class_mask(LesionClass.EX).any()
    assert review.current.cls == LesionClass.MA and review.remaining == 1
    assert history.entries == ["Accept AI HE candidate", "Reject AI EX candidate"]
    history.undo()
    history.undo()
    assert doc.rejected_candidates == [] and not doc.mask.any() and review.remaining == 3
    history.redo()
    review.back()
    assert review.back().cls == LesionClass.HE and review.status(review.current) == "accepted"
    review.accept()  # already accepted: no second step, moves on
    assert len(history.entries) == 2 and history.position == 1
    review.accept()
    review.accept()
    assert review.current is None and review.remaining == 0 and not review.accept() and not review.reject()


def test_a_new_review_starts_at_the_first_pending_candidate() -> None:
    doc = make_doc()
    doc.mask[10:20, 10:20] = LesionClass.HE.bit  # the reader already painted the largest one
    review = CandidateReview(History(doc), find_candidates(doc))
    assert review.current.cls == LesionClass.EX
