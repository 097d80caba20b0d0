"""Overlay rebuilds computed tile by tile draw exactly what a whole-array computation draws, and a new AI result
redraws only the layers made from it."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QGraphicsScene

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.commands import Change
from annotations.document import AIResult, CaseDocument
from widgets.canvas import ImageCanvas
from widgets.canvas_items import (REBUILD_TILE, MaskOverlayItem, colour_table, mask_keys, occupied_tiles,
                                   outline_thickness)

HEIGHT, WIDTH = 2 * REBUILD_TILE + 90, 2 * REBUILD_TILE + 130  # tiles cut at the edges too


def _random_mask(seed: int, lesions: int = 12) -> np.ndarray:
    rng = np.random.default_rng(seed)
    bits = np.zeros((HEIGHT, WIDTH), np.uint8)
    for _ in range(lesions):
        y, x, size = rng.integers(0, HEIGHT - 5), rng.integers(0, WIDTH - 5), rng.integers(2, 60)
        bits[y:y + size, x:x + size] |= np.uint8(1 << int(rng.integers(0, 5)))
    return bits


def _expected(bits: np.ndarray, outline_only: bool, visible=frozenset(ALL_CLASSES), alpha: int = 255) -> np.ndarray:
    keys = mask_keys(bits, outline_only, outline_thickness(*bits.shape))
    return colour_table(set(visible), 255 if outline_only else alpha)[keys]


def test_occupied_tiles_finds_every_tile_with_bits() -> None:
    bits = np.zeros((HEIGHT, WIDTH), np.uint8)
    bits[HEIGHT - 1, WIDTH - 1] = 4
    bits[REBUILD_TILE, 3] = 1
    tiles = occupied_tiles(bits)
    assert tiles.shape == (3, 3)
    assert sorted(zip(*np.nonzero(tiles))) == [(1, 0), (2, 2)]


@pytest.mark.parametrize("outline_only", [False, True])
def test_tiled_rebuild_equals_the_whole_array_computation(qtbot, outline_only: bool) -> None:
    scene = QGraphicsScene()
    item = MaskOverlayItem(None, outline_only=outline_only)
    scene.addItem(item)
    item.set_fill_opacity(0.5)
    first, second = _random_mask(1), _random_mask(2)
    item.set_bits(first)
    np.testing.assert_array_equal(item.buffer, _expected(first, outline_only, alpha=128))
    first[HEIGHT - 40:HEIGHT - 10, 5:40] |= LesionClass.HE.bit  # an edit in a tile that held nothing
    item.update_region(HEIGHT - 40, HEIGHT - 10, 5, 40)
    item.set_bits(second)  # same size, other content: the old drawing must be gone everywhere
    np.testing.assert_array_equal(item.buffer, _expected(second, outline_only, alpha=128))
    shown = set(ALL_CLASSES) - {LesionClass.EX}
    item.set_visible_classes(shown)
    np.testing.assert_array_equal(item.buffer, _expected(second, outline_only, shown, alpha=128))


def test_an_ai_result_redraws_only_the_ai_layers(qtbot) -> None:
    canvas = ImageCanvas()
    qtbot.addWidget(canvas)
    canvas.set_image(np.zeros((HEIGHT, WIDTH, 3), np.uint8))
    canvas.set_mask_source("both")
    doc = CaseDocument("c", "c.png", WIDTH, HEIGHT, mask=_random_mask(3))
    canvas.set_document(doc)
    reader_before = canvas.layers.mask.buffer.copy()
    rebuilt = []
    canvas.layers.mask.rebuild = lambda: rebuilt.append("reader")  # type: ignore[method-assign]
    doc.ai = AIResult(mask=_random_mask(4), cam=np.full((HEIGHT, WIDTH), 0.5, np.float32))
    canvas.apply_change(Change("ai"))
    assert rebuilt == []
    np.testing.assert_array_equal(canvas.layers.mask.buffer, reader_before)
    np.testing.assert_array_equal(canvas.layers.ai_outline.buffer, _expected(doc.ai.mask, True))
    assert not canvas.layers.heatmap.qimage().isNull()
