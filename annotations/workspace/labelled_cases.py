"""Which cases an export writes label files for: those a reader labelled (boxes or painted pixels) or marked done.

An empty VOC file or blank mask of a photo nobody looked at would read as "no lesions here" in a training set,
which is false; a case marked done with nothing drawn is a reader's true negative and is kept.
"""
from __future__ import annotations

from typing import Callable, Sequence

from annotations.document import CaseDocument, ReviewState
from annotations.workspace.errors import DamagedCaseFile
from annotations.workspace.workspace import CaseSummary


def worth_exporting(doc: CaseDocument) -> bool:
    """The rule: labelled (any box, any painted pixel) or marked done."""
    return bool(doc.boxes) or bool(doc.mask.any()) or doc.review_state is ReviewState.DONE


def labelled_or_done(case_ids: Sequence[str], summaries: dict[str, CaseSummary],
                     load: Callable[[str], CaseDocument]) -> tuple[list[str], int]:
    """``case_ids`` that are ``worth_exporting``, in order, and how many were left out. The index's columns
    (marked done, lesions the reader drew as last saved) decide without loading the case; the others (a B-scan,
    an optic disc painted alone, an index row older than its lesion column) are loaded and decided by the rule. One
    whose saved file is damaged is kept: the export that reads it says it is skipped, naming the file."""
    kept = []
    for case_id in case_ids:
        summary = summaries.get(case_id)
        known = summary is not None and (summary.review_state is ReviewState.DONE or bool(summary.reader_lesions))
        if known or _damaged_or_worth_exporting(load, case_id):
            kept.append(case_id)
    return kept, len(case_ids) - len(kept)


def _damaged_or_worth_exporting(load: Callable[[str], CaseDocument], case_id: str) -> bool:
    try:
        return worth_exporting(load(case_id))
    except DamagedCaseFile:
        return True
