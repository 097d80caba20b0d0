"""Which labels retraining learns from: in single reading the cases the reader marked done, in their store;
in double reading the folder's consensus (arbitrated cases, and agreed ones, stored as the consensus first, as
``export --reader consensus`` does), whichever store the window holds, so no single reader's labels are used."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from annotations.reading.consensus import consensus_case_ids, settle_agreed
from annotations.reading.readers import main_sidecar, open_consensus
from annotations.reading.settings import load_settings
from annotations.workspace.workspace import Workspace


@dataclass
class TrainingSource:
    """The store to export from and its cases; ``close()`` releases a store opened here."""

    workspace: Workspace
    case_ids: list[str]
    notes: list[str] = field(default_factory=list)
    consensus: bool = False
    owned: bool = False

    def close(self) -> None:
        if self.owned:
            self.workspace.close()


def training_source(workspace: Workspace, done_ids: Sequence[str], actor: str) -> TrainingSource:
    """``workspace``: the window's store; ``done_ids``: the cases marked done in it (single reading's choice)."""
    folder = workspace.folder
    if not load_settings(folder).double:
        return TrainingSource(workspace, list(done_ids))
    owned = workspace.sidecar != main_sidecar(folder)  # a reader's window: the consensus is the main store
    consensus = open_consensus(folder, actor) if owned else workspace
    try:
        settled = 0 if consensus.read_only else settle_agreed(consensus, actor)
        ids = consensus_case_ids(folder)
    except BaseException:
        if owned:
            consensus.close()
        raise
    notes = [f"Double reading: trained on the consensus of {len(ids)} case(s) (arbitrated, or agreed by both "
             "readers), not on one reader's labels."]
    if settled:
        notes.append(f"{settled} agreed case(s) were stored as the consensus first.")
    if consensus.read_only:
        notes.append("The consensus store was read-only, so agreed cases not stored yet were left out.")
    return TrainingSource(consensus, ids, notes, consensus=True, owned=owned)
