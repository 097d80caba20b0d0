"""`retina-review export` / `import` with CVAT for images 1.1 and labelme, end to end through app.cli.main."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np

from annotations.classes import LesionClass
from annotations.workspace import Workspace
from app.cli import main
from tests.unit.test_cli_import_export import LABEL_MAP, boxes_by_image, labelled  # noqa: F401 - fixture
from tests.unit.test_cli_label_formats import IMPORTED, fresh_copy, masks_by_image
from tests.unit.test_formats_cvat import DOCS_EXAMPLE


def painted(images: Path, voc_dir: Path) -> np.ndarray:
    """Import the VOC boxes, then paint p1: an exudate with a hole, overlapping microaneurysms, a dot."""
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    with Workspace.open(images) as ws:
        doc = next(ws.load_case(c.case_id) for c in ws.cases() if c.image_path == "p1.png")
        doc.mask[5:10, 4:9] = LesionClass.EX.bit
        doc.mask[7, 6] = 0
        doc.mask[0:2, 0:3] |= LesionClass.MA.bit
        doc.mask[20, 30] = LesionClass.HE.bit
        doc.boxes[0].difficult = True
        ws.save_case(doc)
        return doc.mask.copy()


def test_cvat_export_then_import_is_exact_from_the_folder_or_the_file(labelled, tmp_path: Path,  # noqa: F811
                                                                      capsys) -> None:
    images, voc_dir = labelled
    mask = painted(images, voc_dir)
    out = tmp_path / "cvat"
    assert main(["export", str(images), "--format", "cvat", "--out", str(out), "--label-map", LABEL_MAP]) == 0
    assert "<name>hard_exudates</name>" in (out / "annotations.xml").read_text()
    for source in (out, out / "annotations.xml"):
        again = fresh_copy(images, tmp_path / f"again-{source.name}")
        capsys.readouterr()
        assert main(["import", str(again), "--from", str(source), "--format", "cvat", "--label-map", LABEL_MAP]) == 0
        assert "Imported 2 case(s) as CVAT" in capsys.readouterr().out
        assert boxes_by_image(again) == IMPORTED
        np.testing.assert_array_equal(masks_by_image(again)["p1.png"], mask)
        with Workspace.open(again) as ws:
            doc = next(ws.load_case(c.case_id) for c in ws.cases() if c.image_path == "p1.png")
            assert [b.difficult for b in doc.boxes] == [True, False]


def test_cvat_import_says_what_it_skipped_and_which_labels_it_did_not_know(labelled, tmp_path: Path,  # noqa: F811
                                                                           capsys) -> None:
    images, _ = labelled
    source = tmp_path / "from-cvat"
    source.mkdir()
    # CVAT's documented example, its image renamed to one of ours and shrunk to its size (labels are scaled)
    (source / "task.xml").write_text(DOCS_EXAMPLE.read_text().replace("filename000.jpg", "p2.png"))
    assert main(["import", str(images), "--from", str(source), "--format", "cvat", "--label-map", "car=HE"]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s) as CVAT" in out
    assert ("skipped 5 shape(s) without an area to import: 2 polyline, 1 points, 1 tag, 1 skeleton "
            f"(in {source / 'task.xml'}, for images 'p2.png')") in out
    assert f"plate (in 1 file(s): '{source / 'task.xml'}')" in out and "labels were scaled to fit" in out
    assert np.count_nonzero(masks_by_image(images)["p2.png"] & LesionClass.HE.bit) > 0


def test_cvat_folder_without_annotations_xml_and_several_xml_files_is_named(labelled, tmp_path: Path,  # noqa: F811
                                                                            capsys) -> None:
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "cvat"]) == 2
    assert "holds 2 .xml files and no annotations.xml" in capsys.readouterr().err


def test_labelme_export_then_import_keeps_boxes_and_regions_holes_too(labelled, tmp_path: Path,  # noqa: F811
                                                                     capsys) -> None:
    images, voc_dir = labelled
    mask = painted(images, voc_dir)
    out = tmp_path / "labelme"
    assert main(["export", str(images), "--format", "labelme", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["p1.json", "p2.json"]
    document = json.loads((out / "p1.json").read_text())
    assert document["imageData"] is None
    assert (out / document["imagePath"]).resolve() == (images / "p1.png").resolve()
    again = fresh_copy(images, tmp_path / "again")
    capsys.readouterr()
    assert main(["import", str(again), "--from", str(out), "--format", "labelme", "--label-map", LABEL_MAP]) == 0
    assert "Imported 2 case(s) as labelme" in capsys.readouterr().out
    assert boxes_by_image(again) == IMPORTED
    np.testing.assert_array_equal(masks_by_image(again)["p1.png"], mask)  # the exudate's hole: a mask shape


def test_labelme_export_keeps_the_image_folder_layout_relative(labelled, tmp_path: Path) -> None:  # noqa: F811
    images, voc_dir = labelled
    painted(images, voc_dir)
    sub = images / "left"
    sub.mkdir()
    shutil.copy(images / "p1.png", sub / "p9.png")
    with Workspace.open(images) as ws:
        case = next(c for c in ws.cases() if c.image_path == "left/p9.png")
        doc = ws.load_case(case.case_id)
        doc.mask[1, 1] = LesionClass.SE.bit
        ws.save_case(doc)
    out = images / "exports" / "labelme"  # inside the opened folder, as the dialog proposes
    assert main(["export", str(images), "--format", "labelme", "--out", str(out)]) == 0
    written = out / "p9.json"  # named as the photo, as labelme names its output (transfer.NAMED_AS_PHOTO)
    image_path = json.loads(written.read_text())["imagePath"]
    assert not Path(image_path).is_absolute() and (written.parent / image_path).resolve() == (sub / "p9.png").resolve()
