"""Which of a retrain's cases are fundus photos: every task it retrains (lesion segmentation, DR grade, referable DR)
reads fundus photos, and a fundus model must not learn from OCT scans. A case is what Analyse all takes it for: its
recorded modality (annotations.workspace.recorded_modality: the reader's choice, or what it was taken for when first
saved), else, with none saved or readable, what its file says without its pixels decoded, by the rule the window follows
(annotations.modality.listed_looks_like_oct: its DICOM header, else a name saying OCT, else a volume's frame count).
A B-scan of a volume with no modality recorded is an OCT scan. Qt-free and torch-free: read on the retrain's
worker, and for the count the retrain dialog shows before Start (single reading's done cases, double reading's
settled consensus) on the storage worker, one small file a case (and, where it records no modality, a DICOM file's
header)."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from annotations.document import Modality
from annotations.frames import split_bscan_case_id
from annotations.modality import listed_looks_like_oct
from annotations.reading.consensus import first_saved
from annotations.reading.consensus_export import ConsensusScope
from annotations.reading.readers import case_files, main_sidecar, readers_of
from annotations.workspace import CaseSummary, Workspace
from annotations.workspace.recorded_modality import saved_modality
from annotations.workspace.sidecar import CaseFiles
from annotations.workspace.workspace import summary_from_row


def fundus_case_ids(workspace: Workspace, case_ids: Sequence[str], summaries: Mapping[str, CaseSummary]) -> list[str]:
    """``case_ids`` without the OCT scans, in their order; ``workspace``: the store the cases' labels come from,
    ``summaries``: its listing by case id."""
    files, folder = workspace.case_files, workspace.folder
    return [case_id for case_id in case_ids if not _is_oct(files, folder, case_id, summaries.get(case_id))]


def fundus_count(workspace: Workspace, case_ids: Sequence[str]) -> int:
    """How many of ``case_ids`` (cases of ``workspace``, single reading's store) a retrain learns from: the
    retrain dialog's count before Start, by the rule its export follows. Reads each case's small file: call it on
    a worker."""
    rows = workspace.index.cases_by_id(case_ids, worker=True)  # not on the connection the window reads on
    summaries = {case_id: summary_from_row(row) for case_id, row in rows.items()}
    return len(fundus_case_ids(workspace, case_ids, summaries))


def consensus_fundus_count(workspace: Workspace, scope: ConsensusScope) -> int:
    """How many of a double-read folder's settled cases (``scope``) a retrain learns from, by the rule its export
    follows: a case the consensus store holds by the modality recorded there; an agreed case it does not hold yet
    (the retrain stores it first) by its agreeing reading's, the one stored then (consensus.first_saved).
    ``workspace``: the window's store (a reader's or the consensus), for the cases' listing. Reads each case's small
    file: call it on a worker."""
    consensus = case_files(main_sidecar(workspace.folder))
    readers = {store.name: store for store in readers_of(workspace.folder)}
    rows = workspace.index.cases_by_id(scope.case_ids, worker=True)

    def files_of(case_id: str) -> CaseFiles:
        saved_at = scope.from_readings.get(case_id)
        reader = readers.get(first_saved(saved_at)) if saved_at else None
        return consensus if reader is None else case_files(reader.sidecar)

    return sum(not _is_oct(files_of(case_id), workspace.folder, case_id,
                           summary_from_row(rows[case_id]) if case_id in rows else None) for case_id in scope.case_ids)


def _is_oct(files: CaseFiles, folder: Path, case_id: str, summary: CaseSummary | None) -> bool:
    recorded = saved_modality(files, case_id)  # first, as the window takes it: a B-scan a reader set to fundus too
    if recorded is not None:
        return recorded is Modality.OCT
    if split_bscan_case_id(case_id)[1] is not None:
        return True
    return summary is not None and listed_looks_like_oct(folder / summary.image_path, summary.frames)
