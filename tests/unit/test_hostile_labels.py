"""Hostile label files (VOC, COCO, grades CSV, masks): refused or repaired with a message naming the file, fast,
and an import of a folder full of them keeps every label that was already saved."""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.formats import FormatError
from annotations.formats.coco import import_coco
from annotations.formats.grades_csv import MAX_CSV_BYTES, read_grades_csv
from annotations.formats.masks import read_class_masks, read_indexed_png
from annotations.formats.voc import MAX_VOC_BYTES, read_voc
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from tests import hostile_corpus as corpus
from tests.xml_parses import holding, watch_xml_parses

SECRET = "TOP-SECRET-PATIENT-LIST"


# VOC -------------------------------------------------------------------------------------------------------
def test_voc_xxe_is_refused_and_the_secret_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    path = corpus.voc_xxe(tmp_path / "xxe.xml", secret)
    with pytest.raises(FormatError) as raised:
        read_voc(path)
    assert str(path) in str(raised.value) and "DOCTYPE" in raised.value.reason
    assert SECRET not in str(raised.value)


@pytest.mark.parametrize("levels", [10, 4])  # a few GB expanded (libxml2 refuses it itself); a few KB
def test_voc_billion_laughs_is_refused_and_never_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          levels: int) -> None:
    path = corpus.voc_billion_laughs(tmp_path / "lol.xml", levels)
    parses = watch_xml_parses(monkeypatch)
    with pytest.raises(FormatError, match="DOCTYPE|amplification") as raised:  # libxml2 may stop it first
        read_voc(path)
    assert raised.value.path == str(path) and "lollol" not in str(raised.value)
    assert len(parses) == 1 and not holding(parses, "lollol")  # a parser that expands hands the few KB back


def test_voc_huge_file_is_refused_from_its_size(tmp_path: Path) -> None:
    path = corpus.huge_file(tmp_path / "huge.xml", MAX_VOC_BYTES + 1, head=b"<annotation>")
    with pytest.raises(FormatError, match="too large"):
        read_voc(path)


@pytest.mark.parametrize("objects, width, reason", [
    ([], "", "<width> is missing"),
    ([], "-5", "image size is -5x32"),
    ([corpus.voc_object("MA", 1, 2, "", 4)], 48, "<xmax> is missing"),
    ([corpus.voc_object("MA", 1, 2, "nan", 4)], 48, "not a finite number"),
    ([corpus.voc_object("MA", "1e999", 2, 3, 4)], 48, "not a finite number"),
    ([corpus.voc_object("MA", "ten", 2, 3, 4)], 48, "'ten' is not a number"),
])
def test_voc_missing_or_impossible_fields_name_file_and_field(tmp_path: Path, objects: list[str], width: object,
                                                             reason: str) -> None:
    path = corpus.voc_file(tmp_path / "bad.xml", objects, width=width)
    with pytest.raises(FormatError) as raised:
        read_voc(path)
    assert raised.value.path == str(path) and reason in raised.value.reason


def test_voc_negative_swapped_outside_and_unknown_boxes_are_repaired_or_skipped_with_notes(tmp_path: Path) -> None:
    path = corpus.voc_file(tmp_path / "odd.xml", [
        corpus.voc_object("HE", 30, 20, 10, 5),       # swapped corners
        corpus.voc_object("EX", -7, -3, 12, 9),       # negative: clamped to the image
        corpus.voc_object("SE", 40, 10, 400, 300),    # runs past the edge: clamped
        corpus.voc_object("MA", 500, 500, 600, 600),  # wholly outside: skipped
        corpus.voc_object("drusen", 1, 1, 5, 5),      # unknown class: skipped, named
    ])
    annotation = read_voc(path)
    assert [b.coords() for b in annotation.boxes] == [(10, 5, 30, 20), (0, 0, 12, 9), (40, 10, 48, 32)]
    assert [b.label for b in annotation.boxes] == [LesionClass.HE, LesionClass.EX, LesionClass.SE]
    assert annotation.unknown_labels == ["drusen"]
    notes = " | ".join(annotation.notes)
    assert "swapped" in notes and "clamped" in notes and "outside" in notes


# COCO ------------------------------------------------------------------------------------------------------
IMAGE = {"id": 1, "file_name": "eye.png", "width": 48, "height": 32}


