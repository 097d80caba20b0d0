"""Files CVAT and labelme wrote (tests/data/real_formats, README there names each source), imported as a user would:
`retina-review import` into a folder of photos named as the files name them."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
from lxml import etree
from PIL import Image

from app.cli import main
from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats.cvat import cvat_xml
from annotations.formats.polygon_fill import circle_region, polygon_region
from annotations.raster import Region
from tests.unit.test_cli_import_export import boxes_by_image
from tests.unit.test_cli_label_formats import masks_by_image
from tests.unit.test_coco_reference import pycocotools_fill
from tests.unit.test_formats_cvat import DOCS_EXAMPLE

REAL = Path(__file__).resolve().parents[1] / "data" / "real_formats"
MA, HE, EX, SE, OD = LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.SE, LesionClass.OD


def photos(folder: Path, sizes: dict[str, tuple[int, int]]) -> Path:
    """A folder of grey photos, ``{relative path: (width, height)}``."""
    for name, (width, height) in sizes.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(np.full((height, width, 3), 90, np.uint8)).save(folder / name)
    return folder


def labelme_folder(tmp_path: Path, fixture: str, name: str) -> Path:
    """The labelme fixture as ``name``.json in a folder of its own, as labelme keeps it beside its photo."""
    folder = tmp_path / "labelme"
    folder.mkdir()
    shutil.copyfile(REAL / fixture, folder / f"{name}.json")
    return folder


def region(mask: np.ndarray, cls: LesionClass) -> np.ndarray:
    return (mask & cls.bit).astype(bool)


def painted(width: int, height: int, shape: Region) -> np.ndarray:
    """``shape``'s pixels on a ``width`` x ``height`` image."""
    canvas = np.zeros((height, width), bool)
    y0, y1, x0, x1 = shape.bounds
    canvas[y0:y1, x0:x1] = shape.mask
    return canvas


def test_cvat_project_export_keeps_each_subsets_photo_apart(tmp_path: Path, capsys) -> None:
    """A CVAT 2.x project export lists img0.jpg once per subset (task), as the photos of one name in different tasks
    would be: each photo, laid out as the project's dataset export lays them out, gets its own box, once."""
    layout = {f"{subset}/{name}": size for subset in ("Train", "Test", "Validation")
              for name, size in (("img0.jpg", (8, 8)), ("img1.jpg", (10, 10)))}
    images = photos(tmp_path / "images", layout)
    assert main(["import", str(images), "--from", str(REAL / "cvat_project_export.xml"), "--format", "cvat",
                 "--label-map", "label1=EX,label2=HE"]) == 0
    out = capsys.readouterr().out
    assert "Imported 6 case(s) as CVAT" in out
    assert "skipped 6 shape(s) without an area to import: 3 polyline, 3 points" in out
    triangle = pycocotools_fill(10, 10, [[1, 2, 3, 4, 6, 5]])  # as CVAT's dataset export fills it
    boxes, masks = boxes_by_image(images), masks_by_image(images)
    for subset in ("Train", "Test", "Validation"):
        assert boxes[f"{subset}/img0.jpg"] == [(EX, 0, 2, 4, 4)]  # occluded, z_order and attributes a1..a4 aside
        assert boxes[f"{subset}/img1.jpg"] == []
        np.testing.assert_array_equal(region(masks[f"{subset}/img1.jpg"], EX), triangle)


def test_cvat_project_export_into_one_flat_folder_imports_no_subsets_photo(tmp_path: Path, capsys) -> None:
    """Three photos named img0.jpg: which one a flat folder's img0.jpg is cannot be told, so it gets none of their
    boxes (it used to get all three)."""
    images = photos(tmp_path / "images", {"img0.jpg": (8, 8), "img1.jpg": (10, 10)})
    assert main(["import", str(images), "--from", str(REAL / "cvat_project_export.xml"), "--format", "cvat",
                 "--label-map", "label1=EX,label2=HE"]) == 2  # nothing imported
    out = capsys.readouterr().out
    assert "cvat_project_export.xml matched no case, e.g. Test/img0.jpg" in out
    # and why, with what to import instead
    assert ("no labels imported for 'img0.jpg', 'img1.jpg': " + str(REAL / "cvat_project_export.xml") +
            " lists photos of each name in different subsets of the CVAT project ('Test/img0.jpg', 'Test/img1.jpg', "
            "'Train/img0.jpg', 'Train/img1.jpg', 'Validation/img0.jpg', ... (+1)); export the project's dataset") in out
    assert boxes_by_image(images).get("img0.jpg", []) == []


