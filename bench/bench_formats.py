"""Label file speed: VOC export of 400 cases, VOC import of the 412 real files, masks of one 4288x2848 case."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from annotations.classes import ALL_CLASSES, LESION_CLASSES
from annotations.document import Box
from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP, parse_label_map
from annotations.formats.masks import write_class_masks, write_indexed_png
from annotations.formats.voc import VocAnnotation, read_voc, write_voc
from bench.shared_data import SHARED_DATA

REAL_VOC = SHARED_DATA / "codras-idrid" / "voc"
CASES, BOXES_PER_CASE = 400, 20
FULL_WIDTH, FULL_HEIGHT = 4288, 2848


def random_annotations(rng: np.random.Generator) -> list[VocAnnotation]:
    annotations = []
    for index in range(CASES):
        boxes = []
        for _ in range(BOXES_PER_CASE):
            x, y = int(rng.integers(0, 1000)), int(rng.integers(0, 660))
            boxes.append(Box(ALL_CLASSES[int(rng.integers(0, 5))], x, y, x + int(rng.integers(1, 24)),
                             y + int(rng.integers(1, 20)), difficult=bool(rng.random() < 0.1)))
        annotations.append(VocAnnotation(f"case_{index:04d}.jpg", 1024, 680, folder="images", boxes=boxes))
    return annotations


def lesion_mask(rng: np.random.Generator) -> np.ndarray:
    """Blobs of every class, some overlapping, about 1 % of the image: a heavily labelled case."""
    mask = np.zeros((FULL_HEIGHT, FULL_WIDTH), dtype=np.uint8)
    yy, xx = np.ogrid[-40:41, -40:41]
    for cls in LESION_CLASSES:
        for _ in range(150):
            radius = int(rng.integers(3, 40))
            cy, cx = int(rng.integers(40, FULL_HEIGHT - 40)), int(rng.integers(40, FULL_WIDTH - 40))
            disc = (yy * yy + xx * xx) <= radius * radius
            mask[cy - 40:cy + 41, cx - 40:cx + 41][disc] |= cls.bit
    mask[1200:1700, 600:1100] |= ALL_CLASSES[-1].bit  # optic disc
    return mask


def main() -> None:
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        annotations = random_annotations(rng)
        started = time.perf_counter()
        for annotation in annotations:
            write_voc(out / "voc" / annotation.filename.replace(".jpg", ".xml"), annotation)
        total = (time.perf_counter() - started) * 1000
        print(f"VOC export, {CASES} cases x {BOXES_PER_CASE} boxes (atomic, fsync): {total:.0f} ms total, "
              f"{total / CASES:.2f} ms per case   (target < 2000 ms total)")

        real = sorted(REAL_VOC.glob("*.xml")) if REAL_VOC.is_dir() else []
        if real:
            label_map = parse_label_map(IDRID_CODRAS_LABEL_MAP)
            started = time.perf_counter()
            boxes = sum(len(read_voc(path, label_map).boxes) for path in real)
            total = (time.perf_counter() - started) * 1000
            print(f"VOC import, {len(real)} real CODRAS files ({boxes} boxes): {total:.0f} ms total, "
                  f"{total / len(real):.2f} ms per file   (target < 1000 ms total)")
        else:
            print(f"VOC import of real files: skipped, {REAL_VOC} not found")

        mask = lesion_mask(rng)
        for ext in (".png", ".tif"):
            started = time.perf_counter()
            write_class_masks(out / "masks", "full", mask, ext)
            total = (time.perf_counter() - started) * 1000
            print(f"Per-class masks {ext}, one {FULL_WIDTH}x{FULL_HEIGHT} case (5 files): {total:.0f} ms"
                  f"   (target < 1000 ms)")
        started = time.perf_counter()
        write_indexed_png(out / "masks_indexed" / "full.png", mask)
        total = (time.perf_counter() - started) * 1000
        print(f"Indexed PNG, one {FULL_WIDTH}x{FULL_HEIGHT} case: {total:.0f} ms   (target < 500 ms)")
