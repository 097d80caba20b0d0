"""Workspace store speed: saving a full-size case, autosave, and opening a folder of 400 images.

Uses ../shared/data when present (through symlinks in a temp folder: the sidecar never goes into shared data),
generated images otherwise.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from bench.shared_data import SHARED_DATA

FULL_SIZE = (2848, 4288)  # height, width of an IDRiD original
FOLDER_SIZE = 400
REPEATS = 9


def median_ms(action, repeats: int = REPEATS) -> float:
    times = []
    for step in range(repeats):
        started = time.perf_counter()
        action(step)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def painted_mask(rng: np.random.Generator) -> np.ndarray:
    """Lesion-like blobs: a few hundred small discs per class, as a reader would paint them."""
    mask = np.zeros(FULL_SIZE, np.uint8)
    yy, xx = np.ogrid[-30:31, -30:31]
    for cls in LESION_CLASSES:
        for _ in range(120):
            radius = int(rng.integers(3, 30))
            y, x = int(rng.integers(40, FULL_SIZE[0] - 40)), int(rng.integers(40, FULL_SIZE[1] - 40))
            mask[y - 30:y + 31, x - 30:x + 31][xx**2 + yy**2 <= radius**2] |= np.uint8(cls.bit)
    return mask


def full_size_folder(root: Path) -> Path:
    folder = root / "fullsize"
    folder.mkdir()
    source = SHARED_DATA / "fullsize" / "codras_0007.jpg"
    if source.is_file():
        (folder / source.name).symlink_to(source)
    else:
        Image.fromarray(np.full((*FULL_SIZE, 3), 90, np.uint8)).save(folder / "codras_0007.jpg", quality=80)
    return folder


def bench_case_save(root: Path) -> None:
    rng = np.random.default_rng(0)
    with Workspace.open(full_size_folder(root), reader="bench") as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask = painted_mask(rng)
        doc.boxes = [Box(LesionClass(int(rng.integers(1, 6))), x, y, x + 40, y + 30)
                     for x, y in zip(rng.integers(0, 4200, 50).tolist(), rng.integers(0, 2800, 50).tolist())]

        def save(step: int) -> None:
            doc.mask[step, 0] ^= LesionClass.MA.bit  # a real edit each time: unchanged saves are skipped
            ws.save_case(doc)

        def autosave_changed(step: int) -> None:
            doc.mask[step, 1] ^= LesionClass.HE.bit
            ws.autosave(doc)

        print(f"case save 4288x2848, painted mask, 50 boxes: {median_ms(save):7.1f} ms median (target <= 150 ms)")
        load = median_ms(lambda _: ws.load_case(doc.case_id))
        print(f"load that case:                            {load:7.1f} ms median")
        print(f"autosave, changed:                         {median_ms(autosave_changed):7.1f} ms median "
              "(runs on a timer; target <= 150 ms)")
        print(f"autosave, unchanged:                       {median_ms(lambda _: ws.autosave(doc)):7.1f} ms median "
              "(target <= 20 ms)")


def image_folder(root: Path) -> tuple[Path, str]:
    folder = root / "folder"
    folder.mkdir()
    shared = sorted((SHARED_DATA / "codras-idrid" / "images").glob("*.jpg"))[:FOLDER_SIZE]
    if len(shared) == FOLDER_SIZE:
        for path in shared:
            (folder / path.name).symlink_to(path)
        return folder, "codras-idrid 1024x680 JPEGs (symlinked)"
    image = Image.fromarray(np.full((680, 1024, 3), 90, np.uint8))
    for number in range(FOLDER_SIZE):
        image.save(folder / f"img_{number:04d}.jpg", quality=85)
    return folder, "generated 1024x680 JPEGs"


def bench_open(root: Path) -> None:
    folder, what = image_folder(root)
    started = time.perf_counter()
    with Workspace.open(folder) as ws:
        listed = len(ws.cases())
    first = (time.perf_counter() - started) * 1000

    def reopen(_step: int) -> None:
        with Workspace.open(folder) as ws:
            ws.cases()

    print(f"open {listed} images ({what}), first time: {first:7.1f} ms (reads every header; target <= 2000 ms)")
    print(f"open again (index up to date):              {median_ms(reopen, 5):7.1f} ms median (target <= 500 ms)")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-workspace-") as tmp:
        root = Path(tmp)
        bench_case_save(root)
        bench_open(root)
