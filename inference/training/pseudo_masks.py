"""Pseudo-masks for box-labelled photographs: the classical detector's candidates kept only inside boxes of their
class (a box says "this class is in here"; the detector says which pixels look like it).

``python -m inference.training.pseudo_masks DATA_DIR --label-map ... [--include-held-out]`` writes
``DATA_DIR/masks/NAME_HE.png`` and ``NAME_EX.png`` (0/255, image size) for every image with a VOC file, which
training then reads as painted masks. The held-out split (inference.dataset.HELD_OUT_RULE) gets none unless
``--include-held-out``, so its boxes stay evaluation-only. They are written through an OutputFolder on DATA_DIR, as
an export's files are: a mask already there (painted by hand, a data set export's) stops the run before any is
written unless ``--overwrite``, and one an earlier run wrote that someone changed since is kept beside
(``NAME.edited-TIME``) and named, by a run stopped part-way (an error, Ctrl-C) too. A damaged photo, a malformed VOC
file or a bad ``--label-map`` is said in one line naming it (exit status 2), Ctrl-C as "interrupted", the way
`retina-review`'s commands end (annotations.command_end).
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.formats.label_map import parse_label_map
from annotations.formats.masks import MASKS_FOLDER, class_mask_name
from annotations.formats.voc import read_voc
from annotations.image_io import load_image
from annotations.output_folder import OutputFolder
from inference.box_pairs import list_pairs
from inference.classical import detect_lesions
from inference.dataset import is_held_out
from inference.targets import box_mask
from inference.training.tool_end import run_tool

# the pseudo-mask class a detector bit counts as when the boxes have no class of its own (CODRAS: HE covers MA)
DETECTOR_BITS = {LesionClass.HE: LesionClass.HE.bit | LesionClass.MA.bit, LesionClass.EX: LesionClass.EX.bit}
JOB = "pseudo_masks"  # the kind of run the output folder's manifest records as the masks' writer


def pseudo_mask(detected_bits: np.ndarray, boxes: list, cls: LesionClass) -> np.ndarray:
    """Bool (H, W): detector pixels of ``cls`` inside the union of ``cls`` boxes."""
    inside = box_mask([b for b in boxes if b.label is cls], detected_bits.shape)
    return inside & ((detected_bits & DETECTOR_BITS[cls]) != 0)


def mask_folder(data: Path, overwrite: bool = False) -> OutputFolder:
    """The folder write_pseudo_masks writes in: ``data`` (job pseudo_masks), its photos originals, never replaced.
    main makes it itself, so that it names the masks kept aside however the run ends (OutputFolder.notes), as
    evaluate does."""
    return OutputFolder(data, originals=[image_path for _stem, image_path, _voc in list_pairs(Path(data))],
                        overwrite=overwrite, job=JOB)


def write_pseudo_masks(out: Path | OutputFolder, label_map: str, skip_held_out: bool = True) -> OutputFolder:
    """Each image's pseudo-masks as ``masks/NAME_HE.png`` … through ``out`` (mask_folder's; a path gets a new one, not
    overwriting); every name is checked before the first is written (OutputError names a mask in the way). Returns
    the folder written: its files and those kept aside."""
    out = out if isinstance(out, OutputFolder) else mask_folder(out)
    classes = parse_label_map(label_map)
    pairs = [pair for pair in list_pairs(out.root) if not (skip_held_out and is_held_out(pair[0]))]
    with out.claimed():
        out.reserve(_mask_name(stem, cls) for stem, _image, _voc in pairs for cls in DETECTOR_BITS)
        for stem, image_path, voc_path in pairs:
            detected = detect_lesions(load_image(image_path)).mask_bits
            boxes = read_voc(voc_path, classes).boxes
            for cls in DETECTOR_BITS:
                out.write_bytes(_mask_name(stem, cls), _png(pseudo_mask(detected, boxes, cls)))
    return out


def _mask_name(stem: str, cls: LesionClass) -> str:
    return f"{MASKS_FOLDER}/{class_mask_name(stem, cls)}"


def _png(mask: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(mask.astype(np.uint8) * 255).save(buffer, format="PNG")
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inference.training.pseudo_masks",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="folder with images/ and voc/")
    parser.add_argument("--label-map", default="hard_exudates=EX,haemorrhage=HE,optic_disc=OD")
    parser.add_argument("--include-held-out", action="store_true")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace masks already in DATA_DIR/masks (painted ones too); without it they stop the run")
    args = parser.parse_args(argv)
    return run_tool(lambda: _write(args))


def _write(args: argparse.Namespace) -> int:
    out: OutputFolder | None = None
    try:
        out = mask_folder(args.data, args.overwrite)
        write_pseudo_masks(out, args.label_map, not args.include_held_out)
    finally:  # the masks an earlier run wrote, touched up since and kept aside: said by a run stopped part-way too
        for note in out.notes() if out is not None else ():
            print(f"warning: {note}", file=sys.stderr)
    print(f"pseudo-masks for {out.files_written // len(DETECTOR_BITS)} images in {args.data / 'masks'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
