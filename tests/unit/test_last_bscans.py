"""The B-scan each OCT volume was left on: the one it opens on when the reader comes back to it."""
from __future__ import annotations

from annotations.frames import bscan_case_id
from annotations.last_bscans import LastBScans


def test_a_volume_opens_on_the_bscan_it_was_left_on_else_on_its_own_case() -> None:
    last = LastBScans()
    assert last.number("vol") is None  # never visited: its own case, the middle B-scan
    last.opened(bscan_case_id("vol", 6))
    last.opened("photo")
    last.opened(bscan_case_id("other", 2))
    assert (last.number("vol"), last.number("other"), last.number("photo")) == (6, 2, None)
    last.opened("vol")  # its own case: nothing to remember
    assert last.number("vol") is None and last.number("other") == 2
    last.clear()
    assert last.number("other") is None


def test_nothing_remembered_is_nothing_kept() -> None:
    last = LastBScans()
    last.opened("")  # a folder never left: no case remembered
    assert last.number("") is None
