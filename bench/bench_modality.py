"""Are grey images told apart by their pixels: OCT B-scans from red-free (grey) fundus photos? Every shared Kermany
B-scan (judged under its file name alone: its folder's name would say OCT), and every shared IDRiD photo as luminance
and as the green channel alone, with how many are decided right, the range of field_of_view_fit (the threshold is
FIELD_MIN_FIT) and the time a decision takes. Skipped when the photos are absent.
Run: .venv/bin/python -m bench modality   (about half a minute: decoding the photos)
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable

import numpy as np
from PIL import Image

from annotations.document import Modality
from annotations.image_io import load_image
from annotations.modality import FIELD_MIN_FIT, field_of_view_fit, guess_modality
from bench.shared_data import shared_photos


def main() -> None:
    print(f"   right / all, field_of_view_fit min-max (fundus from {FIELD_MIN_FIT}), ms a decision (median, max)")
    scans = shared_photos("oct-sample", "*/*.jpeg")
    if scans:
        _report("Kermany B-scans", Modality.OCT, ((Path(scan.name), load_image(scan)) for scan in scans))
    for folder in ("codras-idrid/images", "idrid-seg/images", "fullsize"):
        photos = shared_photos(folder)
        for kind in ("luminance", "green"):
            _report(f"{folder.split('/')[0]} {kind}", Modality.FUNDUS,
                    ((photo, _grey(load_image(photo), kind)) for photo in photos))


def _grey(colour: np.ndarray, kind: str) -> np.ndarray:
    values = np.asarray(Image.fromarray(colour).convert("L")) if kind == "luminance" else colour[..., 1]
    return np.broadcast_to(values[..., None], (*values.shape, 3))


def _report(name: str, truth: Modality, items: Iterable[tuple[Path, np.ndarray]]) -> None:
    right, fits, seconds = 0, [], []
    for path, image in items:
        started = time.perf_counter()
        right += guess_modality(path, image) is truth
        seconds.append(time.perf_counter() - started)
        fits.append(field_of_view_fit(image))
    if fits:
        print(f"   {name:<22} {right:3}/{len(fits):<3} fit {min(fits):.2f}-{max(fits):.2f}  "
              f"{1000 * float(np.median(seconds)):.1f} / {1000 * max(seconds):.1f} ms", flush=True)
