"""Haemorrhage candidates (inference/lesion_candidates/dark_regions.py and the region classifier): dark regions are
found where a photo is dark, labelled by a mask's overlap, scored, painted back whole; the threshold rule and the
folds of `train candidates --classes HE` are the ones documented."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np
import torch

from annotations.classes import LesionClass
from inference.lesion_candidates.dark_regions import FEATURE_NAMES, PATCH_SIDE, find_dark_regions
from inference.lesion_candidates.region_network import RegionClassifier, classify_regions
from inference.lesion_candidates.region_painting import CandidateRegions
from inference.loading import ModelSet, load_model_folder
from inference.model_card import REGION_CANDIDATE_TASK, REGION_ENCODER, ModelCard, save_model_folder
from inference.pipeline import CLASSICAL_DETECTOR, PipelineOptions, analyze_image
from inference.preprocess import find_fov
from inference.training.region_run import best_threshold, round_robin_folds
from inference.training.region_trainer import RegionTrainingSettings, region_labels, train_region_classifier

SIZE = 1000
BLOTS = [((330, 350), 28), ((650, 420), 20), ((480, 690), 24)]  # ((x, y), radius) on a 1000 px photo


def fundus_with_blots(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """An orange field with dark blots (haemorrhage-like) and a thin vessel; the blots' mask."""
    rng = np.random.default_rng(seed)
    image = np.zeros((SIZE, SIZE, 3), np.uint8)
    cv2.circle(image, (SIZE // 2, SIZE // 2), int(SIZE * 0.45), (170, 90, 30), -1)
    inside = image.sum(axis=2) > 0
    image[inside] = np.clip(image[inside] + rng.normal(0, 2, image.shape)[inside], 0, 255).astype(np.uint8)
    cv2.line(image, (250, 600), (750, 250), (120, 55, 20), 5)
    truth = np.zeros((SIZE, SIZE), np.uint8)
    for centre, radius in BLOTS:
        cv2.circle(image, centre, radius, (120, 45, 15), -1)
        cv2.circle(truth, centre, radius, 1, -1)
    return image, truth.view(bool)


def blot_region(regions, centre: tuple[int, int]) -> int:
    """The candidate row whose region holds the blot's centre (-1: none)."""
    x, y = regions.work.point_from_original(*centre)
    label = regions.labels[round(y), round(x)]
    rows = np.flatnonzero(regions.ids == label)
    return int(rows[0]) if label and len(rows) else -1


def test_each_dark_blot_is_a_candidate_region_with_its_patch_and_measurements() -> None:
    image, _ = fundus_with_blots()
    regions = find_dark_regions(image, find_fov(image))
    assert regions.features.shape == (len(regions), len(FEATURE_NAMES))
    assert regions.patches.shape == (len(regions), 4, PATCH_SIDE, PATCH_SIDE)
    for centre, _ in BLOTS:
        row = blot_region(regions, centre)
        assert row >= 0, f"blot at {centre} is a candidate"
        outline = regions.patches[row, 3]
        assert outline[PATCH_SIDE // 2, PATCH_SIDE // 2] > 0.5, "the patch is centred on its region"
        assert outline[0, 0] == 0 and regions.patches[row, 2].max() > 0, "context around it, residue inside"
    assert not regions.labels[~regions.work.field].any(), "regions stay inside the field"


def test_overlap_labels_the_blots_and_nothing_else() -> None:
    image, truth = fundus_with_blots()
    regions = find_dark_regions(image, find_fov(image))
    labels = region_labels(regions.truth_overlap(truth), regions.areas)
    blots = {blot_region(regions, centre) for centre, _ in BLOTS}
    assert set(np.flatnonzero(labels)) == blots


def test_an_accepted_region_is_painted_whole_with_its_score() -> None:
    image, truth = fundus_with_blots()
    regions = find_dark_regions(image, find_fov(image))
    scores = np.zeros(len(regions), np.float32)
    first = blot_region(regions, BLOTS[0][0])
    scores[first] = 0.8
    found = CandidateRegions("HE", regions, scores, 0.5)
    probability, mask = found.probability(truth.shape), found.mask(truth.shape)
    (x, y), radius = BLOTS[0]
    blot = np.zeros_like(truth)
    cv2.circle(blot.view(np.uint8), (x, y), radius, 1, -1)
    assert mask[blot].mean() > 0.85, "most of the blot's pixels are drawn"
    assert np.array_equal(mask, probability >= 0.5) and set(np.unique(probability)) <= {0.0, np.float32(0.8)}
    ys, xs = np.nonzero(mask)
    assert np.hypot(xs - x, ys - y).max() < radius + 12, "nothing beyond the region is drawn"
    assert not CandidateRegions("HE", regions, scores, 0.9).mask(truth.shape).any()


def test_the_threshold_is_the_best_pooled_dice_of_the_scores() -> None:
    # one photo, three regions: (score, area, true pixels); 10 true pixels in all
    regions = SimpleNamespace(areas=np.array([4.0, 6.0, 10.0], np.float32))
    photo = SimpleNamespace(name="a", regions=regions, overlap=np.array([4.0, 3.0, 0.0], np.float32),
                            truth_working=10.0)
    scores = {"a": np.array([0.9, 0.5, 0.3], np.float32)}
    # above 0.9: nothing; 0.52..0.9: region 1 (Dice 8/14 = 0.571); 0.32..0.5: 1+2 (14/20 = 0.7); <= 0.3: all (0.467)
    assert best_threshold([photo], scores) == 0.32


def test_training_photos_fall_into_round_robin_folds_of_their_sorted_names() -> None:
    names = ["IDRiD_24", "IDRiD_01", "IDRiD_02", "IDRiD_03", "IDRiD_05", "IDRiD_07", "IDRiD_08", "IDRiD_11",
             "IDRiD_16", "IDRiD_17", "IDRiD_19", "IDRiD_21", "IDRiD_22"]
    assert round_robin_folds(names) == [["IDRiD_01", "IDRiD_05", "IDRiD_11", "IDRiD_19", "IDRiD_24"],
                                        ["IDRiD_02", "IDRiD_07", "IDRiD_16", "IDRiD_21"],
                                        ["IDRiD_03", "IDRiD_08", "IDRiD_17", "IDRiD_22"]]


def test_a_trained_region_classifier_separates_dark_regions_and_keeps_its_feature_scaling() -> None:
    rng = np.random.default_rng(0)
    count = 200
    labels = np.arange(count) < count // 2
    patches = rng.normal(0, 0.1, (count, 4, PATCH_SIDE, PATCH_SIDE)).astype(np.float32)
    patches[labels, 0, 12:20, 12:20] -= 1.0  # the lesions are dark in the middle
    features = rng.normal(50, 10, (count, len(FEATURE_NAMES))).astype(np.float32)  # far from unit scale
    model = train_region_classifier(patches, features, labels, np.full(count, 4.0, np.float32),
                                    RegionTrainingSettings(steps=150), log=lambda _: None)
    scores = classify_regions(model, patches, features)
    assert scores[labels].min() > scores[~labels].max()
    state = model.state_dict()
    assert torch.allclose(state["feature_mean"], torch.from_numpy(features.mean(axis=0)))
    fresh = RegionClassifier()
    fresh.load_state_dict(state)
    assert np.allclose(classify_regions(fresh.eval(), patches, features), scores, atol=1e-6)


def saved_region_model(folder: Path, bias: float) -> Path:
    """An HE candidates model whose every region gets probability sigmoid(bias)."""
    model = RegionClassifier()
    with torch.no_grad():
        model.head[-1].weight.zero_()
        model.head[-1].bias.fill_(bias)
    card = ModelCard(name="tiny-regions", task=REGION_CANDIDATE_TASK, architecture="patch-classifier",
                     encoder=REGION_ENCODER, classes=["HE"], input_size=(PATCH_SIDE, PATCH_SIDE),
                     activation="sigmoid", thresholds={"HE": 0.5})
    return save_model_folder(folder, model.state_dict(), card)


def test_an_he_candidates_model_draws_haemorrhages_in_the_pipeline_and_names_itself(tmp_path: Path) -> None:
    small, _ = fundus_with_blots()
    image = cv2.resize(small, (1400, 1400), interpolation=cv2.INTER_LINEAR)  # a field the candidates stage runs on
    accepting = load_model_folder(saved_region_model(tmp_path / "yes", 5.0), for_inference=True)
    result = analyze_image(image, ModelSet.from_models([accepting]), device="cpu",
                           options=PipelineOptions(store_probabilities=True))
    assert result.findings.lesion_sources["HE"] == "tiny-regions"
    assert result.findings.lesion_sources["MA"] == CLASSICAL_DETECTOR["name"]
    he = (result.mask & LesionClass.HE.bit) != 0
    for (x, y), _ in BLOTS:
        assert he[round(y * 1.4), round(x * 1.4)], "every region passes: the blots are drawn"
    assert "HE" in result.probabilities
    refusing = load_model_folder(saved_region_model(tmp_path / "no", -5.0), for_inference=True)
    none = analyze_image(image, ModelSet.from_models([refusing]), device="cpu")
    assert not (none.mask & LesionClass.HE.bit).any(), "the classical detector's HE is replaced, not added to"
