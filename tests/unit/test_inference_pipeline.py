"""The batch analysis: output sizes, model and rule-based grades, thresholds, tiling, cancel, errors, OOM fallback."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Modality
from annotations.findings import DISC_SCALE_SOURCE, FIELD_SCALE_SOURCE
from annotations.progress import Cancelled, CallbackState, NullState
from inference.loading import ModelSet
from inference.pipeline import (CLASSICAL_DETECTOR, AnalysisOutcome, PipelineOptions, _analyze_with_fallback,
                                analyze, analyze_image)
from inference.registry import ModelRegistry
from inference.segmentation import segment
from tests.unit.test_inference_fixtures import (loaded, saved_model, synthetic_fundus, tiny_classifier_card,
                                                tiny_segmentation_card)

SIZES = [(160, 120), (97, 131)]


@pytest.fixture(scope="module")
def full_set(tmp_path_factory: pytest.TempPathFactory) -> ModelSet:
    folder = tmp_path_factory.mktemp("models")
    for card in (tiny_segmentation_card(), tiny_classifier_card("dr-grade"), tiny_classifier_card("referable")):
        saved_model(folder, card)
    return ModelRegistry([folder]).load_set()


def test_outputs_have_the_original_image_size(full_set: ModelSet) -> None:
    images = [synthetic_fundus(w, h, seed=i) for i, (w, h) in enumerate(SIZES)]
    outcomes = analyze(images, full_set, NullState(), "cpu")
    for image, outcome in zip(images, outcomes):
        assert outcome.error is None
        result = outcome.result
        assert result.mask.shape == image.shape[:2] and result.mask.dtype == np.uint8
        assert result.cam.shape == image.shape[:2] and result.cam.dtype == np.float32
        assert 0.0 <= result.cam.min() and result.cam.max() <= 1.0
        assert result.grade_source == "model" and result.dr_grade in range(5)
        assert sum(result.grade_probs) == pytest.approx(1.0, abs=1e-5)
        assert result.dr_grade == int(np.argmax(result.grade_probs))
        assert result.referable == (result.referable_prob >= 0.5)
        assert {m["task"] for m in result.models} == {"lesion-segmentation", "dr-grade", "referable"}
        assert all(len(m["sha256"]) == 64 for m in result.models if m != CLASSICAL_DETECTOR)  # it placed the disc
        assert {"fov", "segmentation", "findings", "dr_grade", "total"} <= set(outcome.timings)


def test_without_models_the_classical_detector_and_icdr_rules_are_used() -> None:
    image = synthetic_fundus(200, 150)
    result = analyze_image(image, None, device="cpu")
    assert result.models == [CLASSICAL_DETECTOR]
    assert result.grade_source == "icdr-rules" and result.dr_grade in range(4)
    assert result.mask.shape == image.shape[:2] and result.cam is None
    assert "gradable" in result.quality
    assert result.findings.lesion_source == "classical-detector"
    assert set(result.findings.lesion_sources.values()) == {"classical-detector"}
    assert result.findings.field_of_view.found is True


def test_card_thresholds_decide_the_mask_bits() -> None:
    image = synthetic_fundus(120, 100)
    card = tiny_segmentation_card(activation="sigmoid", classes=["MA", "HE"])
    card.thresholds = {"MA": 1.01, "HE": 0.0}  # MA never reaches its threshold, HE always does
    bits = segment(loaded(card), image).mask_bits()
    inside = find_field(image)
    assert not np.any(bits & LesionClass.MA.bit)
    assert np.all(bits[inside] & LesionClass.HE.bit) and not np.any(bits[~inside])


def find_field(image: np.ndarray) -> np.ndarray:
    from inference.preprocess import find_fov

    return find_fov(image).mask


def test_probability_maps_are_full_resolution_and_bounded() -> None:
    image = synthetic_fundus(150, 110)
    result = segment(loaded(tiny_segmentation_card()), image)
    total = sum(result.probability(name) for name in result.card.classes)
    inside = find_field(image)
    assert total.shape == (110, 150)
    assert np.allclose(total[inside], 1.0, atol=1e-4)  # softmax: the classes share each pixel


def test_tiled_segmentation_keeps_the_original_size() -> None:
    image = synthetic_fundus(230, 170)
    result = segment(loaded(tiny_segmentation_card()), image, tiled=True)
    assert result.probabilities.shape[1:] == (128, 128)  # twice the card's 64 px
    assert result.mask_bits().shape == (170, 230)


def test_cancel_between_images_stops_the_batch(full_set: ModelSet) -> None:
    state = CallbackState()
    finished: list[AnalysisOutcome] = []

    def on_result(outcome: AnalysisOutcome) -> None:
        finished.append(outcome)
        state.cancel()

    with pytest.raises(Cancelled):
        analyze([synthetic_fundus(seed=i) for i in range(3)], full_set, state, "cpu", on_result=on_result)
    assert len(finished) == 1


def test_cancel_between_stages_stops_before_the_next_stage(full_set: ModelSet) -> None:
    messages: list[str] = []
    state = CallbackState(lambda fraction, message: messages.append(message))
    original = state.progress

    def progress(fraction: float, message: str = "") -> None:
        original(fraction, message)
        if message == "finding lesions":
            state.cancel()

    state.progress = progress  # type: ignore[method-assign]
    with pytest.raises(Cancelled):
        analyze([synthetic_fundus()], full_set, state, "cpu")
    assert "grading" not in messages


def test_a_bad_file_gives_an_error_outcome_and_the_batch_goes_on(tmp_path: Path, full_set: ModelSet) -> None:
    good = tmp_path / "good.png"
    Image.fromarray(synthetic_fundus()).save(good)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a jpeg")
    outcomes = analyze([bad, good], full_set, NullState(), "cpu")
    assert outcomes[0].result is None and "bad.jpg" in outcomes[0].error
    assert outcomes[1].error is None and outcomes[1].result.mask.shape == (120, 160)


def test_oct_mode_runs_the_oct_classifier_only() -> None:
    models = ModelSet.from_models([loaded(tiny_classifier_card("oct"))])
    scan = np.random.default_rng(0).integers(0, 255, (90, 120, 3), dtype=np.uint8)
    result = analyze_image(scan, models, device="cpu", options=PipelineOptions(modality=Modality.OCT))
    assert set(result.oct_probs) == {"CNV", "DME", "DRUSEN", "NORMAL"}
    assert sum(result.oct_probs.values()) == pytest.approx(1.0, abs=1e-5)
    assert result.cam.shape == (90, 120) and result.mask is None


def test_cuda_out_of_memory_falls_back_to_cpu_with_a_warning() -> None:
    grader = loaded(tiny_classifier_card("dr-grade"))
    forward = grader.module.forward
    calls = {"n": 0}

    def exhausted_once(x: torch.Tensor) -> torch.Tensor:
        calls["n"] += 1
        if calls["n"] == 1:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return forward(x)

    grader.module.forward = exhausted_once  # type: ignore[method-assign]
    outcome = AnalysisOutcome("image 1", None)
    result, device = _analyze_with_fallback(synthetic_fundus(), ModelSet.from_models([grader]), NullState(),
                                            torch.device("cuda"), PipelineOptions(), outcome)
    assert device.type == "cpu" and result.grade_source == "model"
    assert result.device == "cpu"  # where it ran in the end, kept with the result for the report
    assert any("memory" in warning for warning in outcome.warnings)
    assert result.warnings == outcome.warnings  # kept with the result, so a reopened case still says it


def test_other_runtime_errors_are_not_taken_for_out_of_memory() -> None:
    grader = loaded(tiny_classifier_card("dr-grade"))

    def broken(x: torch.Tensor) -> torch.Tensor:
        raise RuntimeError("shape mismatch")

    grader.module.forward = broken  # type: ignore[method-assign]
    outcome = AnalysisOutcome("image 1", None)
    with pytest.raises(RuntimeError, match="shape mismatch"):
        _analyze_with_fallback(synthetic_fundus(), ModelSet.from_models([grader]), NullState(),
                               torch.device("cuda"), PipelineOptions(), outcome)


def test_oct_quality_checks_brightness_and_blur_only_never_the_field_of_view() -> None:
    speckled = np.random.default_rng(1).integers(0, 255, (90, 120, 3), dtype=np.uint8)
    outcome = analyze([speckled], None, NullState(), "cpu", PipelineOptions(modality=Modality.OCT))[0]
    quality = outcome.result.quality
    assert quality["gradable"] and quality["reason"] == "" and not quality["fov_found"]
    assert "fov" not in outcome.timings  # no circular field is searched for in a B-scan
    assert outcome.result.modality == "oct"  # what the result was analysed as, for a case never saved

    blurred = np.full((90, 120, 3), 120, np.uint8)  # bright enough, but no detail at all
    reason = analyze_image(blurred, None, device="cpu", options=PipelineOptions(modality=Modality.OCT)).quality
    assert not reason["gradable"] and "OCT scan blurred" in reason["reason"]
    assert "field of view" not in reason["reason"]
    dark = analyze_image(blurred // 20, None, device="cpu", options=PipelineOptions(modality=Modality.OCT)).quality
    assert not dark["gradable"] and "OCT scan too dark" in dark["reason"]


def test_areas_in_mm2_fall_back_to_the_field_of_view_when_the_disc_is_not_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from inference import pipeline

    image = synthetic_fundus(200, 150)
    monkeypatch.setattr(pipeline._ImageRun, "_place_disc", lambda self, fov, bits, known, learned: None)
    findings = analyze_image(image, None, device="cpu").findings
    fov_radius = findings.field_of_view.radius
    assert "field-of-view" in findings.scale_source
    assert findings.mm_per_px == pytest.approx(12 / (2 * fov_radius), rel=1e-2)
    assert all(findings.classes[name].area_mm2 is not None for name in ("MA", "HE", "EX", "SE"))


def test_areas_in_mm2_use_the_disc_radius_when_the_disc_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    from inference import pipeline

    drawn = pipeline.DiscPlace(150.0, 75.0, 12.0, measured=True)
    monkeypatch.setattr(pipeline._ImageRun, "_place_disc", lambda self, fov, bits, known, learned: drawn)
    findings = analyze_image(synthetic_fundus(200, 150), None, device="cpu").findings
    assert findings.mm_per_px == pytest.approx(1.8 / 24) and "optic disc" in findings.scale_source
    assert findings.optic_disc.radius == 12.0


def _disc_model(box_mode: str | None) -> ModelSet:
    card = tiny_segmentation_card(name="tiny-disc", classes=["background", "OD"])
    card.task, card.thresholds = "optic-disc", {"OD": 0.0}  # the disc everywhere in the field: it is found
    card.training = {"hyper_parameters": {"box_mode": box_mode}} if box_mode else {}
    return ModelSet.from_models([loaded(card)])


@pytest.mark.parametrize("box_mode", [None, "fill"], ids=["classical finder", "disc model learned from boxes"])
def test_areas_in_mm2_rest_on_the_field_of_view_where_the_discs_size_is_its_share(box_mode: str | None) -> None:
    """Both size the disc as its usual share of the field of view (0.13 of it): the areas rest on the field's size
    then, and the findings say so, not that a 1.8 mm disc gave them (on IDRiD the share understates the disc)."""
    findings = analyze_image(synthetic_fundus(200, 150), _disc_model(box_mode) if box_mode else None,
                             device="cpu").findings
    assert findings.optic_disc.found and findings.lesion_sources["OD"] == ("tiny-disc" if box_mode else
                                                                           CLASSICAL_DETECTOR["name"])
    assert findings.scale_source == FIELD_SCALE_SOURCE.format(mm="12")
    assert findings.mm_per_px == pytest.approx(12 / (2 * findings.field_of_view.radius), rel=1e-2)


def test_a_disc_learned_from_boxes_gives_no_scale_where_the_field_is_not_found(monkeypatch: pytest.MonkeyPatch
                                                                                 ) -> None:
    """Without a field its box-sized radius stays (1.2-1.3x the disc's): no scale of the disc's, in pixels then."""
    from inference import pipeline

    image = synthetic_fundus(200, 150)
    monkeypatch.setattr(pipeline, "find_fov", lambda image: pipeline.whole_image_fov(*image.shape[1::-1]))
    findings = analyze_image(image, _disc_model("fill"), device="cpu").findings
    assert not findings.field_of_view.found and findings.lesion_sources["OD"] == "tiny-disc"
    assert findings.mm_per_px is None


def test_areas_in_mm2_rest_on_a_disc_a_model_drew_by_its_outline() -> None:
    findings = analyze_image(synthetic_fundus(200, 150), _disc_model(None), device="cpu").findings
    assert findings.lesion_sources["OD"] == "tiny-disc"
    assert findings.scale_source == DISC_SCALE_SOURCE.format(mm="1.8")
    assert findings.mm_per_px == pytest.approx(1.8 / (2 * findings.optic_disc.radius), rel=1e-2)


@pytest.mark.parametrize("threshold, signs", [(0.0, True), (1.01, False)])
def test_the_dr_signs_classifier_refers_with_the_icdr_rules_as_a_floor(threshold: float, signs: bool,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from inference import pipeline

    monkeypatch.setattr(pipeline, "icdr_grade_from_findings", lambda classes: (0, "forced none"))
    card = tiny_classifier_card("lesions-present")
    card.thresholds = {"present": threshold}
    image = synthetic_fundus(200, 150)
    by_rules = analyze_image(image, None, device="cpu")
    result = analyze_image(image, ModelSet.from_models([loaded(card)]), device="cpu")
    assert result.findings.lesions_present_signs is signs
    assert result.referable is signs and by_rules.referable is False
    # what referred: the classifier that found signs; where nothing referred, the rule that cleared it
    said = "DR signs classifier" if signs else "DR signs classifier or DR grade >= 2 (ICDR rules)"
    assert result.findings.referable_source == said
    assert by_rules.findings.referable_source == "DR grade >= 2 (ICDR rules)"
    assert result.referable_prob is None, "the classifier's probability is of signs, not of referable DR"


def test_icdr_rules_refer_even_when_the_classifier_sees_no_signs(monkeypatch: pytest.MonkeyPatch) -> None:
    from inference import pipeline

    monkeypatch.setattr(pipeline, "icdr_grade_from_findings", lambda classes: (3, "forced severe"))
    card = tiny_classifier_card("lesions-present")
    card.thresholds = {"present": 1.01}
    result = analyze_image(synthetic_fundus(200, 150), ModelSet.from_models([loaded(card)]), device="cpu")
    assert result.dr_grade == 3 and result.findings.lesions_present_signs is False and result.referable is True
    assert result.findings.referable_source == "DR grade >= 2 (ICDR rules)"  # not the classifier, which saw none
    card.thresholds = {"present": 0.0}  # it sees signs too: both referred
    both = analyze_image(synthetic_fundus(200, 150), ModelSet.from_models([loaded(card)]), device="cpu")
    assert both.findings.referable_source == "DR signs classifier and DR grade >= 2 (ICDR rules)"


def test_a_learned_disc_is_the_only_disc_and_the_classical_detector_spares_its_surroundings(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from inference import pipeline
    from tests.unit.test_classical import EXUDATES, fundus_with_lesions

    image = fundus_with_lesions()
    x, y = EXUDATES[0]  # say the disc is where an exudate is: the detector must then leave that spot alone
    square = np.zeros(image.shape[:2], np.uint8)
    square[y - 5:y + 6, x - 5:x + 6] = LesionClass.OD.bit
    learned = pipeline.LearnedDisc(square, pipeline.DiscPlace(float(x), float(y), 30.0, measured=True))
    monkeypatch.setattr(pipeline._ImageRun, "_learned_disc", lambda self, fov, segmented: learned)
    result = analyze_image(image, None, device="cpu")
    assert np.array_equal(result.mask & LesionClass.OD.bit, square), "the classical disc is not added"
    assert result.findings.optic_disc.center == [x, y]
    assert not np.any(result.mask[y - 5:y + 6, x - 5:x + 6] & LesionClass.EX.bit)
    monkeypatch.setattr(pipeline._ImageRun, "_learned_disc", lambda self, fov, segmented: None)
    assert np.any(analyze_image(image, None, device="cpu").mask[y - 5:y + 6, x - 5:x + 6] & LesionClass.EX.bit)


def test_a_disc_model_that_finds_nothing_leaves_the_disc_to_the_classical_finder() -> None:
    card = tiny_segmentation_card(name="tiny-disc", classes=["background", "OD"])
    card.task, card.thresholds = "optic-disc", {"OD": 1.01}
    result = analyze_image(synthetic_fundus(200, 150), ModelSet.from_models([loaded(card)]), device="cpu")
    assert result.findings.optic_disc.found and any(m["task"] == "optic-disc" for m in result.models)


@pytest.mark.parametrize("shortage", [MemoryError(), RuntimeError("[enforce fail at alloc_cpu.cpp:127] err == 0. "
                                                                  "DefaultCPUAllocator: can't allocate memory: you "
                                                                  "tried to allocate 2147483648 bytes.")])
def test_the_machine_short_of_memory_is_said_as_such_not_as_a_defect_to_report(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, shortage: Exception) -> None:
    """Not "internal error (MemoryError: ); please report it", nor torch's text: the photo is not at fault either, and
    a caller (the retrain comparison) can tell so, its exception kept without the frames; a bug stays an internal
    error. The log has the error's type and traceback: a bug asking for an absurd allocation reads the same."""
    import inference.pipeline
    from inference import messages
    from inference.pixel_eval import ShortOfMemory, models_predictor

    def fails(exc: Exception):  # noqa: ANN202
        def fail(*args: object, **kwargs: object) -> None:
            raise exc
        return fail

    monkeypatch.setattr(inference.pipeline, "lesion_findings", fails(shortage))
    with caplog.at_level("WARNING", logger="inference.pipeline"):
        [outcome] = analyze([synthetic_fundus()], ModelSet(), NullState(), "cpu")
    assert (outcome.result, outcome.error, outcome.memory_shortage) == (None, messages.NOT_ENOUGH_MEMORY, shortage)
    assert outcome.memory_shortage.__traceback__ is None
    [record] = caplog.records
    assert f"image 1: short of memory ({type(shortage).__name__}: " in record.getMessage()
    assert record.exc_info[1] is shortage and "Traceback" in caplog.text
    with pytest.raises(ShortOfMemory) as raised:
        models_predictor(ModelSet(), "cpu")(synthetic_fundus())
    assert raised.value.__cause__ is shortage  # the retrain comparison's log names it too
    monkeypatch.setattr(inference.pipeline, "lesion_findings", fails(KeyError("a bug")))
    [outcome] = analyze([synthetic_fundus()], ModelSet(), NullState(), "cpu")
    assert outcome.error.startswith("internal error (KeyError") and outcome.memory_shortage is None
