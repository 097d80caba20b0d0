"""Per-case label files are named by the photo's own name (``OD/img1.jpg`` -> ``img1.xml``), as labelImg and labelme
name the labels they save in a folder of their own and look for them there (labelImg's ``load_file``:
``os.path.join(default_save_dir, basename + ".xml")`` with ``basename`` the photo's file name without its folder;
labelme's output folder alike). Before, a photo in a sub-folder was exported as ``OD__img1.xml``, which neither
tool ever finds. Photos that share a name each get a tagged one, and every such export imports back."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import annotations.workspace.transfer as transfer
from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels

LABEL_FILES = {"voc": ".xml", "yolo": ".txt", "labelme": ".json", "indexed": ".png", "masks": "_EX.png"}


def _labelled(folder: Path, names: list[str]) -> dict[str, tuple[bytes, list]]:
    """One photo per name, each with its own box and painted square; returns them by image path."""
    labelled = {}
    for index, name in enumerate(names):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(np.full((30, 40, 3), 60 + index, np.uint8)).save(folder / name)
    with Workspace.open(folder) as ws:
        for index, case in enumerate(ws.cases()):
            doc = ws.load_case(case.case_id)
            doc.boxes = [Box(LesionClass.HE, 2 + index, 3, 12 + index, 14)]
            doc.mask[5 + index:9 + index, 20:24] = LesionClass.EX.bit
            ws.save_case(doc)
            labelled[case.image_path] = (doc.mask.tobytes(), [(b.label, b.xmin) for b in doc.boxes])
    return labelled


def _forget_labels(ws: Workspace) -> None:
    for case in ws.cases():
        doc = ws.load_case(case.case_id)
        doc.boxes, doc.mask[:] = [], 0
        ws.save_case(doc)


@pytest.mark.parametrize("fmt", sorted(LABEL_FILES))
def test_a_photo_in_a_sub_folder_is_exported_under_the_name_labelimg_looks_for(tmp_path: Path, fmt: str) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    _labelled(photos, ["OD/img1.jpg", "OS/img2.jpg", "img3.jpg"])
    with Workspace.open(photos) as ws:
        export_labels(ws, fmt, out)
    for photo in ("img1", "img2", "img3"):  # os.path.basename(os.path.splitext(path)[0]) + the format's ending
        assert (out / f"{photo}{LABEL_FILES[fmt]}").is_file()
    assert not list(out.glob("O*__*"))


@pytest.mark.parametrize("fmt", sorted(LABEL_FILES))
def test_photos_of_one_name_in_two_folders_each_get_their_own_file_and_import_back(tmp_path: Path, fmt: str) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    labelled = _labelled(photos, ["OD/img1.jpg", "OS/img1.jpg", "img2.jpg"])
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, fmt, out)
        assert any("share the output name 'img1'" in warning for warning in summary.warnings)
        # each takes its path's name, as a folder per patient (P001/OD.jpg) keeps its names readable
        for name in ("OD__img1", "OS__img1", "img2"):
            assert (out / f"{name}{LABEL_FILES[fmt]}").is_file(), name
        _forget_labels(ws)
        assert import_labels(ws, out, fmt).cases == 3
        back = {c.image_path: ws.load_case(c.case_id) for c in ws.cases()}
    for path, (mask, boxes) in labelled.items():
        if fmt in ("voc", "yolo", "labelme"):
            assert [(b.label, b.xmin) for b in back[path].boxes] == boxes, path
        if fmt in ("masks", "indexed", "labelme"):
            assert back[path].mask.tobytes() == mask, path


def test_an_export_named_by_folder_before_still_imports_and_is_replaced_by_the_new_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    labelled = _labelled(photos, ["OD/img1.jpg", "img2.jpg"])
    with Workspace.open(photos) as ws:
        with monkeypatch.context() as before:
            before.setattr(transfer, "NAMED_AS_PHOTO", frozenset())
            export_labels(ws, "voc", out)
        assert sorted(p.name for p in out.glob("*.xml")) == ["OD__img1.xml", "img2.xml"]
        _forget_labels(ws)
        assert import_labels(ws, out, "voc").cases == 2  # an older export still finds its cases
        assert {c.image_path: [(b.label, b.xmin) for b in ws.load_case(c.case_id).boxes]
                for c in ws.cases()} == {path: boxes for path, (_mask, boxes) in labelled.items()}
        export_labels(ws, "voc", out, overwrite=True)
    assert sorted(p.name for p in out.glob("*.xml")) == ["img1.xml", "img2.xml"]  # the old name swept, as its own


@pytest.mark.parametrize("fmt", ["voc", "masks"])
def test_a_photo_sharing_its_name_with_one_beside_the_folder_gets_a_tag_and_imports_back(tmp_path: Path,
                                                                                       fmt: str) -> None:
    """img1.jpg's path name is its plain name, which both give up (an import could not tell them apart by it)."""
    photos, out = tmp_path / "photos", tmp_path / "out"
    labelled = _labelled(photos, ["img1.jpg", "OD/img1.jpg"])
    with Workspace.open(photos) as ws:
        export_labels(ws, fmt, out)
        assert (out / f"OD__img1{LABEL_FILES[fmt]}").is_file() and len(list(out.glob(f"img1_*{LABEL_FILES[fmt]}"))) == 1
        _forget_labels(ws)
        assert import_labels(ws, out, fmt).cases == 2
        back = {c.image_path: ws.load_case(c.case_id) for c in ws.cases()}
    for path, (mask, boxes) in labelled.items():
        if fmt == "masks":
            assert back[path].mask.tobytes() == mask, path
        else:
            assert [(b.label, b.xmin) for b in back[path].boxes] == boxes, path


