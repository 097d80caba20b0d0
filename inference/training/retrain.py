"""The background half of "Retrain from reviewed cases" after its export (retrain_export: the fundus photos marked
done, in double reading the folder's consensus): train, score old and new.

``train_and_score(request, exported, state)`` runs on the task runner's worker and never touches Qt: on the
workspace's dataset export (rejected AI candidates go to ``hard_negatives.json``, which training uses as
hard negatives) it trains (fine-tuning the learned model in use now, when there is one and the options name no
other encoder) into a work folder in a child process (inference.training.train_process: a crash there cannot take
the window down, and cancel always stops it), checks that the new model loads as an analysis loads it (one that
does not is not offered for use: ``checked_new_model``), then scores the current choice and the new one on the very
held-out images the new model was scored on (read from the export again): for lesion segmentation what the analysis
draws with each (retrain_drawn: the candidates models and the classical detector's classes included), for the other
tasks the models themselves. A failure after training never discards the new model (retrain_failures). Each
training step's loss is handed to the GUI as a ``LossPoint`` through ``state.publish``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from annotations.classes import LesionClass
from annotations.progress import Cancelled, SubState, TaskState, check_cancelled
from inference.analysis_models import model_for_task
from inference.analysis_settings import AnalysisSettings
from inference.dataset import DataError, load_index
from inference.device import resolve_device
from inference.evaluation import EVALUATION_TASKS, evaluate_classifier, held_out
from inference.loading import LoadedModel, load_model_folder
from inference.model_card import ModelError
from inference.training import messages as msg
from inference.training.config import TASKS, TrainConfig
from inference.training.init_from import dropped_members_note
from inference.training.retrain_adoption import MIN_HELD_OUT, MIN_TRAINING
from inference.training.retrain_drawn import score_drawn
from inference.training.retrain_export import EXPORT_SHARE, Exported
from inference.training.retrain_failures import FAILURES, current_unusable, new_model_unusable, not_scored
from inference.training.retrain_results import (CHECKING_NEW_MODEL, LOADING_CURRENT, NOT_SCORED,
                                                SCORING_CURRENT, STARTING_TRAINING, TASK_LABELS, LossPoint, ModelScore,
                                                RetrainOutcome, RetrainRequest)
from inference.training.retrain_start import fine_tunes, training_crop
from inference.training.train_process import train_in_subprocess

# Scoring's cost in training epochs, so the bar moves evenly (measured on a 2-thread CPU with the shipped lesion
# models, the export's 70/15/15 splits: a training photo 1.5 s an epoch, a held-out one 6.5 s through the pipeline).
# The lesion comparison runs the pipeline twice on each held-out photo, with each choice (retrain_drawn): about two
# epochs, decoding the photo once saving little. The other tasks run one classifier over the held-out photos, a
# tenth of an epoch's forward and backward passes.
LESION_SCORING_EPOCHS = 2.0
CLASSIFIER_SCORING_EPOCHS = 0.1
# The export failing to read again: a data file, its error naming it (not FAILURES: a bug must fail the run, not
# read as "not scored").
EXPORT_UNREADABLE = (DataError, OSError, UnicodeDecodeError)
# a retrained card's licence: the window's retraining has no --licence to pass
CLINIC_DATA_LICENCE = "the clinic's own reviewed cases: no open licence; the clinic decides their use"


def training_end(task: str, epochs: int) -> float:
    """Where training ends on the progress bar; scoring takes the rest."""
    scoring = LESION_SCORING_EPOCHS if task == "seg" else CLASSIFIER_SCORING_EPOCHS
    return EXPORT_SHARE + (1 - EXPORT_SHARE) * epochs / (epochs + scoring)


def train_and_score(request: RetrainRequest, exported: Exported, state: TaskState) -> RetrainOutcome:
    """Train on the export (retrain_export), check the new model loads, and score both choices on its held-out
    images."""
    check_cancelled(state)
    state.progress(EXPORT_SHARE, STARTING_TRAINING)
    data, out = exported.data, request.work_dir / "model"
    start = current_model_folder(request.task, request.analysis) if fine_tunes(request.training) else None
    crop = training_crop(request.task, request.size, start)
    training = {**({"crop": crop} if crop else {}), **request.training}  # the options' own crop wins
    # the prepared images in the work folder, which goes with the run: keyed by its paths, they would never be read
    # again, and copies of a clinic's photos stayed in the user's cache until the 20 GB bound pushed them out
    training.setdefault("cache_dir", request.work_dir / "cache")
    config = TrainConfig(task=request.task, data=data, out=out, epochs=request.epochs, size=request.size,
                         device=request.analysis.device, name=request.name, init_from=start,
                         # the export is the work folder's "data", gone once the person chose
                         data_name=f"the reviewed cases of {request.workspace.folder.name}",
                         data_origin=str(request.workspace.folder),
                         licence=CLINIC_DATA_LICENCE,
                         command="RetinaReview: Analysis > Retrain from reviewed cases", **training)
    train_end = training_end(request.task, request.epochs)
    card = train_in_subprocess(config, SubState(state, EXPORT_SHARE, train_end),
                               on_step=lambda step, loss, parts: state.publish(LossPoint(step, loss)),
                               finish=request.finish_early)
    state.progress(train_end, CHECKING_NEW_MODEL)
    retrained, unusable_why = checked_new_model(out)
    check_cancelled(state)  # a Cancel during training's last steps or the check: loading and scoring take minutes
    if not config.is_segmentation:  # only the lesion comparison runs it: no CPU copy held while the classifiers score
        retrained = None
    own = ModelScore(card.name, card.metrics)  # New without a comparison: the figures training measured
    scoring = SubState(state, train_end, 1.0)
    # the photos the run scored its model on, and its notes (a photo it left out as unreadable among them)
    scored_on = card.training["split"]
    split, names, index_notes = scored_on["held_out"], scored_on["held_out_names"], card.training["notes"]
    try:  # the export's splits/ lists, read again
        index = load_index(data, None, card.classes if not config.is_segmentation else None, config.seed)
    except EXPORT_UNREADABLE as exc:  # the model just trained stays, as training saw it
        before, after = not_scored(exc), own
    else:
        scored = set(names)
        samples = [sample for sample in held_out(index, split)[1] if sample.name in scored]
        if unusable_why:  # nothing to compare, and the model is not offered
            before, after = ModelScore(NOT_SCORED, None), own
        else:
            state.progress(train_end, LOADING_CURRENT)  # until the first held-out photo is scored
            if retrained is not None:  # lesions: what the analysis draws with each choice, not the lesion models alone
                before, after = score_drawn(request.analysis, retrained,
                                            [c for c in card.classes if c in LesionClass.__members__], samples,
                                            scoring)
            else:
                before, after = score_current(request.task, request.analysis, samples, scoring), own
    notes = exported.notes + index_notes
    if early := card.training.get("finished_early"):
        notes.append(msg.FINISHED_EARLY.format(step=early["step"], steps=early["of_steps"]))
    if start is not None:
        notes.append(msg.FINE_TUNED.format(model=card.training["init_from"]["model"]))
        if dropped := dropped_members_note(card):
            notes.append(dropped)
    if split == "all":
        notes.append(msg.NO_HELD_OUT)
    elif len(names) < MIN_HELD_OUT:
        notes.append(msg.FEW_HELD_OUT.format(count=len(names)))
    if (trained_on := card.training["split"]["learned_from"]) < MIN_TRAINING:
        notes.append(msg.FEW_TRAINING.format(count=trained_on))
    state.progress(1.0, "retraining done")
    return RetrainOutcome(request.task, out, split, names, before, after, card.training["history"], notes,
                          unusable_why, request.workspace.folder)


def checked_new_model(folder: Path) -> tuple[LoadedModel | None, str]:
    """The model just trained in ``folder``, loaded as an analysis loads it, and ""; or None and why it cannot be
    used. Loaded on the CPU (a device that cannot be used is not the model's fault); the lesion comparison moves it
    to the device, as loading there would (the loader reads to the CPU first), rather than load it a second time."""
    try:
        return load_model_folder(folder, "cpu", for_inference=True), ""
    except Cancelled:  # a stop, not the model's failure
        raise
    except Exception as exc:  # noqa: BLE001 - any failure (a bug building the network too) must not lose the model
        return None, new_model_unusable(folder, exc)


def current_model_folder(task: str, settings: AnalysisSettings) -> Path | None:
    """The folder of the learned model the program uses now for ``task`` (not one answering for it, not a bare
    checkpoint file); None when there is none or it cannot be loaded."""
    try:
        model = model_for_task(TASKS[task], settings, None, "cpu")
    except ModelError:
        return None
    return model.path if model is not None and model.path.is_dir() else None


def score_current(task: str, settings: AnalysisSettings, samples: Sequence[Any], state: TaskState) -> ModelScore:
    """The model the program uses now for ``task`` (grade, referable), scored on ``samples``. Without a referable
    model the program calls a DR grade of 2 or more referable, so a grade model answers for it. (Lesion
    segmentation is scored on what the analysis draws: retrain_drawn.) A failure says so in the column
    (retrain_failures), as the lesion comparison does: the new model is kept either way."""
    card_tasks = EVALUATION_TASKS[task]
    try:
        device = resolve_device(settings.device)
        model = next((m for t in card_tasks if (m := model_for_task(t, settings, None, device)) is not None), None)
    except FAILURES as exc:  # the model in use, the device
        return current_unusable(exc)
    if model is not None:
        note = "The DR grade model answers for referable DR (grade 2 or more)." if model.card.task != card_tasks[0] \
            else ""
        try:
            figures = evaluate_classifier(model, samples, task, state, SCORING_CURRENT)[0]
        except FAILURES as exc:  # a held-out photo, the network on it
            return not_scored(exc)
        return ModelScore(f"{model.card.name} {model.card.version}", figures, note)
    return ModelScore("none installed", None,
                      f"No learned {TASK_LABELS.get(task, task)} model is installed; the program derives it from "
                      "the lesion findings by ICDR rules, so there is no model to compare with.")
