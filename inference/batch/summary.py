"""The last line of `analyze`: how many images were analysed, failed and skipped, how long it took and how fast,
and where the results went; a run stopped half-way says what it left and how to go on. Qt-free: the command passes
its ``translate`` (the interface's language); ``english``, the default, is the source text itself."""
from __future__ import annotations

from dataclasses import dataclass

from annotations.wording import Translate, english, fill, join_clauses


@dataclass
class BatchCounts:
    total: int  # every image (B-scan) the command named, skipped ones included
    analysed: int = 0
    failed: int = 0  # each named on its own line before the summary
    skipped: int = 0  # finished by an earlier run (--resume)
    seconds: float = 0.0  # the analysis, from its start to its end or stop
    first_result_s: float | None = None  # when the first image's result came, from the start (its models loaded,
    last_result_s: float | None = None   # Ray's workers started) and the last's: the pace between them
    files: int | None = None  # written to the output folder; None: no --out
    stored: int | None = None  # AI results stored in the workspace; None: no --workspace


def elapsed_text(seconds: float, translate: Translate = english) -> str:
    """``seconds`` as a person reads a duration: 8 s, 2 min 05 s, 3 h 07 min."""
    whole = int(round(seconds))
    if whole < 60:
        return translate("BatchSummary", "{seconds} s").format(seconds=whole)
    if whole < 3600:
        return translate("BatchSummary", "{minutes} min {seconds} s").format(minutes=whole // 60,
                                                                            seconds=f"{whole % 60:02d}")
    return translate("BatchSummary", "{hours} h {minutes} min").format(hours=whole // 3600,
                                                                      minutes=f"{whole % 3600 // 60:02d}")


def batch_summary(counts: BatchCounts, out: str | None, workspace: str | None, stopped: bool = False,
                  translate: Translate = english) -> str:
    """One line; ``stopped``: the run was interrupted, and the images not reached are counted with how to resume;
    one stopped before any image came back (its models loading, its first image under way) says only to run it
    again: it took no time worth a rate, and wrote nothing to resume from."""
    if stopped and not (counts.analysed or counts.failed):
        return translate("BatchSummary", "stopped before any image was analysed: run the same command again")
    parts = [fill(translate("BatchSummary", "{analysed} of {total} images analysed {took}"), analysed=counts.analysed,
                  total=counts.total, took=_took(counts, translate))]
    if counts.failed:
        parts.append(translate("BatchSummary", "{count} failed (each named above)").format(count=counts.failed))
    if counts.skipped:
        parts.append(translate("BatchSummary", "{count} skipped, finished by an earlier run").format(
            count=counts.skipped))
    if counts.files is not None:
        parts.append(translate("BatchSummary", "{count} file(s) written to {folder}").format(count=counts.files,
                                                                                            folder=out))
    if counts.stored is not None:
        parts.append(translate("BatchSummary", "{count} AI result(s) stored in {workspace}").format(
            count=counts.stored, workspace=workspace))
    left = counts.total - counts.analysed - counts.failed - counts.skipped
    if stopped and left > 0:
        parts.append(translate("BatchSummary", "{count} not reached: run the same command with --resume to analyse "
                                               "only those and the failed ones").format(count=left))
    summary = join_clauses(parts, translate)
    return fill(translate("BatchSummary", "stopped: {summary}"), summary=summary) if stopped else summary


def _took(counts: BatchCounts, translate: Translate) -> str:
    """How long the run took and, where it analysed any, how fast: "in 12 s (0.5 images/s)"."""
    elapsed = elapsed_text(counts.seconds, translate)
    if not (counts.analysed and counts.seconds > 0):
        return fill(translate("BatchSummary", "in {elapsed}"), elapsed=elapsed)
    rate = f"{counts.analysed / counts.seconds:.3g}"
    pace = _pace_after_start(counts)
    if pace is None:
        return fill(translate("BatchSummary", "in {elapsed} ({rate} images/s)"), elapsed=elapsed, rate=rate)
    return fill(translate("BatchSummary", "in {elapsed} ({rate} images/s; {pace} images/s after the first result, "
                                          "which came at {first})"),
                elapsed=elapsed, rate=rate, pace=f"{pace:.3g}", first=elapsed_text(counts.first_result_s, translate))


def _pace_after_start(counts: BatchCounts) -> float | None:
    """The pace once the first result came, where starting took a noticeable share of the run (a Ray cluster's
    workers load their models first): the figure to plan a larger batch by; None where one figure says it."""
    if counts.first_result_s is None or counts.last_result_s is None:
        return None
    after = counts.last_result_s - counts.first_result_s
    results = counts.analysed + counts.failed
    if results < 3 or after <= 0:
        return None
    pace = (results - 1) / after
    overall = counts.analysed / counts.seconds
    if pace < 1.2 * overall:  # starting cost little: one figure says it
        return None
    return pace
