"""The first part of "Retrain from reviewed cases", without torch, so a refusal comes before it loads: the cases to
learn from (the cases marked done, in double reading the folder's consensus: annotations.reading.training_source),
their OCT scans left out (retrain_modality: every task retrained reads fundus photos), a refusal when too few are
left or they hold nothing of the task (retrain_labels), then the dataset export into the work folder's ``data/``.
A case whose labels come from the readings, not the consensus store (a read-only one), is not looked at for labels:
only its export would read them, so training says when there is nothing to learn."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from annotations.progress import SubState, TaskState
from annotations.reading.training_source import TrainingSource, training_source
from annotations.workspace import CaseSummary
from annotations.workspace.transfer import export_labels
from inference.training import messages as msg
from inference.training.retrain_labels import never_labelled, nothing_to_learn
from inference.training.retrain_modality import fundus_case_ids
from inference.training.retrain_results import MIN_DONE_CASES, RetrainOutcome, RetrainRefusal, RetrainRequest

EXPORT_SHARE = 0.1  # of the progress bar; training and scoring the current and the new choice share the rest


@dataclass
class Exported:
    data: Path  # the export: the training layout of annotations.formats.dataset
    notes: list[str]  # for the dialog's notes (English, messages templates filled)


def run_retrain(request: RetrainRequest, state: TaskState) -> RetrainOutcome | RetrainRefusal:
    """The whole run on the task runner's worker: the export, then training and scoring (inference.training.retrain,
    which loads torch: only once there is something to train on)."""
    exported = export_for_retrain(request, state)
    if isinstance(exported, RetrainRefusal):
        return exported
    from inference.training.retrain import train_and_score  # torch: loaded once there is something to train on

    return train_and_score(request, exported, state)


def export_for_retrain(request: RetrainRequest, state: TaskState) -> Exported | RetrainRefusal:
    # double reading: storing the agreed cases and comparing the readings are passes over the cases, as the export
    # is: a third of the export's share each
    settling = request.consensus_settled
    third = EXPORT_SHARE / 3
    settled = settling.result(SubState(state, 0.0, third)) if settling is not None else None
    source = training_source(request.workspace, request.case_ids, "retrain", settled,
                             SubState(state, third, 2 * third))
    start = 2 * third if source.consensus else 0.0
    try:
        summaries = {summary.case_id: summary for summary in source.workspace.cases()}
        fundus = fundus_case_ids(source.workspace, source.case_ids, summaries)
        left_out = len(source.case_ids) - len(fundus)
        oct_notes = [msg.OCT_LEFT_OUT.format(count=left_out)] if left_out else []
        why = _refusal(request.task, source, fundus, left_out, summaries)
        if why:
            return RetrainRefusal(why, oct_notes)
        data = request.work_dir / "data"
        summary = export_labels(source.workspace, "dataset", data, SubState(state, start, EXPORT_SHARE),
                                case_ids=fundus, source=source.labels)
    finally:
        source.close()
    notes = source.notes + oct_notes + [text for text in summary.warnings if text not in summary.masks_left_out]
    if summary.cases < MIN_DONE_CASES:  # cases skipped as unreadable (each named in the notes)
        return RetrainRefusal(msg.TOO_FEW_READABLE.format(count=summary.cases, minimum=MIN_DONE_CASES), notes)
    if request.task == "seg" and summary.boxed_lesion_cases:
        notes.append(msg.BOXES_ONLY.format(count=summary.boxed_lesion_cases, total=summary.cases))
    if request.task == "seg" and summary.lesions_unknown_cases:
        notes.append(msg.LESIONS_LEFT_OUT.format(count=summary.lesions_unknown_cases, total=summary.cases))
    notes += never_labelled(request.task, summary.boxes, summary.pixels)
    return Exported(data, notes)


def _refusal(task: str, source: TrainingSource, fundus: list[str], left_out: int,
             summaries: Mapping[str, CaseSummary]) -> str:
    """Why the fundus photos among the source's cases cannot be learned from; "" when they can."""
    if len(fundus) < MIN_DONE_CASES:
        too_few = msg.TOO_FEW_FUNDUS if left_out else msg.TOO_FEW_CONSENSUS if source.consensus else msg.TOO_FEW_DONE
        return too_few.format(count=len(fundus), minimum=MIN_DONE_CASES)
    known = [summaries[case_id] for case_id in fundus if case_id in summaries and summaries[case_id].saved]
    if len(known) < len(fundus):  # some come from the readings: their labels are read only by the export
        return ""
    return nothing_to_learn(task, known, source.consensus)
