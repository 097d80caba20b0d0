"""The case list knows, from the index, which case has a saved mask or AI file missing (CaseSummary.missing_files, each
missing file's message): the folder's scan finds it though case.json did not change (a file deleted or put back
changes the case's folder), a save writes it again, and nothing but those reads the case's files. Before, only the
status bar said so, each time the case was opened."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.case_source import ERRORS, CaseQuery, CaseSource
from annotations.workspace import Workspace
from annotations.workspace.catalog import sync_batches, write_batch
from annotations.workspace.errors import CaseFileMissing
from annotations.workspace.sidecar import CaseFiles
from tests.unit.test_export_skips_a_missing_mask import MISSING, _both_missing, _missing_backed_up

GONE = {"mask": "the saved mask of 'b.png' is missing", "ai": "the saved AI result of 'b.png' is missing"}


def _listed(ws: Workspace) -> dict[str, tuple[str, ...]]:
    return {case.image_path: case.missing_files for case in ws.cases()}


def _in(folder: Path, path: Path) -> str:
    """``path`` as the list names it: from the opened folder."""
    return path.relative_to(folder).as_posix()


@pytest.mark.parametrize("part", list(MISSING))
def test_a_case_whose_file_went_missing_while_the_folder_was_closed_is_listed_with_it(tmp_path: Path,
                                                                                      part: str) -> None:
    photos = tmp_path / "photos"
    gone = MISSING[part][0](photos)
    with Workspace.open(photos) as ws:
        listed = _listed(ws)
    (text,) = listed.pop("b.png")
    assert text.startswith(f"{_in(photos, gone)}: ") and GONE[part] in text
    assert listed == {"a.png": (), "c.png": ()}


def test_both_missing_files_are_listed_each(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    mask, ai = _both_missing(photos)
    with Workspace.open(photos) as ws:
        texts = _listed(ws)["b.png"]
    assert [text.split(": ")[0] for text in texts] == [_in(photos, mask), _in(photos, ai)]


def test_the_mark_comes_with_a_rescan_and_goes_once_the_file_is_put_back(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    mask, backup = _missing_backed_up(photos)
    mask.write_bytes(backup)
    with Workspace.open(photos) as ws:
        assert _listed(ws)["b.png"] == ()
        mask.unlink()  # while the folder is open
        ws.refresh()
        assert _in(photos, mask) in _listed(ws)["b.png"][0]
        mask.write_bytes(backup)
        ws.refresh()
        assert _listed(ws)["b.png"] == ()


def test_a_save_without_new_paint_keeps_the_mark_and_painting_anew_clears_it(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    mask, _backup = _missing_backed_up(photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        doc = ws.load_case(case_id, without_missing=True)
        doc.findings_text = "seen"
        ws.save_case(doc)  # the mask is still named, still missing
        assert _listed(ws)["b.png"][0].startswith(f"{_in(photos, mask)}: ")
        doc.mask[5:8, 5:8] = 1
        ws.save_case(doc)
        assert _listed(ws)["b.png"] == ()


@pytest.mark.parametrize("part", list(MISSING))
def test_the_listed_file_is_named_from_the_folder_so_a_moved_folder_names_it_still(tmp_path: Path, part: str) -> None:
    """The index kept the file's whole path: moved or renamed, the folder's list named the old place until the case
    was opened. Named from the folder, by the scan as by the case opened, it stays true."""
    photos, moved = tmp_path / "photos", tmp_path / "moved"
    gone = MISSING[part][0](photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        with pytest.raises(CaseFileMissing) as opened:
            ws.load_case(case_id)
        assert opened.value.listed == _listed(ws)["b.png"]  # the window notes nothing new on opening it
        assert str(gone) in str(opened.value)  # said now, in the status bar: its whole path
    photos.rename(moved)
    with Workspace.open(moved) as ws:
        (text,) = _listed(ws)["b.png"]
    assert text.startswith(f"{_in(photos, gone)}: ") and (moved / text.split(": ")[0]).parent.is_dir()


def test_what_the_window_found_opening_the_case_is_listed_until_the_next_read(tmp_path: Path) -> None:
    """Deleted while the folder is open, no rescan since (or a file system that keeps no folder times): the window's
    open finds it missing and notes it; put back and opened again, it notes none."""
    photos = tmp_path / "photos"
    mask, backup = _missing_backed_up(photos)
    mask.write_bytes(backup)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        ws.note_missing(case_id, ("gone",))
        assert _listed(ws)["b.png"] == ("gone",)
        ws.note_missing(case_id, ())
        assert _listed(ws)["b.png"] == ()


def test_a_rescan_after_a_save_reads_no_case_file_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The save stamps its row as the scan does (CaseFiles.files_time: case.json's or its folder's time, the later):
    else every case saved would be read again at the next scan."""
    photos = tmp_path / "photos"
    _missing_backed_up(photos)
    with Workspace.open(photos) as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id, without_missing=True)
            doc.findings_text = "seen"
            ws.save_case(doc)
        read: list[str] = []
        original = CaseFiles.read_json
        monkeypatch.setattr(CaseFiles, "read_json", lambda self, case_id: read.append(case_id) or original(
            self, case_id))
        ws.refresh()
    assert read == []


def test_the_errors_filter_finds_a_case_whose_saved_file_is_missing(tmp_path: Path) -> None:
    """The list's "Errors" filter holds the cases it draws red: an image that cannot be read, and now also a case whose
    saved mask or AI file is missing (its name is red)."""
    photos = tmp_path / "photos"
    MISSING["mask"][0](photos)
    with Workspace.open(photos) as ws:
        source = CaseSource(ws.index)
        assert [source[case_id].image_path for case_id in source.ids(CaseQuery(state=ERRORS))] == ["b.png"]


def test_a_scan_batch_read_before_a_save_does_not_bring_back_the_mark_it_cleared(tmp_path: Path) -> None:
    """The folder's scan read the case (its mask missing) on its worker; the case was painted anew and saved before
    the scan's batch reached the index: the batch keeps the save's fields, its missing files among them."""
    photos = tmp_path / "photos"
    _missing_backed_up(photos)
    with Workspace.open(photos) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        rows = ws.index.all_cases()
        rows[case_id]["doc_mtime_ns"] = None  # as the scan finds a case whose folder changed: read again
        batches = list(sync_batches(rows, photos, ws.case_files))
        assert any(row["case_id"] == case_id and row["missing_files"] for batch in batches for row in batch.rows)
        doc = ws.load_case(case_id, without_missing=True)
        doc.mask[5:8, 5:8] = 1
        ws.save_case(doc)
        for batch in batches:
            write_batch(ws.index, batch)
        assert _listed(ws)["b.png"] == ()