def test_cvat_project_export_into_a_subfolder_says_why_its_photos_got_no_labels(tmp_path: Path, capsys) -> None:
    """The photos in a subfolder of the workspace: the warning names them as the matcher pairs them, by stem."""
    images = photos(tmp_path / "images", {"fundus/img0.jpg": (8, 8), "fundus/img1.jpg": (10, 10)})
    assert main(["import", str(images), "--from", str(REAL / "cvat_project_export.xml"), "--format", "cvat",
                 "--label-map", "label1=EX,label2=HE"]) == 2  # nothing imported
    out = capsys.readouterr().out
    assert ("no labels imported for 'fundus/img0.jpg', 'fundus/img1.jpg': " + str(REAL / "cvat_project_export.xml")
            + " lists photos of each name in different subsets of the CVAT project") in out
    assert boxes_by_image(images).get("fundus/img0.jpg", []) == []


def test_cvat_project_export_says_nothing_of_subsets_for_a_photo_it_labelled(tmp_path: Path, capsys) -> None:
    """A task without a subset keeps its photos' names: a flat folder's photo of that name gets its labels, and the
    other subsets' photos of the name are only images that matched no case."""
    text = (REAL / "cvat_project_export.xml").read_text().replace(' subset="Validation"', '')
    (tmp_path / "annotations.xml").write_text(text)
    images = photos(tmp_path / "images", {"img0.jpg": (8, 8)})
    assert main(["import", str(images), "--from", str(tmp_path / "annotations.xml"), "--format", "cvat",
                 "--label-map", "label1=EX,label2=HE"]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s) as CVAT" in out and "5 image(s) of" in out and "no labels imported" not in out
    assert boxes_by_image(images) == {"img0.jpg": [(EX, 0, 2, 4, 4)]}


def test_cvat_file_naming_one_photo_twice_in_one_subset_is_refused(tmp_path: Path, capsys) -> None:
    """Shapes of two photos of one name cannot be told apart: refused, where they used to be merged."""
    text = (REAL / "cvat_project_export.xml").read_text().replace('subset="Validation"', 'subset="Train"')
    (tmp_path / "annotations.xml").write_text(text)
    images = photos(tmp_path / "images", {"Train/img0.jpg": (8, 8)})
    assert main(["import", str(images), "--from", str(tmp_path / "annotations.xml"), "--format", "cvat",
                 "--label-map", "label1=EX"]) == 2
    assert "image 'Train/img0.jpg' is listed twice; whose shapes are whose cannot be told" in capsys.readouterr().err


def test_cvat_task_with_skeletons_and_unlabelled_shapes(tmp_path: Path, capsys) -> None:
    """datumaro's CVAT task: no XML declaration, skeletons with nested points, shapes with an empty label."""
    images = photos(tmp_path / "images", {"img0.jpg": (8, 8), "img1.jpg": (10, 10)})
    assert main(["import", str(images), "--from", str(REAL / "cvat_task_skeletons.xml"), "--format", "cvat",
                 "--label-map", "label1=EX"]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s) as CVAT" in out and "1 case(s) had no labels to import" in out
    assert "skipped 4 shape(s) without an area to import: 2 skeleton, 1 polyline, 1 points" in out
    # the polygon's empty label is said as such (it was an empty name: "does not name:  (in 1 file(s))")
    assert ("skipped shapes with labels the label map does not name: shapes without a label (in 1 file(s): "
            f"'{REAL / 'cvat_task_skeletons.xml'}');") in out
    assert boxes_by_image(images) == {"img0.jpg": [(EX, 0, 2, 4, 4)]}


def test_cvat_for_video_export_is_refused_saying_what_to_export(tmp_path: Path, capsys) -> None:
    images = photos(tmp_path / "images", {"frame_000010.png": (25, 20)})
    assert main(["import", str(images), "--from", str(REAL / "cvat_for_video.xml"), "--format", "cvat"]) == 2
    assert "holds tracks (CVAT for video 1.1); export the task as 'CVAT for images 1.1' instead" in \
        capsys.readouterr().err


def test_labelme_4_every_shape_kind(tmp_path: Path, capsys) -> None:
    images = photos(tmp_path / "images", {"shapes.jpg": (64, 48)})
    assert main(["import", str(images), "--from", str(labelme_folder(tmp_path, "labelme_4_shapes.json", "shapes")),
                 "--format", "labelme"]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s) as labelme" in out
    assert "skipped 3 shape(s) without an area to import: 1 line, 1 point, 1 linestrip (in 'shapes.json')" in out
    assert "skipped shapes with labels the label map does not name: drusen (in 1 file(s): 'shapes.json')" in out
    assert boxes_by_image(images) == {"shapes.jpg": [(EX, 4, 5, 14, 11)]}
    mask = masks_by_image(images)["shapes.jpg"]
    np.testing.assert_array_equal(region(mask, HE), painted(64, 48, circle_region(64, 48, (40, 12), 5)))
    np.testing.assert_array_equal(region(mask, SE), painted(64, 48, polygon_region(64, 48, [(6, 30), (4, 40),
                                                                                          (16, 41), (18, 31)])))
    assert not (mask & (MA.bit | OD.bit)).any()


