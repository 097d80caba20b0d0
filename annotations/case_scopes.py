"""Which cases a whole-folder action works on (analyse all, export, retrain), decided from a few columns of every
case (``CaseSource.facts``, read on a worker) instead of 100,000 summaries built on the GUI thread."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from annotations.document import ReviewState
from annotations.reading.blind import withholds_ai
from annotations.workspace.workspace import CaseSummary


@dataclass(frozen=True, slots=True)  # one object per case, not two (no __dict__): a big folder reads 100,000
class CaseFacts:
    case_id: str
    image_path: str
    review_state: ReviewState
    ai_grade: int | None
    analysed: bool  # it has an AI result, with a DR grade or not (an OCT scan's has none)
    error: str | None


@dataclass(frozen=True)
class AnalysisScope:
    readable: list[CaseFacts]  # the cases "Analyse all" may run on, in file order
    new: list[CaseFacts]  # of them, those with no AI result yet
    unreadable: int  # cases left out because their file could not be read (each row says why)

    @property
    def analysed(self) -> int:
        return len(self.readable) - len(self.new)


def export_scopes(facts: Iterable[CaseFacts | CaseSummary], consensus: list[str] | None = None
                  ) -> dict[str, list[str]]:
    """The export dialog's "all" and "done" scopes (its "shown" and "selection" come from the case list).
    ``consensus``: in the arbiter's window of a double-read folder, the cases whose consensus is settled
    (annotations.reading.consensus_export.consensus_case_ids): its done cases, not the store's DONE column."""
    listed = list(facts)
    done = [f.case_id for f in listed if marked_done(f)]
    return {"all": [f.case_id for f in listed], "done": done if consensus is None else consensus}


def marked_done(case: CaseFacts | CaseSummary) -> bool:
    """A case marked done, its photo read or not: what an export of done cases writes (a done case whose photo
    cannot be read, moved since, has the reader's saved labels, which an export of every case writes too; a format
    that needs the photo names the case as left out)."""
    return case.review_state is ReviewState.DONE


def counts_as_done(case: CaseFacts | CaseSummary) -> bool:
    """A readable case marked done: what a retrain learns from and the case list's "Done" shows (the index's rule:
    annotations.case_listing.DONE). An export of done cases takes those whose photo cannot be read too
    (marked_done)."""
    return marked_done(case) and case.error is None


def done_case_ids(facts: Iterable[CaseFacts | CaseSummary]) -> list[str]:
    return [f.case_id for f in facts if counts_as_done(f)]


def analysis_scope(facts: Iterable[CaseFacts], blind_ai: bool) -> AnalysisScope:
    """The readable cases whose AI result the reader may see (blind reading hides it until a case is done)."""
    listed = list(facts)
    readable = [f for f in listed if not f.error and not withholds_ai(blind_ai, f.review_state)]
    return AnalysisScope(readable, [f for f in readable if not f.analysed], sum(1 for f in listed if f.error))
