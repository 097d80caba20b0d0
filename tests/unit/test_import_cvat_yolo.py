"""CVAT's YOLO 1.1 export (Darknet's layout) names its class list obj.names, not labelImg's classes.txt, puts the
label files in obj_train_data/ and lists the subset's images in train.txt: unzipped, it imports as it is, its boxes
where they were."""
from __future__ import annotations

from pathlib import Path

from annotations.classes import LesionClass
from app.cli import main
from tests.unit.test_cli_import_export import LABEL_MAP, boxes_by_image, labelled  # noqa: F401 - fixture


def test_cvat_yolo_export_with_obj_names_imports(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, _ = labelled
    export = tmp_path / "task_3-yolo 1.1"  # as CVAT's zip unpacks (on a 40x24 photo)
    (export / "obj_train_data").mkdir(parents=True)
    (export / "obj.names").write_text("hard_exudates\nhaemorrhage\n")
    (export / "obj.data").write_text("classes = 2\ntrain = data/train.txt\nnames = data/obj.names\nbackup = backup/\n")
    (export / "train.txt").write_text("data/obj_train_data/p1.png\n")
    (export / "obj_train_data" / "p1.txt").write_text("1 0.200000 0.375000 0.200000 0.250000\n")
    assert main(["import", str(images), "--from", str(export), "--format", "yolo", "--label-map", LABEL_MAP]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 case(s) as YOLO" in out
    assert "matched no image" not in out  # train.txt lists the subset's images: no labels left over
    assert boxes_by_image(images)["p1.png"] == [(LesionClass.HE, 4, 6, 12, 12)]


def test_yolo_labels_without_a_class_list_name_classes_txt(labelled, tmp_path: Path, capsys) -> None:  # noqa: F811
    images, _ = labelled
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "p1.txt").write_text("0 0.5 0.5 0.1 0.1\n")
    assert main(["import", str(images), "--from", str(tmp_path / "labels"), "--format", "yolo"]) == 2
    assert f"{tmp_path / 'labels' / 'classes.txt'}: not found" in capsys.readouterr().err
