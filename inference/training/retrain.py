"""The background half of "Retrain from reviewed cases": export the cases marked done (in double reading the
folder's consensus instead: annotations.reading.training_source), train, score old and new.

``run_retrain(request, state)`` runs on the task runner's worker and never touches Qt: it exports the done cases
with the workspace's dataset export (rejected AI candidates go to ``hard_negatives.json``, which training uses as
hard negatives), trains (fine-tuning the learned model in use now, when there is one and the options name no
other encoder) into a work folder in a child process (inference.training.train_process: a crash there cannot take
the window down, and cancel always stops it), then evaluates the model in use now on the very held-out images the
new model was scored on. With no learned segmentation model installed, "now" is the classical detector. Each
training step's loss is handed to the GUI as a ``LossPoint`` through ``state.publish``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from annotations.classes import LesionClass
from annotations.image_io import load_image
from annotations.progress import SubState, TaskState, check_cancelled
from annotations.reading.training_source import training_source
from annotations.workspace.transfer import export_labels
from inference.analysis_models import model_for_task
from inference.analysis_settings import AnalysisSettings
from inference.classical import detect_lesions
from inference.dataset import load_index
from inference.device import resolve_device
from inference.evaluation import PixelTally, evaluate_model, held_out
from inference.model_card import ModelError
from inference.targets import read_mask_bits
from inference.training import messages as msg
from inference.training.config import TASKS, TrainConfig
from inference.training.retrain_results import (MIN_DONE_CASES, TASK_LABELS, LossPoint, ModelScore, RetrainOutcome,
                                                RetrainRequest)
from inference.training.train_process import train_in_subprocess

EXPORT_SHARE, TRAIN_END = 0.1, 0.9  # of the progress bar; scoring the current model takes the rest


def run_retrain(request: RetrainRequest, state: TaskState) -> RetrainOutcome:
    settled = request.consensus_settled.result() if request.consensus_settled is not None else None
    source = training_source(request.workspace, request.case_ids, "retrain", settled)
    try:
        if len(source.case_ids) < MIN_DONE_CASES:
            too_few = msg.TOO_FEW_CONSENSUS if source.consensus else msg.TOO_FEW_DONE
            raise ValueError(too_few.format(count=len(source.case_ids), minimum=MIN_DONE_CASES))
        data = request.work_dir / "data"
        summary = export_labels(source.workspace, "dataset", data, SubState(state, 0.0, EXPORT_SHARE),
                                case_ids=source.case_ids, source=source.labels)
    finally:
        source.close()
    check_cancelled(state)
    state.progress(EXPORT_SHARE, "starting the training process…")  # loading torch there takes seconds
    return _train_and_score(request, data, source.notes + list(summary.warnings), state)


def _train_and_score(request: RetrainRequest, data: Path, export_notes: list[str], state: TaskState
                     ) -> RetrainOutcome:
    out = request.work_dir / "model"
    # MONAI Label-style: fine-tune the model in use now, unless the options ask for another network
    start = None if "encoder" in request.training else current_model_folder(request.task, request.analysis)
    config = TrainConfig(task=request.task, data=data, out=out, epochs=request.epochs, size=request.size,
                         device=request.analysis.device, name=request.name, init_from=start,
                         command="RetinaReview: Analysis > Retrain from reviewed cases", **request.training)
    card = train_in_subprocess(config, SubState(state, EXPORT_SHARE, TRAIN_END),
                               on_step=lambda step, loss, parts: state.publish(LossPoint(step, loss)))
    # the same split the run scored its model on: the export's splits/ lists
    index = load_index(data, None, card.classes if not config.is_segmentation else None, config.seed)
    split, samples = held_out(index)
    device = resolve_device(request.analysis.device)
    before = score_current(request.task, request.analysis, samples,
                           [c for c in card.classes if c in LesionClass.__members__], device,
                           SubState(state, TRAIN_END, 1.0))
    notes = export_notes + index.notes
    if start is not None:
        notes.append(msg.FINE_TUNED.format(model=card.training["init_from"]["model"]))
    if split == "all":
        notes.append(msg.NO_HELD_OUT)
    elif len(samples) < 5:
        notes.append(msg.FEW_HELD_OUT.format(count=len(samples)))
    state.progress(1.0, "retraining done")
    return RetrainOutcome(request.task, out, split, [s.name for s in samples], before,
                          ModelScore(card.name, card.metrics), card.training["history"], notes)


def current_model_folder(task: str, settings: AnalysisSettings) -> Path | None:
    """The folder of the learned model the program uses now for ``task`` (not one answering for it, not a bare
    checkpoint file); None when there is none or it cannot be loaded."""
    try:
        model = model_for_task(TASKS[task], settings, None, "cpu")
    except ModelError:
        return None
    return model.path if model is not None and model.path.is_dir() else None


def score_current(task: str, settings: AnalysisSettings, samples: Sequence[Any], lesion_classes: list[str],
                  device: Any, state: TaskState) -> ModelScore:
    """The model the program uses now for ``task`` (seg, grade, referable), scored on ``samples``. Without a
    referable model the program calls a DR grade of 2 or more referable, so a grade model answers for it."""
    card_tasks = [TASKS[task]] + (["dr-grade"] if task == "referable" else [])
    try:
        model = next((m for t in card_tasks if (m := model_for_task(t, settings, None, device)) is not None), None)
    except ModelError as exc:
        return ModelScore("current model unusable", None, str(exc))
    if model is not None:
        note = "The DR grade model answers for referable DR (grade 2 or more)." if model.card.task != card_tasks[0] \
            else ""
        return ModelScore(f"{model.card.name} {model.card.version}", evaluate_model(model, task, samples, state)[0],
                          note)
    if task == "seg":
        return ModelScore("classical detector", evaluate_classical(samples, lesion_classes, state),
                          "No learned lesion model is installed; the program uses the classical detector.")
    return ModelScore("none installed", None,
                      f"No learned {TASK_LABELS.get(task, task)} model is installed; the program derives it from "
                      "the lesion findings by ICDR rules, so there is no model to compare with.")


def evaluate_classical(samples: Sequence[Any], class_names: list[str], state: TaskState) -> dict[str, Any]:
    """The classical detector's pixel Dice / IoU / AUPR on the painted samples, shaped like
    inference.evaluation.evaluate_segmentation's metrics so the two tables line up."""
    classes = [LesionClass[name] for name in class_names]
    tally = PixelTally(class_names)
    painted = [s for s in samples if s.has_masks]
    for number, sample in enumerate(painted):
        check_cancelled(state)
        state.progress(number / max(len(painted), 1), f"classical detector: {sample.name}")
        image = load_image(sample.image)
        found = detect_lesions(image)
        truth_bits = read_mask_bits(sample, image.shape[:2])
        for cls in classes:
            predicted = (found.mask_bits & cls.bit) != 0
            probability = found.probabilities.get(cls)
            tally.add(cls.name, probability if probability is not None else predicted.astype(np.float32),
                      predicted, (truth_bits & cls.bit) != 0)
    metrics: dict[str, Any] = {"images": len(painted), **tally.metrics()}
    state.progress(1.0, "classical detector scored")
    return metrics
