"""A folder written by `export --format indexed` into ``masks/`` beside ``images/`` before exports left their manifest
(output_folder: a folder holding one is skipped): indexed PNGs named as their photos (``masks/P1.png`` of
``images/P1.jpg``) were listed as photos, each a dark case of coloured blobs beside its photo. Their header tells them
(palette mode with the class palette, masks.has_class_palette), read only for a PNG named as a photo in a folder whose
name says labels, and remembered as the headers of files named as masks are (photo_modes)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats import masks
from annotations.workspace import Workspace
from annotations.workspace.scan import scan_images

SHAPE = (24, 40)


def old_indexed_export(root: Path, stems: tuple[str, ...] = ("P1", "P2")) -> None:
    """``images/STEM.jpg`` photos and ``masks/STEM.png``, as the indexed export wrote them, with no manifest."""
    (root / "images").mkdir()
    (root / "masks").mkdir()
    bits = np.zeros(SHAPE, np.uint8)
    bits[3:9, 4:12] = LesionClass.EX.bit
    for number, stem in enumerate(stems):
        photo = np.random.default_rng(number).integers(0, 256, (*SHAPE, 3), np.uint8)
        Image.fromarray(photo).save(root / "images" / f"{stem}.jpg")
        (root / "masks" / f"{stem}.png").write_bytes(masks.indexed_png_bytes(bits))


@pytest.fixture
def palettes_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = masks._header_palette
    monkeypatch.setattr(masks, "_header_palette", lambda path: read.append(Path(path).name) or real(path))
    return read


def test_an_old_indexed_exports_masks_are_not_listed_as_photos(tmp_path: Path) -> None:
    old_indexed_export(tmp_path)
    assert scan_images(tmp_path) == ["images/P1.jpg", "images/P2.jpg"]
    with Workspace.open(tmp_path) as ws:
        assert [case.image_path for case in ws.cases()] == ["images/P1.jpg", "images/P2.jpg"]


def test_their_headers_are_read_once(tmp_path: Path, palettes_read: list[str]) -> None:
    old_indexed_export(tmp_path)
    with Workspace.open(tmp_path) as ws:
        assert len(ws.cases()) == 2
    assert sorted(palettes_read) == ["P1.png", "P2.png"]
    palettes_read.clear()
    with Workspace.open(tmp_path) as ws:  # a reopen reads no header of an unchanged file again
        assert len(ws.cases()) == 2
    assert palettes_read == []


def test_a_photo_among_labels_is_still_listed(tmp_path: Path) -> None:
    """A grey PNG photo and a palette PNG of other colours in a folder called Labelled stay photos, and a JPEG."""
    old_indexed_export(tmp_path)
    grey = np.random.default_rng(7).integers(0, 256, SHAPE, np.uint8)
    (tmp_path / "Labelled").mkdir()
    Image.fromarray(grey).save(tmp_path / "Labelled" / "P1.png")
    Image.fromarray(grey).convert("P", palette=Image.Palette.ADAPTIVE).save(tmp_path / "Labelled" / "P2.png")
    Image.fromarray(grey).save(tmp_path / "Labelled" / "P3.jpg")
    assert scan_images(tmp_path) == ["Labelled/P1.png", "Labelled/P2.png", "Labelled/P3.jpg", "images/P1.jpg",
                                     "images/P2.jpg"]
