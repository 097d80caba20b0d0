"""Power cuts (SIGKILL) while the window's own Export and Import dialogs write (tests/power_cut_dialogs.py drives
them as a person clicks through them): the photos and the case files stay as they were; an export cut off part-way
is said to be unfinished by an import of it, where its few cases' files read like a whole export whose other cases
had no labels, and by the next export into it, which refused them as "already there"; with "Replace files" ticked,
the next export finishes it; an import cut off leaves each case with all its imported labels or none."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.document import Box, ReaderGrade, ReviewState
from annotations.messages import EMPTY_OR_TICK_REPLACE, UNFINISHED_IN_THE_WAY
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer_messages import UNFINISHED_EXPORT
from tests.power_cut import check_imported, dialog_cut, digests, make_folder, make_labels

pytestmark = pytest.mark.slow


def labelled_folder(base: Path) -> tuple[Path, Path]:
    """power_cut.make_folder's four photos, each case with a box and painted pixels, marked done."""
    folder, settings = make_folder(base)
    with Workspace.open(folder, reader="tester") as ws:
        for number, case in enumerate(ws.cases()):
            doc = ws.load_case(case.case_id)
            doc.mask[2:6, 3 + number:9] = LesionClass.HE.bit
            doc.boxes, doc.grade = [Box(LesionClass.EX, 1, 1, 8, 8)], ReaderGrade(dr_grade=2)
            doc.review_state = ReviewState.DONE
            ws.save_case(doc)
    return folder, settings


def import_warnings(photos: Path, labels: Path, fmt: str, into: Path) -> list[str]:
    """The warnings of importing ``labels`` into a fresh copy of the ``photos``, at ``into``."""
    into.mkdir()
    for photo in photos.glob("*.png"):
        shutil.copy(photo, into)
    with Workspace.open(into, reader="tester") as ws:
        return import_labels(ws, labels, fmt).warnings


def kept(folder: Path) -> dict[str, str]:
    """The photos and the case files: what no export may change."""
    return {name: digest for name, digest in digests(folder).items()
            if not name.startswith(".") or name.startswith(".retinareview/cases/")}


def test_an_export_cut_off_in_the_window_is_said_unfinished_and_the_next_one_finishes_it(tmp_path: Path) -> None:
    folder, settings = labelled_folder(tmp_path / "clinic")
    before = kept(folder)
    out = tmp_path / "export"
    # before the second of four VOC files' rename, the only format chosen: one case's file there
    code, _ = dialog_cut(folder, settings, "export", out, "voc", "3:.xml")
    assert code == -9
    assert kept(folder) == before
    assert len(list(out.glob("*.xml"))) == 1
    warnings = import_warnings(folder, out, "voc", tmp_path / "first")
    assert warnings[0] == UNFINISHED_EXPORT.format(folder=out), warnings

    code, summary = dialog_cut(folder, settings, "export", out, "voc", 0)  # "Replace files" not ticked
    assert code == 0 and summary.startswith(f"Export failed: {out}: {UNFINISHED_IN_THE_WAY.format(count=1)}"), summary
    assert EMPTY_OR_TICK_REPLACE in summary
    code, summary = dialog_cut(folder, settings, "export", out, "voc", 0, replace=True)
    assert code == 0 and "Exported 4 case(s)" in summary, summary
    assert len(list(out.glob("*.xml"))) == 4
    warnings = import_warnings(folder, out, "voc", tmp_path / "again")
    assert not [text for text in warnings if "stopped" in text], warnings


def test_a_cut_in_the_second_format_leaves_the_first_whole_and_the_second_said_unfinished(tmp_path: Path) -> None:
    folder, settings = labelled_folder(tmp_path / "clinic")
    before = kept(folder)
    out = tmp_path / "export"
    # VOC written whole into export/voc, then the masks into export/masks: before the second case's HE mask's rename
    code, _ = dialog_cut(folder, settings, "export", out, "voc,masks", "3:_HE.png")
    assert code == -9
    assert kept(folder) == before
    assert len(list((out / "voc").glob("*.xml"))) == 4
    assert not [text for text in import_warnings(folder, out / "voc", "voc", tmp_path / "voc") if "stopped" in text]
    warnings = import_warnings(folder, out / "masks", "masks", tmp_path / "masks")
    assert warnings[0] == UNFINISHED_EXPORT.format(folder=out / "masks"), warnings


def test_an_import_cut_off_in_the_window_leaves_each_case_with_all_its_labels_or_none(tmp_path: Path) -> None:
    folder, settings = make_folder(tmp_path)
    labels = make_labels(folder)
    photos = {name: digest for name, digest in digests(folder).items() if not name.startswith(".")}
    code, _ = dialog_cut(folder, settings, "import", labels, "voc", "3:case.json")  # before the second case's
    assert code == -9
    assert {name: digest for name, digest in digests(folder).items() if not name.startswith(".")} == photos
    assert check_imported(folder, labels) == []
