"""What the case list's one row of an OCT volume shows: a summary of its B-scans, each a case of its own
(annotations.frames) with its own review state, grade and OCT class. The index writes it into the volume's row
(annotations.workspace.volume_rows), and the window folds the B-scan being edited into it the same way.

A screening programme grades a volume by what any B-scan shows (fluid or a membrane may lie off the centre): the row
takes the most severe class among its B-scans (classes.OCT_BY_SEVERITY), the reader's and the AI's each, the highest
DR grade where B-scans hold one, every lesion class painted on any, and counts as analysed when any B-scan holds an
AI result. Its review state is the most pressing among the B-scans the reader worked on (as double reading's
volume_states): in progress while any of them is, else done when any is, else to do. A B-scan the reader never
marked (to do, whatever result Analyse all stored in it) holds nothing up: a reader is not made to mark each of a
volume's 128 B-scans, but a volume is done only once every B-scan they classified or labelled is submitted.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from annotations.classes import most_severe_oct_class
from annotations.document import ReviewState

# Most pressing first: work still under way before work submitted, before none.
STATE_PRECEDENCE = (ReviewState.IN_PROGRESS, ReviewState.DONE, ReviewState.TODO)


@dataclass(frozen=True)
class GradedFields:
    """The fields of a listed row (workspace.CaseSummary's names) that a volume's row summarises from its B-scans."""

    review_state: ReviewState = ReviewState.TODO
    reader_grade: int | None = None
    ai_grade: int | None = None
    reader_oct_class: str | None = None
    ai_oct_class: str | None = None
    reader_lesions: tuple[str, ...] = ()
    analysed: bool = False
    reader_ungradable: bool = False
    ai_ungradable: bool = False


def volume_fields(bscans: Iterable[GradedFields]) -> GradedFields:
    """The volume's row from its B-scans' fields (none saved: a row to do with nothing in it)."""
    found = list(bscans)
    reader_grade = _highest(b.reader_grade for b in found)
    ai_grade = _highest(b.ai_grade for b in found if not b.ai_ungradable)  # a grade of an ungradable image is void
    lesions: dict[str, None] = {}  # in the order first painted, each once
    for bscan in found:
        lesions.update(dict.fromkeys(bscan.reader_lesions))
    return GradedFields(
        review_state=min((b.review_state for b in found), key=STATE_PRECEDENCE.index, default=ReviewState.TODO),
        reader_grade=reader_grade, ai_grade=ai_grade,
        reader_oct_class=most_severe_oct_class(b.reader_oct_class for b in found),
        ai_oct_class=most_severe_oct_class(b.ai_oct_class for b in found),
        reader_lesions=tuple(lesions), analysed=any(b.analysed for b in found),
        # ungradable only where no B-scan was graded: a grade says more of the volume than an unreadable B-scan
        reader_ungradable=reader_grade is None and any(b.reader_ungradable for b in found),
        ai_ungradable=ai_grade is None and any(b.ai_ungradable for b in found))


def _highest(grades: Iterable[int | None]) -> int | None:
    """The worst DR grade (ICDR grades rise with severity)."""
    return max((g for g in grades if g is not None), default=None)
