"""COCO import of a generated 4288x2848 photo's file with 2000 lesion polygons (each a few dozen pixels across):
the time to fill them into the case's mask; and of our own export of that mask, an RLE annotation per lesion."""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import numpy as np

from annotations.document import CaseDocument
from annotations.formats.coco import export_coco, import_coco

WIDTH, HEIGHT, POLYGONS = 4288, 2848, 2000


def coco_document(rng: np.random.Generator) -> dict:
    def polygon() -> list[float]:
        centre = rng.uniform((0, 0), (WIDTH, HEIGHT))
        angles = np.sort(rng.uniform(0, 2 * np.pi, int(rng.integers(5, 12))))
        radii = rng.uniform(3, 30, angles.size)
        return [round(float(v), 2) for v in (centre + np.c_[np.cos(angles), np.sin(angles)] * radii[:, None]).ravel()]

    return {"images": [{"id": 1, "file_name": "photo.jpg", "width": WIDTH, "height": HEIGHT}],
            "categories": [{"id": c, "name": name} for c, name in enumerate(("MA", "HE", "EX", "SE"), 1)],
            "annotations": [{"id": i, "image_id": 1, "category_id": int(rng.integers(1, 5)),
                             "segmentation": [polygon()], "iscrowd": 0} for i in range(1, POLYGONS + 1)]}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annotations.json"
        path.write_text(json.dumps(coco_document(np.random.default_rng(0))))
        started = time.perf_counter()
        _, mask = import_coco(path)["photo.jpg"]
        took = time.perf_counter() - started
        print(f"COCO import, {WIDTH}x{HEIGHT}, {POLYGONS} polygons: {took:.2f} s, {np.count_nonzero(mask)} painted "
              "pixels")
        export_coco([CaseDocument("a", "photo.jpg", WIDTH, HEIGHT, mask=mask)], path, compressed_rle=True)
        regions = len(json.loads(path.read_text())["annotations"])
        started = time.perf_counter()
        _, again = import_coco(path)["photo.jpg"]
        took = time.perf_counter() - started
    same = bool((again == mask).all())
    print(f"COCO import of its export, {regions} RLE regions: {took:.2f} s, the same pixels: {same}")
