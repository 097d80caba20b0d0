"""The review state and grade the arbiter's list shows, filters and counts: a case whose readings disagree is the
arbiter's to do, whatever the consensus store says of it. Its "done" may come from before the folder went double, from
an agreed consensus the readers disputed since (consensus.consensus_stands), or from the arbiter marking it done on the
canvas without arbitrating; none of them settled the disagreement, so neither is its grade the consensus's: the list
shows none, as for a disputed case never settled (not the old agreed grade). A case the arbiter is working on stays
in progress."""
from __future__ import annotations

from annotations.document import ReviewState
from annotations.reading.disagreement import CaseState


def unsettled_done(review_state: ReviewState, reading_state: str) -> bool:
    """Whether the store holds the case done while its readings disagree (``reading_state``: the case's CaseState
    value, "" when not known): what it holds is no consensus."""
    return review_state is ReviewState.DONE and reading_state == CaseState.NEEDS_ARBITRATION.value


def arbiter_review_state(review_state: ReviewState, reading_state: str) -> ReviewState:
    """``review_state`` of the consensus store's case as the arbiter's list shows it."""
    return ReviewState.TODO if unsettled_done(review_state, reading_state) else review_state


def _unsettled_done_sql(review_column: str, reading_column: str) -> str:
    return f"{review_column} = '{ReviewState.DONE.value}' AND {reading_column} = '{CaseState.NEEDS_ARBITRATION.value}'"


def arbiter_review_state_sql(review_column: str, reading_column: str) -> str:
    """arbiter_review_state as an SQL expression over the two columns, for filtering and sorting in the index."""
    return (f"(CASE WHEN {_unsettled_done_sql(review_column, reading_column)} THEN '{ReviewState.TODO.value}' "
            f"ELSE {review_column} END)")


def arbiter_grade_sql(grade_column: str, review_column: str, reading_column: str) -> str:
    """A grade column (DR grade, OCT class) as the arbiter's list shows it: none where unsettled_done."""
    return f"(CASE WHEN {_unsettled_done_sql(review_column, reading_column)} THEN NULL ELSE {grade_column} END)"
