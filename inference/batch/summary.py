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
        took += f" ({counts.analysed / counts.seconds:.3g} images/s)"
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
