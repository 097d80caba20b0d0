"""The last line of `analyze` says how long the batch took and how fast it went, and counts every image once."""
from __future__ import annotations

from inference.batch.summary import BatchCounts, batch_summary, elapsed_text


def test_a_duration_reads_in_seconds_minutes_or_hours() -> None:
    assert [elapsed_text(s) for s in (0.4, 59.4, 125, 3600 * 3 + 7 * 60 + 20)] == ["0 s", "59 s", "2 min 05 s",
                                                                                  "3 h 07 min"]


def test_the_summary_counts_analysed_failed_and_skipped_images_with_time_rate_and_places() -> None:
    counts = BatchCounts(total=10, analysed=6, failed=1, skipped=3, seconds=12.0, files=12, stored=6)
    assert batch_summary(counts, "/out", "/cases") == (
        "6 of 10 images analysed in 12 s (0.5 images/s); 1 failed (each named above); 3 skipped, finished by an "
        "earlier run; 12 file(s) written to /out; 6 AI result(s) stored in /cases")


def test_a_stopped_batch_counts_the_images_not_reached_and_says_how_to_go_on() -> None:
    counts = BatchCounts(total=30, analysed=12, seconds=200.0, files=24)
    assert batch_summary(counts, "/out", None, stopped=True) == (
        "stopped: 12 of 30 images analysed in 3 min 20 s (0.06 images/s); 24 file(s) written to /out; 18 not reached: "
        "run the same command with --resume to analyse only those and the failed ones")


def test_a_batch_stopped_before_any_result_says_only_to_run_it_again() -> None:
    """Its models loading or its first image under way: no time worth saying, nothing to resume from (a run that
    skipped images, --resume, is run again with it)."""
    for counts in (BatchCounts(total=3, seconds=0.2, files=0), BatchCounts(total=5, skipped=2, seconds=9.0, stored=0)):
        assert batch_summary(counts, "/out", "/cases", stopped=True) == (
            "stopped before any image was analysed: run the same command again")


def test_nothing_analysed_gives_no_rate() -> None:
    assert batch_summary(BatchCounts(total=2, failed=2, seconds=3.0, files=0), "/out", None) == (
        "0 of 2 images analysed in 3 s; 2 failed (each named above); 0 file(s) written to /out")


def test_a_slow_start_gives_the_pace_after_the_first_result_too() -> None:
    """A Ray cluster's workers load their models first: 30 images in 60 s, the first at 31 s, then one a second."""
    counts = BatchCounts(total=30, analysed=30, seconds=60.0, first_result_s=31.0, last_result_s=60.0, files=60)
    assert batch_summary(counts, "/out", None) == (
        "30 of 30 images analysed in 1 min 00 s (0.5 images/s; 1 images/s after the first result, which came at 31 s); "
        "60 file(s) written to /out")


def test_a_quick_start_gives_one_rate() -> None:
    counts = BatchCounts(total=30, analysed=30, seconds=60.0, first_result_s=2.5, last_result_s=60.0, files=60)
    assert batch_summary(counts, "/out", None) == "30 of 30 images analysed in 1 min 00 s (0.5 images/s); 60 file(s) " \
        "written to /out"
