"""An OCT volume's row summarises its B-scans (annotations.volume_summary): the most severe class and grade any
B-scan holds, and a review state that is done only once every B-scan the reader worked on is submitted."""
from __future__ import annotations

import pytest

from annotations.classes import OCT_BY_SEVERITY, OCT_CLASSES, most_severe_oct_class
from annotations.document import CaseDocument, Modality, ReaderGrade, ReviewState
from annotations.volume_summary import GradedFields, volume_fields
from app.report.recommendation import _oct_rank
from annotations.wording import english

TODO, IN_PROGRESS, DONE = ReviewState.TODO, ReviewState.IN_PROGRESS, ReviewState.DONE


def test_the_most_severe_class_of_any_bscan_classes_the_volume() -> None:
    bscans = [GradedFields(reader_oct_class=c) for c in (None, "NORMAL", "DRUSEN", "CNV", "DME")]
    assert volume_fields(bscans).reader_oct_class == "CNV"
    assert volume_fields([GradedFields(ai_oct_class="NORMAL"), GradedFields(ai_oct_class="DME")]).ai_oct_class == "DME"
    assert volume_fields([GradedFields(), GradedFields()]).reader_oct_class is None


def test_a_class_this_version_does_not_know_ranks_below_the_known_ones() -> None:
    assert most_severe_oct_class(["LATER", "NORMAL"]) == "NORMAL"
    assert most_severe_oct_class(["LATER", None]) == "LATER"
    assert most_severe_oct_class([]) is None


def test_the_severity_order_is_the_reports_follow_up_order() -> None:
    """One order: the report refers a more severe class sooner (app.report.recommendation)."""
    assert sorted(OCT_BY_SEVERITY) == sorted(OCT_CLASSES)

    def rank(oct_class: str) -> int:
        doc = CaseDocument("c", "c.png", 8, 8, modality=Modality.OCT, grade=ReaderGrade(oct_class=oct_class))
        return _oct_rank(doc, english)[0]

    assert [rank(c) for c in OCT_BY_SEVERITY] == sorted((rank(c) for c in OCT_BY_SEVERITY), reverse=True)


@pytest.mark.parametrize("states, expected", [
    ((), TODO),
    ((TODO, TODO), TODO),  # analysed perhaps, never marked: to do
    ((DONE, TODO, TODO), DONE),  # the reader submitted every B-scan they worked on
    ((DONE, IN_PROGRESS, DONE), IN_PROGRESS),  # one they worked on is still open
    ((TODO, IN_PROGRESS), IN_PROGRESS),
])
def test_the_review_state_is_the_most_pressing_of_the_bscans_read(states, expected) -> None:
    assert volume_fields(GradedFields(review_state=s) for s in states).review_state is expected


def test_grades_lesions_and_analysis_of_any_bscan_count() -> None:
    found = volume_fields([GradedFields(reader_grade=1, reader_lesions=("HE",), analysed=True),
                           GradedFields(reader_grade=3, ai_grade=2, reader_lesions=("MA", "HE")), GradedFields()])
    assert (found.reader_grade, found.ai_grade, found.reader_lesions, found.analysed) == (3, 2, ("HE", "MA"), True)
