"""Lesion candidates rescored by a patch classifier (inference/lesion_candidates): dark dots are found, labelled
from masks, scored and painted back; a candidates model loads, draws its class in the pipeline and names itself as
that class's source; without one the classical detector keeps the class."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
import torch

from annotations.classes import LesionClass
from annotations.probability_maps import probability_levels, reduce_for_storage
from inference.analysis_models import model_for_task
from inference.analysis_settings import MODEL_THRESHOLD, AnalysisSettings
from inference.lesion_candidates.dark_dots import find_dark_dots
from inference.lesion_candidates.detector import CandidateLesions, find_candidate_lesions
from inference.lesion_candidates.green_pyramid import GreenPyramid, green_pyramid
from inference.lesion_candidates.labels import candidate_labels, component_recall
from inference.lesion_candidates.network import PatchClassifier, classify
from inference.lesion_candidates.painting import REGION_HALF, dot_regions, paint
from inference.lesion_candidates.patches import PATCH_SIZE
from inference.lesion_candidates.photo import photo_candidates
from inference.loading import ModelSet, load_model_folder
from inference.model_card import CANDIDATE_TASK, ModelCard, ModelError, save_model_folder
from inference.pipeline import CLASSICAL_DETECTOR, PipelineOptions, analyze, analyze_image
from inference.preprocess import find_fov
from inference.training.candidate_trainer import TrainingSettings, train_patch_classifier
from inference.training.ship_pixels import choose_classical_classes, classes_won
from tests.unit.test_inference_fixtures import loaded, tiny_segmentation_card
from tests.unit.test_lesion_sources import constant_model

DOTS = [(300, 260), (420, 380), (250, 470), (520, 300), (380, 520)]  # (x, y) on an 800 px photo
LARGE = 1400  # px: a field large enough for the classifier's scale (green_pyramid.MIN_FIELD_DIAMETER)


def dots_at(size: int) -> list[tuple[int, int]]:
    return [(round(x * size / 800), round(y * size / 800)) for x, y in DOTS]


def fundus_with_dots(size: int = 800, seed: int = 0) -> np.ndarray:
    """A smooth orange field with a few dark dots and one dark vessel-like line (sizes scale with ``size``)."""
    rng = np.random.default_rng(seed)
    image = np.zeros((size, size, 3), np.uint8)
    cv2.circle(image, (size // 2, size // 2), int(size * 0.45), (170, 90, 30), -1)
    inside = image.sum(axis=2) > 0
    image[inside] = np.clip(image[inside] + rng.normal(0, 2, image.shape)[inside], 0, 255).astype(np.uint8)
    cv2.line(image, (size // 4, size // 4), (size * 3 // 4, size * 3 // 4), (120, 50, 20), round(size / 160))
    for x, y in dots_at(size):
        cv2.circle(image, (x, y), round(size / 200), (110, 40, 15), -1)
    return image


def test_the_generator_finds_drawn_dark_dots_first() -> None:
    image = fundus_with_dots()
    photo = photo_candidates(image, find_fov(image), max_count=20)
    ys, xs = photo.original_points()
    for x, y in DOTS:
        assert np.min(np.hypot(xs - x, ys - y)) <= 3, f"dot at {(x, y)} is a candidate"
    strongest = np.hypot(xs[:len(DOTS)][:, None] - np.array(DOTS)[:, 0], ys[:len(DOTS)][:, None] - np.array(DOTS)[:, 1])
    assert (strongest.min(axis=1) <= 3).all(), "the dots are stronger than the vessel and the texture"


def test_the_generator_keeps_the_strongest_and_stays_inside_the_field() -> None:
    image = fundus_with_dots()
    fov = find_fov(image)
    pyramid = green_pyramid(image, fov)
    found = find_dark_dots(pyramid.detect, pyramid.field, max_count=7)
    assert len(found) == 7 and np.all(np.diff(found.strength) <= 0)
    assert pyramid.field[found.ys, found.xs].all()


def test_labels_and_recall_come_from_the_mask_with_a_tolerance() -> None:
    lesion = np.zeros((50, 50), bool)
    lesion[10:13, 10:13] = True  # one lesion
    lesion[30:32, 40:42] = True  # another
    ys, xs = np.array([11.0, 14.0, 25.0]), np.array([11.0, 14.0, 25.0])
    assert candidate_labels(lesion, ys, xs, tolerance=2).tolist() == [True, True, False]
    assert component_recall(lesion, ys, xs, tolerance=2) == (1, 2)


def test_the_classifier_probability_is_painted_on_the_candidate_dot_only() -> None:
    image = fundus_with_dots()
    photo = photo_candidates(image, find_fov(image), max_count=len(DOTS))
    scores = np.linspace(0.9, 0.5, len(DOTS)).astype(np.float32)
    found = CandidateLesions("MA", photo, scores, threshold=0.7)
    probability = found.probability(image.shape[:2])
    ys, xs = photo.original_points()
    for y, x, score in zip(ys, xs, scores):
        assert probability[int(round(y)), int(round(x))] == pytest.approx(score)
    assert set(np.unique(probability)) <= {0.0, *scores.tolist()}
    assert probability[50, 50] == 0 and (probability > 0).sum() < 40 * 40 * len(DOTS), "dots, not squares"
    mask = found.mask(image.shape[:2])
    assert np.array_equal(mask, probability >= 0.7), "the mask is where the map reaches the threshold"


def test_the_painted_dot_is_the_dark_core_grown_by_one_pixel() -> None:
    # the specialists outline a microaneurysm beyond its dark core (docs/models.md, "MA dot painting"): a 3x3 core
    # paints as the core and its 4-neighbour ring, 21 pixels, and no further
    green = np.full((40, 40), 200, np.uint8)
    green[19:22, 19:22] = 100
    pyramid = GreenPyramid(green, green[::2, ::2], np.ones((20, 20), bool), (0, 0, 40, 40), 1)
    rows, columns = np.array([20]), np.array([20])
    regions = dot_regions(pyramid, rows, columns)
    painted = paint((40, 40), rows, columns, regions, np.ones(1, np.float32), np.zeros((40, 40), np.float32)) > 0
    expected = cv2.dilate((green < 150).astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))) > 0
    assert painted.sum() == 21 and np.array_equal(painted, expected)


def _painted_in_turn(shape: tuple[int, int], rows: np.ndarray, columns: np.ndarray, regions: np.ndarray,
                     values: np.ndarray, out: np.ndarray, factor: int, origin: tuple[int, int]) -> np.ndarray:
    """The painting rule written plainly, region by region: the oracle for ``paint``."""
    for row, column, region, value in zip(rows, columns, regions, values):
        big = np.kron(region, np.ones((factor, factor), bool))
        top, left = origin[1] + (row - REGION_HALF) * factor, origin[0] + (column - REGION_HALF) * factor
        for y, x in zip(*np.nonzero(big)):
            if 0 <= top + y < shape[0] and 0 <= left + x < shape[1]:
                out[top + y, left + x] = max(out[top + y, left + x], value)
    return out


@pytest.mark.parametrize("factor", [1, 2, 4])
def test_painting_all_regions_at_once_equals_painting_them_in_turn(factor: int) -> None:
    """Overlapping regions keep the highest value, regions cut by the edge paint their inside, pixels painted
    before stay where they are higher."""
    rng = np.random.default_rng(factor)
    side = 2 * REGION_HALF + 1
    for dtype in (np.float32, np.uint8):
        for _ in range(30):
            shape = (int(rng.integers(10, 90)), int(rng.integers(10, 90)))
            count = int(rng.integers(0, 12))
            regions = rng.random((count, side, side)) < 0.3
            rows = rng.integers(-REGION_HALF, shape[0] // factor + REGION_HALF, count)
            columns = rng.integers(-REGION_HALF, shape[1] // factor + REGION_HALF, count)
            values = (rng.random(count) * 200).astype(dtype)
            before = (rng.random(shape) * 100).astype(dtype)
            origin = (int(rng.integers(-9, 9)), int(rng.integers(-9, 9)))
            expected = _painted_in_turn(shape, rows, columns, regions, values, before.copy(), factor, origin)
            actual = paint(shape, rows, columns, regions, values, before.copy(), factor, origin)
            assert np.array_equal(actual, expected)


def test_the_kept_map_from_half_resolution_equals_the_full_size_map_reduced() -> None:
    # a 12 MP-like geometry: the patch level is half the photo (2 px), a stored pixel 3 px, the field cut by the
    # photo's top and bottom; 2000 candidates with random scores overlap, so peaks and edges are all exercised
    image = np.ascontiguousarray(fundus_with_dots(3400)[400:3000])
    photo = photo_candidates(image, find_fov(image))
    assert photo.pyramid.factor == 2
    scores = np.random.default_rng(1).random(len(photo.rows)).astype(np.float32)
    found = CandidateLesions("MA", photo, scores, threshold=0.5)
    expected = reduce_for_storage(probability_levels(found.probability(image.shape[:2])))
    kept = found.boxed(image.shape[:2]).stored_levels()
    assert expected.shape == (867, 1134) and (expected > 0).sum() > 10_000
    assert np.array_equal(kept, expected), "every stored pixel is the maximum of the photo pixels it covers"


def test_a_trained_classifier_separates_dots_from_flat_patches() -> None:
    rng = np.random.default_rng(0)
    patches = rng.normal(0, 0.05, (200, 2, PATCH_SIZE, PATCH_SIZE)).astype(np.float32)
    labels = np.arange(200) < 50
    centre = slice(PATCH_SIZE // 2 - 2, PATCH_SIZE // 2 + 2)
    patches[labels, :, centre, centre] -= 0.5
    model = train_patch_classifier(patches, labels, TrainingSettings(steps=60, batch_size=32), log=lambda _: None)
    scores = classify(model, patches)
    assert scores[labels].min() > scores[~labels].max()


def candidates_card(name: str = "tiny-candidates") -> ModelCard:
    return ModelCard(name=name, task=CANDIDATE_TASK, architecture="patch-classifier", encoder="tiny-cnn",
                     classes=["MA"], input_size=(PATCH_SIZE, PATCH_SIZE), activation="sigmoid",
                     thresholds={"MA": 0.5})


def saved_candidates_model(folder: Path, bias: float) -> Path:
    """A candidates model whose every candidate gets probability sigmoid(bias)."""
    model = PatchClassifier()
    with torch.no_grad():
        model.head[-1].weight.zero_()
        model.head[-1].bias.fill_(bias)
    return save_model_folder(folder, model.state_dict(), candidates_card())


def test_a_candidates_model_loads_and_a_bad_card_is_refused(tmp_path: Path) -> None:
    loaded = load_model_folder(saved_candidates_model(tmp_path / "m", 3.0), for_inference=True)
    image = fundus_with_dots()
    found = find_candidate_lesions(loaded.module, loaded.card, image, find_fov(image))
    assert np.allclose(found.scores, 1 / (1 + np.exp(-3.0)), atol=1e-5)
    for change in ({"architecture": "unet"}, {"classes": ["MA", "HE"]}, {"task": "optic-disc"}):
        card = candidates_card()
        for key, value in change.items():
            setattr(card, key, value)
        with pytest.raises(ModelError):
            card.validate()
    card = candidates_card()
    card.input_size = (32, 32)  # a valid card, but not the network's patch size
    save_model_folder(tmp_path / "bad", PatchClassifier().state_dict(), card)
    with pytest.raises(ModelError, match="patch"):
        load_model_folder(tmp_path / "bad")


def test_the_pipeline_draws_the_class_from_the_candidates_model_and_names_it(tmp_path: Path) -> None:
    image = fundus_with_dots(LARGE)
    without = analyze_image(image, None, device="cpu")
    assert without.findings.lesion_sources["MA"] == CLASSICAL_DETECTOR["name"], "the fallback without the file"
    everywhere = load_model_folder(saved_candidates_model(tmp_path / "yes", 5.0), for_inference=True)
    result = analyze_image(image, ModelSet.from_models([everywhere]), device="cpu")
    assert result.findings.lesion_sources["MA"] == "tiny-candidates"
    assert result.findings.lesion_sources["HE"] == CLASSICAL_DETECTOR["name"]
    assert {"name": "tiny-candidates", "task": CANDIDATE_TASK}.items() <= result.models[-1].items()
    ma = (result.mask & LesionClass.MA.bit) != 0
    for x, y in dots_at(LARGE):
        assert ma[y, x], "every candidate passes: the dots are drawn"
    nowhere = load_model_folder(saved_candidates_model(tmp_path / "no", -5.0), for_inference=True)
    none = analyze_image(image, ModelSet.from_models([nowhere]), device="cpu")
    assert not (none.mask & LesionClass.MA.bit).any(), "the classical detector's MA is replaced, not added to"


def test_the_candidates_are_found_on_the_analysis_second_thread_which_ends_with_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The finding needs no lesion model's output: it runs beside the lesion networks (docs/models.md, "Speed"),
    and the thread is gone when the analysis returns."""
    import threading

    import inference.pipeline

    threads: list[str] = []

    def recorded(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return find_candidate_lesions(*args)

    monkeypatch.setattr(inference.pipeline, "find_candidate_lesions", recorded)
    model = load_model_folder(saved_candidates_model(tmp_path / "m", 5.0), for_inference=True)
    result = analyze_image(fundus_with_dots(LARGE), ModelSet.from_models([model]), device="cpu")
    assert result.findings.lesion_sources["MA"] == "tiny-candidates"
    assert len(threads) == 1 and threads[0].startswith("analysis-beside")
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("analysis-beside")]


