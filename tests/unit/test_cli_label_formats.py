"""`retina-review import` / `export` with YOLO, labelme and COCO, end to end through app.cli.main."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from annotations.classes import LesionClass
from annotations.formats import FormatError
from annotations.workspace import Workspace
from annotations.workspace.label_readers import CocoReader
from app.cli import main
from tests.unit.test_cli_import_export import LABEL_MAP, boxes_by_image, labelled  # noqa: F401 - fixture

IMPORTED = {"p1.png": [(LesionClass.EX, 2, 3, 10, 12), (LesionClass.OD, 20, 5, 30, 15)],
            "p2.png": [(LesionClass.HE, 1, 1, 6, 6)]}


def fresh_copy(images: Path, where: Path) -> Path:
    """The same images without their workspace, to import into."""
    return Path(shutil.copytree(images, where, ignore=shutil.ignore_patterns(".retinareview")))


def masks_by_image(folder: Path) -> dict[str, np.ndarray]:
    with Workspace.open(folder) as ws:
        return {c.image_path: ws.load_case(c.case_id).mask for c in ws.cases() if c.saved}


def test_yolo_export_then_import_gives_the_same_boxes(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    out = tmp_path / "yolo"
    assert main(["export", str(images), "--format", "yolo", "--out", str(out), "--label-map", LABEL_MAP]) == 0
    assert (out / "classes.txt").read_text().splitlines() == ["hard_exudates", "haemorrhage", "optic_disc", "MA", "SE"]
    # (1 + 6) / 2 / 40, (1 + 6) / 2 / 24, 5 / 40, 5 / 24
    assert (out / "p2.txt").read_text() == "1 0.087500 0.145833 0.125000 0.208333\n"
    capsys.readouterr()
    again = fresh_copy(images, tmp_path / "again")
    assert main(["import", str(again), "--from", str(out), "--format", "yolo", "--label-map", LABEL_MAP]) == 0
    assert "Imported 2 case(s) as YOLO" in capsys.readouterr().out
    assert boxes_by_image(again) == IMPORTED


def test_yolo_export_says_which_box_flags_it_cannot_keep(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    with Workspace.open(images) as ws:
        doc = next(ws.load_case(c.case_id) for c in ws.cases() if c.image_path == "p1.png")
        doc.boxes[0].difficult = True
        ws.save_case(doc)
    capsys.readouterr()
    assert main(["export", str(images), "--format", "yolo", "--out", str(tmp_path / "yolo")]) == 0
    assert "1 box(es) marked difficult or truncated lost the mark" in capsys.readouterr().out
    assert main(["export", str(images), "--format", "voc", "--out", str(tmp_path / "voc-out")]) == 0
    assert "lost the mark" not in capsys.readouterr().out


def test_yolo_import_without_classes_txt_says_what_is_missing(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, _ = labelled
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "p1.txt").write_text("0 0.5 0.5 0.1 0.1\n")
    assert main(["import", str(images), "--from", str(tmp_path / "labels"), "--format", "yolo"]) == 2
    assert "classes.txt" in capsys.readouterr().err


def test_coco_export_then_import_through_the_cli(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, voc_dir = labelled
    assert main(["import", str(images), "--from", str(voc_dir), "--format", "voc", "--label-map", LABEL_MAP]) == 0
    with Workspace.open(images) as ws:
        doc = next(ws.load_case(c.case_id) for c in ws.cases() if c.image_path == "p1.png")
        doc.mask[5:9, 4:8] = LesionClass.EX.bit
        doc.mask[0:2, 0:3] |= LesionClass.MA.bit
        ws.save_case(doc)
    out = tmp_path / "coco"
    assert main(["export", str(images), "--format", "coco", "--out", str(out)]) == 0
    for source in (out, out / "annotations.json"):  # the folder or the file itself
        again = fresh_copy(images, tmp_path / f"again-{source.name}")
        capsys.readouterr()
        assert main(["import", str(again), "--from", str(source), "--format", "coco"]) == 0
        assert "Imported 2 case(s) as COCO" in capsys.readouterr().out
        assert boxes_by_image(again) == IMPORTED
        np.testing.assert_array_equal(masks_by_image(again)["p1.png"], doc.mask)


def labelme_file(path: Path, width: int = 40, height: int = 24) -> None:
    shapes = [
        {"label": "hard_exudates", "shape_type": "rectangle", "points": [[10.2, 12.0], [2.0, 3.4]]},
        {"label": "haemorrhage", "shape_type": "polygon", "points": [[20, 2], [30, 2], [30, 10], [20, 10]]},
        {"label": "MA", "shape_type": "circle", "points": [[5, 18], [8, 18]]},
        {"label": "EX", "shape_type": "point", "points": [[1, 1]]},
        {"label": "EX", "shape_type": "line", "points": [[1, 1], [5, 5]]},
        {"label": "EX", "shape_type": "linestrip", "points": [[1, 1], [5, 5], [9, 1]]},
        {"label": "drusen", "shape_type": "polygon", "points": [[0, 0], [3, 0], [3, 3]]},
    ]
    path.write_text(json.dumps({"version": "5.4.1", "flags": {}, "shapes": shapes, "imagePath": "p1.png",
                                "imageData": "bm90IGFuIGltYWdl", "imageHeight": height, "imageWidth": width}))


def test_labelme_import_boxes_regions_and_skipped_shapes(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, _ = labelled
    (tmp_path / "lm").mkdir()
    labelme_file(tmp_path / "lm" / "p1.json")
    capsys.readouterr()
    assert main(["import", str(images), "--from", str(tmp_path / "lm"), "--format", "labelme",
                 "--label-map", LABEL_MAP]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s) as labelme" in out
    # named under --from, as the warning about photos among the label files names them
    assert "skipped 3 shape(s) without an area to import: 1 point, 1 line, 1 linestrip (in 'p1.json')" in out
    assert "drusen" in out
    assert boxes_by_image(images) == {"p1.png": [(LesionClass.EX, 2, 3, 10, 12)]}
    mask = masks_by_image(images)["p1.png"]
    expected = Image.new("L", (40, 24), 0)
    ImageDraw.Draw(expected).polygon([(20, 2), (30, 2), (30, 10), (20, 10)], fill=LesionClass.HE.bit)
    ImageDraw.Draw(expected).ellipse([2, 15, 8, 21], fill=LesionClass.MA.bit)
    np.testing.assert_array_equal(mask, np.asarray(expected))


def test_shapes_without_an_area_name_the_first_five_label_files_then_how_many_more(tmp_path: Path, capsys) -> None:
    images, labels = tmp_path / "photos", tmp_path / "lm"
    images.mkdir()
    labels.mkdir()
    point = {"label": "EX", "shape_type": "point", "points": [[1, 1]]}
    for number in range(7):
        Image.new("RGB", (8, 6)).save(images / f"e{number}.png")
        (labels / f"e{number}.json").write_text(json.dumps({"shapes": [point], "imageWidth": 8, "imageHeight": 6}))
    assert main(["import", str(images), "--from", str(labels), "--format", "labelme"]) == 2  # nothing imported
    assert ("skipped 7 shape(s) without an area to import: 7 point (in 'e0.json', 'e1.json', 'e2.json', 'e3.json', "
            "'e4.json', ... (+2))") in capsys.readouterr().out


def test_labelme_on_a_smaller_image_is_scaled_to_the_case(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, _ = labelled
    (tmp_path / "lm").mkdir()
    labelme_file(tmp_path / "lm" / "p1.json", width=20, height=12)
    assert main(["import", str(images), "--from", str(tmp_path / "lm"), "--format", "labelme",
                 "--label-map", LABEL_MAP]) == 0
    assert "labels were scaled to fit" in capsys.readouterr().out
    assert masks_by_image(images)["p1.png"].shape == (24, 40)


def test_every_warning_about_a_labelme_file_names_it_under_the_import_folder(labelled, tmp_path: Path,  # noqa: F811
                                                                            capsys) -> None:
    """Its notes, its size, a file that cannot be read and one that matched no image, as the warnings about shapes
    without an area and photos among the label files name files: by their names under --from, not in full."""
    images, _ = labelled
    (tmp_path / "lm" / "eye").mkdir(parents=True)
    labelled_file = tmp_path / "lm" / "eye" / "p1.json"
    labelme_file(labelled_file, width=20, height=12)
    data = json.loads(labelled_file.read_text())
    data["shapes"].append({"label": "EX", "shape_type": "polygon", "points": [[1, 1], [5, 5]]})
    labelled_file.write_text(json.dumps(data))
    (tmp_path / "lm" / "eye" / "p2.json").write_text("{")
    labelme_file(tmp_path / "lm" / "eye" / "stray.json")
    assert main(["import", str(images), "--from", str(tmp_path / "lm"), "--format", "labelme",
                 "--label-map", LABEL_MAP]) == 1  # p2.json left out: went through, not all of it
    out = capsys.readouterr().out
    assert "eye/p1.json: shape 8 (EX, polygon): a polygon needs 3 points or more; skipped" in out
    assert "eye/p1.json: labelled on a 20x12 image, 'p1.png' is 40x24; labels were scaled to fit" in out
    assert "eye/p2.json: cannot be read (the file was cut short" in out
    assert "1 label file(s) matched no image, e.g. eye/stray.json" in out
    assert str(tmp_path / "lm" / "eye") not in out



def test_the_one_label_file_of_all_images_keeps_its_full_name(labelled, tmp_path: Path, capsys,  # noqa: F811
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """--from a COCO file itself: an error about it while one image's labels are read names it in full, as every
    other warning about it, not by its name under itself (".")."""
    images, _ = labelled
    coco_file = tmp_path / "labels.json"
    coco_file.write_text(json.dumps({"images": [{"id": 1, "file_name": "p1.png", "width": 40, "height": 24}],
                                     "annotations": [], "categories": []}))

    def unreadable(self: CocoReader, key: str, width: int, height: int) -> None:
        raise FormatError(self.path, "broken")

    monkeypatch.setattr(CocoReader, "read", unreadable)
    assert main(["import", str(images), "--from", str(coco_file), "--format", "coco"]) == 2  # nothing imported
    assert f"warning: {coco_file}: broken" in capsys.readouterr().out

@pytest.mark.parametrize("content, fragment", [
    ("{", "cannot be read (the file was cut short"),
    ('{"shapes": [], "imageWidth": "wide", "imageHeight": 24}', "imageWidth and imageHeight"),  # none: the case's
    ('{"shapes": [], "imageWidth": 100000, "imageHeight": 100000}', "megapixels"),
    ('{"shapes": [{"label": "EX", "shape_type": "polygon", "points": [[1, 1], [1e30, 2], [3, 3]]}],'
     ' "imageWidth": 40, "imageHeight": 24}', "far outside"),
    ('{"shapes": [{"label": "EX", "points": "x"}], "imageWidth": 40, "imageHeight": 24}', "[x, y] pairs"),
])
def test_malformed_labelme_files_are_named_and_the_rest_imports(labelled, tmp_path: Path, capsys,  # noqa: F811
                                                                content: str, fragment: str) -> None:
    images, _ = labelled
    (tmp_path / "lm").mkdir()
    (tmp_path / "lm" / "p2.json").write_text(content)
    labelme_file(tmp_path / "lm" / "p1.json")
    assert main(["import", str(images), "--from", str(tmp_path / "lm"), "--format", "labelme",
                 "--label-map", LABEL_MAP]) == 1  # p2.json left out: went through, not all of it
    out = capsys.readouterr().out
    assert "Imported 1 case(s)" in out and "p2.json" in out and fragment in out


def test_indexed_png_export_then_import_gives_the_same_masks(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    """The indexed PNG (one class number per pixel) comes back in; overlaps are resolved as written (MA wins)."""
    images, _ = labelled
    with Workspace.open(images) as ws:
        doc = next(ws.load_case(c.case_id) for c in ws.cases() if c.image_path == "p1.png")
        doc.mask[5:9, 4:8] = LesionClass.EX.bit
        doc.mask[0:2, 0:3] = LesionClass.MA.bit | LesionClass.HE.bit
        ws.save_case(doc)
    out = tmp_path / "indexed"
    assert main(["export", str(images), "--format", "indexed", "--out", str(out)]) == 0
    again = fresh_copy(images, tmp_path / "again")
    capsys.readouterr()
    assert main(["import", str(again), "--from", str(out), "--format", "indexed"]) == 0
    assert "Imported 1 case(s) as indexed" in capsys.readouterr().out
    expected = doc.mask.copy()
    expected[0:2, 0:3] = LesionClass.MA.bit
    np.testing.assert_array_equal(masks_by_image(again)["p1.png"], expected)
