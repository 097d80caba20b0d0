"""Are grey images told apart by their pixels: OCT B-scans from red-free (grey) fundus photos? Every shared Kermany
B-scan (judged under its file name alone: its folder's name would say OCT), and every shared IDRiD photo as luminance
and as the green channel alone, with how many are decided right, the range of field_of_view_fit (the threshold is
FIELD_MIN_FIT) and of row_spread (LAYER_MIN_SPREAD) and the time a decision takes. Then the hard cases a clinic meets,
on the CODRAS photos: under- and over-exposed, a small pupil, vignetted, red-free, cropped, on a smartphone's black
20:9 screen, and B-scans made wide, cropped or put on such a page; last, the confusion table of all of them. Skipped
when the photos are absent.
Run: .venv/bin/python -m bench modality   (a few minutes: decoding the photos)
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
from PIL import Image

from annotations.document import Modality
from annotations.image_io import load_image
from annotations.modality import FIELD_MIN_FIT, LAYER_MIN_SPREAD, field_of_view_fit, guess_modality, row_spread
from bench.shared_data import shared_photos


def main() -> None:
    print(f"   right / all, field_of_view_fit min-max (fundus from {FIELD_MIN_FIT}), row_spread min-max (B-scan from "
          f"{LAYER_MIN_SPREAD}, where no field of view), ms a decision (median, max)")
    guessed: dict[tuple[Modality, Modality], int] = {}  # (truth, guess): images
    scans = shared_photos("oct-sample", "*/*.jpeg")
    if scans:
        _report("Kermany B-scans", Modality.OCT, ((Path(scan.name), load_image(scan)) for scan in scans), guessed)
    for folder in ("codras-idrid/images", "idrid-seg/images", "fullsize"):
        photos = shared_photos(folder)
        for kind in ("luminance", "green"):
            _report(f"{folder.split('/')[0]} {kind}", Modality.FUNDUS,
                    ((photo, _grey(load_image(photo), kind)) for photo in photos), guessed)
    photos = shared_photos("codras-idrid/images")
    for name, change in HARD_CASES.items():
        _report(f"codras {name}", Modality.FUNDUS, ((photo, change(load_image(photo))) for photo in photos), guessed)
    for name, change in SCAN_CASES.items():
        _report(f"B-scans {name}", Modality.OCT, ((Path(scan.name), change(load_image(scan))) for scan in scans),
                guessed)
    print(f"   {'all of them, truth by guess:':<34} {'as OCT':>7} {'as fundus':>9}")
    for truth in (Modality.OCT, Modality.FUNDUS):
        counts = (guessed.get((truth, guess), 0) for guess in (Modality.OCT, Modality.FUNDUS))
        print(f"   {truth.name:<34} {next(counts):7} {next(counts):9}")


def _lit(colour: np.ndarray, factor: float) -> np.ndarray:
    return np.clip(colour * np.float32(factor), 0, 255).astype(np.uint8)


def _small_pupil(colour: np.ndarray) -> np.ndarray:
    """Light fading from 45 % of the frame's half height out to none at 75 %."""
    height, width = colour.shape[:2]
    ys, xs = np.ogrid[:height, :width]
    reach = np.hypot(ys - height / 2, xs - width / 2) / (min(height, width) / 2)
    return (colour * np.clip((0.75 - reach) / 0.3, 0, 1)[..., None]).astype(np.uint8)


def _vignetted(colour: np.ndarray) -> np.ndarray:
    """Half the light left in the corners, none of them black."""
    height, width = colour.shape[:2]
    ys, xs = np.ogrid[:height, :width]
    reach = np.hypot(ys - height / 2, xs - width / 2) / np.hypot(height / 2, width / 2)
    return (colour * (1 - 0.5 * reach ** 2)[..., None]).astype(np.uint8)


def _cropped(colour: np.ndarray) -> np.ndarray:
    """A square of 60 % of the height from the middle: no black surround left."""
    side = colour.shape[0] * 3 // 5
    top, left = (colour.shape[0] - side) // 2, (colour.shape[1] - side) // 2
    return np.ascontiguousarray(colour[top:top + side, left:left + side])


def _on_phone(colour: np.ndarray, share: float = 0.8) -> np.ndarray:
    """Centred on a black 20:9 page, filling ``share`` of its height."""
    height, width = colour.shape[:2]
    page = np.zeros((round(height / share), round(height / share * 20 / 9), 3), np.uint8)
    top, left = (page.shape[0] - height) // 2, (page.shape[1] - width) // 2
    page[top:top + height, left:left + width] = colour
    return page


HARD_CASES: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "dark x0.2": lambda colour: _lit(colour, 0.2),
    "over-exposed x2.5": lambda colour: _lit(colour, 2.5),
    "small pupil": _small_pupil,
    "small pupil dark": lambda colour: _small_pupil(_lit(colour, 0.2)),
    "cropped": _cropped,
    "phone": _on_phone,
    "phone dark": lambda colour: _on_phone(_lit(colour, 0.2)),
    "red-free dark": lambda colour: _grey(_lit(colour, 0.2), "green"),
    "red-free pupil": lambda colour: _grey(_small_pupil(colour), "green"),
    "red-free phone": lambda colour: _grey(_on_phone(colour), "green"),
    "red-free cropped": lambda colour: _grey(_cropped(colour), "green"),
    "red-free cropped lum.": lambda colour: _grey(_cropped(colour), "luminance"),
    "red-free cropped dark": lambda colour: _grey(_cropped(_lit(colour, 0.2)), "green"),
    "red-free cropped bright": lambda colour: _grey(_cropped(_lit(colour, 2.5)), "green"),
    "red-free cropped vignetted": lambda colour: _grey(_vignetted(_cropped(colour)), "green"),
    "red-free cropped on a page": lambda colour: _grey(_on_phone(_cropped(colour)), "green"),
}
SCAN_CASES: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "stretched 2.1:1": lambda scan: np.asarray(Image.fromarray(scan).resize((scan.shape[0] * 21 // 10, scan.shape[0]))),
    "on a phone page": lambda scan: _on_phone(scan, 1.0),
    "on a page, black above too": _on_phone,
    "cropped": _cropped,
    "dark x0.2": lambda scan: _lit(scan, 0.2),
    "vignetted": _vignetted,
}


def _grey(colour: np.ndarray, kind: str) -> np.ndarray:
    values = np.asarray(Image.fromarray(colour).convert("L")) if kind == "luminance" else colour[..., 1]
    return np.broadcast_to(values[..., None], (*values.shape, 3))


def _report(name: str, truth: Modality, items: Iterable[tuple[Path, np.ndarray]],
            guessed: dict[tuple[Modality, Modality], int]) -> None:
    right, fits, spreads, seconds = 0, [], [], []
    for path, image in items:
        started = time.perf_counter()
        guess = guess_modality(path, image)
        seconds.append(time.perf_counter() - started)
        right += guess is truth
        guessed[truth, guess] = guessed.get((truth, guess), 0) + 1
        fits.append(field_of_view_fit(image))
        spreads.append(row_spread(image))
    if fits:
        print(f"   {name:<34} {right:3}/{len(fits):<3} fit {min(fits):.2f}-{max(fits):.2f}  "
              f"rows {min(spreads):.2f}-{max(spreads):.2f}  "
              f"{1000 * float(np.median(seconds)):.1f} / {1000 * max(seconds):.1f} ms", flush=True)
