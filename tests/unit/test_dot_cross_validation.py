"""The MA dot classifier's cross-validation tool (inference/training/dot_cross_validation.py): session 6's folds, a
per-photo cache that is made once and read back whole, out-of-fold scores from classifiers that never saw the fold,
and `evaluate seg`'s figures of the map alone and averaged with the partner's as the pipeline draws it."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.probability_maps import probability_levels
from inference.dataset import Sample
from inference.evaluation import PixelTally
from inference.lesion_candidates.detector import CandidateLesions
from inference.training import dot_cross_validation as cv
from inference.training.candidate_trainer import TrainingSettings
from tests.unit.test_lesion_candidates import dots_at, fundus_with_dots

SIZE = 800


def write_photo(folder: Path, name: str, seed: int) -> Sample:
    """A generated photo with dark dots and its MA mask (discs on the dots) in the idrid-seg naming."""
    image = fundus_with_dots(SIZE, seed)
    truth = np.zeros((SIZE, SIZE), np.uint8)
    for x, y in dots_at(SIZE):
        cv2.circle(truth, (x, y), 4, 255, -1)
    cv2.imwrite(str(folder / f"{name}.jpg"), image[:, :, ::-1])
    cv2.imwrite(str(folder / f"{name}_MA.png"), truth)
    return Sample(name=name, image=folder / f"{name}.jpg", mask_files={LesionClass.MA: folder / f"{name}_MA.png"})


def constant_partner(value: float) -> cv.PartnerMap:
    def partner(image: np.ndarray, fov: object) -> np.ndarray:
        return np.full(image.shape[:2], value, np.float32)
    return partner


@pytest.fixture()
def photos(tmp_path: Path) -> dict[str, cv.DotPhoto]:
    samples = [write_photo(tmp_path, f"P{number}", number) for number in range(4)]
    paths = [cv.cache_photo(sample, tmp_path / "cache", constant_partner(0.25)) for sample in samples]
    return {path.stem: cv.load_photo(path) for path in paths}


def test_the_folds_are_session_6s() -> None:
    train = ["IDRiD_01", "IDRiD_02", "IDRiD_03", "IDRiD_05", "IDRiD_07", "IDRiD_08", "IDRiD_11", "IDRiD_16",
             "IDRiD_17", "IDRiD_19", "IDRiD_21", "IDRiD_22", "IDRiD_24"]
    folds = cv.folds_of(["IDRiD_23", "IDRiD_04", "IDRiD_10", "IDRiD_14"], train[::-1])
    assert folds == [["IDRiD_04", "IDRiD_10", "IDRiD_14", "IDRiD_23"],
                     ["IDRiD_01", "IDRiD_05", "IDRiD_11", "IDRiD_19", "IDRiD_24"],
                     ["IDRiD_02", "IDRiD_07", "IDRiD_16", "IDRiD_21"], ["IDRiD_03", "IDRiD_08", "IDRiD_17", "IDRiD_22"]]


def test_the_cache_keeps_candidates_labels_truth_and_partner_and_is_made_once(tmp_path: Path,
                                                                              photos: dict[str, cv.DotPhoto]) -> None:
    photo = photos["P0"]
    assert photo.photo.patches.shape == (len(photo.photo.candidates), 2, 24, 24)
    assert photo.labels.dtype == bool and 0 < photo.labels.sum() < len(photo.labels)  # the dots are positives
    assert photo.truth.shape == (SIZE, SIZE) and photo.truth.sum() > 0
    assert photo.partner.dtype == np.float16 and np.all(photo.partner == np.float16(0.25))

    def refused(image: np.ndarray, fov: object) -> np.ndarray:
        raise AssertionError("the cached photo is not made again")
    sample = Sample(name="P0", image=tmp_path / "P0.jpg", mask_files={LesionClass.MA: tmp_path / "P0_MA.png"})
    assert cv.cache_photo(sample, tmp_path / "cache", refused) == tmp_path / "cache" / "P0.npz"


def test_each_fold_is_scored_by_a_classifier_that_never_saw_it(monkeypatch: pytest.MonkeyPatch,
                                                                photos: dict[str, cv.DotPhoto]) -> None:
    trained_on: list[list[str]] = []
    real = cv.train_fold

    def spy(fold_photos: list[cv.DotPhoto], settings: TrainingSettings, log: object) -> object:
        trained_on.append([photo.name for photo in fold_photos])
        return real(fold_photos, settings, log)
    monkeypatch.setattr(cv, "train_fold", spy)
    folds = [["P0", "P1"], ["P2"], ["P3"]]
    scores = cv.out_of_fold(photos, folds, TrainingSettings(steps=3), lambda _: None)
    assert trained_on == [["P2", "P3"], ["P0", "P1", "P3"], ["P0", "P1", "P2"]]
    assert {name: len(values) for name, values in scores.items()} == {
        name: len(photo.labels) for name, photo in photos.items()}


def by_hand(photos: dict[str, cv.DotPhoto], names: list[str], scores: dict[str, np.ndarray], cuts: cv.Cuts
            ) -> dict[str, dict[str, float]]:
    """The candidates painted and scored alone, and their mean with the partner (0.25) kept in 8 bits."""
    alone, averaged = PixelTally(), PixelTally()
    for name in names:
        photo = photos[name]
        found = CandidateLesions("MA", photo.photo, scores[name], cuts.alone).probability(photo.truth.shape)
        alone.add("MA", found, found >= cuts.alone, photo.truth)
        mean = (found + 0.25) / 2
        averaged.add("MA", probability_levels(mean) / 255.0, mean >= cuts.mean, photo.truth)
    return {"alone": alone.metrics()["per_class"]["MA"], "averaged": averaged.metrics()["per_class"]["MA"]}


def test_the_figures_are_evaluate_segs_of_the_map_alone_and_of_the_pipelines_mean(
        photos: dict[str, cv.DotPhoto]) -> None:
    cuts = cv.Cuts(alone=0.8, mean=0.5)
    random = np.random.default_rng(0)
    scores = {name: np.where(photo.labels, random.uniform(0.5, 1, len(photo.labels)),
                             random.uniform(0, 0.95, len(photo.labels))).astype(np.float32)
              for name, photo in photos.items()}
    folds = [["P0", "P1"], ["P2", "P3"]]
    result = cv.scored(photos, folds, scores, cuts)
    for row, expected in ((result["folds"][0], by_hand(photos, folds[0], scores, cuts)),
                          (result["pooled"], by_hand(photos, list(photos), scores, cuts))):
        for kind in ("alone", "averaged"):
            assert row[kind]["aupr"] == pytest.approx(expected[kind]["aupr"])
            assert row[kind]["dice"] == pytest.approx(expected[kind]["dice"])
            assert 0 < row[kind]["dice"] <= row[kind]["best_dice"] + 1e-9
    assert result["pooled"]["alone"]["aupr"] != result["pooled"]["averaged"]["aupr"]
    assert result["fold_mean_aupr"]["alone"] == pytest.approx(
        np.mean([row["alone"]["aupr"] for row in result["folds"]]))


def test_the_coarser_context_variant_adds_a_third_channel_the_classifier_reads(
        photos: dict[str, cv.DotPhoto]) -> None:
    photo = photos["P0"].photo
    patches = cv.coarser_context(photo)
    assert patches.shape == (len(photo.candidates), 3, 24, 24)
    assert np.array_equal(patches[:, :2], photo.patches)
    coarser = cv2.pyrDown(photo.pyramid.detect)
    y, x = photo.candidates.ys[0] // 2, photo.candidates.xs[0] // 2
    window = coarser[y - 12:y + 12, x - 12:x + 12].astype(np.float32)  # the strongest dot lies inside the field
    assert np.allclose(patches[0, 2], (window / window.mean() - 1) * 4, atol=1e-5)
    for each in photos.values():
        each.photo.patches = cv.coarser_context(each.photo)
    model = cv.train_fold(list(photos.values()), TrainingSettings(steps=2), lambda _: None)
    assert model.features[0].in_channels == 3
