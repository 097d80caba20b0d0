"""Labels drawn over a photo: the blend, and what drawing them over a large photo costs in memory."""
from __future__ import annotations

import tracemalloc

import numpy as np

from annotations.classes import LesionClass, hex_to_rgb
from annotations.render import overlay_mask


def test_labels_are_blended_over_a_large_photo_without_a_float_copy_of_it() -> None:
    photo = np.full((1500, 2000, 3), 90, np.uint8)  # 9 MB: the output, the masks of a class, no float copy
    bits = np.zeros(photo.shape[:2], np.uint8)
    bits[100:300, 200:500] = LesionClass.HE.bit
    bits[250:280, 450:470] |= LesionClass.EX.bit  # on top of the haemorrhage
    tracemalloc.start()
    try:
        drawn = overlay_mask(photo, bits)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * photo.nbytes, f"drawing took {peak / 2**20:.0f} MB for a {photo.nbytes / 2**20:.0f} MB photo"
    he = np.array(hex_to_rgb(LesionClass.HE.colour)) * 0.55 + 90 * 0.45
    assert np.abs(drawn[150, 250].astype(int) - he).max() <= 0.5  # rounded to the nearest value
    ex_over_he = np.array(hex_to_rgb(LesionClass.EX.colour)) * 0.55 + he * 0.45
    assert np.abs(drawn[260, 460].astype(int) - ex_over_he).max() <= 1  # a later class over an earlier one
    assert (drawn[0, 0] == 90).all() and (drawn[1000:] == photo[1000:]).all()  # the photo elsewhere
