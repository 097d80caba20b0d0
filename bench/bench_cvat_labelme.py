"""CVAT and labelme round trips of the 17 IDRiD cases with specialists' masks (4288x2848): time, file size, and
the pixels that do not come back (none: labelme writes a region with a hole as a mask shape, not a polygon)."""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import ALL_CLASSES
from annotations.document import CaseDocument
from annotations.formats.cvat import cvat_xml, import_cvat
from annotations.formats.labelme import labelme_json, read_labelme
from annotations.formats.masks import read_class_masks
from annotations.tools.components import class_components
from bench.shared_data import SHARED_DATA, shared_photos

MASKS = SHARED_DATA / "idrid-seg" / "masks"


def cases() -> list[CaseDocument]:
    found = []
    for photo in shared_photos("idrid-seg/images"):
        width, height = Image.open(photo).size
        mask = read_class_masks(MASKS, photo.stem, (height, width))
        found.append(CaseDocument(photo.stem, photo.name, width, height, mask=mask))
    return found


def main() -> None:
    documents = cases()
    if not documents:
        return
    regions = sum(len(class_components(doc.mask)) for doc in documents)
    painted = sum(int(np.count_nonzero(doc.mask)) for doc in documents)
    print(f"{len(documents)} cases, {regions} painted regions, {painted} painted pixels")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annotations.xml"
        started = time.perf_counter()
        path.write_bytes(cvat_xml(documents))
        written = time.perf_counter() - started
        started = time.perf_counter()
        back = import_cvat(path)
        read = time.perf_counter() - started
        wrong = sum(int(np.count_nonzero(back[doc.image_path].mask != doc.mask)) for doc in documents)
        print(f"CVAT: write {written:.1f} s, read {read:.1f} s, {path.stat().st_size / 2**20:.1f} MB, "
              f"{wrong} pixels differ (expected 0)")

        write_s = read_s = 0.0
        size, masks, lost = 0, 0, dict.fromkeys(ALL_CLASSES, 0)
        for doc in documents:
            path = Path(folder) / f"{doc.case_id}.json"
            started = time.perf_counter()
            text = labelme_json(doc, doc.image_path)
            path.write_text(text)
            write_s += time.perf_counter() - started
            masks += sum(shape["shape_type"] == "mask" for shape in json.loads(text)["shapes"])
            started = time.perf_counter()
            mask = read_labelme(path).mask
            read_s += time.perf_counter() - started
            size += path.stat().st_size
            for cls in ALL_CLASSES:
                lost[cls] += int(np.count_nonzero(((mask ^ doc.mask) & cls.bit) != 0))
        added = ", ".join(f"{cls.name} {n}" for cls, n in lost.items())
        print(f"labelme: write {write_s:.1f} s, read {read_s:.1f} s, {size / 2**20:.1f} MB, {masks} of {regions} "
              f"regions written as masks (they have holes), pixels that differ {sum(lost.values())} (expected 0): "
              f"{added}")
