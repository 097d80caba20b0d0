"""Who graded a double-read case, for its report: the arbiter who decided its consensus, or the readers who agreed
(each with their grade as it was settled, from its consensus record), or that the grade printed is not the
consensus (a reader's own reading, a case not settled). Nothing in single reading: the reader who graded signs."""
from __future__ import annotations

from dataclasses import dataclass

from annotations.document import CaseDocument
from annotations.graded_fields import NAMING_FIELD
from annotations.reading.consensus import (ARBITRATED, consensus_record, state_of, stored_consensus_current)
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import main_sidecar, readers_of
from annotations.reading.settings import load_settings
from annotations.report_kind import report_kind
from annotations.workspace.workspace import Workspace


@dataclass(frozen=True)
class DoubleReading:
    """How the grade a report prints came about in double reading."""

    settled: bool  # the case's consensus as it stands (arbitrated, or agreed and stored): its grade is the one printed
    arbiter: str = ""  # who arbitrated it; "" where the readers agreed
    correctors: tuple[str, ...] = ()  # who corrected an agreed consensus
    readings: tuple[tuple[str, int | str | None], ...] = ()  # (reader, their grade of the case's kind) when settled
    dme_risks: tuple[tuple[str, int | None], ...] = ()  # (reader, their DME risk) where the record keeps it (a photo)
    revised: bool = False  # a reader revised their reading after the arbitration (which stands)
    own_reader: str = ""  # the reading printed is this reader's own, from their store: not the consensus


def double_reading(ws: Workspace, doc: CaseDocument) -> DoubleReading | None:
    """How ``doc``'s grade, as ``ws`` holds it, came about; None outside double reading."""
    folder = ws.folder
    settings = load_settings(folder)
    if not settings.double:
        return None
    readers = readers_of(folder, settings)
    if ws.sidecar != main_sidecar(folder):
        own = next((store.name for store in readers if store.sidecar == ws.sidecar), ws.reader)
        return DoubleReading(settled=False, own_reader=own)
    state = state_of(folder, doc.case_id, settings, readers)
    record = consensus_record(folder, doc.case_id)
    if record is None or not stored_consensus_current(folder, doc.case_id, state, readers):
        return DoubleReading(settled=False)
    field = NAMING_FIELD[report_kind(doc)].name.lower()
    entries = sorted((record.get("readings") or {}).items())
    readings = tuple((name, entry.get(field)) for name, entry in entries)
    dme_risks = tuple((name, entry["dme_risk"]) for name, entry in entries if "dme_risk" in entry)  # recorded since
    arbitrated = record.get("method") == ARBITRATED
    return DoubleReading(settled=True, arbiter=str(record.get("by", "")) if arbitrated else "",
                         correctors=tuple(dict.fromkeys(str(c.get("by", "")) for c in record.get("corrections", []))),
                         readings=readings, dme_risks=dme_risks, revised=state is CaseState.REVISED_SINCE_ARBITRATION)
