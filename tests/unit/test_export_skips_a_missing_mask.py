"""A case whose case.json names a mask or AI file that is not there (deleted by hand, lost by a sync) is that case's
alone, as a damaged file is: an export leaves it out with a line naming the case and the file, writes the others and
exits partly done; the case opens without its painted pixels, or without its AI result. Before, it stopped every
export as a storage failure does."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotations.document import AIResult
from annotations.workspace import Workspace
from annotations.workspace.errors import CaseFileMissing
from annotations.workspace.transfer import EXPORT_FORMATS, export_labels
from tests.unit.test_workspace_recovery import fake_dead_owner
from tests.unit.test_export_skips_a_damaged_case import _cut_short, _graded, _labelled


def _missing(folder: Path) -> Path:
    """a, b and c labelled and graded 1, 2 and 3; b's saved mask file then deleted (returned)."""
    return _missing_backed_up(folder)[0]


def _missing_backed_up(folder: Path) -> tuple[Path, bytes]:
    """As _missing, with the deleted file's bytes: a backup to put back."""
    mask = _labelled(folder)["b.png"]
    _graded(folder)
    (mask,) = mask.parent.glob("mask.*.png")  # as the grades saved it
    backup = mask.read_bytes()
    mask.unlink()
    return mask, backup


def _ai_missing(folder: Path) -> Path:
    """a, b and c labelled, graded 1, 2 and 3 and analysed; b's saved AI file then deleted (returned)."""
    _labelled(folder)
    with Workspace.open(folder) as ws:
        for grade, case in enumerate(ws.cases(), start=1):
            doc = ws.load_case(case.case_id)
            doc.grade.dr_grade, doc.ai = grade, AIResult(dr_grade=4, cam=np.zeros((30, 40), np.float32))
            ws.save_case(doc)
            if case.image_path == "b.png":
                (ai,) = ws.case_files.case_dir(case.case_id).glob("ai.*.npz")
    ai.unlink()
    return ai


# each part of a case that can go missing: how the tests lose b's, and what the line naming it says
MISSING = {"mask": (_missing, "mask of 'b.png' is missing"), "ai": (_ai_missing, "AI result of 'b.png' is missing")}
PARTS = pytest.mark.parametrize("part", list(MISSING))


def _names_it(line: str, path: Path, part: str) -> bool:
    return line.startswith("skipped:") and str(path) in line and MISSING[part][1] in line


@PARTS
@pytest.mark.parametrize("fmt", [fmt for fmt in EXPORT_FORMATS if fmt != "csv"])
def test_an_export_skips_the_case_naming_it_and_its_missing_file_and_writes_the_others(tmp_path: Path, fmt: str,
                                                                                        part: str) -> None:
    photos, out = tmp_path / "photos", tmp_path / "out"
    gone = MISSING[part][0](photos)
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, fmt, out)
    assert (summary.cases, summary.skipped) == (2, 1)
    (skipped,) = [warning for warning in summary.warnings if warning.startswith("skipped:")]
    assert _names_it(skipped, gone, part)
    written = [path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()
               and ".retinareview" not in path.parts]
    assert written and not any(Path(path).name.startswith("b") for path in written)


@PARTS
def test_the_export_command_says_it_and_exits_partly_done(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          part: str) -> None:
    from app.cli import main

    photos = tmp_path / "photos"
    gone = MISSING[part][0](photos)
    assert main(["export", str(photos), "--format", "voc", "--out", str(tmp_path / "out")]) == 1
    said = capsys.readouterr()
    assert any(_names_it(line.removeprefix("warning: "), gone, part) for line in (said.out + said.err).splitlines())
    assert sorted(path.name for path in (tmp_path / "out").glob("*.xml")) == ["a.xml", "c.xml"]


