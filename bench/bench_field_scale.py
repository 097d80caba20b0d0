"""Does enlarging a small photo's field into the lesion model's input make it draw texture as exudates? (issue 20:
a rule that kept the model off small photos was measured with this and not shipped, docs/models.md.) The same
eyes at several sizes: the CODRAS photos whose 4288x2848 originals are in ../shared/data/fullsize, as the original,
as CODRAS's 1024x680 copy (Lanczos, JPEG) and as the original reduced (area) to a field of 1536, 1100 and 820 px.
Per size: the EX components the shipped lesion model draws alone and the classical detector's, with how many lie
at least half inside a CODRAS EX box. Skipped when the photos are absent. One CPU thread.
Run: .venv/bin/python -m bench field_scale   (about half a minute)
"""
from __future__ import annotations


import cv2
import numpy as np
import torch

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.formats.voc import read_voc
from annotations.image_io import load_image
from bench.shared_data import SHARED_DATA, shared_photos
from inference.classical import detect_lesions
from inference.preprocess import find_fov
from inference.registry import ModelRegistry
from inference.segmentation import segment

FIELDS = (1536, 1100, 820)  # px: reduced copies of the original
LABELS = {"hard_exudates": LesionClass.EX}
EX = LesionClass.EX


def main() -> None:
    originals = shared_photos("fullsize", "codras_*.jpg")
    if not originals:
        return
    torch.set_num_threads(1)
    model = ModelRegistry.bundled().load_set((), "cpu").get("lesion-segmentation")
    print(f"   EX components of {model.card.name} alone / the classical detector (in an EX box)")
    for original_path in originals:
        stem = original_path.stem
        boxes = [box for box in read_voc(SHARED_DATA / "codras-idrid" / "voc" / f"{stem}.xml", LABELS).boxes
                 if box.label is EX]
        for name, image in _sizes(load_image(original_path), load_image(SHARED_DATA / "codras-idrid" / "images" /
                                                                            f"{stem}.jpg")):
            inside = _box_mask(image.shape[:2], boxes, image.shape[1] / 1024)
            learned = segment(model, image, find_fov(image)).mask_bits([EX])
            classical = detect_lesions(image, classes=(EX,)).mask_bits & np.uint8(EX.bit)
            field = 2 * find_fov(image).radius
            print(f"   {stem} {name:<22} field {field:5.0f} px: {_count(learned, inside)} / "
                  f"{_count(classical, inside)}", flush=True)


def _sizes(original: np.ndarray, codras: np.ndarray) -> list[tuple[str, np.ndarray]]:
    full_field = 2 * find_fov(original).radius
    sizes = [("original", original), ("CODRAS copy", codras)]
    for field in FIELDS:
        scale = field / full_field
        size = (round(original.shape[1] * scale), round(original.shape[0] * scale))
        sizes.append(("original reduced", cv2.resize(original, size, interpolation=cv2.INTER_AREA)))
    return sizes


def _box_mask(shape: tuple[int, int], boxes: list[Box], scale: float) -> np.ndarray:
    """Pixels inside a box; the boxes are in the 1024 px copy's coordinates."""
    inside = np.zeros(shape, bool)
    for box in boxes:
        inside[int(box.ymin * scale):int(np.ceil((box.ymax + 1) * scale)),
               int(box.xmin * scale):int(np.ceil((box.xmax + 1) * scale))] = True
    return inside


def _count(bits: np.ndarray, inside: np.ndarray) -> str:
    count, labels, stats, _ = cv2.connectedComponentsWithStats((bits != 0).astype(np.uint8), connectivity=8)
    in_box = np.bincount(labels[inside], minlength=count)[1:]
    return f"{count - 1:4d} ({int(np.sum(in_box * 2 >= stats[1:, cv2.CC_STAT_AREA]))})"
