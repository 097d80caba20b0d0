"""The last line of `analyze`: how many images were analysed, failed and skipped, how long it took and how fast,
and where the results went; a run stopped half-way says what it left and how to go on."""
from __future__ import annotations

from dataclasses import dataclass


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


def elapsed_text(seconds: float) -> str:
    """``seconds`` as a person reads a duration: 8 s, 2 min 05 s, 3 h 07 min."""
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def batch_summary(counts: BatchCounts, out: str | None, workspace: str | None, stopped: bool = False) -> str:
    """One line; ``stopped``: the run was interrupted, and the images not reached are counted with how to resume."""
    took = f"in {elapsed_text(counts.seconds)}"
    if counts.analysed and counts.seconds > 0:
        took += f" ({counts.analysed / counts.seconds:.3g} images/s{_pace_after_start(counts)})"
    parts = [f"{counts.analysed} of {counts.total} images analysed {took}"]
    if counts.failed:
        parts.append(f"{counts.failed} failed (each named above)")
    if counts.skipped:
        parts.append(f"{counts.skipped} skipped, finished by an earlier run")
    if counts.files is not None:
        parts.append(f"{counts.files} file(s) written to {out}")
    if counts.stored is not None:
        parts.append(f"{counts.stored} AI result(s) stored in {workspace}")
    left = counts.total - counts.analysed - counts.failed - counts.skipped
    if stopped and left > 0:
        parts.append(f"{left} not reached: run the same command with --resume to analyse only those and the "
                     "failed ones")
    return ("stopped: " if stopped else "") + "; ".join(parts)


def _pace_after_start(counts: BatchCounts) -> str:
    """The pace once the first result came, where starting took a noticeable share of the run (a Ray cluster's
    workers load their models first): the figure to plan a larger batch by."""
    if counts.first_result_s is None or counts.last_result_s is None:
        return ""
    after = counts.last_result_s - counts.first_result_s
    results = counts.analysed + counts.failed
    if results < 3 or after <= 0:
        return ""
    pace = (results - 1) / after
    overall = counts.analysed / counts.seconds
    if pace < 1.2 * overall:  # starting cost little: one figure says it
        return ""
    return f"; {pace:.3g} images/s after the first result, which came at {elapsed_text(counts.first_result_s)}"
