"""Power cuts (SIGKILL) while a person works in the window, and while a data set is exported: at a few steps of
writing to disk (tests/power_cut_hook.py), including between a temp file's fsync and its rename. The folder opened
again holds whole files and every case as last saved or as autosaved after that, its lock taken over; an export is
whole or plainly unfinished. ``python tests/power_cut.py SEED`` tries every step of a seed's run."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.document import Box, ReaderGrade
from annotations.workspace import Workspace
from tests.power_cut import check_dataset, check_reopened, drive, export_cut, make_folder

SEED = 1
# in seed 1's run: just before the rename of a case.json (the second save's, the third's after its rename) and of
# a mask's; a cut by step number lands in any fsync too (python tests/power_cut.py), which found the save that waits
# returning before a queued save was written (tests/gui/test_unsaved_on_close.py tests that one without a cut)
CUTS = ("3:case.json", "6:case.json", "3:.png")


@pytest.mark.slow
def test_power_cuts_while_editing_lose_nothing_saved(tmp_path: Path) -> None:
    for cut in CUTS:
        base = tmp_path / cut.replace(":", "-")
        folder, settings = make_folder(base)
        code, journal = drive(base, folder, settings, SEED, cut)
        assert code == -9, f"the driver never reached {cut}"
        assert check_reopened(folder, journal) == [], f"cut at step {cut}"


def test_power_cut_while_exporting_leaves_no_split_lists_of_a_set_without_the_rest(tmp_path: Path) -> None:
    folder, _ = make_folder(tmp_path)
    with Workspace.open(folder, reader="tester") as ws:
        for number, case in enumerate(ws.cases()[:3]):
            doc = ws.load_case(case.case_id)
            doc.mask[2:6, 3 + number:9] = LesionClass.HE.bit
            doc.boxes, doc.grade = [Box(LesionClass.EX, 1, 1, 8, 8)], ReaderGrade(dr_grade=2)
            ws.save_case(doc)
    code, said = export_cut(folder, tmp_path / "whole", 0)
    assert code == 0, said
    # just before the hard negatives' rename, and the last split list's; just after the hard negatives'
    for number, cut in enumerate(("1:hard_negatives.json", "1:test.txt", "2:hard_negatives.json")):
        out = tmp_path / f"cut-{number}"
        code, said = export_cut(folder, out, cut)
        assert code == -9, (cut, said)
        assert check_dataset(out) == [], cut
