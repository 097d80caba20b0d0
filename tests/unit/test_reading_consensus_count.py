"""Counting a double-read folder's settled consensus compares every agreed case's masks (seconds for a big folder):
a window counts on a worker, and cancelling stops the count between cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.progress import CallbackState, Cancelled
from annotations.reading.consensus import settle_agreed
from annotations.reading.consensus_export import consensus_case_ids
from annotations.reading.readers import open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import image_folder, read_case


def test_a_cancelled_count_stops_between_cases(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            for index in range(3):
                read_case(reader, index, grade=1)
    with open_consensus(folder, "Arb") as consensus:
        assert settle_agreed(consensus, "Arb") == 3
    state = CallbackState()
    assert len(consensus_case_ids(folder, state)) == 3
    state.cancel()
    with pytest.raises(Cancelled):
        consensus_case_ids(folder, state)