@pytest.mark.parametrize("fmt", sorted(LABEL_FILES))
def test_a_name_never_depends_on_the_cases_chosen(tmp_path: Path, fmt: str) -> None:
    """Only P001's right eye is labelled, but P002 has a right eye too: named OD, its file fitted both photos of
    a fresh copy of the folder, and import refused it (or, masks, painted it on both)."""
    photos, out, fresh = tmp_path / "photos", tmp_path / "out", tmp_path / "fresh"
    for folder in (photos, fresh):
        for name in ("P001/OD.jpg", "P002/OD.jpg", "P002/OS.jpg"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            Image.fromarray(np.full((30, 40, 3), 90, np.uint8)).save(folder / name)
    with Workspace.open(photos) as ws:
        case = next(c for c in ws.cases() if c.image_path == "P001/OD.jpg")
        doc = ws.load_case(case.case_id)
        doc.boxes, doc.mask[4:8, 4:8] = [Box(LesionClass.HE, 2, 3, 12, 14)], LesionClass.HE.bit
        ws.save_case(doc)
        export_labels(ws, fmt, out)
    assert (out / f"P001__OD{LABEL_FILES[fmt]}").is_file() and not (out / f"OD{LABEL_FILES[fmt]}").exists()
    with Workspace.open(fresh) as ws:
        assert import_labels(ws, out, fmt).cases == 1
        labelled = [c.image_path for c in ws.cases() if ws.load_case(c.case_id).mask.any()
                    or ws.load_case(c.case_id).boxes]
    assert labelled == ["P001/OD.jpg"]


def test_a_mask_set_named_as_several_photos_goes_to_none_and_is_named(tmp_path: Path) -> None:
    photos, labels = tmp_path / "photos", tmp_path / "labels"
    _labelled(photos, ["P001/OD.jpg", "P002/OD.jpg"])
    labels.mkdir()
    Image.fromarray(np.full((30, 40), 255, np.uint8)).save(labels / "OD_HE.png")  # whose right eye?
    with Workspace.open(photos) as ws:
        _forget_labels(ws)
        summary = import_labels(ws, labels, "masks")
        assert summary.cases == 0 and not any(ws.load_case(c.case_id).mask.any() for c in ws.cases())
    assert any(warning.startswith("OD_HE.png: not imported: named for no image exactly, and its name fits several")
               for warning in summary.warnings), summary.warnings


@pytest.mark.parametrize("fmt", ["voc", "masks"])
def test_a_photo_named_as_another_ones_path_takes_neither_name(tmp_path: Path, fmt: str) -> None:
    """P006/P001__OD.jpg kept the name P001__OD, which P001/OD.jpg's path gives: its grades read as P001's."""
    photos, out = tmp_path / "photos", tmp_path / "out"
    labelled = _labelled(photos, ["P001/OD.jpg", "P002/OD.jpg", "P006/P001__OD.jpg"])
    with Workspace.open(photos) as ws:
        export_labels(ws, fmt, out)
        written = sorted(path.name for path in out.glob(f"*{LABEL_FILES[fmt]}"))
        assert "P006__P001__OD" + LABEL_FILES[fmt] in written and "P002__OD" + LABEL_FILES[fmt] in written
        assert "P001__OD" + LABEL_FILES[fmt] not in written
        _forget_labels(ws)
        assert import_labels(ws, out, fmt).cases == 3
        back = {c.image_path: ws.load_case(c.case_id) for c in ws.cases()}
    for path, (mask, boxes) in labelled.items():
        assert (back[path].mask.tobytes() == mask) if fmt == "masks" else \
            [(b.label, b.xmin) for b in back[path].boxes] == boxes, path


@pytest.mark.parametrize("fmt", sorted(LABEL_FILES))
@pytest.mark.parametrize("photo", ["scans/vol_b001.png", "other/vol.png"])
def test_a_photo_named_as_a_volumes_bscan_or_the_volume_keeps_its_labels_apart(tmp_path: Path, fmt: str,
                                                                              photo: str) -> None:
    """The names were planned over the listed cases only: vol_b001.png took the name of B-scan 1 of scans/vol.dcm,
    and other/vol.png the volume's own, and import found either file fitting two photos."""
    from tests.unit.test_oct_volume import make_folder

    for folder in ("photos", "fresh"):
        make_folder(tmp_path / folder)
        (tmp_path / folder / photo).parent.mkdir(exist_ok=True)
        Image.fromarray(np.full((30, 40, 3), 90, np.uint8)).save(tmp_path / folder / photo)
    with Workspace.open(tmp_path / "photos") as ws:
        case = next(c for c in ws.cases() if c.image_path == photo)
        doc = ws.load_case(case.case_id)
        doc.boxes, doc.mask[4:8, 4:8] = [Box(LesionClass.HE, 2, 3, 12, 14)], LesionClass.HE.bit
        ws.save_case(doc)
        export_labels(ws, fmt, tmp_path / "out")
    with Workspace.open(tmp_path / "fresh") as ws:
        summary = import_labels(ws, tmp_path / "out", fmt)
        assert summary.cases == 1, summary.warnings
        back = ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == photo))
    assert back.boxes or back.mask.any()


