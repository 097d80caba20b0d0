"""Exports leave out cases nobody labelled or marked done: their empty label files would read as "no lesions"."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box, ReviewState
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from annotations.workspace.transfer_texts import summary_text

# image -> what the reader did with it
CASES = ("boxed.png", "painted.png", "optic_disc.png", "done_empty.png", "opened.png", "untouched.png")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    images = tmp_path / "images"
    images.mkdir()
    for name in CASES:
        Image.fromarray(np.full((20, 30, 3), 90, np.uint8)).save(images / name)
    with Workspace.open(images) as ws:
        by_name = {c.image_path: c.case_id for c in ws.cases()}
        edits = {"boxed.png": lambda d: d.boxes.append(Box(LesionClass.HE, 2, 2, 8, 8)),
                 "painted.png": lambda d: d.mask.__setitem__((slice(3, 5), slice(3, 5)), LesionClass.MA.bit),
                 "optic_disc.png": lambda d: d.mask.__setitem__((slice(3, 9), slice(3, 9)), LesionClass.OD.bit),
                 "done_empty.png": lambda d: setattr(d, "review_state", ReviewState.DONE),
                 "opened.png": lambda d: setattr(d, "review_state", ReviewState.IN_PROGRESS)}
        for name, edit in edits.items():
            doc = ws.load_case(by_name[name])
            edit(doc)
            ws.save_case(doc, "reader")
    return images


def exported(folder: Path, fmt: str, out: Path, every_case: bool = True) -> tuple[set[str], object]:
    with Workspace.open(folder) as ws:
        ids = [c.case_id for c in ws.cases()] if every_case else None
        summary = export_labels(ws, fmt, out, case_ids=ids)
    return {p.stem for p in out.glob("*.xml")}, summary


KEPT = {"boxed", "painted", "optic_disc", "done_empty"}


@pytest.mark.parametrize("every_case", [True, False], ids=["all cases", "saved cases (command line default)"])
def test_voc_export_writes_labelled_and_done_cases_only(folder, tmp_path, every_case) -> None:
    written, summary = exported(folder, "voc", tmp_path / "voc", every_case)
    assert written == KEPT
    assert summary.cases == 4
    assert summary.unlabelled == (2 if every_case else 1)  # untouched.png was never saved
    assert f"skipped {summary.unlabelled} case(s) nobody labelled or marked done" in summary_text([summary])


def test_dataset_export_has_no_unlabelled_case_in_any_split(folder, tmp_path) -> None:
    out = tmp_path / "dataset"
    exported(folder, "dataset", out)
    images = {p.stem for p in (out / "images").iterdir()}
    split = {line for name in ("train", "val", "test") for line in (out / "splits" / f"{name}.txt").read_text().split()}
    assert images == split == KEPT


def test_grades_csv_keeps_every_case_and_says_how_many_have_no_grade_yet(folder, tmp_path) -> None:
    """A programme's folder analysed and not graded yet gave a CSV of mostly empty rows, unsaid (screening probe)."""
    _written, summary = exported(folder, "csv", tmp_path / "csv")
    assert summary.cases == len(CASES) and summary.unlabelled == 0
    assert "skipped" not in summary_text([summary])
    assert ("6 of the 6 row(s) have no grade yet (the cases were not graded, e.g. boxed); their cells are empty"
            in summary_text([summary]))


class _Reported:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def progress(self, fraction: float, message: str = "") -> None:
        self.messages.append(message)

    def is_cancelled(self) -> bool:
        return False


@pytest.mark.parametrize("fmt", ["voc", "coco", "csv"])
def test_an_export_reports_each_case_by_its_image_not_its_id(folder, tmp_path, fmt) -> None:
    """The export dialog's status line showed "boxed.png-fd27274134" while it ran."""
    state = _Reported()
    with Workspace.open(folder) as ws:
        ids = [c.case_id for c in ws.cases()]
        export_labels(ws, fmt, tmp_path / fmt, state=state, case_ids=ids)
    assert state.messages[0].startswith("Exporting 'boxed.png' (1 of ")  # what the case list shows, quoted
    assert all(re.fullmatch(r"Exporting '\w+\.png' \(\d of \d\)", message) for message in state.messages[:-1])
    assert state.messages[-1] == "done"
