"""Labels named for a B-scan of an OCT volume (``vol_b012``, as export writes them, or ``vol.dcm#frame=12`` in COCO)
are imported into that B-scan's case, so export then import is a round trip for a whole volume in every format."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.workspace import Workspace
from annotations.workspace.label_names import beside_image, own_stem
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from tests.unit.test_oct_volume import SHOWN, label_bscan, make_folder, volume_id

LABELLED = {2: (LesionClass.EX, 3), SHOWN: (LesionClass.MA, 20), 6: (LesionClass.HE, 10)}


def labelled_folder(folder: Path) -> None:
    make_folder(folder)
    with Workspace.open(folder) as ws:
        for number, (cls, x) in LABELLED.items():
            label_bscan(ws, number, "DME", cls, x)


def imported_bscans(ws: Workspace) -> dict[int, tuple[list, list]]:
    """B-scan number -> (its boxes' class and x, the first labelled pixel) for every B-scan with labels."""
    found = {}
    for number in range(1, 8):
        doc = ws.load_case(ws.bscan_case_id(volume_id(ws), number))
        pixels = np.argwhere(doc.mask).min(axis=0).tolist() if doc.mask.any() else []
        if doc.boxes or pixels:
            found[number] = ([(b.label, b.xmin) for b in doc.boxes], pixels)
    return found


def test_the_names_a_bscan_label_may_carry() -> None:
    assert own_stem("scans/vol.dcm#frame=12") == "vol_b012" and own_stem("scans/a.jpg") == "a"
    assert str(beside_image("scans/vol.dcm#frame=12", ".xml")) == "scans/vol_b012.xml"
    assert str(beside_image("scans/a.jpg", ".xml")) == "scans/a.xml"


@pytest.mark.parametrize("fmt", ["voc", "yolo", "masks", "indexed", "coco", "cvat", "labelme"])
def test_export_then_import_puts_each_bscan_back(tmp_path: Path, fmt: str) -> None:
    labelled_folder(tmp_path / "src")
    with Workspace.open(tmp_path / "src") as ws:
        export_labels(ws, fmt, tmp_path / "out")
    make_folder(tmp_path / "fresh")
    with Workspace.open(tmp_path / "fresh") as ws:
        summary = import_labels(ws, tmp_path / "out", fmt)
        found = imported_bscans(ws)
    # every label file found its B-scan; the photo had none
    assert summary.cases == 3 and summary.warnings == [f"1 case(s) had no labels to import in {tmp_path / 'out'}"]
    assert sorted(found) == sorted(LABELLED)
    for number, (cls, x) in LABELLED.items():
        boxes, pixels = found[number]
        assert pixels == ([] if fmt in ("voc", "yolo") else [2, x])
        assert boxes == ([] if fmt in ("masks", "indexed") else [(cls, x)])


def test_labelme_files_named_for_bscans(tmp_path: Path) -> None:
    make_folder(tmp_path / "ws")
    labels = tmp_path / "labels"
    labels.mkdir()
    for number, x in ((1, 5), (7, 12)):
        shapes = [{"label": "EX", "shape_type": "rectangle", "points": [[x, 2], [x + 4, 8]]}]
        (labels / f"vol_b{number:03d}.json").write_text(json.dumps(
            {"shapes": shapes, "imagePath": f"vol_b{number:03d}.png", "imageWidth": 32, "imageHeight": 24}))
    with Workspace.open(tmp_path / "ws") as ws:
        summary = import_labels(ws, labels, "labelme")
        found = imported_bscans(ws)
    assert summary.cases == 2 and summary.warnings == [f"1 case(s) had no labels to import in {labels}"]
    assert {n: boxes for n, (boxes, _pixels) in found.items()} == {1: [(LesionClass.EX, 5)], 7: [(LesionClass.EX, 12)]}


def test_a_label_named_for_the_volume_goes_to_its_own_bscan_only(tmp_path: Path) -> None:
    labelled_folder(tmp_path / "src")
    with Workspace.open(tmp_path / "src") as ws:
        export_labels(ws, "voc", tmp_path / "out")
    only_one = tmp_path / "only"
    only_one.mkdir()
    (only_one / "vol.xml").write_bytes((tmp_path / "out" / "vol_b002.xml").read_bytes())
    make_folder(tmp_path / "fresh")
    with Workspace.open(tmp_path / "fresh") as ws:
        import_labels(ws, only_one, "voc")
        assert sorted(imported_bscans(ws)) == [SHOWN]


def test_coco_with_one_bscan_leaves_the_volumes_own_bscan_alone(tmp_path: Path) -> None:
    make_folder(tmp_path / "src")
    with Workspace.open(tmp_path / "src") as ws:
        label_bscan(ws, 2, "DME", LesionClass.EX, 3)
        export_labels(ws, "coco", tmp_path / "out")
    data = json.loads((tmp_path / "out" / "annotations.json").read_text())
    data["images"][0]["file_name"] = "elsewhere/vol.dcm#frame=2"  # another folder layout: found by its flat name
    (tmp_path / "out" / "annotations.json").write_text(json.dumps(data))
    make_folder(tmp_path / "fresh")
    with Workspace.open(tmp_path / "fresh") as ws:
        summary = import_labels(ws, tmp_path / "out", "coco")
        assert sorted(imported_bscans(ws)) == [2] and summary.cases == 1
