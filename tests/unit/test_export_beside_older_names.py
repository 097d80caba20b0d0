"""Exporting into an export folder an earlier version wrote: before per-case label files were named by the photo,
``2026-12/IDRiD_05.jpg`` was exported as ``2026-12__IDRiD_05.xml`` (masks ``2026-12__IDRiD_05_EX.png``), and before
exports listed what they wrote nothing proves those files the program's. The new export writes ``IDRiD_05.xml``
beside them and the old ones stay: the folder holds each photo's labels twice, and the export has to say so."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels

# what a 2026-12-01 export wrote, by format: its file of the photo, in its own bytes, with its marker and no list
EARLIER = {"voc": ("2026-12__IDRiD_05.xml", b"<annotation><filename>IDRiD_05.jpg</filename></annotation>\n"),
           "masks": ("2026-12__IDRiD_05_EX.png", b"\x89PNG\r\n\x1a\n earlier mask")}
MARKER = ".retinareview-output/outputs-only"


def _folder_with_a_labelled_photo(tmp_path: Path) -> Path:
    photos = tmp_path / "clinic"
    (photos / "2026-12").mkdir(parents=True)
    Image.fromarray(np.full((30, 40, 3), 90, np.uint8)).save(photos / "2026-12/IDRiD_05.jpg")
    with Workspace.open(photos) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.boxes = [Box(LesionClass.EX, 2, 3, 12, 14)]
        doc.mask[5:9, 20:24] = LesionClass.EX.bit
        ws.save_case(doc)
    return photos


def _earlier_export(out: Path, fmt: str) -> Path:
    name, data = EARLIER[fmt]
    (out / MARKER).parent.mkdir(parents=True)
    (out / MARKER).write_text("RetinaReview wrote the files in this folder (an export or an analysis)\n")
    (out / name).write_bytes(data)
    return out / name


@pytest.mark.parametrize("overwrite", [False, True])
@pytest.mark.parametrize("fmt", sorted(EARLIER))
def test_an_earlier_versions_file_of_the_same_photo_is_kept_and_named(tmp_path: Path, fmt: str,
                                                                      overwrite: bool) -> None:
    photos, out = _folder_with_a_labelled_photo(tmp_path), tmp_path / "export"
    earlier = _earlier_export(out, fmt)
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, fmt, out, overwrite=overwrite)
    assert earlier.read_bytes() == EARLIER[fmt][1]  # not the program's to remove
    assert (out / ("IDRiD_05.xml" if fmt == "voc" else "IDRiD_05_EX.png")).is_file()
    said = [text for text in summary.warnings if earlier.name in text]
    assert len(said) == 1 and "twice" in said[0], summary.warnings


def test_an_export_into_its_own_folder_again_says_nothing_of_earlier_names(tmp_path: Path) -> None:
    photos, out = _folder_with_a_labelled_photo(tmp_path), tmp_path / "export"
    with Workspace.open(photos) as ws:
        export_labels(ws, "voc", out)
        summary = export_labels(ws, "voc", out, overwrite=True)
    assert not [text for text in summary.warnings if "twice" in text], summary.warnings
