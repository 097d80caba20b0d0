"""Counting a double-read folder's settled consensus compares every agreed case's masks (seconds for a big folder):
a window counts on a worker, and cancelling stops the count between cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.progress import CallbackState, Cancelled
from annotations.reading.consensus_export import consensus_case_ids
from tests.unit.reading_fixtures import settled_agreements


def test_a_cancelled_count_stops_between_cases(tmp_path: Path) -> None:
    folder = settled_agreements(tmp_path / "f")
    state = CallbackState()
    assert len(consensus_case_ids(folder, state)) == 3
    state.cancel()
    with pytest.raises(Cancelled):
        consensus_case_ids(folder, state)