def test_a_photo_smaller_than_the_learned_scale_keeps_the_classical_source(tmp_path: Path) -> None:
    image = fundus_with_dots(800)  # field 720 px: dots would be under 0.7 of the trained scale
    model = load_model_folder(saved_candidates_model(tmp_path / "m", 5.0), for_inference=True)
    result = analyze_image(image, ModelSet.from_models([model]), device="cpu")
    assert result.findings.lesion_sources["MA"] == CLASSICAL_DETECTOR["name"]
    assert np.array_equal(result.mask, analyze_image(image, None, device="cpu").mask)


def test_one_rule_decides_which_source_draws_a_class() -> None:
    challenger = {"MA": {"dice": 0.4, "precision": 0.5}, "HE": {"dice": 0.2, "precision": 0.5},
                  "EX": {"dice": 0.5, "precision": 0.5}}
    incumbent = {"MA": {"dice": 0.1}, "HE": {"dice": 0.3}, "EX": {"dice": 0.5}}
    assert classes_won(challenger, incumbent, ["MA", "HE", "EX", "SE"]) == ["MA"]
    assert choose_classical_classes(challenger, incumbent, ["MA", "HE", "EX", "SE"]) == ["HE", "EX", "SE"]


def test_a_source_that_draws_mostly_wrong_pixels_does_not_take_a_class_on_dice() -> None:
    # he-se-v2's MA on the validation photos: Dice 0.109 against the classical 0.057, precision 0.078
    challenger = {"MA": {"dice": 0.109, "precision": 0.078}, "SE": {"dice": 0.38, "precision": 0.41}}
    incumbent = {"MA": {"dice": 0.057, "precision": 0.31}}
    assert classes_won(challenger, incumbent, ["MA", "SE"]) == ["SE"]


