"""A stored result records the threshold that cut each lesion class's mask (AIResult.mask_thresholds), and is stale
once the reader's thresholds would cut a class elsewhere (inference.model_plan.cut_at_planned_thresholds), as it is
once the models changed."""
from __future__ import annotations

from pathlib import Path

from annotations.classes import LesionClass
from annotations.document import AIResult
from inference.analysis_models import assemble_models
from inference.analysis_settings import MODEL_THRESHOLD, AnalysisSettings
from inference.model_card import load_card
from inference.model_plan import cut_at_planned_thresholds, planned_lesion_sources, planned_mask_thresholds
from inference.pipeline import analyze_image
from inference.registry import ModelRegistry
from tests.unit.test_inference_fixtures import saved_model, synthetic_fundus, tiny_segmentation_card

CARD_THRESHOLD = 0.5  # the tiny card's own, for every class


def registry_with_lesion_model(tmp_path: Path) -> ModelRegistry:
    card = tiny_segmentation_card(classes=["background", "MA", "HE", "EX", "SE"])
    card.classical_classes = ["MA"]  # drawn by the classical detector: no threshold of its own
    saved_model(tmp_path / "models", card)
    return ModelRegistry([tmp_path / "models"])


def analysed_with(settings: AnalysisSettings, registry: ModelRegistry) -> AIResult:
    models = assemble_models(settings, registry)
    return analyze_image(synthetic_fundus(200, 150), models.models, device="cpu")


def test_the_result_records_the_reader_threshold_or_the_card_one_for_each_class_a_model_cuts(tmp_path: Path) -> None:
    registry = registry_with_lesion_model(tmp_path)
    settings = AnalysisSettings(thresholds={"MA": 0.9, "HE": 0.3, "EX": MODEL_THRESHOLD})
    result = analysed_with(settings, registry)
    assert result.mask_thresholds == {"HE": 0.3, "EX": CARD_THRESHOLD, "SE": CARD_THRESHOLD}
    assert cut_at_planned_thresholds(result.mask_thresholds, settings, False, registry)
    stored = AIResult.from_json(result.scalars_to_json())  # as the workspace keeps it
    assert stored.mask_thresholds == result.mask_thresholds


def test_a_threshold_changed_since_makes_the_result_stale_one_that_cuts_nothing_does_not(tmp_path: Path) -> None:
    registry = registry_with_lesion_model(tmp_path)
    recorded = analysed_with(AnalysisSettings(thresholds={"HE": 0.3}), registry).mask_thresholds
    assert not cut_at_planned_thresholds(recorded, AnalysisSettings(thresholds={"HE": 0.4}), False, registry)
    assert not cut_at_planned_thresholds(recorded, AnalysisSettings(), False, registry)  # back to the card's
    assert not cut_at_planned_thresholds(recorded, AnalysisSettings(thresholds={"HE": 0.3, "EX": 0.0}), False,
                                         registry)  # 0 is a threshold, not "the card's"
    # MA is the classical detector's here: the reader's MA threshold cuts nothing
    assert cut_at_planned_thresholds(recorded, AnalysisSettings(thresholds={"HE": 0.3, "MA": 0.1}), False, registry)


def test_a_result_stored_before_thresholds_were_recorded_is_stale_only_where_a_threshold_cuts(tmp_path: Path) -> None:
    old = AIResult.from_json({"dr_grade": 1})  # a file written before: no mask_thresholds key
    assert old.mask_thresholds is None
    assert not cut_at_planned_thresholds(old.mask_thresholds, AnalysisSettings(), False,
                                         registry_with_lesion_model(tmp_path))
    no_models = ModelRegistry([tmp_path / "none"])  # every class the classical detector's
    assert cut_at_planned_thresholds(old.mask_thresholds, AnalysisSettings(thresholds={"HE": 0.2}), False, no_models)


def test_the_readers_threshold_cuts_the_candidates_class_only_on_photos_the_candidates_model_runs_on() -> None:
    shipped = ModelRegistry.bundled()  # MA: the candidates model on large photos, the classical detector on small
    settings = AnalysisSettings(thresholds={"MA": 0.8, "HE": 0.2})
    small, large = planned_mask_thresholds(settings, False, shipped), planned_mask_thresholds(settings, True, shipped)
    assert "MA" not in small and small["HE"] == 0.2
    assert large == {**small, "MA": 0.8}
    _, sources = planned_lesion_sources(settings, shipped)
    own = load_card(shipped.find("ma-candidates")).threshold("MA")
    assert sources[LesionClass.MA].threshold == own != 0.8, "the plan put the reader's thresholds on card copies"