@pytest.mark.parametrize("images, annotations, reason", [
    ([{**IMAGE, "width": 100000, "height": 100000}], [], "claims a size of 100000x100000"),
    ([{**IMAGE, "width": -4}], [], "claims a size of -4x32"),
    ([IMAGE], [{"id": 7, "image_id": 1, "category_id": 1,
                "segmentation": {"size": [100000, 100000], "counts": [10**10]}}], "RLE is 100000x100000"),
    ([IMAGE], [{"id": 7, "image_id": 1, "category_id": 1, "bbox": [float("nan"), 0, 4, 4]}], "annotation 7"),
    ([IMAGE], [{"id": 7, "image_id": 1, "category_id": 1, "bbox": [1e999, 0, 4, 4]}], "annotation 7"),
    ([IMAGE], [{"id": 7, "image_id": 1, "category_id": 1}], "neither a segmentation nor a bbox"),
    ([IMAGE], [{"id": 7, "image_id": 9, "category_id": 1, "bbox": [0, 0, 2, 2]}], "image 9, which is not listed"),
    ([IMAGE], [3], "every entry of 'annotations' must be an object"),
])
def test_coco_malformed_or_bomb_entries_are_refused_without_allocating(tmp_path: Path, images: list,
                                                                       annotations: list, reason: str) -> None:
    path = corpus.coco_file(tmp_path / "bad.json", images, annotations)
    tracemalloc.start()  # numpy's arrays are traced too
    try:
        with pytest.raises(FormatError) as raised:
            import_coco(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2**24  # a claimed 10-gigapixel mask is never allocated (a 48x32 image's is 1.5 KB)
    assert raised.value.path == str(path) and reason in raised.value.reason


def test_coco_swapped_outside_and_unknown_entries_are_repaired_or_skipped_with_notes(tmp_path: Path) -> None:
    path = corpus.coco_file(tmp_path / "odd.json", [IMAGE], [
        {"id": 1, "image_id": 1, "category_id": 1, "bbox": [-5, -5, 10, 10]},    # partly outside: clamped
        {"id": 2, "image_id": 1, "category_id": 2, "bbox": [900, 900, 10, 10]},  # wholly outside: skipped
        {"id": 3, "image_id": 1, "category_id": 3, "bbox": [1, 1, 2, 2]},        # category 3 is "drusen"
    ], categories=[{"id": 1, "name": "MA"}, {"id": 2, "name": "HE"}, {"id": 3, "name": "drusen"}])
    result = import_coco(path)
    boxes, mask = result["eye.png"]
    assert [(b.label, b.coords()) for b in boxes] == [(LesionClass.MA, (0, 0, 4, 4))]
    assert mask is None and result.unknown_labels == ["drusen"]
    assert any("outside" in note for note in result.notes) and any("clamped" in note for note in result.notes)


# grades CSV ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, reason", [
    ("Image name,Retinopathy grade\n\"" + "x" * 200_000 + "\",1\n", "not a readable CSV"),
    ("Name,Grade\nIDRiD_01,2\n", "missing column(s) Image name, Retinopathy grade"),
    ("Image name,Retinopathy grade\nIDRiD_01,-1\n", "line 2 (IDRiD_01)"),
    ("Image name,Retinopathy grade\nIDRiD_01,7\n", "expected a whole number 0-4"),
])
def test_grades_csv_bad_content_names_file_and_line(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "grades.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        read_grades_csv(path)
    assert raised.value.path == str(path) and reason in raised.value.reason


def test_grades_csv_huge_file_is_refused_from_its_size(tmp_path: Path) -> None:
    path = corpus.huge_file(tmp_path / "grades.csv", MAX_CSV_BYTES + 1, head=b"Image name,Retinopathy grade\n",
                            fill=b"\n")
    with pytest.raises(FormatError, match="too large for a grades CSV"):
        read_grades_csv(path)


# masks -----------------------------------------------------------------------------------------------------
def test_masks_of_the_wrong_size_name_the_file_and_both_sizes(tmp_path: Path) -> None:
    per_class = corpus.grey_mask(tmp_path / "eye_HE.png", 40, 30)
    with pytest.raises(FormatError) as raised:
        read_class_masks(tmp_path, "eye", (32, 48))
    assert raised.value.path == str(per_class) and "40x30" in raised.value.reason and "48x32" in raised.value.reason
    indexed = corpus.grey_mask(tmp_path / "indexed.png", 40, 30)
    with pytest.raises(FormatError, match="40x30 but the image is 48x32"):
        read_indexed_png(indexed, (32, 48))


def test_mask_bomb_header_is_refused(tmp_path: Path) -> None:
    path = corpus.bomb_png(tmp_path / "eye_MA.png")
    with pytest.raises(FormatError, match="too large to open safely") as raised:
        read_class_masks(tmp_path, "eye", (32, 48))
    assert raised.value.path == str(path)


# import into a workspace: bad files are reported, saved labels survive -------------------------------------
def _workspace_with_saved_labels(tmp_path: Path, names: list[str]) -> tuple[Path, dict[str, tuple]]:
    folder = tmp_path / "clinic"
    folder.mkdir()
    for name in names:
        corpus.save_rgb(folder / f"{name}.png")
    saved = {}
    with Workspace.open(folder, reader="dr-a") as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.mask[3:6, 3:6] = LesionClass.EX.bit
            doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
            ws.save_case(doc)
            saved[case.case_id] = (doc.mask.copy(), [b.coords() for b in doc.boxes])
    return folder, saved


def test_voc_import_of_hostile_files_reports_each_and_keeps_saved_labels(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder, saved = _workspace_with_saved_labels(tmp_path, ["xxe", "lol", "broken", "odd", "nosize"])
    labels = tmp_path / "labels"
    labels.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    corpus.voc_xxe(labels / "xxe.xml", secret)
    corpus.voc_billion_laughs(labels / "lol.xml")
    (labels / "broken.xml").write_text("<annotation><size><width>48</width>", encoding="utf-8")
    corpus.voc_file(labels / "odd.xml",
                    [corpus.voc_object("HE", 30, 20, 10, 5), corpus.voc_object("ghost", 1, 1, 2, 2)])
    corpus.voc_file(labels / "nosize.xml", [corpus.voc_object("MA", 1, 1, 2, 2)], width="")
    parses = watch_xml_parses(monkeypatch)
    with Workspace.open(folder) as ws:
        summary = import_labels(ws, labels, "voc")
        assert parses and not holding(parses, "lollol") and not holding(parses, SECRET)  # nothing expanded or read
        warnings = "\n".join(summary.warnings)
        # each named under the import folder
        for name in ("xxe.xml", "lol.xml", "broken.xml", "nosize.xml"):
            assert any(w.startswith(f"{name}: ") for w in summary.warnings)
        assert str(labels) not in warnings
        assert any(w.startswith("odd.xml: object 1 (HE): xmin and xmax were swapped") for w in summary.warnings)
        assert "ghost" in warnings and "--label-map" in warnings  # unknown class named, with the fix
        assert SECRET not in warnings
        assert summary.cases == 1
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            mask, boxes = saved[case.case_id]
            np.testing.assert_array_equal(doc.mask, mask)  # nothing already saved is lost
            assert [b.coords() for b in doc.boxes if b.source != "import"] == boxes
            imported = [b.coords() for b in doc.boxes if b.source == "import"]
            assert imported == ([(10, 5, 30, 20)] if case.image_path == "odd.png" else [])


def test_mask_import_of_the_wrong_size_is_reported_and_keeps_saved_mask(tmp_path: Path) -> None:
    folder, saved = _workspace_with_saved_labels(tmp_path, ["eye"])
    labels = tmp_path / "masks"
    labels.mkdir()
    bad = corpus.grey_mask(labels / "eye_MA.png", 40, 30)
    with Workspace.open(folder) as ws:
        summary = import_labels(ws, labels, "masks")
        assert summary.cases == 0  # the mask named under the import folder
        assert any(w.startswith(f"{bad.name}: ") and "exact size" in w for w in summary.warnings)
        (case_id,) = saved
        np.testing.assert_array_equal(ws.load_case(case_id).mask, saved[case_id][0])


def test_coco_file_that_is_not_text_names_the_file_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "labels.json"
    path.write_bytes(json.dumps({"images": []}).encode()[:-3] + b"\xff\xfe")
    with pytest.raises(FormatError) as raised:
        import_coco(path)
    assert raised.value.path == str(path) and "not text" in raised.value.reason
