"""A box's difficult and truncated marks are read alike in every format: "false", "0" or false never mark a box."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.formats.box_flags import flag_set
from annotations.formats.cvat import import_cvat
from annotations.formats.labelme import read_labelme
from annotations.formats.voc import read_voc

MARKED = (True, 1, "1", "true", "TRUE", " yes ")
UNMARKED = (False, 0, None, "", "0", "false", "False", "no", 2, [True], {"x": 1})


@pytest.mark.parametrize("value", MARKED)
def test_values_that_mark_a_box(value: object) -> None:
    assert flag_set(value)


@pytest.mark.parametrize("value", UNMARKED)
def test_values_that_do_not(value: object) -> None:
    assert not flag_set(value)


def labelme_box(path: Path, flags: dict) -> Path:
    shape = {"label": "HE", "shape_type": "rectangle", "points": [[2, 2], [9, 9]], "flags": flags}
    path.write_text(json.dumps({"shapes": [shape], "imagePath": "a.png", "imageWidth": 20, "imageHeight": 20}))
    return path


def voc_box(path: Path, difficult: str, truncated: str) -> Path:
    path.write_text("<annotation><size><width>20</width><height>20</height><depth>3</depth></size><object>"
                    f"<name>HE</name><difficult>{difficult}</difficult><truncated>{truncated}</truncated>"
                    "<bndbox><xmin>2</xmin><ymin>2</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>")
    return path


def cvat_box(path: Path, difficult: str, truncated: str) -> Path:
    path.write_text('<annotations><version>1.1</version><image id="0" name="a.png" width="20" height="20">'
                    '<box label="HE" xtl="2" ytl="2" xbr="9" ybr="9">'
                    f'<attribute name="difficult">{difficult}</attribute>'
                    f'<attribute name="truncated">{truncated}</attribute></box></image></annotations>')
    return path


def test_labelme_reads_the_word_false_as_unmarked(tmp_path: Path) -> None:
    box = read_labelme(labelme_box(tmp_path / "a.json", {"difficult": "false", "truncated": "true"})).boxes[0]
    assert (box.difficult, box.truncated) == (False, True)
    box = read_labelme(labelme_box(tmp_path / "b.json", {"difficult": True, "truncated": 0})).boxes[0]
    assert (box.difficult, box.truncated) == (True, False)


def test_voc_and_cvat_read_the_same_words(tmp_path: Path) -> None:
    voc = read_voc(voc_box(tmp_path / "a.xml", "false", "1")).boxes[0]
    cvat = import_cvat(cvat_box(tmp_path / "annotations.xml", "false", "true"))["a.png"].boxes[0]
    assert (voc.difficult, voc.truncated) == (cvat.difficult, cvat.truncated) == (False, True)