def test_the_readers_ma_threshold_cuts_the_candidates_models_ma(tmp_path: Path) -> None:
    folder = saved_candidates_model(tmp_path / "m", 1.0)  # every candidate 0.73; the card cuts at 0.5
    image = fundus_with_dots(LARGE)
    for reader, drawn in ((MODEL_THRESHOLD, True), (0.9, False)):
        settings = AnalysisSettings(models={CANDIDATE_TASK: str(folder)}, thresholds={"MA": reader, "HE": 0.1})
        model = model_for_task(CANDIDATE_TASK, settings)
        result = analyze_image(image, ModelSet.from_models([model]), device="cpu",
                               options=PipelineOptions(store_probabilities=True))
        assert bool((result.mask & LesionClass.MA.bit).any()) is drawn
        assert result.probability_thresholds["MA"] == (0.5 if reader < 0 else reader), "the map's marked cut"


def test_the_pipeline_keeps_the_candidates_map_as_the_full_size_map_reduced(tmp_path: Path) -> None:
    model = load_model_folder(saved_candidates_model(tmp_path / "m", 1.0), for_inference=True)
    image = fundus_with_dots(LARGE)
    options = PipelineOptions(keep_probabilities=True, store_probabilities=True)
    (outcome,) = analyze([image], ModelSet.from_models([model]), device="cpu", options=options)
    full = outcome.probabilities["MA"]
    assert full.max() == 186, "sigmoid(1) painted on the dots"
    assert np.array_equal(outcome.result.probabilities["MA"], reduce_for_storage(full))


