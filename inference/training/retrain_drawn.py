"""The lesion comparison of "Retrain from reviewed cases", each column scored on what the program would draw with
that choice, through the pipeline as ``analyze`` runs it (inference.pixel_eval.models_predictor):

- Current: the models an analysis runs now, with the reader's thresholds: the lesion model (or none: the classical
  detector), the classes its card leaves to the classical detector, and the candidates models drawing beside it.
- New: the same with the retrained model in place of the lesion model; a candidates model averaging with the one
  replaced no longer draws beside it, or draws alone where its card knows its own cut (ma-candidates:
  inference.lesion_sources.drawing_card and candidates_draw decide, as in the analysis).

The lesion model scored alone would understate the current setup wherever a candidates model draws a class. Only
the models that draw the lesion mask and the disc are loaded (analysis_models.lesion_models): a classifier that cannot
load does not stop the comparison, and none of them runs. Each held-out photo is decoded once and analysed with
both choices, which costs about two training epochs (retrain.LESION_SCORING_EPOCHS).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from annotations.progress import TaskState
from inference.analysis_models import AnalysisModels, lesion_models, with_reader_thresholds
from inference.analysis_settings import AnalysisSettings
from inference.dataset import Sample
from inference.evaluation import score_segmentations
from inference.loading import LoadedModel, ModelSet
from inference.pixel_eval import PixelPrediction, Predictor, models_predictor
from inference.training.retrain_failures import FAILURES, current_unusable, not_scored
from inference.training.retrain_results import SCORING_CURRENT, SCORING_NEW, ModelScore

LESION_TASK = "lesion-segmentation"
NO_LESION_MODEL = "No learned lesion model is installed; the program uses the classical detector."


def score_drawn(settings: AnalysisSettings, retrained: LoadedModel, classes: Sequence[str], samples: Sequence[Sample],
                state: TaskState) -> tuple[ModelScore, ModelScore]:
    """(Current, New) on ``samples`` for ``classes``. Without a comparison New falls back to the retrained model's
    own held-out figures (its card's): the model just trained stays for the person to choose. Current then says what
    failed (retrain_failures): the device or the models in use not loading, the retrained model (loaded on the CPU by
    retrain.checked_new_model) not moving to the device, or the pipeline failing on a held-out photo."""
    own = ModelScore(retrained.card.name, retrained.card.metrics)
    try:
        loaded = lesion_models(settings)
    except FAILURES as exc:  # the device, a model in use
        return current_unusable(exc), own
    try:
        return _scored(loaded, settings, retrained, classes, samples, state)
    except FAILURES as exc:  # the retrained model on the device, a photo, the pipeline
        return not_scored(exc), own


def _scored(loaded: AnalysisModels, settings: AnalysisSettings, retrained: LoadedModel, classes: Sequence[str],
            samples: Sequence[Sample], state: TaskState) -> tuple[ModelScore, ModelScore]:
    lesion = loaded.models.get(LESION_TASK)
    retrained.to(loaded.device)
    current = with_reader_thresholds(loaded, settings)
    new = with_reader_thresholds(AnalysisModels(ModelSet({**loaded.models.models, LESION_TASK: retrained}),
                                                loaded.device), settings)
    figures = score_segmentations([_predictor(current, classes), _predictor(new, classes)], samples, state,
                                  (SCORING_CURRENT, SCORING_NEW))
    before = ModelScore(f"{lesion.card.name} {lesion.card.version}" if lesion else "classical detector",
                        figures[0][0], "" if lesion else NO_LESION_MODEL)
    return before, ModelScore(retrained.card.name, figures[1][0])


def _predictor(models: AnalysisModels, classes: Sequence[str]) -> Predictor:
    return _of_classes(models_predictor(models.models, str(models.device)), classes)


def _of_classes(predict: Predictor, classes: Sequence[str]) -> Predictor:
    """``predict`` for ``classes`` only (the table's, the retrained model's), so both columns average the same ones:
    the pipeline also keeps the disc's map where the retrained model has none."""
    def predict_classes(image: np.ndarray) -> PixelPrediction:
        found = predict(image)
        kept = [name for name in classes if name in found.scores]
        return PixelPrediction({name: found.scores[name] for name in kept},
                               {name: found.predicted[name] for name in kept}, found.disc_centre)
    return predict_classes
