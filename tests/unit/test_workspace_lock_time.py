"""A folder open in another RetinaReview says since when by the reader's own clock: the message read "since
2026-12-07T10:45:36.500+00:00", the lock's UTC stamp to the millisecond, which a nurse in Beijing (8 hours ahead)
read as a time of her morning, in both languages."""
from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.workspace import Workspace
from annotations.workspace.recovery import LockOwner


@pytest.fixture
def beijing(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_second_window_names_the_first_ones_start_on_this_clock(tmp_path: Path, beijing) -> None:
    Image.fromarray(np.full((8, 10, 3), 120, np.uint8)).save(tmp_path / "eye.png")
    before = time.strftime("%Y-%m-%d %H:%M")
    first = Workspace.open(tmp_path, reader="a")
    try:
        second = Workspace.open(tmp_path, reader="b")
        try:
            assert second.read_only
            shown = re.search(r"\(since ([^)]*)\)", second.read_only_reason).group(1)
            assert shown in {before, time.strftime("%Y-%m-%d %H:%M")}  # the minute may turn meanwhile
        finally:
            second.close()
    finally:
        first.close()


def test_a_lock_stamp_is_shown_in_local_time_to_the_minute(beijing) -> None:
    owner = LockOwner(4242, "workstation-b", "2026-12-07T10:45:36.500+00:00")
    assert owner.describe() == "process 4242 on workstation-b (since 2026-12-07 18:45)"


def test_a_stamp_that_is_no_time_is_shown_as_written() -> None:
    assert LockOwner(4242, "workstation-b", "yesterday").describe() == "process 4242 on workstation-b (since yesterday)"
