"""Pseudo-masks for box-labelled photographs: the classical detector's candidates kept only inside boxes of their
class (a box says "this class is in here"; the detector says which pixels look like it).

``python -m inference.training.pseudo_masks DATA_DIR --label-map ... [--skip-held-out]`` writes
``DATA_DIR/masks/NAME_HE.png`` and ``NAME_EX.png`` (0/255, image size) for every image with a VOC file, which
training then reads as painted masks. With ``--skip-held-out`` the held-out split (inference.dataset.HELD_OUT_RULE)
gets none, so its boxes stay evaluation-only.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats.label_map import parse_label_map
from annotations.formats.voc import read_voc
from annotations.image_io import load_image
from inference.box_eval import list_pairs
from inference.classical import detect_lesions
from inference.dataset import is_held_out
from inference.targets import box_mask

# the pseudo-mask class a detector bit counts as when the boxes have no class of its own (CODRAS: HE covers MA)
DETECTOR_BITS = {LesionClass.HE: LesionClass.HE.bit | LesionClass.MA.bit, LesionClass.EX: LesionClass.EX.bit}


def pseudo_mask(detected_bits: np.ndarray, boxes: list, cls: LesionClass) -> np.ndarray:
    """Bool (H, W): detector pixels of ``cls`` inside the union of ``cls`` boxes."""
    inside = box_mask([b for b in boxes if b.label is cls], detected_bits.shape)
    return inside & ((detected_bits & DETECTOR_BITS[cls]) != 0)


def write_pseudo_masks(data: Path, label_map: str, skip_held_out: bool = True) -> int:
    classes = parse_label_map(label_map)
    out = Path(data) / "masks"
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for stem, image_path, voc_path in list_pairs(Path(data)):
        if skip_held_out and is_held_out(stem):
            continue
        image = load_image(image_path)
        annotation = read_voc(voc_path, classes)
        detected = detect_lesions(image).mask_bits
        for cls in DETECTOR_BITS:
            mask = pseudo_mask(detected, annotation.boxes, cls)
            Image.fromarray(mask.astype(np.uint8) * 255).save(out / f"{stem}_{cls.name}.png")
        written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inference.training.pseudo_masks",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="folder with images/ and voc/")
    parser.add_argument("--label-map", default="hard_exudates=EX,haemorrhage=HE,optic_disc=OD")
    parser.add_argument("--include-held-out", action="store_true")
    args = parser.parse_args(argv)
    count = write_pseudo_masks(args.data, args.label_map, skip_held_out=not args.include_held_out)
    print(f"pseudo-masks for {count} images in {args.data / 'masks'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
