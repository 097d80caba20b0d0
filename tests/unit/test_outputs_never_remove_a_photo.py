"""An output folder never removes a photo nor writes images among them: a data set's ``images/`` opened as a folder
of photos and exported back into its data set with --overwrite lost every photo of the folder but the ones exported
(they matched the copies the first export wrote, so the sweep took them for its own stale outputs), and got the
export's images among its photos (the data set's folder is one of outputs, so its images were let in)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import ReviewState
from annotations.output_folder import OutputError, OutputFolder
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels


def _photo(path: Path, value: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((24, 40, 3), value, np.uint8)).save(path)


def label_cases(folder: Path, done: str | None = None) -> None:
    """Paint every case of ``folder``; mark ``done`` (an image path) done."""
    with Workspace.open(folder) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.mask[1:4, 2:5] = LesionClass.EX.bit
            doc.review_state = ReviewState.DONE if case.image_path == done else ReviewState.TODO
            ws.save_case(doc)


def _photos(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".png"}


def test_an_original_is_never_removed_even_as_an_earlier_runs_unchanged_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = OutputFolder(out)
    with first.claimed():
        first.write_bytes("images/a.png", b"a photo's copy")
    photo = out / "images" / "a.png"  # then opened as a photo
    again = OutputFolder(out, originals=[photo], overwrite=True)
    with again.claimed():
        assert not again.remove_own("images/a.png")
    assert photo.read_bytes() == b"a photo's copy" and not again.removed


def test_a_data_sets_images_opened_and_exported_back_are_refused_and_keep_their_photos(tmp_path: Path) -> None:
    clinic, data_set = tmp_path / "clinic", tmp_path / "data-set"
    for index, name in enumerate(["a.png", "b.png", "c.png"]):
        _photo(clinic / name, 40 + 20 * index)
    label_cases(clinic)
    with Workspace.open(clinic) as ws:
        export_labels(ws, "dataset", data_set)
    opened = data_set / "images"  # reviewed as a folder of photos, one new photo added in a sub-folder
    _photo(opened / "new" / "d.png", 150)
    label_cases(opened, done="new/d.png")
    before = _photos(opened)
    with Workspace.open(opened) as ws:
        done = [case.case_id for case in ws.cases() if case.image_path == "new/d.png"]
        with pytest.raises(OutputError, match="listed as cases"):
            export_labels(ws, "dataset", data_set, case_ids=done, overwrite=True)
    assert _photos(opened) == before


def test_a_folder_of_outputs_may_lie_in_an_opened_folder_but_takes_no_images_while_it_holds_one(
        tmp_path: Path) -> None:
    opened, out = tmp_path / "photos", tmp_path / "photos" / "export"
    _photo(opened / "a.png", 60)
    inside = OutputFolder(out, photo_folders=[opened])
    with inside.claimed():
        inside.write_bytes("a_EX.png", b"a mask")
    _photo(out / "reviewed" / "b.png", 90)  # then a folder of it opened as photos
    holding = OutputFolder(out, photo_folders=[out / "reviewed"], overwrite=True)
    with pytest.raises(OutputError, match="listed as cases"):
        holding.reserve(["reviewed/c.png"])
