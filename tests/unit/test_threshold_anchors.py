"""A reader's lesion threshold is kept with the model's own threshold it was set against (its anchor) and follows
another model's own onto that model's scale (annotations.threshold_scale.anchored_threshold): MA set at 0.95 against
ma-candidates' 0.975 alone must not cut version 3's averaged map, whose own cut is 0.499, at 0.95 (almost nothing
drawn). Settings saved before anchors read as absolute thresholds, as they applied then (tests/gui/test_main_window).
The settings dialog's rows: tests/gui/test_threshold_sources."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotations.threshold_scale import NO_ANCHOR, anchored_threshold
from inference.analysis_settings import AnalysisSettings
from inference.lesion_sources import drawing_card
from inference.model_card import load_card
from inference.model_plan import cut_at_planned_thresholds, planned_mask_thresholds
from inference.registry import ModelRegistry
from inference.segmentation import onto_threshold
from tests.unit.test_inference_fixtures import tiny_segmentation_card
from tests.unit.test_threshold_staleness import analysed_with, registry_with_lesion_model

AVERAGED, ALONE = 0.499, 0.975  # ma-candidates version 3's own cut of its averaged map, and drawing alone


def test_a_threshold_moves_from_its_anchor_onto_the_models_own_by_the_members_map() -> None:
    assert anchored_threshold(0.8, AVERAGED, ALONE) == pytest.approx(0.975 + 0.301 / 0.501 * 0.025)  # 0.990
    assert anchored_threshold(0.95, ALONE, AVERAGED) == pytest.approx(0.95 / 0.975 * 0.499)  # 0.486: as strict
    assert anchored_threshold(AVERAGED, AVERAGED, ALONE) == ALONE
    assert anchored_threshold(0.3, 0.6, 0.6) == 0.3 and anchored_threshold(0.0, 0.6, 0.9) == 0.0
    assert anchored_threshold(0.95, NO_ANCHOR, AVERAGED) == 0.95, "no anchor: absolute, as settings saved before"
    for degenerate in (0.0, 1.0, 1.5):  # no scale to carry it by
        assert anchored_threshold(0.7, degenerate, AVERAGED) == 0.7
    values = np.array([0.0, 0.2, AVERAGED, 0.8, 1.0], np.float32)
    assert np.array_equal(onto_threshold(values, AVERAGED, ALONE),
                          np.array([anchored_threshold(float(v), AVERAGED, ALONE) for v in values], np.float32))
    assert onto_threshold(values, AVERAGED, ALONE).dtype == np.float32


def test_the_readers_threshold_is_put_on_each_card_on_its_scale_blending_or_drawing_alone() -> None:
    """The dialog showed ma-candidates' averaged map's own 0.499 when the reader set MA 0.8: that cuts the averaged
    map at 0.8, and the same model drawing alone beside another lesion model (drawing_card) at 0.990, as strict."""
    blending = load_card(ModelRegistry.bundled().find("ma-candidates"))
    assert (blending.threshold("MA"), blending.blend_levels[1]) == (AVERAGED, ALONE)
    other = tiny_segmentation_card("other")
    other.classical_classes = ["MA"]
    reader = AnalysisSettings(thresholds={"MA": 0.8}, threshold_anchors={"MA": AVERAGED})
    cut = {}
    for name, card in (("blending", blending), ("alone", drawing_card(blending, other))):
        reader.apply_reader_thresholds(card)
        cut[name] = card.threshold("MA")
    assert cut == {"blending": 0.8, "alone": pytest.approx(0.99002, abs=1e-5)}
    absolute = AnalysisSettings(thresholds={"MA": 0.8})  # saved before anchors: 0.8 on either
    alone = drawing_card(load_card(ModelRegistry.bundled().find("ma-candidates")), other)
    absolute.apply_reader_thresholds(alone)
    assert alone.threshold("MA") == 0.8
    assert AnalysisSettings(threshold_anchors={"MA": AVERAGED}).reader_threshold("MA", ALONE) is None


def test_one_he_value_cuts_each_of_its_two_maps_on_that_maps_scale() -> None:
    """HE: he-candidates' averaged map (own 0.48) on large photos, idrid-lesions' own 0.9 on small ones."""
    shipped = ModelRegistry.bundled()
    reader = AnalysisSettings(thresholds={"HE": 0.6}, threshold_anchors={"HE": 0.48})
    large, small = planned_mask_thresholds(reader, True, shipped), planned_mask_thresholds(reader, False, shipped)
    assert large["HE"] == 0.6
    assert small["HE"] == pytest.approx(anchored_threshold(0.6, 0.48, 0.9)) and small["HE"] > 0.9


def test_a_result_cut_at_the_moved_threshold_is_current_and_at_the_unmoved_one_stale(tmp_path: Path) -> None:
    registry = registry_with_lesion_model(tmp_path)  # every class's own threshold 0.5
    settings = AnalysisSettings(thresholds={"HE": 0.3}, threshold_anchors={"HE": 0.6})
    recorded = analysed_with(settings, registry).mask_thresholds
    assert recorded["HE"] == pytest.approx(0.25)  # 0.3 against 0.6 is 0.25 against 0.5
    assert cut_at_planned_thresholds(recorded, settings, False, registry)
    assert not cut_at_planned_thresholds(recorded, AnalysisSettings(thresholds={"HE": 0.3}), False, registry)
    assert not cut_at_planned_thresholds({**recorded, "HE": 0.3}, settings, False, registry)


def test_a_threshold_that_is_no_number_leaves_the_models_own() -> None:
    """A hand-edited ini may hold "nan" (QSettings reads it as a float): NaN passed the old ``< 0`` check unnoticed,
    cut the class at NaN (nothing drawn) and made every stored result stale (NaN equals nothing)."""
    for value in (float("nan"), float("inf")):
        settings = AnalysisSettings(thresholds={"MA": value}, threshold_anchors={"MA": AVERAGED})
        assert settings.reader_threshold("MA", ALONE) is None
