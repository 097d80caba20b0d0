"""The retrain dialog's lesion comparison scores what the analysis would draw with each choice: Current with the
candidates model averaging HE beside the lesion model in use, New with the retrained model in its place, where that
candidates model no longer draws; both cut at the reader's thresholds."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import pytest
from PIL import Image

import inference.evaluation
from annotations.classes import LesionClass
from annotations.formats.masks import write_class_masks
from annotations.progress import CallbackState, Cancelled, NullState
from inference.analysis_models import lesion_models
from inference.analysis_settings import AnalysisSettings
from inference.dataset import Sample, load_index
from inference.evaluation import evaluate_segmentation, held_out, score_segmentation
from inference.loading import LoadedModel, ModelSet, load_model_folder
from inference.model_card import WEIGHTS_FILE, ModelCard
from inference.pixel_eval import models_predictor
from inference.registry import MODELS_ENV
from inference.training.init_from import network_of
from inference.training.retrain_drawn import score_drawn
from inference.training.retrain_results import CURRENT_UNUSABLE, DEVICE_UNUSABLE, NOT_SCORED
from tests.unit.test_blended_candidates import large_fundus_with_blots, saved_blend
from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card, tiny_segmentation_card

CLASSES = ["MA", "HE", "EX", "SE"]


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The models folder: the models in use are those saved there alone (none bundled)."""
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")
    return tmp_path / "models"


@pytest.fixture
def samples(tmp_path: Path, installed: Path) -> Sequence[Sample]:
    """The held-out part of one large photo with its haemorrhage-like blots painted as HE, the models in use those
    ``installed``."""
    image, truth = large_fundus_with_blots()
    root = tmp_path / "data"
    (root / "images").mkdir(parents=True)
    Image.fromarray(image).save(root / "images" / "blots.png")
    write_class_masks(root / "masks", "blots", truth.astype(np.uint8) * np.uint8(LesionClass.HE.bit))
    return held_out(load_index(root, None, None, 0))[1]


def test_current_scores_the_blend_in_use_and_new_the_retrained_model_without_it(tmp_path: Path, installed: Path,
                                                                              samples: Sequence[Sample]) -> None:
    in_use = load_model_folder(saved_model(installed, tiny_segmentation_card("tiny-seg")),
                               for_inference=True)
    blend = load_model_folder(saved_blend(installed, threshold=0.3), for_inference=True)
    retrained = _retrained(tmp_path, tiny_segmentation_card("retrained-seg"))  # the same weights
    before, after = score_drawn(AnalysisSettings(device="cpu"), retrained, CLASSES, samples, NullState())

    drawn, _ = score_segmentation(models_predictor(ModelSet.from_models([in_use, blend]), "cpu"), samples)
    alone, _ = evaluate_segmentation(in_use, samples)  # what the Current column said before: the model alone
    assert before.label == "tiny-seg 1" and after.label == "retrained-seg"
    assert before.metrics["per_class"]["HE"] == drawn["per_class"]["HE"]
    assert before.metrics["per_class"]["HE"]["aupr"] != pytest.approx(alone["per_class"]["HE"]["aupr"])
    assert set(before.metrics["per_class"]) == set(CLASSES), "the disc's map stays out of the table's means"
    for name in ("MA", "EX", "SE"):  # drawn by the same weights either way
        assert before.metrics["per_class"][name] == after.metrics["per_class"][name]
    assert after.metrics["per_class"]["HE"] != before.metrics["per_class"]["HE"], "the blend stops with the new model"


def test_both_columns_are_cut_at_the_readers_thresholds(tmp_path: Path, installed: Path,
                                                        samples: Sequence[Sample]) -> None:
    """The analysis puts the reader's threshold on the retrained model too, not the one its training chose."""
    saved_model(installed, tiny_segmentation_card("tiny-seg"))
    retrained = _retrained(tmp_path, tiny_segmentation_card("retrained-seg"))
    settings = AnalysisSettings(device="cpu")
    own = score_drawn(settings, retrained, CLASSES, samples, NullState())
    settings.thresholds = {"HE": 0.0}
    cut = score_drawn(settings, retrained, CLASSES, samples, NullState())
    for before, after in (own, cut):
        assert before.metrics["per_class"]["HE"]["predicted_pixels"] == after.metrics["per_class"]["HE"][
            "predicted_pixels"]
    assert own[1].metrics["per_class"]["HE"]["predicted_pixels"] < cut[1].metrics["per_class"]["HE"]["predicted_pixels"]