def test_the_grades_csv_of_a_folder_per_patient_says_each_rows_photo_patient_and_eye(tmp_path: Path) -> None:
    """P001/OS.jpg's row was "OS": no other photo claims that name, so no folder said whose eye it is (clinic
    probe). Each row now gives the photo's path, the patient ID and the eye too; the file still reads as grades."""
    import csv

    from annotations.formats.grades_csv import read_grades_csv

    photos, out = tmp_path / "photos", tmp_path / "out"
    _labelled(photos, ["P001/OD.jpg", "P001/OS.jpg", "P002/OD.jpg"])
    with Workspace.open(photos) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.patient.patient_id, doc.patient.eye = case.image_path.split("/")[0], Path(case.image_path).stem
            doc.grade.dr_grade = 2 if case.image_path == "P001/OS.jpg" else 0
            ws.save_case(doc)
        export_labels(ws, "csv", out)
    rows = list(csv.DictReader((out / "grades.csv").open()))
    assert sorted((row["Image name"], row["Image path"], row["Patient ID"], row["Eye"], row["Retinopathy grade"])
                  for row in rows) == [("OS", "P001/OS.jpg", "P001", "OS", "2"),
                                       ("P001__OD", "P001/OD.jpg", "P001", "OD", "0"),
                                       ("P002__OD", "P002/OD.jpg", "P002", "OD", "0")]
    assert {name: grade.dr_grade for name, grade in read_grades_csv(out / "grades.csv").items()} == {
        "P001__OD": 0, "OS": 2, "P002__OD": 0}