@PARTS
def test_the_case_loads_without_it_when_asked_and_nothing_is_saved_over_it(tmp_path: Path, part: str) -> None:
    """Without its mask no painted pixels; without its AI file no AI result (its findings without their arrays would
    be half a result); its grade and boxes either way."""
    photos = tmp_path / "photos"
    gone = MISSING[part][0](photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        case_file = ws.case_files.case_file(case_id)
        before = case_file.read_bytes()
        with pytest.raises(CaseFileMissing) as raised:
            ws.load_case(case_id)
        assert raised.value.part == part and str(gone) in str(raised.value)
        doc = ws.load_case(case_id, without_missing=True)
        assert doc.ai is None and doc.mask.any() == (part == "ai") and doc.mask.shape == (30, 40)
        assert doc.grade.dr_grade == 2 and len(doc.boxes) == 1
        ws.save_case(doc)  # unchanged since loaded: not written
    assert case_file.read_bytes() == before


def test_setting_aside_a_damaged_ai_file_of_a_case_whose_mask_is_missing_copies_the_ai_file_alone(
        tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    _labelled(photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        doc = ws.load_case(case_id)
        doc.ai = AIResult(dr_grade=1, cam=np.zeros((30, 40), np.float32))
        ws.save_case(doc)
        folder = ws.case_files.case_dir(case_id)
    (folder / next(folder.glob("mask.*.png")).name).unlink()
    _cut_short(next(folder.glob("ai.*.npz")))
    with Workspace.open(photos) as ws:
        (copy,) = ws.set_aside_damaged(case_id)
        with pytest.raises(CaseFileMissing):  # still named: put back, its painted lesions are the case's again
            ws.load_case(case_id)
        doc = ws.load_case(case_id, without_missing=True)
    assert copy.name.startswith("ai.") and not doc.mask.any() and doc.ai is None and len(doc.boxes) == 1


def test_a_case_whose_mask_and_ai_file_are_both_missing_loads_without_either(tmp_path: Path) -> None:
    """Its error names both files, the AI file's as ``also``: the window names each (before, only the mask)."""
    photos = tmp_path / "photos"
    ai = _ai_missing(photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        mask = next(ws.case_files.case_dir(case_id).glob("mask.*.png"))
        mask.unlink()
        with pytest.raises(CaseFileMissing) as raised:
            ws.load_case(case_id)
        assert raised.value.part == "mask" and str(mask) in str(raised.value)
        (also,) = raised.value.also
        assert str(ai) in also and "AI result of 'b.png' is missing" in also
        doc = ws.load_case(case_id, without_missing=True)
        assert doc.ai is None and not doc.mask.any() and doc.grade.dr_grade == 2 and len(doc.boxes) == 1
        assert ws.set_aside_damaged(case_id) == []  # neither has a file to copy aside


def test_a_save_of_the_case_opened_without_it_keeps_naming_it_until_it_is_painted_anew(tmp_path: Path) -> None:
    """The window opened the case without its missing mask, analysed the photo and saved the AI result: case.json
    named no mask from then on, so the case read as never painted, and the file put back from a backup was no longer
    its mask. Its name stays while the case has no painted pixels: put back, the lesions are the case's again."""
    photos = tmp_path / "photos"
    mask, backup = _missing_backed_up(photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        doc = ws.load_case(case_id, without_missing=True)
        painted = next(case for case in ws.cases() if case.case_id == case_id).reader_lesions
        doc.findings_text = "seen again"
        ws.save_case(doc)
        with pytest.raises(CaseFileMissing):  # still said missing: exports still skip it
            ws.load_case(case_id)
        assert next(case for case in ws.cases() if case.case_id == case_id).reader_lesions == painted != []
        mask.write_bytes(backup)  # put back from a backup
        restored = ws.load_case(case_id)
        assert restored.mask.any() and restored.findings_text == "seen again"
        restored.mask[:] = 0
        restored.mask[0:3, 0:3] = 1  # painted anew: the new mask is the case's
        ws.save_case(restored)
        assert ws.load_case(case_id).mask[0:3, 0:3].all()


def test_the_mask_put_back_while_the_case_is_open_without_it_is_kept_by_the_next_save(tmp_path: Path) -> None:
    """The person put the file back, as the message says, while the window still held the case opened without it;
    the next save (its grade) found no file missing, named no mask and swept the file put back as unused."""
    photos = tmp_path / "photos"
    mask, backup = _missing_backed_up(photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        doc = ws.load_case(case_id, without_missing=True)
        mask.write_bytes(backup)  # put back from a backup
        assert export_labels(ws, "voc", tmp_path / "out").skipped == 0  # read whole meanwhile, by an export
        for text in ("seen", "seen again"):  # each save, the first and those after it
            doc.findings_text = text
            ws.save_case(doc)
            assert mask.read_bytes() == backup
        assert ws.load_case(case_id).mask.any()


def test_a_recovery_of_the_case_opened_without_it_names_it_too(tmp_path: Path) -> None:
    """The window crashed with edits of the case opened without its mask, put back meanwhile: the recovery's save
    named no mask and swept the file put back."""
    photos = tmp_path / "photos"
    mask, backup = _missing_backed_up(photos)
    ws = Workspace.open(photos)
    case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
    doc = ws.load_case(case_id, without_missing=True)
    doc.findings_text = "edited before the crash"
    assert ws.autosave(doc)
    ws._lock.stop()  # a crash: no close, the snapshot stays, the lock a dead program's
    fake_dead_owner(ws.sidecar / "lock")
    mask.write_bytes(backup)
    with Workspace.open(photos) as reopened:  # recovers the snapshot as it opens
        restored = reopened.load_case(case_id)
    assert restored.findings_text == "edited before the crash" and restored.mask.any()


def test_painting_the_case_opened_without_it_saves_the_new_mask(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    _missing(photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        doc = ws.load_case(case_id, without_missing=True)
        doc.mask[5:8, 5:8] = 1
        ws.save_case(doc)
        assert ws.load_case(case_id).mask[5:8, 5:8].all()


@PARTS
def test_an_analysis_of_the_case_not_open_is_stored_without_it(tmp_path: Path, part: str) -> None:
    """Analyse all and `analyze --workspace` store a case's result through store_ai_result: it loaded the case whole,
    so a case whose AI file was missing failed to store the analysis its message asks for, again at every run. The
    result is stored as the window stores it into the case opened without the file; a missing mask stays named."""
    from annotations.ai_store import store_ai_result

    photos = tmp_path / "photos"
    gone = MISSING[part][0](photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        store_ai_result(ws, case_id, AIResult(dr_grade=3, cam=np.zeros((30, 40), np.float32)))
        assert ws.load_case(case_id, without_missing=True).ai.dr_grade == 3
        if part == "mask":
            with pytest.raises(CaseFileMissing):  # still named: put back, its painted lesions are the case's again
                ws.load_case(case_id)
        else:
            assert ws.load_case(case_id).mask.any() and not gone.exists()


def _both_missing(folder: Path) -> tuple[Path, Path]:
    """As _ai_missing, b's saved mask file deleted too; returns the mask's and the AI file's paths."""
    ai = _ai_missing(folder)
    (mask,) = ai.parent.glob("mask.*.png")
    mask.unlink()
    return mask, ai


@pytest.mark.parametrize("fmt", ["voc", "masks"])
def test_an_export_skipping_a_case_whose_mask_and_ai_file_are_both_missing_names_both(tmp_path: Path,
                                                                                       fmt: str) -> None:
    """Its one skip line named the mask alone, as the window names each."""
    photos = tmp_path / "photos"
    mask, ai = _both_missing(photos)
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, fmt, tmp_path / "out")
    (skipped,) = [warning for warning in summary.warnings if warning.startswith("skipped:")]
    assert _names_it(skipped, mask, "mask") and str(ai) in skipped and MISSING["ai"][1] in skipped
    assert skipped.index(str(mask)) < skipped.index("; ") < skipped.index(str(ai))