def test_labelme_3_group_ids_and_ignore_label(tmp_path: Path, capsys) -> None:
    images = photos(tmp_path / "images", {"groups.jpg": (64, 48)})
    assert main(["import", str(images), "--from", str(labelme_folder(tmp_path, "labelme_3_groups.json", "groups")),
                 "--format", "labelme"]) == 0
    assert "__ignore__ (in 1 file(s): 'groups.json')" in capsys.readouterr().out
    mask = masks_by_image(images)["groups.jpg"]
    groups = json.loads((REAL / "labelme_3_groups.json").read_text())["shapes"]
    he = [painted(64, 48, polygon_region(64, 48, shape["points"])) for shape in groups[:2]]  # group 0's polygons
    np.testing.assert_array_equal(region(mask, HE), he[0] | he[1])
    np.testing.assert_array_equal(region(mask, EX), painted(64, 48, polygon_region(64, 48, groups[2]["points"])))


def test_labelme_without_a_size_lies_on_the_case_image(tmp_path: Path, capsys) -> None:
    """Early labelme (no "version") wrote rectangles as 4-corner shapes without shape_type (polygons, as labelme
    reads them), no imageWidth/imageHeight and no imageData: labelme measures the photo beside the file, and so does
    the import."""
    images = photos(tmp_path / "images", {"no_size.jpg": (40, 30)})
    folder = labelme_folder(tmp_path, "labelme_early_no_size.json", "no_size")
    assert main(["import", str(images), "--from", str(folder), "--format", "labelme"]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s) as labelme" in out and "scaled" not in out
    expected = np.zeros((30, 40), bool)
    expected[6:15, 4:13] = expected[20:27, 22:31] = True  # the corners' pixels, both ends in
    np.testing.assert_array_equal(region(masks_by_image(images)["no_size.jpg"], HE), expected)


def test_labelme_without_a_size_lies_on_the_image_it_embeds(tmp_path: Path, capsys) -> None:
    """Early labelme embedded the photo (imageData) and wrote no size: the shapes lie on the embedded 40x30 photo, so
    on a case photo twice as large they are scaled to fit, as for any label file of another size."""
    images = photos(tmp_path / "images", {"embedded.jpg": (80, 60)})
    folder = labelme_folder(tmp_path, "labelme_early_embedded_image.json", "embedded")
    assert main(["import", str(images), "--from", str(folder), "--format", "labelme"]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s) as labelme" in out
    assert "40x30" in out and "scaled" in out
    assert "kong_air_dog_squeakair_tennis_ball (in 1 file(s): 'embedded.json')" in out
    points = json.loads((REAL / "labelme_early_embedded_image.json").read_text())["shapes"][0]["points"]
    on_embedded = painted(40, 30, polygon_region(40, 30, points))
    np.testing.assert_array_equal(region(masks_by_image(images)["embedded.jpg"], EX),
                                  on_embedded.repeat(2, axis=0).repeat(2, axis=1))  # scaled as the import scales


def cvat_reads(xml: bytes) -> list[tuple]:
    """The boxes and masks CVAT 2.x's importer takes from a file, read as it reads them (cvat-ai/cvat,
    cvat/apps/dataset_manager/formats/cvat.py, load_anno): int() for an image's id and a mask's box and runs, float()
    for a box's corners, each attribute by its name; a KeyError or ValueError is a file CVAT cannot import."""
    root = etree.fromstring(xml)
    assert [child.tag for child in root][:2] == ["version", "meta"] and root.findtext("version") == "1.1"
    shapes = []
    for image in root.iterfind("image"):
        int(image.attrib["id"])
        for shape in image:
            common = (image.attrib["name"], shape.tag, shape.attrib["label"], shape.get("occluded", "0") == "1",
                      int(shape.get("z_order", 0)))
            if shape.tag == "box":
                shapes.append((*common, *(float(shape.attrib[name]) for name in ("xtl", "ytl", "xbr", "ybr"))))
            elif shape.tag == "mask":
                runs = [int(count) for count in shape.attrib["rle"].split(",")]
                left, top, width, height = (int(shape.attrib[name]) for name in ("left", "top", "width", "height"))
                assert sum(runs) == width * height
                shapes.append((*common, left, top, width, height))
    return shapes


