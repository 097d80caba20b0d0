"""Field of view, crop/resize/pad and its exact inverse, CLAHE and Ben Graham, tiling."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
import torch

from inference.model_card import Preprocessing
from inference.preprocess import find_fov, make_transform, model_field, prepare
from inference.tiling import predict_tiled, tile_starts
from tests.unit.test_inference_fixtures import synthetic_fundus, tiny_segmentation_card

SIZES = [(160, 120), (96, 200), (300, 260), (40, 31)]  # wider, taller, larger and smaller than the 64 px input


def within_one_pixel(reference: np.ndarray, other: np.ndarray) -> bool:
    """Every disagreement lies on the reference's boundary band (one pixel either side)."""
    kernel = np.ones((3, 3), np.uint8)
    ref = reference.astype(np.uint8)
    band = cv2.dilate(ref, kernel).astype(bool) & ~cv2.erode(ref, kernel, borderValue=1).astype(bool)
    return bool(np.all(band[reference != other]))


def blobs(height: int, width: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mask = np.zeros((height, width), np.uint8)
    for _ in range(4):
        centre = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.ellipse(mask, centre, (int(rng.integers(4, 15)), int(rng.integers(4, 15))), float(rng.uniform(0, 180)),
                    0, 360, 1, -1)
    return mask.astype(bool)


def test_fov_of_a_centred_disc() -> None:
    fov = find_fov(synthetic_fundus(200, 160, cx=90, cy=85, radius=60))
    assert fov.found
    assert abs(fov.cx - 90) < 2 and abs(fov.cy - 85) < 2 and abs(fov.radius - 60) < 2
    assert fov.mask.shape == (160, 200) and fov.mask[85, 90] and not fov.mask[5, 5]


def test_fov_of_a_circle_cut_by_the_top_and_bottom_edges() -> None:
    """Like 4288x2848 fundus photos: the circle is wider than the frame is tall."""
    fov = find_fov(synthetic_fundus(1200, 800, cx=600, cy=400, radius=480))
    assert fov.found
    assert abs(fov.cx - 600) < 3 and abs(fov.cy - 400) < 3 and abs(fov.radius - 480) < 4


def test_no_dark_surround_means_the_whole_image_is_the_field() -> None:
    image = np.full((50, 80, 3), 120, np.uint8)
    fov = find_fov(image)
    assert not fov.found and fov.mask.all()
    assert fov.bounding_box(80, 50) == (0, 0, 80, 50)


def test_black_image_has_no_field_of_view() -> None:
    assert not find_fov(np.zeros((40, 40, 3), np.uint8)).found


@pytest.mark.parametrize("width, height", SIZES)
def test_prepare_gives_the_card_input_size_and_maps_back_to_original_size(width: int, height: int) -> None:
    card = tiny_segmentation_card(size=64)
    prepared = prepare(synthetic_fundus(width, height), card)
    assert prepared.tensor.shape == (1, 3, 64, 64) and prepared.tensor.dtype == torch.float32
    back = prepared.transform.to_original(np.ones((64, 64), np.float32))
    assert back.shape == (height, width)


@pytest.mark.parametrize("width, height", SIZES)
@pytest.mark.parametrize("keep_aspect", [True, False])
def test_model_space_mask_round_trips_within_one_pixel(width: int, height: int, keep_aspect: bool) -> None:
    fov = find_fov(synthetic_fundus(width, height))
    transform = make_transform(width, height, fov, (64, 64), crop_fov=True, keep_aspect=keep_aspect)
    ox, oy = transform.offset
    rw, rh = transform.resized
    mask = np.zeros((64, 64), bool)
    mask[oy:oy + rh, ox:ox + rw] = blobs(rh, rw, seed=width)
    original = transform.to_original(mask, nearest=True)
    assert original.shape == (height, width)
    assert within_one_pixel(mask, transform.to_model(original, nearest=True))


@pytest.mark.parametrize("width, height", [(40, 31), (50, 60)])
def test_original_mask_round_trips_within_one_pixel_when_the_model_sees_full_detail(width: int, height: int) -> None:
    fov = find_fov(synthetic_fundus(width, height))
    transform = make_transform(width, height, fov, (64, 64))
    x0, y0, x1, y1 = transform.box
    mask = np.zeros((height, width), bool)
    mask[y0:y1, x0:x1] = blobs(y1 - y0, x1 - x0, seed=height)
    assert within_one_pixel(mask, transform.to_original(transform.to_model(mask, nearest=True), nearest=True))


def test_points_map_back_exactly_and_agree_with_arrays() -> None:
    width, height = 300, 260
    transform = make_transform(width, height, find_fov(synthetic_fundus(width, height)), (64, 64))
    for x, y in [(0.0, 0.0), (150.0, 130.0), (299.0, 12.5)]:
        back = transform.to_original_point(*transform.to_model_point(x, y))
        assert back == pytest.approx((x, y), abs=1e-9)
    spot = np.zeros((64, 64), bool)
    spot[30, 40] = True
    ys, xs = np.nonzero(transform.to_original(spot, nearest=True))
    expected = transform.to_original_point(40, 30)
    assert abs(xs.mean() - expected[0]) <= 1 and abs(ys.mean() - expected[1]) <= 1


def test_normalisation_follows_the_card() -> None:
    card = tiny_segmentation_card()
    card.normalisation = {"mean": [0.0, 0.0, 0.0], "std": [1.0, 1.0, 1.0]}
    image = synthetic_fundus()
    prepared = prepare(image, card)
    assert float(prepared.tensor.max()) <= 1.0 and float(prepared.tensor.min()) >= 0.0
    card.normalisation = {"mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25]}
    assert float(prepare(image, card).tensor.min()) == pytest.approx(-2.0)


def test_clahe_and_ben_graham_change_the_input_and_keep_the_geometry() -> None:
    image = synthetic_fundus(160, 120)
    plain_card = tiny_segmentation_card()
    plain = prepare(image, plain_card)
    for options in (Preprocessing(clahe=True), Preprocessing(ben_graham=True)):
        card = tiny_segmentation_card()
        card.preprocessing = options
        changed = prepare(image, card)
        assert changed.transform == plain.transform
        assert not np.array_equal(changed.image, plain.image)
    card = tiny_segmentation_card()
    card.preprocessing = Preprocessing(ben_graham=True)
    graham = prepare(image, card).image
    assert abs(float(graham[32, 32].mean()) - 128) < 40  # illumination removed: flat areas sit near mid-grey
    assert graham[0, 0].tolist() == [128, 128, 128]  # outside the field: neutral


def test_tile_starts_cover_the_whole_length() -> None:
    assert tile_starts(50, 64, 0.25) == [0]
    starts = tile_starts(200, 64, 0.25)
    assert starts[0] == 0 and starts[-1] == 200 - 64
    assert all(b - a <= 64 for a, b in zip(starts, starts[1:]))


def test_tiled_prediction_of_a_pointwise_function_equals_the_direct_one() -> None:
    image = torch.rand(1, 3, 150, 130)

    def pointwise(batch: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(batch[:, :2] * 3)

    blended = predict_tiled(pointwise, image, (64, 64), overlap=0.5)
    assert blended.shape == (1, 2, 150, 130)
    assert torch.allclose(blended, pointwise(image), atol=1e-5)


@pytest.mark.parametrize("width, height", [(160, 120), (300, 260), (1200, 800)])
def test_field_drawn_in_model_space_matches_the_resized_field(width: int, height: int) -> None:
    """Downscaling cases: there one model pixel covers more than one original pixel, so both must agree."""
    image = synthetic_fundus(width, height)
    prepared = prepare(image, tiny_segmentation_card())
    resized = prepared.transform.to_model(prepared.fov.mask, nearest=True)
    assert within_one_pixel(resized, model_field(prepared.fov, prepared.transform))


def test_cards_that_do_not_crop_keep_pixels_outside_the_circle() -> None:
    image = synthetic_fundus(160, 120)
    image[0:6, 0:6] = 200  # a bright corner, outside the field (an OCT scan has no circle at all)
    card = tiny_segmentation_card()
    assert prepare(image, card).fov.found
    card.preprocessing = Preprocessing(crop_fov=False)
    prepared = prepare(image, card)
    x, y = prepared.transform.to_model_point(2, 2)
    assert prepared.image[round(y), round(x)].min() > 150
