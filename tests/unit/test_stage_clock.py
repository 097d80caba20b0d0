"""A stage silent for 3 s or more is shown with its elapsed seconds; a new word starts a new stage."""
from __future__ import annotations

from annotations.stage_clock import StageClock


def test_a_stage_shows_its_seconds_once_silent_for_three_and_a_new_word_restarts_it() -> None:
    now = [100.0]
    clock = StageClock(lambda: now[0])
    clock.said("preparing images")
    now[0] += 2.9
    assert clock.silent_seconds() is None  # still moving, as far as anyone can tell
    now[0] += 0.1
    assert clock.silent_seconds() == 3
    now[0] += 38.5
    clock.said("preparing images")  # the same word again: the same stage
    assert clock.silent_seconds() == 41
    clock.said("epoch 1/10, step 1/30, loss 0.5")
    assert clock.silent_seconds() is None