def test_the_classical_detector_does_not_run_for_a_class_a_candidates_model_draws(tmp_path: Path) -> None:
    """The shipped set: the lesion model gives MA to the classical detector, and on a large photo the candidates
    model draws MA in its place, so the detector is not run there (it cost a 12 MP analysis about 0.1 s) but for the
    disc when none was learned."""
    lesions = tiny_segmentation_card(classes=["background", "MA", "HE", "EX", "SE"])
    lesions.classical_classes = ["MA"]
    disc = constant_model(replace(tiny_segmentation_card("tiny-disc", classes=["background", "OD"]),
                                  task="optic-disc"), {"OD": 9.0})
    candidates = load_model_folder(saved_candidates_model(tmp_path / "m", 5.0), for_inference=True)
    large = analyze_image(fundus_with_dots(LARGE), ModelSet.from_models([loaded(lesions), disc, candidates]),
                          device="cpu")
    assert large.findings.lesion_sources["MA"] == "tiny-candidates"
    assert CLASSICAL_DETECTOR["name"] not in {model["name"] for model in large.models}
    without_disc = ModelSet.from_models([loaded(lesions), candidates])
    unlearned = analyze_image(fundus_with_dots(LARGE), without_disc, device="cpu")
    assert CLASSICAL_DETECTOR["name"] in {model["name"] for model in unlearned.models}
    assert (unlearned.mask & LesionClass.OD.bit).any(), "the classical detector still draws the disc"
    assert unlearned.findings.lesion_sources["MA"] == "tiny-candidates"
    small = analyze_image(fundus_with_dots(800), without_disc, device="cpu")
    assert small.findings.lesion_sources["MA"] == CLASSICAL_DETECTOR["name"]
