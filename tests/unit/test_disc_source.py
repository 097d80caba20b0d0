"""Where no learned disc is found the classical finder places the disc, and the findings say so: OD's source is the
classical detector, which the result's sources (the status bar, the findings panel, the report) then name for it."""
from __future__ import annotations

import pytest

from annotations.classes import LesionClass
from annotations.document import AIResult
from annotations.findings import CLASSICAL_SOURCE, Findings
from annotations.result_sources import ResultSource, result_sources
from inference import classical, pipeline
from inference.loading import LoadedModel, ModelSet
from inference.pipeline import CLASSICAL_DETECTOR, analyze_image
from tests.unit.test_inference_fixtures import loaded, synthetic_fundus, tiny_segmentation_card


def _disc_model_finding_nothing() -> LoadedModel:
    card = tiny_segmentation_card(name="tiny-disc", classes=["background", "OD"])
    card.task, card.thresholds = "optic-disc", {"OD": 1.01}
    return loaded(card)


def test_without_models_the_classical_detector_is_named_for_the_disc_it_drew() -> None:
    result = analyze_image(synthetic_fundus(200, 150), None, device="cpu")
    assert result.findings.optic_disc.found and result.findings.lesion_sources["OD"] == CLASSICAL_SOURCE
    assert result.mask is not None and (result.mask & LesionClass.OD.bit).any()  # drawn with its lesion classes
    assert result_sources(result) == [ResultSource(CLASSICAL_SOURCE, "", ("MA", "HE", "EX", "SE", "OD"))]


@pytest.mark.parametrize("with_disc_model", [False, True], ids=["no disc model", "disc model finds nothing"])
def test_a_disc_the_classical_finder_placed_beside_a_lesion_model_is_named_as_its(with_disc_model: bool) -> None:
    lesions = loaded(tiny_segmentation_card())  # draws all four lesion classes: the classical detector draws none
    models = [lesions, _disc_model_finding_nothing()] if with_disc_model else [lesions]
    result = analyze_image(synthetic_fundus(200, 150), ModelSet.from_models(models), device="cpu")
    assert result.findings.optic_disc.found  # placed for the scale and the quadrants, not drawn on the mask
    assert result.mask is not None and not (result.mask & LesionClass.OD.bit).any()
    assert result.findings.lesion_sources == {**dict.fromkeys(("MA", "HE", "EX", "SE"), "tiny-seg"),
                                              "OD": CLASSICAL_SOURCE}
    assert result.models[-1] == CLASSICAL_DETECTOR  # it ran, for the disc alone
    named = [(source.name, source.classes) for source in result_sources(result)]
    assert named == [("tiny-seg", ("MA", "HE", "EX", "SE"))] + [("tiny-disc", ())] * with_disc_model + [
        (CLASSICAL_SOURCE, ("OD",))]


@pytest.mark.parametrize("with_lesion_model", [False, True], ids=["detector ran for lesions", "disc alone"])
def test_the_classical_finder_looks_for_the_disc_once(monkeypatch: pytest.MonkeyPatch, with_lesion_model: bool) -> None:
    """The detector always places a disc where it ran for lesions (its size the field's share), so _place_disc never
    repeats the same search on the same working copy; it searches on its own only where the detector did not run."""
    calls = []

    def counted(work):  # noqa: ANN001, ANN202
        calls.append(work)
        return found(work)

    found = classical.find_optic_disc
    monkeypatch.setattr(classical, "find_optic_disc", counted)  # detect_lesions's
    monkeypatch.setattr(pipeline, "find_optic_disc", counted)  # _place_disc's
    models = ModelSet.from_models([loaded(tiny_segmentation_card())]) if with_lesion_model else None
    assert analyze_image(synthetic_fundus(200, 150), models, device="cpu").findings.optic_disc.found
    assert len(calls) == 1


def test_a_learned_disc_stays_the_disc_models() -> None:
    card = tiny_segmentation_card(name="tiny-disc", classes=["background", "OD"])
    card.task, card.thresholds = "optic-disc", {"OD": 0.0}  # the disc everywhere in the field: it is found
    result = analyze_image(synthetic_fundus(200, 150), ModelSet.from_models([loaded(card)]), device="cpu")
    assert result.findings.lesion_sources["OD"] == "tiny-disc"
    assert [source.classes for source in result_sources(result) if source.name == "tiny-disc"] == [("OD",)]


def test_a_result_stored_before_the_discs_source_was_kept_reads_as_before() -> None:
    """Its lesion classes all from a model, the classical detector among its models for the disc: not named."""
    stored = AIResult(models=[{"name": "tiny-seg", "version": "1", "sha256": "ab"}, dict(CLASSICAL_DETECTOR)],
                      findings=Findings(lesion_sources=dict.fromkeys(("MA", "HE", "EX", "SE"), "tiny-seg")))
    assert result_sources(stored) == [ResultSource("tiny-seg", "1", ("MA", "HE", "EX", "SE"))]
