"""A photo's analysis moves the progress bar forward only: a stage that reports its own progress (segmentation, the
classical detector) ends where the next stage starts (the detector's used to end at 50 % and the next stage start at
48 %)."""
from __future__ import annotations

from annotations.progress import CallbackState
from inference.pipeline import analyze
from tests.hostile_corpus import fundus_rgb


def test_a_photos_progress_never_goes_back() -> None:
    reported: list[tuple[float, str]] = []
    outcome = analyze([fundus_rgb(640, 480)], None, CallbackState(lambda fraction, text: reported.append(
        (fraction, text))), "cpu")[0]
    assert outcome.error is None
    fractions = [fraction for fraction, _ in reported]
    assert any("classical detector" in text for _, text in reported)  # the stage whose share overran
    assert fractions == sorted(fractions), reported
    assert fractions[-1] == 1.0