def test_the_readers_threshold_follows_the_retrained_models_own(tmp_path: Path, installed: Path,
                                                                samples: Sequence[Sample]) -> None:
    """Retraining chose another own threshold (HE 0.18 -> 0.2; the tiny network's HE lies about 0.05-0.3): a reader's
    HE set at the model in use's own cuts the retrained model at its own, not at the old one's value (as the analysis
    would once it is kept)."""
    saved_model(installed, replace(tiny_segmentation_card("tiny-seg"), thresholds={"HE": 0.18}))
    retrained = _retrained(tmp_path, replace(tiny_segmentation_card("retrained-seg"), thresholds={"HE": 0.2}))

    def he_pixels(settings: AnalysisSettings) -> list[int]:
        scores = score_drawn(settings, retrained, CLASSES, samples, NullState())
        return [score.metrics["per_class"]["HE"]["predicted_pixels"] for score in scores]

    own = he_pixels(AnalysisSettings(device="cpu"))
    assert own[0] > own[1], "the same weights: the retrained model's own draws less"
    assert he_pixels(AnalysisSettings(device="cpu", thresholds={"HE": 0.18}, threshold_anchors={"HE": 0.18})) == own


def test_a_fine_tuned_model_draws_the_classes_it_inherited_as_classical_as_the_current_one_does(
        tmp_path: Path, installed: Path, samples: Sequence[Sample]) -> None:
    """Current and New by the same rule: MA from the classical detector in both columns (the reader's MA threshold,
    which would flood the models' MA, cuts neither), HE from each model's own pixels."""
    in_use = saved_model(installed, replace(tiny_segmentation_card("tiny-seg"), classical_classes=["MA"]))
    retrained = _retrained(tmp_path, network_of(tiny_segmentation_card("retrained-seg"), in_use, None), seed=1)
    before, after = score_drawn(AnalysisSettings(device="cpu", thresholds={"MA": 0.0}), retrained, CLASSES, samples,
                                NullState())
    assert before.metrics["per_class"]["MA"] == after.metrics["per_class"]["MA"]
    assert before.metrics["per_class"]["HE"] != after.metrics["per_class"]["HE"]  # other weights


def test_models_in_use_that_cannot_load_leave_new_with_its_own_figures(tmp_path: Path, installed: Path) -> None:
    card = replace(tiny_segmentation_card("retrained-seg"), metrics={"mean_dice": 0.4})
    retrained = _retrained(tmp_path, card)
    settings = AnalysisSettings(device="cpu", models={"region-candidates": str(tmp_path / "gone")})
    before, after = score_drawn(settings, retrained, CLASSES, [], NullState())
    assert (before.label, before.metrics) == (CURRENT_UNUSABLE, None) and str(tmp_path / "gone") in before.note
    assert (after.label, after.metrics) == ("retrained-seg", {"mean_dice": 0.4})


def test_a_device_that_cannot_be_used_is_not_called_the_current_models_fault(tmp_path: Path, installed: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("torch.cuda.is_available", lambda: False)
    saved_model(installed, tiny_segmentation_card("tiny-seg"))
    card = replace(tiny_segmentation_card("retrained-seg"), metrics={"mean_dice": 0.4})
    retrained = _retrained(tmp_path, card)
    before, after = score_drawn(AnalysisSettings(device="cuda"), retrained, CLASSES, [], NullState())
    assert (before.label, before.metrics) == (DEVICE_UNUSABLE, None)
    assert before.note.startswith("The device could not be used, so the comparison was not scored: device 'cuda' ")
    assert (after.label, after.metrics) == ("retrained-seg", {"mean_dice": 0.4})


def test_a_classifier_neither_stops_the_comparison_nor_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             installed: Path, samples: Sequence[Sample]) -> None:
    """A DR grade model that cannot load draws nothing, and the classifiers that load are not run on each photo."""
    saved_model(installed, tiny_segmentation_card("tiny-seg"))
    saved_model(installed, tiny_classifier_card("lesions-present"))
    retrained = _retrained(tmp_path, tiny_segmentation_card("retrained-seg"))
    monkeypatch.setattr("inference.pipeline.classify_prepared", _fails("a classifier ran"))
    settings = AnalysisSettings(device="cpu", models={"dr-grade": str(tmp_path / "gone")})
    before, after = score_drawn(settings, retrained, CLASSES, samples, NullState())
    assert before.label == "tiny-seg 1" and before.metrics["images"] == 1, before.note
    assert after.metrics["images"] == 1


def test_the_models_named_on_the_command_line_are_left_to_those_that_draw_too(tmp_path: Path) -> None:
    """A named classifier is left out before loading: its weights, broken here, stop nothing."""
    named = (saved_model(tmp_path, tiny_segmentation_card("tiny-seg")),
             saved_model(tmp_path, tiny_classifier_card("dr-grade")))
    (named[1] / WEIGHTS_FILE).write_bytes(b"not weights")
    models = lesion_models(AnalysisSettings(device="cpu", explicit=tuple(str(path) for path in named)))
    assert list(models.models.models) == ["lesion-segmentation"]


