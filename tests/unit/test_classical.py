"""The classical detector on a generated fundus: finds bright and dark blobs and the disc, little on a clean one."""
from __future__ import annotations

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.progress import CallbackState, Cancelled
from inference.classical import detect_lesions
from inference.preprocess import find_fov
from tests.unit.test_quality import DISC_CENTRE, SIZE, blob, synthetic_fundus

EXUDATES = [(420, 150), (470, 300), (380, 330)]
HAEMORRHAGES = [(300, 120), (450, 240), (260, 360)]  # clear of the vessels: blots on a vessel are dropped
DARK = LesionClass.HE.bit | LesionClass.MA.bit


def fundus_with_lesions() -> np.ndarray:
    image = synthetic_fundus(seed=1).astype(np.float32)
    for centre in EXUDATES:  # yellow-white: all channels up
        image += blob(SIZE, centre, 4)[..., None] * np.array([40, 70, 20], np.float32)
    for centre in HAEMORRHAGES:  # dark red: green and blue down
        image -= blob(SIZE, centre, 6)[..., None] * np.array([30, 50, 15], np.float32)
    return np.clip(image, 0, 255).astype(np.uint8)


def near(bits: np.ndarray, centre: tuple[int, int], bit: int, radius: int = 4) -> bool:
    x, y = centre
    return bool(np.any(bits[y - radius:y + radius + 1, x - radius:x + radius + 1] & bit))


def test_finds_bright_and_dark_blobs_and_the_disc():
    image = fundus_with_lesions()
    found = detect_lesions(image, find_fov(image))
    for centre in EXUDATES:
        assert near(found.mask_bits, centre, LesionClass.EX.bit), f"exudate at {centre} missed"
        assert not near(found.mask_bits, centre, DARK)
    for centre in HAEMORRHAGES:
        assert near(found.mask_bits, centre, DARK), f"haemorrhage at {centre} missed"
        assert not near(found.mask_bits, centre, LesionClass.EX.bit)
    assert found.od_center is not None
    assert np.hypot(found.od_center[0] - DISC_CENTRE[0], found.od_center[1] - DISC_CENTRE[1]) < 15
    assert found.mask_bits[DISC_CENTRE[1], DISC_CENTRE[0]] & LesionClass.OD.bit
    assert 15 < found.od_radius < 45


def test_little_is_found_on_a_clean_fundus():
    image = synthetic_fundus(seed=2)
    fov = find_fov(image)
    found = detect_lesions(image, fov)
    lesion_bits = LesionClass.MA.bit | LesionClass.HE.bit | LesionClass.EX.bit | LesionClass.SE.bit
    lesion_share = np.count_nonzero(found.mask_bits & lesion_bits) / np.count_nonzero(fov.mask)
    assert lesion_share < 0.002


def test_maps_are_image_sized_probabilities_and_match_the_mask():
    image = fundus_with_lesions()
    found = detect_lesions(image)
    assert found.mask_bits.shape == SIZE and found.mask_bits.dtype == np.uint8
    assert set(found.probabilities) >= {LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.OD}
    for cls, probability in found.probabilities.items():
        assert probability.shape == SIZE and probability.dtype == np.float32
        assert probability.min() >= 0.0 and probability.max() <= 1.0
        np.testing.assert_array_equal((found.mask_bits & cls.bit) != 0, probability >= 0.5)


def test_large_images_are_worked_on_at_a_fixed_size():
    import cv2

    image = fundus_with_lesions()
    big = cv2.resize(image, (SIZE[1] * 4, SIZE[0] * 4), interpolation=cv2.INTER_LINEAR)
    found = detect_lesions(big)
    assert found.mask_bits.shape == big.shape[:2]
    for x, y in EXUDATES:
        assert near(found.mask_bits, (4 * x, 4 * y), LesionClass.EX.bit, radius=12)


def test_cancelling_stops_the_detector():
    state = CallbackState()
    state.cancel()
    with pytest.raises(Cancelled):
        detect_lesions(synthetic_fundus(), state=state)


@pytest.mark.parametrize("image", [np.zeros((40, 60, 3), np.uint8), np.full((7, 9, 3), 120, np.uint8)],
                         ids=["black", "tiny-grey"])
def test_degenerate_images_give_empty_lesion_maps(image):
    found = detect_lesions(image)
    assert found.mask_bits.shape == image.shape[:2]
    assert not np.any(found.mask_bits & (LesionClass.MA.bit | LesionClass.HE.bit | LesionClass.EX.bit))
