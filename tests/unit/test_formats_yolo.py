"""YOLO labels (labelImg's format): exact round trips VOC -> YOLO -> VOC, on generated boxes and the real CODRAS set."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.document import Box
from annotations.formats import FormatError
from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP, names_for_export, parse_label_map
from annotations.formats.voc import read_voc, write_voc
from annotations.formats.yolo import class_order, read_classes, read_yolo, write_classes, yolo_text
from tests.unit.test_coco_reference import pycocotools_fill
from tests.unit.test_formats_real_voc import raw_objects

INDEX = {cls: index for index, cls in enumerate(ALL_CLASSES)}
NAMES = [cls.name for cls in ALL_CLASSES]


def coords(boxes: list[Box]) -> list[tuple]:
    return [(b.label, *b.coords()) for b in boxes]


def test_a_box_is_written_as_labelimg_writes_it() -> None:
    # labelImg: centre (xmin + xmax) / 2 / w, size (xmax - xmin) / w, "%d %.6f %.6f %.6f %.6f"
    text = yolo_text([Box(LesionClass.EX, 10, 20, 30, 60)], 100, 200, INDEX)
    assert text == "2 0.200000 0.200000 0.200000 0.200000\n"


@pytest.mark.parametrize("size", [(40, 24), (1024, 680), (4288, 2848), (7, 5000)])
def test_generated_boxes_round_trip_to_the_pixel(tmp_path: Path, size: tuple[int, int]) -> None:
    width, height = size
    rng = random.Random(width * height)
    boxes = [Box(LesionClass.OD, 0, 0, width, height), Box(LesionClass.MA, 0, 0, 0, 0),
             Box(LesionClass.HE, width, height, width, height)]
    for _ in range(300):
        x0, x1 = sorted(rng.randint(0, width) for _ in range(2))
        y0, y1 = sorted(rng.randint(0, height) for _ in range(2))
        boxes.append(Box(rng.choice(ALL_CLASSES), x0, y0, x1, y1))
    path = tmp_path / "a.txt"
    path.write_text(yolo_text(boxes, width, height, INDEX))
    back = read_yolo(path, NAMES, width, height)
    assert coords(back.boxes) == coords(boxes)
    assert back.notes == [] and back.unknown_labels == []


def test_classes_follow_the_label_map_order_then_our_classes(tmp_path: Path) -> None:
    label_map = parse_label_map("optic_disc=OD,hard_exudates=EX,haemorrhage=HE")
    order = class_order(label_map)
    assert order[:3] == [(LesionClass.OD, "optic_disc"), (LesionClass.EX, "hard_exudates"),
                         (LesionClass.HE, "haemorrhage")]
    assert [cls for cls, _ in order[3:]] == [LesionClass.MA, LesionClass.SE]
    write_classes(tmp_path / "classes.txt", [name for _, name in order])
    assert read_classes(tmp_path / "classes.txt") == ["optic_disc", "hard_exudates", "haemorrhage", "MA", "SE"]


def test_unknown_class_names_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("0 0.5 0.5 0.2 0.2\n1 0.5 0.5 0.1 0.1\n\n")
    got = read_yolo(path, ["cotton_wool", "haemorrhage"], 100, 100, parse_label_map("haemorrhage=HE"))
    assert coords(got.boxes) == [(LesionClass.HE, 45, 45, 55, 55)]
    assert got.unknown_labels == ["cotton_wool"]


def test_boxes_past_the_edge_are_clamped_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("0 0.95 0.5 0.2 0.2\n")
    got = read_yolo(path, ["EX"], 100, 100)
    assert coords(got.boxes) == [(LesionClass.EX, 85, 40, 100, 60)]
    assert "clamped" in got.notes[0]


def test_outline_lines_are_mask_pixels_the_outline_covers(tmp_path: Path) -> None:
    """Ultralytics' segmentation lines ('class x1 y1 x2 y2 …') stopped the whole import ("9 fields"): they paint the
    pixels whose centre the outline covers, beside the file's boxes."""
    path = tmp_path / "a.txt"
    path.write_text("1 0.1 0.2 0.4 0.2 0.4 0.5 0.1 0.5\n0 0.5 0.5 0.2 0.2\n1 0.8 0.8 0.9 0.8 0.85 0.9\n")
    got = read_yolo(path, ["EX", "HE"], 100, 50)
    assert coords(got.boxes) == [(LesionClass.EX, 40, 20, 60, 30)]
    expected = np.zeros((50, 100), bool)
    expected[10:25, 10:40] = True  # corners (10, 10) and (40, 25): 30 x 15 pixels
    expected |= pycocotools_fill(100, 50, [[80, 40, 90, 40, 85, 45]])
    np.testing.assert_array_equal(got.mask == LesionClass.HE.bit, expected)
    assert not (got.mask & ~np.uint8(LesionClass.HE.bit)).any()


@pytest.mark.parametrize("line, fragment", [
    ("0 0.5 0.5 0.2\n", "4 fields"),
    ("0 0.1 0.1 0.2 0.1 0.2 0.2 0.3\n", "8 fields"),
    ("0 0.1 0.1 0.2 0.1 0.2 0.2 9000 0.5\n", "lies far outside"),
    ("3 0.5 0.5 0.2 0.2\n", "class 3 is not a line of classes.txt"),
    ("0.5 0.5 0.5 0.2 0.2\n", "class 0.5"),
    ("0 nan 0.5 0.2 0.2\n", "not a finite number"),
    ("0 x 0.5 0.2 0.2\n", "'x' is not a number"),
])
def test_malformed_lines_name_the_file_and_line(tmp_path: Path, line: str, fragment: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(line)
    with pytest.raises(FormatError) as caught:
        read_yolo(path, ["EX", "HE"], 100, 100)
    assert "bad.txt" in str(caught.value) and "line 1" in str(caught.value) and fragment in str(caught.value)


def test_real_codras_files_go_voc_to_yolo_to_voc_identical(shared_data: Path, tmp_path: Path) -> None:
    files = sorted((shared_data / "codras-idrid" / "voc").glob("*.xml"))
    if not files:
        pytest.skip("no VOC files in shared data")
    assert len(files) == 412
    label_map = parse_label_map(IDRID_CODRAS_LABEL_MAP)
    order = class_order(label_map)
    index_of = {cls: index for index, (cls, _) in enumerate(order)}
    names = names_for_export(label_map)
    total = 0
    for path in files:
        annotation = read_voc(path, label_map)
        label_file = tmp_path / f"{path.stem}.txt"
        label_file.write_text(yolo_text(annotation.boxes, annotation.width, annotation.height, index_of))
        back = read_yolo(label_file, [name for _, name in order], annotation.width, annotation.height, label_map)
        assert back.notes == [] and back.unknown_labels == [], path
        annotation.boxes = back.boxes
        write_voc(tmp_path / path.name, annotation, names)
        assert raw_objects(tmp_path / path.name) == raw_objects(path), path
        total += len(back.boxes)
    assert total > len(files)