def test_our_cvat_export_is_laid_out_as_cvat_writes_and_reads_one(tmp_path: Path) -> None:
    """CVAT's documented export and ours read alike by CVAT's importer; ours names each element's attributes as CVAT
    2.x writes them (dump_as_cvat_annotation; the documented mask's order)."""
    assert cvat_reads(DOCS_EXAMPLE.read_bytes()) == [
        ("filename000.jpg", "box", "plate", False, 4, 797.33, 870.92, 965.52, 928.94),
        ("filename000.jpg", "mask", "car", False, 0, 707, 888, 13, 15)]
    mask = np.zeros((30, 40), np.uint8)
    mask[5:9, 10:14] = HE.bit
    mask[20, 30] = MA.bit
    doc = CaseDocument("a", "sub/a.jpg", 40, 30, mask=mask, boxes=[Box(EX, 2, 3, 10, 12, difficult=True)])
    ours = cvat_xml([doc])
    assert cvat_reads(ours) == [("sub/a.jpg", "box", "EX", False, 0, 2.0, 3.0, 10.0, 12.0),
                                ("sub/a.jpg", "mask", "MA", False, 0, 30, 20, 1, 1),
                                ("sub/a.jpg", "mask", "HE", False, 0, 10, 5, 4, 4)]
    documented = etree.parse(str(DOCS_EXAMPLE)).getroot()
    root = etree.fromstring(ours)
    assert list(root.find("image").attrib) == ["id", "name", "width", "height"]
    assert list(root.find("image/box").attrib) == ["label", "source", "occluded", "xtl", "ytl", "xbr", "ybr",
                                                   "z_order"]
    assert list(root.find("image/mask").attrib) == list(documented.find("image/mask").attrib)
    assert [(a.get("name"), a.text) for a in root.find("image/box")] == [("difficult", "true"),
                                                                         ("truncated", "false")]


def _labelme_files(folder: Path, labels: dict[str, object]) -> Path:
    """A labelme file per photo ``{stem: its one rectangle's label}``, for 8 x 8 photos."""
    folder.mkdir()
    for stem, label in labels.items():
        (folder / f"{stem}.json").write_text(json.dumps({
            "imagePath": f"{stem}.jpg", "imageWidth": 8, "imageHeight": 8, "imageData": None,
            "shapes": [{"label": label, "points": [[1, 1], [4, 4]], "shape_type": "rectangle"}]}))
    return folder


def test_blank_labels_are_said_once_as_shapes_without_a_label(tmp_path: Path, capsys) -> None:
    """"" and " " are both no label: one item with both files, not two with split counts."""
    images = photos(tmp_path / "images", {"a.jpg": (8, 8), "b.jpg": (8, 8)})
    labels = _labelme_files(tmp_path / "labelme", {"a": "", "b": " "})
    assert main(["import", str(images), "--from", str(labels), "--format", "labelme", "--label-map", "ex=EX"]) == 2
    out = capsys.readouterr().out
    assert "the label map does not name: shapes without a label (in 2 file(s): 'a.json', 'b.json')" in out
    assert out.count("shapes without a label") == 1


def test_unknown_labels_are_said_with_the_files_that_hold_them(tmp_path: Path, capsys) -> None:
    """An annotator with hundreds of label files finds those whose names the map lacks: the first few by name, then
    how many more, as the import's other notes name files."""
    stems = "abcdefg"
    images = photos(tmp_path / "images", {f"{stem}.jpg": (8, 8) for stem in stems})
    labels = _labelme_files(tmp_path / "labelme", {stem: "scar" if stem == "c" else "drusen" for stem in stems})
    assert main(["import", str(images), "--from", str(labels), "--format", "labelme", "--label-map", "ex=EX"]) == 2
    assert ("the label map does not name: drusen (in 6 file(s): 'a.json', 'b.json', 'd.json', 'e.json', 'f.json', "
            "... (+1)), scar (in 1 file(s): 'c.json'); add them") in capsys.readouterr().out


def test_a_labelme_shape_labelled_null_is_a_shape_without_a_label(tmp_path: Path, capsys) -> None:
    images = photos(tmp_path / "images", {"a.jpg": (8, 8)})
    labels = _labelme_files(tmp_path / "labelme", {"a": None})
    assert main(["import", str(images), "--from", str(labels), "--format", "labelme", "--label-map", "ex=EX"]) == 2
    out = capsys.readouterr().out
    assert "the label map does not name: shapes without a label (in 1 file(s): 'a.json')" in out and "None" not in out
