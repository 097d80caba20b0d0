"""Tiny generated training sets (fundus with painted lesions, masks, VOC boxes, grades, OCT-like class folders),
shared by the training and evaluation tests, plus checks of the generator itself."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.formats.masks import write_class_masks
from annotations.formats.voc import VocAnnotation, write_voc
from tests.unit.test_inference_fixtures import TINY_CLASSIFIER, TINY_DECODER, TINY_SEG_ENCODER, synthetic_fundus

LESION_COLOURS = {LesionClass.EX: (250, 240, 60), LesionClass.HE: (60, 0, 0)}
SIZE = 96  # generated image side (a little wider than tall, as fundus photos are)


def lesion_image(seed: int, width: int = SIZE + 16, height: int = SIZE) -> tuple[np.ndarray, np.ndarray]:
    """A synthetic fundus with 2-4 exudate (yellow) and haemorrhage (dark) blobs, and their bit mask."""
    rng = np.random.default_rng(seed)
    image = synthetic_fundus(width, height, seed=seed)
    bits = np.zeros((height, width), np.uint8)
    for cls, colour in LESION_COLOURS.items():
        for _ in range(int(rng.integers(2, 5))):
            x = int(rng.integers(width * 0.3, width * 0.7))
            y = int(rng.integers(height * 0.3, height * 0.7))
            radius = int(rng.integers(3, 6))
            cv2.circle(image, (x, y), radius, colour, -1)
            blob = np.zeros_like(bits)
            cv2.circle(blob, (x, y), radius, 1, -1)
            bits[blob == 1] |= np.uint8(cls.bit)
    return image, bits


def boxes_from_bits(bits: np.ndarray) -> list[Box]:
    boxes = []
    for cls in LESION_COLOURS:
        count, _, stats, _ = cv2.connectedComponentsWithStats(((bits & cls.bit) != 0).astype(np.uint8))
        for x, y, w, h, _ in stats[1:]:
            boxes.append(Box(cls, int(x), int(y), int(x + w - 1), int(y + h - 1)))
    return boxes


def write_mask_set(root: Path, count: int = 6, with_splits: bool = True) -> Path:
    """The export layout: images/, masks/NAME_XX.png, splits/."""
    names = [f"case{i:02d}" for i in range(count)]
    for i, name in enumerate(names):
        image, bits = lesion_image(i)
        (root / "images").mkdir(parents=True, exist_ok=True)
        Image.fromarray(image).save(root / "images" / f"{name}.png")
        write_class_masks(root / "masks", name, bits)
    if with_splits:
        (root / "splits").mkdir(exist_ok=True)
        (root / "splits" / "train.txt").write_text("\n".join(names[:-2]) + "\n")
        (root / "splits" / "val.txt").write_text(names[-2] + "\n")
        (root / "splits" / "test.txt").write_text(names[-1] + "\n")
    return root


def write_voc_set(root: Path, count: int = 5, label_names: dict[LesionClass, str] | None = None) -> Path:
    """CODRAS-like: images/NAME.jpg and voc/NAME.xml with one box per lesion blob (other class names)."""
    names = label_names or {LesionClass.EX: "hard_exudates", LesionClass.HE: "haemorrhage"}
    for i in range(count):
        image, bits = lesion_image(100 + i)
        (root / "images").mkdir(parents=True, exist_ok=True)
        Image.fromarray(image).save(root / "images" / f"img{i}.png")
        boxes = boxes_from_bits(bits)
        write_voc(root / "voc" / f"img{i}.xml", VocAnnotation(f"img{i}.png", image.shape[1], image.shape[0],
                                                              boxes=boxes), names)
    return root


def write_grade_set(root: Path, count: int = 10) -> Path:
    """Grades 0 and 2 (bright vs dark images, easy to tell apart) in an IDRiD-style CSV."""
    lines = ["Image name,Retinopathy grade,Risk of macular edema"]
    for i in range(count):
        grade = 2 * (i % 2)
        image = synthetic_fundus(SIZE, SIZE, seed=i)
        if grade:
            image = (image * 0.5).astype(np.uint8)
            image[image.sum(axis=2) > 0] += 10  # keep the field of view above the dark threshold
        (root / "images").mkdir(parents=True, exist_ok=True)
        Image.fromarray(image).save(root / "images" / f"g{i}.png")
        lines.append(f"g{i},{grade},0")
    (root / "grades.csv").write_text("\n".join(lines) + "\n")
    return root


def write_class_folders(root: Path, per_class: int = 3) -> Path:
    """Kermany-style OCT folders: CNV/CNV-<patient>-<n>.jpeg ... with a distinct grey level per class."""
    for c, name in enumerate(("CNV", "DME", "DRUSEN", "NORMAL")):
        (root / name).mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            image = np.full((64, 80, 3), 40 + 50 * c, np.uint8)
            Image.fromarray(image).save(root / name / f"{name}-{1000 + 10 * c + i}-1.jpeg")
    return root


def tiny_seg_options() -> dict:
    return dict(encoder=TINY_SEG_ENCODER, decoder_channels=list(TINY_DECODER), size=64, crop=32, batch_size=4)


def tiny_cls_options() -> dict:
    return dict(encoder=TINY_CLASSIFIER, size=64, batch_size=4)


def test_lesion_image_mask_matches_painted_colours() -> None:
    image, bits = lesion_image(3)
    exudate = (bits & LesionClass.EX.bit) != 0
    assert exudate.any() and ((bits & LesionClass.HE.bit) != 0).any()
    assert (image[exudate & ((bits & LesionClass.HE.bit) == 0)] == LESION_COLOURS[LesionClass.EX]).all()


def test_boxes_cover_their_blobs() -> None:
    _, bits = lesion_image(5)
    boxes = boxes_from_bits(bits)
    covered = np.zeros(bits.shape, bool)
    for box in boxes:
        covered[box.ymin:box.ymax + 1, box.xmin:box.xmax + 1] = True
    assert covered[bits != 0].all()
