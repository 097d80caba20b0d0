"""Small folders of images and readings for the double-reading tests."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest
from PIL import Image

import annotations.workspace.sidecar as sidecar
from annotations.classes import LesionClass
from annotations.document import AIResult, Box, ReaderGrade, ReviewState
from annotations.errors import FileProblem
from annotations.reading.consensus import arbitrate, draft_from, settle_agreed
from annotations.reading.readers import case_files, load_readings, open_consensus, open_reader, readers_of
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import Workspace
from annotations.workspace.scan import case_id_for


def image_folder(root: Path, count: int = 3, width: int = 32, height: int = 24) -> Path:
    """``count`` fundus photos: coloured, as a grey picture with no round field of view is an OCT B-scan
    (annotations.modality), which a case saved before it is opened records."""
    root.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        colour = np.array([40 + index, 20, 10], np.uint8)
        Image.fromarray(np.broadcast_to(colour, (height, width, 3))).save(root / f"img{index}.png")
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


def arbitrated(folder: Path, arbiter: str, index: int, grade: int | None = None) -> None:
    """``arbiter`` decides image ``index`` as its first reading says, or as DR grade ``grade`` (DME risk 0)."""
    with open_consensus(folder, arbiter) as consensus:
        readings = load_readings(folder, case_of(index))
        decided = draft_from(readings[0])
        if grade is not None:
            decided.grade = ReaderGrade(dr_grade=grade, dme_risk=0)
        arbitrate(consensus, decided, arbiter, readings)


def both_read(folder: Path, grades: dict[int, int]) -> None:
    """Anna and Ben each submit image ``index`` with ``grades[index]`` and the same labels (read_case): agreed."""
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            for index, grade in grades.items():
                read_case(reader, index, grade=grade)


def stale_and_unstored_agreements(root: Path, width: int = 32, height: int = 24) -> Path:
    """A double-read folder with an arbiter: img0 agreed, stored; img1 agreed and stored, then disputed (the store
    keeps the stale consensus, grade 2); img2 agreed after the store settled, never stored."""
    folder = image_folder(root, count=3, width=width, height=height)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    both_read(folder, {0: 1, 1: 2})
    with open_consensus(folder, "Dr Arbiter") as consensus:
        assert settle_agreed(consensus, "Dr Arbiter") == 2
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 1, grade=4)
    both_read(folder, {2: 3})
    return folder


def settled_agreements(root: Path, count: int = 3) -> Path:
    """A double-read folder whose ``count`` images both readers graded 1 alike, each settled as the consensus."""
    folder = image_folder(root, count=count)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, dict.fromkeys(range(count), 1))
    with open_consensus(folder, "Arb") as consensus:
        assert settle_agreed(consensus, "Arb") == count
    return folder


def revised_into_agreement(root: Path, back_to_do_first: bool = False) -> Path:
    """A double-read folder of one image: Anna submitted grade 3, Ben 1, then Ben changed his submitted reading to
    Anna's 3 (``back_to_do_first``: setting the case back to do, then submitting it again)."""
    folder = image_folder(root, count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=3)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=1)
        for state in (ReviewState.TODO, ReviewState.DONE) if back_to_do_first else (ReviewState.DONE,):
            case = ben.load_case(case_of(0))
            case.grade, case.review_state = ReaderGrade(dr_grade=3, dme_risk=0), state
            ben.save_case(case)
    return folder


def revised_since_arbitration(root: Path, count: int = 1, index: int = 0) -> Path:
    """A double-read folder of ``count`` images: on image ``index`` Anna submitted grade 1, Ben 3, Dr Wang arbitrated
    it as Anna's reading (grade 1), then Ben revised his to 4."""
    folder = image_folder(root, count=count)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Wang",)))
    for reader, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, reader) as ws:
            read_case(ws, index, grade=grade)
    arbitrated(folder, "Dr Wang", index)
    with open_reader(folder, "Ben") as ws:
        read_case(ws, index, grade=4)
    return folder


def edited_reading(folder: Path, reader: str, index: int, edit: Callable[[dict[str, Any]], None]) -> Path:
    """``reader``'s case file of photo ``index`` in ``folder`` changed by ``edit`` (a later release's, or damaged, as
    a test needs); returns that file."""
    store = next(store for store in readers_of(folder) if store.name == reader)
    path = case_files(store.sidecar).case_file(case_of(index))
    data = json.loads(path.read_text("utf-8"))
    edit(data)
    path.write_text(json.dumps(data), "utf-8")
    return path


def storage_cannot_give(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Reading ``path`` (a case file) fails as a share away fails: a storage failure, not a damaged file."""
    real_read = sidecar.read_regular_bytes

    def share_gone(read: Path, *args: object, **kwargs: object) -> bytes:
        if Path(read) == path:
            raise FileProblem(read, "cannot read it (input/output error)")
        return real_read(read, *args, **kwargs)
    monkeypatch.setattr(sidecar, "read_regular_bytes", share_gone)
