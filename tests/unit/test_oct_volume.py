"""An OCT volume (multi-frame Ophthalmic Tomography DICOM) is one case with a case per B-scan: each B-scan keeps its
own labels and OCT class across reopening, the list shows the volume once, and exports name each labelled B-scan."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import uid

from annotations.classes import LesionClass
from annotations.dicom import reader
from annotations.document import Box, ReaderGrade
from annotations.formats.masks import read_class_masks
from annotations.formats.voc import read_voc
from annotations.frames import bscan_case_id, split_bscan_case_id, split_frame, with_frame
from annotations.image_io import ImageLoadError, load_image, read_image_info
from annotations.output_names import export_name
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.label_import import import_labels
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace.transfer import export_labels
from annotations.workspace.workspace import INDEX_FILE
from tests.dicom_files import write_dicom

# Seven B-scans of 24x32, B-scan n (1-based) filled with grey 30 * n: each frame is told apart by its value.
VOLUME = np.stack([np.full((24, 32), 30 * (n + 1), np.uint8) for n in range(7)])
SHOWN = 4  # the middle of seven: the volume's own case


def make_folder(folder: Path) -> Path:
    (folder / "scans").mkdir(parents=True)
    write_dicom(folder / "scans" / "vol.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, frames=True)
    write_dicom(folder / "photo.dcm", np.full((24, 32, 3), 90, np.uint8))
    return folder / "scans" / "vol.dcm"


def volume_id(ws: Workspace) -> str:
    return next(c.case_id for c in ws.cases() if c.image_path == "scans/vol.dcm")


def label_bscan(ws: Workspace, number: int, oct_class: str, cls: LesionClass, box_x: int) -> None:
    doc = ws.load_case(ws.bscan_case_id(volume_id(ws), number))
    doc.grade = ReaderGrade(oct_class=oct_class)
    doc.mask[2:5, box_x:box_x + 3] = cls.bit
    doc.boxes.append(Box(cls, box_x, 1, box_x + 4, 6))
    ws.save_case(doc)


def test_the_address_form_round_trips() -> None:
    assert split_frame(with_frame("scans/vol.dcm", 12)) == ("scans/vol.dcm", 12)
    assert split_frame("scans/vol.dcm") == ("scans/vol.dcm", None)
    assert export_name(with_frame("scans/vol.dcm", 12)) == "scans__vol_b012"
    assert export_name("scans/vol.dcm") == "scans__vol"


def test_load_of_frame_k_returns_that_frame(tmp_path: Path) -> None:
    path = make_folder(tmp_path)
    for number in (1, SHOWN, 7):
        image = load_image(with_frame(str(path), number))
        assert image.shape == (24, 32, 3) and (image == 30 * number).all()
    assert (load_image(path) == 30 * SHOWN).all()  # the file itself shows its middle B-scan
    info = read_image_info(with_frame(str(path), 2))
    assert (info.width, info.height) == (32, 24)
    with pytest.raises(ImageLoadError, match="8 does not exist"):
        load_image(with_frame(str(path), 8))
    with pytest.raises(ImageLoadError, match="8 does not exist"):
        read_image_info(with_frame(str(path), 8))
    with pytest.raises(ImageLoadError, match="nor a TIFF whose pages are all grey .*, so it has no frame 2"):
        load_image(with_frame(str(tmp_path / "photo.png"), 2))  # a photo's, or an OCT B-scan's: no B-scan said


def test_labels_and_oct_class_per_bscan_survive_reopening(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        assert sorted(c.image_path for c in ws.cases()) == ["photo.dcm", "scans/vol.dcm"]
        volume = volume_id(ws)
        assert ws.bscan_count(volume) == 7 and ws.bscan_case_id(volume, SHOWN) == volume
        label_bscan(ws, 2, "DME", LesionClass.EX, 3)
        label_bscan(ws, 6, "CNV", LesionClass.HE, 10)
        label_bscan(ws, SHOWN, "DRUSEN", LesionClass.MA, 20)
    with Workspace.open(tmp_path) as ws:  # one row for the volume, none for its B-scans, no case "gone"
        cases = ws.cases()
        assert sorted(c.image_path for c in cases) == ["photo.dcm", "scans/vol.dcm"]
        assert all(c.error is None for c in cases)
        volume = volume_id(ws)
        for number, oct_class, cls, x in ((2, "DME", LesionClass.EX, 3), (6, "CNV", LesionClass.HE, 10),
                                          (SHOWN, "DRUSEN", LesionClass.MA, 20)):
            doc = ws.load_case(ws.bscan_case_id(volume, number))
            assert doc.grade.oct_class == oct_class and doc.modality.value == "oct"
            assert np.argwhere(doc.mask).min(axis=0).tolist() == [2, x] and set(np.unique(doc.mask)) == {0, cls.bit}
            assert [b.coords() for b in doc.boxes] == [(x, 1, x + 4, 6)]
            assert (load_image(ws.image_file(doc.case_id)) == 30 * number).all()
        untouched = ws.load_case(ws.bscan_case_id(volume, 3))
        assert untouched.grade.oct_class is None and not untouched.mask.any()
        assert untouched.patient.patient_id == "P-0042"  # a new B-scan case takes the volume's patient
        assert [e.case_id for e in ws.audit_log()].count(ws.bscan_case_id(volume, 2)) == 1
        assert list(ws.saved_bscans()) == [volume] and len(ws.saved_bscans()[volume]) == 2


def test_a_bscan_case_belongs_to_its_volume(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        volume = volume_id(ws)
        with pytest.raises(WorkspaceError, match="7 B-scan"):
            ws.bscan_case_id(volume, 8)
        doc = ws.load_case(ws.bscan_case_id(volume, 2))
        doc.image_path = "photo.dcm"  # a hand-edited document must not land under the volume's B-scan
        with pytest.raises(WorkspaceError, match="no B-scan"):
            ws.save_case(doc)
        assert split_bscan_case_id(doc.case_id) == (volume, 2)


def test_the_folder_scan_lists_a_volume_with_its_bscan_count_also_in_an_older_index(tmp_path: Path) -> None:
    make_folder(tmp_path)
    Image.fromarray(np.full((24, 32, 3), 90, np.uint8)).save(tmp_path / "photo.png")
    with Workspace.open(tmp_path) as ws:
        assert {c.image_path: c.frames for c in ws.cases()} == {"scans/vol.dcm": 7, "photo.dcm": 1, "photo.png": 1}
    with sqlite3.connect(tmp_path / SIDECAR_NAME / INDEX_FILE) as db:  # as the release before the column left it
        db.execute("ALTER TABLE cases DROP COLUMN frames")
    with Workspace.open(tmp_path) as ws:  # the count names a volume's own case without its file read again
        assert {c.image_path: c.frames for c in ws.cases()} == {"scans/vol.dcm": 7, "photo.dcm": 1, "photo.png": 1}


def test_a_bscan_never_saved_opens_with_one_read_of_its_volumes_header(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        volume = volume_id(ws)
        reads: list[str] = []
        real = reader.read_dicom_header
        monkeypatch.setattr(reader, "read_dicom_header", lambda file: reads.append(Path(file).name) or real(file))
        # the slider's step on the GUI thread: the count is the one the folder's scan read
        assert ws.bscan_count(volume) == 7 and reads == []
        doc = ws.load_case(ws.bscan_case_id(volume, 3))
        assert reads == ["vol.dcm"]  # size, patient and modality from one read
        assert (doc.width, doc.height, doc.patient.patient_id, doc.modality.value) == (32, 24, "P-0042", "oct")
        write_dicom(path, VOLUME[:5], uid.OphthalmicTomographyImageStorage, frames=True)  # changed since the scan
        assert ws.bscan_count(volume) == 5 and ws.bscan_case_id(volume, 3) == volume
        with pytest.raises(WorkspaceError, match="5 B-scan"):
            ws.bscan_case_id(volume, 7)


def test_a_case_is_addressed_as_messages_name_it_without_reading_its_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        volume = volume_id(ws)
        photo = next(c.case_id for c in ws.cases() if c.image_path == "photo.dcm")
        reads: list[str] = []
        real = reader.read_dicom_header
        monkeypatch.setattr(reader, "read_dicom_header", lambda file: reads.append(Path(file).name) or real(file))
        # the volume's own case by its shown B-scan, with the count the folder's scan read (an owed reveal's name)
        assert ws.case_address(volume) == f"scans/vol.dcm#frame={SHOWN}"
        assert ws.case_address(bscan_case_id(volume, 2)) == "scans/vol.dcm#frame=2"
        assert ws.case_address(photo) == "photo.dcm" and reads == []


def test_reading_a_volumes_header_leaves_its_pixels_on_disk(tmp_path: Path) -> None:
    dataset, image = reader.read_dicom_header(make_folder(tmp_path))
    assert image.frames == 7 and dataset.get_item("PixelData", keep_deferred=True).value is None  # not read


@pytest.mark.parametrize("fmt", ["voc", "yolo", "masks", "indexed", "coco", "csv", "dataset"])
def test_export_names_each_labelled_bscan(tmp_path: Path, fmt: str) -> None:
    make_folder(tmp_path / "src")
    with Workspace.open(tmp_path / "src") as ws:
        label_bscan(ws, 2, "DME", LesionClass.EX, 3)
        label_bscan(ws, 6, "CNV", LesionClass.HE, 10)
        summary = export_labels(ws, fmt, tmp_path / "out")
    out = tmp_path / "out"
    assert summary.cases == 2 and not summary.warnings
    names = {2: "vol_b002", 6: "vol_b006"}  # every format names a B-scan as its photo, with its number
    boxes = {2: (LesionClass.EX, 3), 6: (LesionClass.HE, 10)}
    if fmt == "voc":
        for number, name in names.items():
            assert [(b.label, b.xmin) for b in read_voc(out / f"{name}.xml").boxes] == [boxes[number]]
    elif fmt == "yolo":
        assert sorted(p.name for p in out.glob("*.txt")) == ["classes.txt", *sorted(f"{n}.txt" for n in names.values())]
    elif fmt in ("masks", "indexed"):
        for number, name in names.items():
            if fmt == "masks":
                mask = read_class_masks(out, name, (24, 32))
            else:
                mask = np.asarray(Image.open(out / f"{name}.png"))
            assert mask.any() and np.argwhere(mask).min(axis=0).tolist() == [2, boxes[number][1]]
    elif fmt == "coco":
        files = sorted(image["file_name"] for image in json.loads((out / "annotations.json").read_text())["images"])
        assert files == ["scans/vol.dcm#frame=2", "scans/vol.dcm#frame=6"]
    elif fmt == "csv":
        rows = list(csv.DictReader((out / "grades.csv").open()))
        assert sorted((row["Image name"], row["OCT class"], row["Image path"]) for row in rows) == [
            (names[2], "DME", "scans/vol.dcm#frame=2"), (names[6], "CNV", "scans/vol.dcm#frame=6")]
    else:  # the data set holds each B-scan as a PNG of that frame, never the volume
        for number, name in names.items():
            assert (np.asarray(Image.open(out / "images" / f"{name}.png")) == 30 * number).all()
            assert read_voc(out / "voc" / f"{name}.xml").filename == f"{name}.png"
        assert not list(out.rglob("*.dcm"))


def test_the_volumes_own_bscan_is_exported_by_its_number(tmp_path: Path) -> None:
    make_folder(tmp_path / "src")
    with Workspace.open(tmp_path / "src") as ws:
        label_bscan(ws, SHOWN, "DRUSEN", LesionClass.MA, 20)
        label_bscan(ws, 1, "NORMAL", LesionClass.EX, 3)
        export_labels(ws, "dataset", tmp_path / "out")
    images = sorted(p.name for p in (tmp_path / "out" / "images").iterdir())
    assert images == ["vol_b001.png", "vol_b004.png"]
    assert (np.asarray(Image.open(tmp_path / "out" / "images" / "vol_b004.png")) == 30 * SHOWN).all()


def crash_after_autosaving_bscan_3(folder: Path) -> str:
    """A folder whose window autosaved a grade of the volume's B-scan 3 and crashed: that case's id."""
    from tests.unit.test_workspace_recovery import fake_dead_owner

    make_folder(folder)
    ws = Workspace.open(folder)
    doc = ws.load_case(ws.bscan_case_id(volume_id(ws), 3))
    doc.grade = ReaderGrade(oct_class="DME")
    assert ws.autosave(doc)
    fake_dead_owner(ws.sidecar / "lock")  # the window never saved nor closed
    return doc.case_id


def test_an_autosaved_bscan_is_recovered_as_that_bscan(tmp_path: Path) -> None:
    case_id = crash_after_autosaving_bscan_3(tmp_path)
    with Workspace.open(tmp_path) as reopened:
        assert any(m.startswith("After a crash, unsaved edits of 1 case(s)")
                   and m.endswith(": 'scans/vol.dcm', B-scan 3") for m in reopened.messages)
        assert reopened.load_case(case_id).grade.oct_class == "DME"
        assert len(reopened.cases()) == 2


@pytest.mark.parametrize("fmt", ["voc", "yolo", "masks"])
def test_the_volumes_own_bscan_round_trips_through_export_and_import(tmp_path: Path, fmt: str) -> None:
    make_folder(tmp_path / "src")
    with Workspace.open(tmp_path / "src") as ws:
        label_bscan(ws, SHOWN, "DRUSEN", LesionClass.EX, 20)
        export_labels(ws, fmt, tmp_path / "out")
    make_folder(tmp_path / "fresh")
    with Workspace.open(tmp_path / "fresh") as ws:
        summary = import_labels(ws, tmp_path / "out", fmt)
        doc = ws.load_case(volume_id(ws))
    assert summary.cases == 1
    if fmt == "masks":
        assert np.argwhere(doc.mask).min(axis=0).tolist() == [2, 20]
    else:
        assert [b.coords() for b in doc.boxes] == [(20, 1, 24, 6)]
