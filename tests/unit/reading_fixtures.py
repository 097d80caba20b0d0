"""Small folders of images and readings for the double-reading tests."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import AIResult, Box, ReaderGrade, ReviewState
from annotations.workspace import Workspace
from annotations.workspace.scan import case_id_for


def image_folder(root: Path, count: int = 3, width: int = 32, height: int = 24) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        Image.fromarray(np.full((height, width, 3), 40 + index, np.uint8)).save(root / f"img{index}.png")
    return root


def case_of(index: int) -> str:
    return case_id_for(f"img{index}.png")


def read_case(ws: Workspace, index: int, grade: int | None, rows: slice = slice(2, 6), boxes: list[Box] | None = None,
              submit: bool = True, dme: int | None = 0, ai_grade: int | None = None) -> None:
    """Save one reader's reading of image ``index``: a grade, an EX patch over ``rows`` and ``boxes``."""
    doc = ws.load_case(case_of(index))
    doc.grade = ReaderGrade(dr_grade=grade, dme_risk=dme)
    doc.mask[rows, 4:12] |= LesionClass.EX.bit
    doc.boxes = list(boxes or [])
    if ai_grade is not None:
        doc.ai = AIResult(dr_grade=ai_grade, referable=ai_grade >= 2, grade_source="model")
    doc.review_state = ReviewState.DONE if submit else ReviewState.IN_PROGRESS
    ws.save_case(doc)
