"""An output folder's sweep never removes a photo of a folder someone opened: a data set's ``images/`` reviewed as a
folder of its own (its ``.retinareview`` holds their labels), then the clinic's data set exported again into it with
--overwrite and fewer cases, lost the photos of the cases left out, though their labels stayed saved there."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.output_folder import OutputFolder
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from tests.unit.test_outputs_never_remove_a_photo import label_cases


def test_an_image_in_an_opened_folder_is_not_swept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = OutputFolder(out)
    with first.claimed():
        first.write_bytes("images/a.png", b"a photo's copy")
    (out / "images" / SIDECAR_NAME).mkdir()  # the folder opened since: its images are its cases
    again = OutputFolder(out, overwrite=True)
    with again.claimed():
        assert not again.remove_own("images/a.png")
    assert (out / "images" / "a.png").read_bytes() == b"a photo's copy"


def test_a_data_set_whose_images_were_opened_keeps_them_when_exported_again(tmp_path: Path) -> None:
    clinic, data_set = tmp_path / "clinic", tmp_path / "data-set"
    clinic.mkdir()
    for index, name in enumerate(["a.png", "b.png", "c.png"]):
        Image.fromarray(np.full((24, 40, 3), 40 + 20 * index, np.uint8)).save(clinic / name)
    label_cases(clinic, done="a.png")
    with Workspace.open(clinic) as ws:
        export_labels(ws, "dataset", data_set)
    label_cases(data_set / "images")  # reviewed as a folder of photos: b and c hold labels there now
    photos = {p.name: p.read_bytes() for p in (data_set / "images").glob("*.png")}
    with Workspace.open(clinic) as ws:
        done = [case.case_id for case in ws.cases() if case.image_path == "a.png"]
        export_labels(ws, "dataset", data_set, case_ids=done, overwrite=True)
    assert {p.name: p.read_bytes() for p in (data_set / "images").glob("*.png")} == photos
