"""CVAT hands out its exports (CVAT for images 1.1, COCO 1.0) as zip archives, and a person gives the zip itself to
`import`. Its bytes are no XML or JSON: the import names the zip and says to unzip it, not that the file is broken
XML to be exported again (the same zip again) or unreadable text."""
from __future__ import annotations

import zipfile
from pathlib import Path

from app.cli import main
from tests.unit.test_cli_import_export import labelled  # noqa: F401 - fixture

CVAT_XML = ('<?xml version="1.0" encoding="utf-8"?>\n<annotations><version>1.1</version><meta><task><labels><label>'
            '<name>EX</name></label></labels></task></meta><image id="0" name="p1.png" width="40" height="24">'
            '<box label="EX" occluded="0" xtl="1" ytl="2" xbr="9" ybr="8" z_order="0"/></image></annotations>\n')
COCO_JSON = ('{"images":[{"id":1,"file_name":"p1.png","width":40,"height":24}],"categories":[{"id":1,"name":"EX"}],'
             '"annotations":[{"id":1,"image_id":1,"category_id":1,"bbox":[1,2,8,6],"segmentation":[],"iscrowd":0}]}')


def _zipped(path: Path, members: dict[str, str]) -> Path:
    """A zip laid out as CVAT's download: the label file, and images/ beside it."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def test_a_cvat_export_zip_is_named_and_the_person_told_to_unzip_it(labelled, tmp_path: Path,  # noqa: F811
                                                                   capsys) -> None:
    images, _ = labelled
    zipped = _zipped(tmp_path / "task_3-cvat for images 1.1.zip", {"annotations.xml": CVAT_XML, "images/p1.png": ""})
    assert main(["import", str(images), "--from", str(zipped), "--format", "cvat"]) == 2
    err = capsys.readouterr().err
    assert f"{zipped}: is a zip archive" in err and "unzip it" in err and "annotations.xml" in err
    assert "not well-formed XML" not in err


def test_a_coco_export_zip_is_named_and_the_person_told_to_unzip_it(labelled, tmp_path: Path,  # noqa: F811
                                                                   capsys) -> None:
    images, _ = labelled
    zipped = _zipped(tmp_path / "task_3-coco 1.0.zip", {"annotations/instances_default.json": COCO_JSON})
    assert main(["import", str(images), "--from", str(zipped), "--format", "coco"]) == 2
    err = capsys.readouterr().err
    assert f"{zipped}: is a zip archive" in err and "unzip it" in err and "instances_default.json" in err
    assert "cannot be read" not in err


def test_the_unzipped_exports_import(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, _ = labelled
    for fmt, name, text in (("cvat", "annotations.xml", CVAT_XML), ("coco", "instances_default.json", COCO_JSON)):
        (tmp_path / name).write_text(text)
        assert main(["import", str(images), "--from", str(tmp_path / name), "--format", fmt]) == 0
        assert "Boxes" in capsys.readouterr().out


def test_a_zip_of_per_image_label_files_is_named_as_a_zip(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, _ = labelled
    zipped = _zipped(tmp_path / "task_3-yolo 1.1.zip", {"obj.names": "EX\n",
                                                        "obj_train_data/p1.txt": "0 .5 .5 .1 .1\n"})
    for fmt in ("yolo", "labelme", "voc"):
        assert main(["import", str(images), "--from", str(zipped), "--format", fmt]) == 2
        err = capsys.readouterr().err
        assert f"{zipped}: is a zip archive" in err and "unzip it" in err and "folder not found" not in err
