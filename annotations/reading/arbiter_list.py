"""The review state the arbiter's list shows, filters and counts: a case whose readings disagree is the arbiter's
to do, whatever the consensus store says of it. Its "done" may come from before the folder went double, from an
agreed consensus the readers disputed since (consensus.consensus_stands), or from the arbiter marking it done on the
canvas without arbitrating; none of them settled the disagreement. A case the arbiter is working on stays in
progress."""
from __future__ import annotations

from annotations.document import ReviewState
from annotations.reading.disagreement import CaseState


def arbiter_review_state(review_state: ReviewState, reading_state: str) -> ReviewState:
    """``review_state`` of the consensus store's case as the arbiter's list shows it (``reading_state``: the
    case's CaseState value, "" when not known)."""
    if review_state is ReviewState.DONE and reading_state == CaseState.NEEDS_ARBITRATION.value:
        return ReviewState.TODO
    return review_state


def arbiter_review_state_sql(review_column: str, reading_column: str) -> str:
    """arbiter_review_state as an SQL expression over the two columns, for filtering and sorting in the index."""
    return (f"(CASE WHEN {review_column} = '{ReviewState.DONE.value}' AND {reading_column} = "
            f"'{CaseState.NEEDS_ARBITRATION.value}' THEN '{ReviewState.TODO.value}' ELSE {review_column} END)")
