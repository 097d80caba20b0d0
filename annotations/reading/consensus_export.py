"""What a double-read folder's consensus is, case by case, and where its labels come from: the one rule for an
export (`export --reader consensus|all`, File ▸ Export in the arbiter's window) and for retraining.

A case the consensus store holds as it is now (stored_consensus_current: arbitrated, corrected, or agreed and stored
from the readings as they are) is written from the store; an agreed case the store does not hold (it is read-only,
open elsewhere, or the readers agreed since it settled) from the readers' agreeing reading, as retraining reads it
(consensus_document); a case the readers read whose consensus is not settled (to arbitrate, or still with its
readers) is left out, whatever the store holds of it (labels from before the folder went double, an agreement the
readers dispute since, a case marked done without arbitrating). A case no reader read is written as the store holds
it. Where the store is writable, settle the agreed cases first (settle_agreed), so they are stored as the consensus.
A case a reader's file of which cannot be read (DamagedCaseFile: damaged, or a later release's) is that case's alone:
the export takes it up and skips it, naming the file, as it skips any case whose saved file is damaged, and goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from annotations.case_names import case_name
from annotations.document import CaseDocument
from annotations.formats.grades_csv import GradedCase
from annotations.frames import split_bscan_case_id
from annotations.progress import NullState, SubState, TaskState, until_cancelled
from annotations.reading import messages as msg
from annotations.reading.consensus import consensus_document, first_saved, state_of, stored_consensus_current
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import (ReaderStore, holds_consensus, load_reading, read_case_ids, read_case_name,
                                         readers_of, saved_json)
from annotations.reading.settings import load_settings
from annotations.wording import NAMES_SHOWN, join_named
from annotations.workspace.errors import DamagedCaseFile, WorkspaceError
from annotations.workspace.export_source import ExportSource
from annotations.workspace.workspace import CaseSummary, Workspace

_WITH_READERS = (CaseState.NEEDS_READER_1, CaseState.NEEDS_READER_2)


@dataclass
class ConsensusScope:
    """The cases the readers read, sorted out by the rule above."""

    stored: list[str] = field(default_factory=list)  # held by the consensus store as they are now
    # agreed, not held: their agreeing reading stands in; each with the readings compared (reader: saved_at)
    from_readings: dict[str, dict[str, str]] = field(default_factory=dict)
    left_out: dict[str, CaseState] = field(default_factory=dict)  # not settled, and where each stands
    # stored as arbitrated, a reader's reading revised since: the arbitration stands, and the export says so
    revised: list[str] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # a file of theirs cannot be read: case id -> why

    @property
    def case_ids(self) -> list[str]:
        """The settled cases: what retraining learns from, sorted."""
        return sorted([*self.stored, *self.from_readings])

    @property
    def taken_up(self) -> list[str]:
        """The settled cases and the unreadable ones, sorted: what an export of the settled cases (the done ones, a
        retrain's) takes up, so that it says each unreadable one is skipped, and why (ConsensusSource.load)."""
        return sorted([*self.case_ids, *self.unreadable])


def consensus_scope(folder: Path, state: TaskState = NullState()) -> ConsensusScope:
    """Sort out a double-read folder's cases, reporting each to ``state``; cancelling it stops between cases: an
    agreed case's masks are compared, seconds for a big folder. A case whose file cannot be read (DamagedCaseFile)
    is put in ``unreadable`` and the others sorted out; a file the storage cannot give (WorkspaceError) raises."""
    settings = load_settings(folder)
    readers = readers_of(folder, settings)
    scope = ConsensusScope()
    case_ids = read_case_ids(readers)
    for index, case_id in enumerate(until_cancelled(case_ids, state)):
        # as an export reports its cases (seconds for a big folder), by name: the id is no name a person knows
        state.progress(index / len(case_ids), msg.COMPARING.format(name=read_case_name(folder, case_id, readers),
                                                                   number=index + 1, count=len(case_ids)))
        try:
            submitted = _submitted(readers, case_id)  # before comparing: a save after it shows as a change
            case_state = state_of(folder, case_id, settings, readers)
        except DamagedCaseFile as exc:
            scope.unreadable[case_id] = exc.whole
            continue
        if stored_consensus_current(folder, case_id, case_state, readers):
            scope.stored.append(case_id)
            if case_state is CaseState.REVISED_SINCE_ARBITRATION:
                scope.revised.append(case_id)
        elif case_state is CaseState.AGREED:
            scope.from_readings[case_id] = submitted
        else:
            scope.left_out[case_id] = case_state
    return scope


def consensus_case_ids(folder: Path, state: TaskState = NullState()) -> list[str]:
    """The cases whose consensus is settled (arbitrated, corrected, or agreed by readers who agree now), and those
    that cannot be read, for the export to say so (ConsensusScope.taken_up), sorted."""
    return consensus_scope(folder, state).taken_up


def consensus_source(ws: Workspace, settled: int = 0, state: TaskState = NullState()) -> ExportSource:
    """The labels an export of ``ws`` writes: a double-read folder's consensus store's by the rule above, any other
    store's (a reader's, single reading's) as saved. ``settled``: how many agreed cases the caller stored as the
    consensus just before (settle_agreed), for the summary."""
    if not holds_consensus(ws):
        return ExportSource(ws)
    return ConsensusSource(ws, settled, consensus_scope(ws.folder, state))


def settled_consensus(ws: Workspace, settle: Callable[[TaskState], int | None], state: TaskState = NullState()
                      ) -> ExportSource:
    """An export's consensus (the `export` command's, the arbiter's window's), on ``state``'s bar: the agreed cases
    stored first by ``settle`` (settle_agreed, returning how many; None: an earlier Cancel stopped it, and those it
    did not store are read from the readings), then sorted out (consensus_source): each a pass over the cases that
    compares the masks of the agreed ones, so each has half of the bar."""
    settled = settle(SubState(state, 0.0, 0.5))
    return consensus_source(ws, settled or 0, SubState(state, 0.5, 1.0))


class ConsensusSource(ExportSource):
    """The consensus store's cases as sorted out when the export begins (ConsensusScope). Build one for an export
    of several formats: sorting out compares the masks of every agreed case."""

    def __init__(self, ws: Workspace, settled: int, scope: ConsensusScope, settled_only: bool = False) -> None:
        """``settled_only`` (retraining): the cases it is given are the settled ones and the unreadable
        (scope.taken_up, B-scans among them), and a volume brings none of its other B-scans (labelled in the store
        only, no reader read them)."""
        super().__init__(ws)
        self._settings = load_settings(ws.folder)
        self._readers = {store.name: store for store in readers_of(ws.folder, self._settings)}
        self._settled = settled
        self.scope = scope
        self.settled_only = settled_only

    def by_default(self, case: CaseSummary) -> bool:
        """Also every case the readers read: written from their agreement, left out and counted, or skipped as
        unreadable and named."""
        return case.saved or any(case.case_id in cases for cases in (self.scope.from_readings, self.scope.left_out,
                                                                     self.scope.unreadable))

    def bscans(self) -> dict[str, list[str]]:
        if self.settled_only:
            return {}
        numbered = {volume: {split_bscan_case_id(case_id)[1]: case_id for case_id in bscans}
                    for volume, bscans in super().bscans().items()}
        for case_id in [*self.scope.from_readings, *self.scope.left_out, *self.scope.unreadable]:
            volume, number = split_bscan_case_id(case_id)
            if number is not None:
                numbered.setdefault(volume, {})[number] = case_id
        return {volume: [found[n] for n in sorted(found)] for volume, found in numbered.items()}

    def load(self, case_id: str) -> CaseDocument:
        """A case from the readings is their agreeing reading (consensus.agreed_reading: the one saved first), read
        alone while no reader saved the case since it was compared; else the readings are compared anew. An
        unreadable case raises DamagedCaseFile, saying why: the export skips it, naming the file."""
        if case_id in self.scope.unreadable:
            raise DamagedCaseFile(self.scope.unreadable[case_id])
        if case_id not in self.scope.from_readings:
            return super().load(case_id)
        compared = self.scope.from_readings[case_id]
        first = first_saved(compared) if compared else None
        reading = load_reading(self._readers[first], case_id) if first in self._readers else None
        if reading is not None and reading.saved_at == compared[first] and _submitted(
                list(self._readers.values()), case_id) == compared:
            return reading.doc
        doc = consensus_document(self.ws.folder, case_id, self._settings)
        if doc is None:  # a reader revised it since the export began
            raise WorkspaceError(msg.READINGS_CHANGED.format(image=case_name(self.ws.export_path(case_id))))
        return doc

    def graded(self, case_id: str) -> GradedCase:
        """A case from the readings: their agreeing reading's grade (load); an unreadable case raises, as load."""
        if case_id not in self.scope.from_readings and case_id not in self.scope.unreadable:
            return super().graded(case_id)
        doc = self.load(case_id)
        return GradedCase(case_id, doc.image_path, doc.grade)

    def leaves_out(self, case_id: str) -> bool:
        return case_id in self.scope.left_out

    def notes(self, written: Sequence[str], left_out: Sequence[str]) -> list[str]:
        notes = [msg.SETTLED_FIRST.format(count=self._settled)] if self._settled else []
        self._settled = 0  # said once: in the first summary of an export of several formats
        if left_out:
            with_readers = sum(1 for case_id in left_out if self.scope.left_out[case_id] in _WITH_READERS)
            notes.append(msg.NOT_SETTLED_LEFT_OUT.format(count=len(left_out), arbitrate=len(left_out) - with_readers,
                                                         readers=with_readers))
        revised = [case_id for case_id in written if case_id in self.scope.revised]
        if revised:
            readers = list(self._readers.values())
            named = [read_case_name(self.ws.folder, case_id, readers) for case_id in revised[:NAMES_SHOWN]]
            notes.append(msg.REVISED_WRITTEN_AS_ARBITRATED.format(count=len(revised),
                                                                  images=join_named(named, len(revised))))
        from_readings = sum(1 for case_id in written if case_id in self.scope.from_readings)
        if from_readings:
            template = msg.FROM_READINGS_READ_ONLY if self.ws.read_only else msg.FROM_READINGS
            notes.append(template.format(count=from_readings))
        return notes


def _submitted(readers: list[ReaderStore], case_id: str) -> dict[str, str]:
    """Who submitted the case, and when each saved it (their small case files: no mask is read)."""
    return {store.name: str(data.get("saved_at", "")) for store in readers
            if (data := saved_json(store, case_id)) is not None and data.get("review_state") == "done"}
