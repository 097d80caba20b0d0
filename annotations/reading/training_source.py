"""Which labels retraining learns from: in single reading the cases the reader marked done, in their store;
in double reading the folder's consensus by the rule a consensus export follows (annotations.reading.consensus_export:
arbitrated cases, and agreed ones, stored as the consensus first, or read from the agreeing readings where the store
is read-only), whichever store the window holds, so no single reader's labels are used."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from annotations.progress import NullState, TaskState
from annotations.reading.consensus import settle_agreed
from annotations.reading.consensus_export import ConsensusSource, consensus_scope
from annotations.reading import messages as msg
from annotations.reading.readers import main_sidecar, open_consensus
from annotations.reading.settings import load_settings
from annotations.workspace.export_source import ExportSource
from annotations.workspace.workspace import Workspace


@dataclass
class TrainingSource:
    """The store to export from, its cases and where their labels come from (``labels``: an export's source);
    ``close()`` releases a store opened here."""

    workspace: Workspace
    case_ids: list[str]
    labels: ExportSource
    notes: list[str] = field(default_factory=list)
    consensus: bool = False
    owned: bool = False

    def close(self) -> None:
        if self.owned:
            self.workspace.close()


def settle_for_training(workspace: Workspace, actor: str, state: TaskState = NullState()) -> int:
    """In double reading, store the cases both readers agree on as the consensus (what training reads); the number
    stored, 0 in single reading or when the consensus store is read-only. The window runs this on its storage
    queue, in order with its saves, before its retrain worker reads the consensus; ``state``: as settle_agreed's."""
    if not load_settings(workspace.folder).double:
        return 0
    consensus, owned = _consensus_store(workspace, actor)
    try:
        return settle_agreed(consensus, actor, state=state)
    finally:
        if owned:
            consensus.close()


def training_source(workspace: Workspace, done_ids: Sequence[str], actor: str, settled: int | None = None,
                    state: TaskState = NullState()) -> TrainingSource:
    """``workspace``: the window's store; ``done_ids``: the cases marked done in it (single reading's choice).
    ``settled``: how many agreed cases the caller already stored as the consensus (``settle_for_training``);
    None: store them here first. ``state``: double reading's comparison of the readings (consensus_scope, seconds
    for a big folder) reports to it, and stops once it is cancelled."""
    folder = workspace.folder
    if not load_settings(folder).double:
        return TrainingSource(workspace, list(done_ids), ExportSource(workspace))
    consensus, owned = _consensus_store(workspace, actor)
    try:
        if settled is None:
            settled = settle_agreed(consensus, actor)
        labels = ConsensusSource(consensus, 0, consensus_scope(folder, state), settled_only=True)  # settling said
    except BaseException:
        if owned:
            consensus.close()
        raise
    # an agreed case the store could not hold is said by the export's notes; an unreadable one, as it skips it
    ids = labels.scope.taken_up
    notes = [msg.TRAINED_ON_CONSENSUS.format(count=len(labels.scope.case_ids))]
    if settled:
        notes.append(msg.SETTLED_FIRST.format(count=settled))
    return TrainingSource(consensus, ids, labels, notes, consensus=True, owned=owned)


def _consensus_store(workspace: Workspace, actor: str) -> tuple[Workspace, bool]:
    """The consensus store and whether it was opened here: a reader's window holds their own store, so the
    consensus (the main store) is opened; an arbiter's window holds it already."""
    owned = workspace.sidecar != main_sidecar(workspace.folder)
    return (open_consensus(workspace.folder, actor) if owned else workspace), owned
