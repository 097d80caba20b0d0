"""The arbiter's decision a case already has, for arbitrating it again: who decided, the grade decided and whose
labels it holds, so the arbiter starts from it and is told that saving replaces it (and any correction of its
labels) rather than from the first reading, as if nothing had been decided."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from annotations.document import CaseDocument, ReaderGrade
from annotations.errors import FileProblem
from annotations.reading.consensus import KEPT_READER, arbiter_decided, consensus_record
from annotations.reading.readers import Reading, case_files, main_sidecar
from annotations.workspace.errors import WorkspaceError


@dataclass(frozen=True)
class StandingDecision:
    """An arbitration (or an arbiter's correction of an agreed consensus) that stands for a case."""

    arbiter: str  # who decided it last: the latest correction's author, else the arbiter
    grade: ReaderGrade
    kept: int | None  # the reading (index among those arbitrated) whose labels it holds; None: neither's (corrected)


def standing_decision(folder: Path, case_id: str, readings: list[Reading]) -> StandingDecision | None:
    """The decision stored for ``case_id``, None where the arbiter decided nothing (agreed, or not settled) or its
    files cannot be read (arbitrating then starts afresh, as it did)."""
    record = consensus_record(folder, case_id)
    if record is None or not arbiter_decided(record):
        return None
    files = case_files(main_sidecar(folder))
    try:
        decided = files.load(case_id)[0] if files.exists(case_id) else None
    except (WorkspaceError, FileProblem, OSError, ValueError):
        decided = None
    if decided is None:
        return None
    corrections = record.get("corrections") or []
    arbiter = str((corrections[-1] if corrections else record).get("by", ""))
    named = [index for index, reading in enumerate(readings) if reading.reader == record.get(KEPT_READER)]
    kept = next((index for index, reading in enumerate(readings) if _same_labels(reading.doc, decided)), None)
    if named and kept is not None and _same_labels(readings[named[0]].doc, decided):
        kept = named[0]  # the reading chosen, of several whose labels are the decision's (none painted, say)
    return StandingDecision(arbiter, decided.grade, kept)


def _same_labels(a: CaseDocument, b: CaseDocument) -> bool:
    return a.boxes == b.boxes and a.mask.shape == b.mask.shape and bool(np.array_equal(a.mask, b.mask))
