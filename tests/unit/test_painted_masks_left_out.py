"""An export of boxes only (Pascal VOC, YOLO) of cases with painted masks says, once, how many cases' masks its files
leave out and which formats keep them; the painted pixels were otherwise lost without a word."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from annotations.workspace.transfer import TransferSummary
from annotations.workspace import transfer_texts
from app.cli import main

KEEP = "to keep the masks, export one of: per-class masks, COCO, CVAT, labelme"


@pytest.fixture
def painted(tmp_path: Path) -> Path:
    """Three photos: two with EX painted (one boxed too), one with a box alone."""
    folder = tmp_path / "photos"
    folder.mkdir()
    for name in ("p1.png", "p2.png", "p3.png"):
        Image.fromarray(np.full((24, 40, 3), 80, np.uint8)).save(folder / name)
    with Workspace.open(folder) as ws:
        for index, case in enumerate(ws.cases()):
            doc = ws.load_case(case.case_id)
            if index < 2:
                doc.mask[5:9, 4:8] = LesionClass.EX.bit
            if index > 0:
                doc.boxes.append(Box(LesionClass.HE, 1, 1, 6, 6))
            ws.save_case(doc)
    return folder


@pytest.mark.parametrize("fmt, name", [("voc", "Pascal VOC"), ("yolo", "YOLO")])
def test_a_box_export_says_how_many_cases_painted_masks_it_left_out(painted: Path, tmp_path: Path, capsys,
                                                                   fmt: str, name: str) -> None:
    assert main(["export", str(painted), "--format", fmt, "--out", str(tmp_path / fmt)]) == 0
    out = capsys.readouterr().out
    assert "Exported 3 case(s)" in out
    note = f"the masks painted in 2 case(s) are not in the {name} files, which hold boxes only; {KEEP}"
    assert out.count(note) == 1


@pytest.mark.parametrize("fmt", ["masks", "coco", "cvat", "labelme"])
def test_an_export_that_keeps_the_masks_says_nothing_of_it(painted: Path, tmp_path: Path, capsys, fmt: str) -> None:
    assert main(["export", str(painted), "--format", fmt, "--out", str(tmp_path / fmt)]) == 0
    assert "hold boxes only" not in capsys.readouterr().out


def test_several_formats_say_it_once_and_not_when_another_keeps_the_masks() -> None:
    def exported(fmt: str) -> TransferSummary:
        return TransferSummary("export", fmt, Path("/out") / fmt, cases=3, boxes=Counter({LesionClass.HE: 2}),
                               painted_left_out=2 if fmt in ("voc", "yolo") else 0)

    text = transfer_texts.summary_text([exported("voc"), exported("yolo")])
    assert text.count("hold boxes only") == 1
    assert f"the masks painted in 2 case(s) are not in the Pascal VOC, YOLO files, which hold boxes only; {KEEP}" \
        in text
    assert "hold boxes only" not in transfer_texts.summary_text([exported("voc"), exported("masks")])


def test_the_dialog_says_it_before_a_box_export_only() -> None:
    note = transfer_texts.boxes_only_note
    assert note(["voc", "yolo"]) == ("Pascal VOC, YOLO files hold boxes only: the masks painted in the cases are "
                                     f"left out of them; {KEEP}")
    assert note(["voc", "coco"]) == note(["csv"]) == note([]) == ""