def test_each_held_out_photo_is_decoded_once_for_both_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               installed: Path, samples: Sequence[Sample]) -> None:
    saved_model(installed, tiny_segmentation_card("tiny-seg"))
    retrained = _retrained(tmp_path, tiny_segmentation_card("retrained-seg"))
    decoded: list[Path] = []
    load_image = inference.evaluation.load_image
    monkeypatch.setattr(inference.evaluation, "load_image", lambda path: decoded.append(path) or load_image(path))
    before, after = score_drawn(AnalysisSettings(device="cpu"), retrained, CLASSES, samples, NullState())
    assert before.metrics["images"] == after.metrics["images"] == 1 and len(decoded) == 1


@pytest.mark.parametrize("broken", ["retrained model on the device", "pipeline"])
def test_a_comparison_that_cannot_be_scored_keeps_the_retrained_model_with_its_own_figures(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, samples: Sequence[Sample], broken: str) -> None:
    """The retrained model not moving to the device, or the pipeline failing on a held-out photo, leaves Current not
    scored, its note saying why: the models in use loaded, so it is not called unusable. The run still ends with the
    model, for the person to choose (an error would discard it)."""
    card = replace(tiny_segmentation_card("retrained-seg"), metrics={"mean_dice": 0.4})
    retrained = _retrained(tmp_path, card)
    if broken == "pipeline":
        monkeypatch.setattr("inference.pipeline.lesion_findings", _fails("findings broke"))
        said = "findings broke"
    else:
        monkeypatch.setattr(retrained, "to", _fails("CUDA error: an illegal memory access was encountered"))
        said = "CUDA error"
    before, after = score_drawn(AnalysisSettings(device="cpu"), retrained, CLASSES, samples, NullState())
    assert (before.label, before.metrics) == (NOT_SCORED, None)
    assert before.note.startswith("The comparison could not be scored: ") and said in before.note
    assert (after.label, after.metrics) == ("retrained-seg", {"mean_dice": 0.4})


def test_the_pipeline_short_of_memory_on_a_held_out_photo_says_so_and_keeps_the_retrained_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, samples: Sequence[Sample]) -> None:
    """The pipeline takes a MemoryError as that photo's error: the column says memory ran short, as elsewhere in the
    comparison, not "internal error (MemoryError: ); please report it"."""
    card = replace(tiny_segmentation_card("retrained-seg"), metrics={"mean_dice": 0.4})
    retrained = _retrained(tmp_path, card)

    def short_of_memory(*args: Any, **kwargs: Any) -> None:
        raise MemoryError()

    monkeypatch.setattr("inference.pipeline.lesion_findings", short_of_memory)
    before, after = score_drawn(AnalysisSettings(device="cpu"), retrained, CLASSES, samples, NullState())
    assert (before.label, before.metrics) == (NOT_SCORED, None)
    assert before.note == ("There was not enough memory, so the comparison was not scored; close other programs and "
                           "retrain to compare the models")
    assert (after.label, after.metrics) == ("retrained-seg", {"mean_dice": 0.4})


def test_the_progress_says_which_column_each_photo_is_scored_for(tmp_path: Path, installed: Path,
                                                                 samples: Sequence[Sample]) -> None:
    saved_model(installed, tiny_segmentation_card("tiny-seg"))
    retrained = _retrained(tmp_path, tiny_segmentation_card("retrained-seg"))
    said: list[tuple[float, str]] = []
    score_drawn(AnalysisSettings(device="cpu"), retrained, CLASSES, samples,
                CallbackState(lambda fraction, message: said.append((fraction, message))))
    assert said == [(0.0, "evaluating blots for the Current column"),
                    (0.5, "evaluating blots for the New column"), (1.0, "evaluated")]


def test_cancelling_while_the_comparison_is_scored_still_cancels(tmp_path: Path, installed: Path,
                                                                  samples: Sequence[Sample]) -> None:
    """Cancelled is no failure to show in the column: the broad FAILURES must let it through."""
    saved_model(installed, tiny_segmentation_card("tiny-seg"))
    retrained = _retrained(tmp_path, tiny_segmentation_card("retrained-seg"))
    state = CallbackState()
    state.cancel()
    with pytest.raises(Cancelled):
        score_drawn(AnalysisSettings(device="cpu"), retrained, CLASSES, samples, state)


def _retrained(tmp_path: Path, card: ModelCard, seed: int = 0) -> LoadedModel:
    """The model just trained, as retrain.checked_new_model loads it."""
    return load_model_folder(saved_model(tmp_path / "work", card, seed), for_inference=True)


def _fails(message: str) -> Callable[..., Any]:
    def fail(*_: Any, **__: Any) -> Any:
        raise RuntimeError(message)
    return fail
