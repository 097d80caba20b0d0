"""A folder's scan (catalog.sync_batches) stops before its next file once cancelled, in the walk or in the header
reads, its last batch holding the rows changed so far; stopped in the header reads, every image found, it drops the
cases whose image went away (the list kept showing them as if they were there), a case with labels kept and saying
its image is gone, as a whole scan does; stopped in the walk it removes nothing. It hands a batch over every so often
where nothing changed, so that a window's progress moves on."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import annotations.workspace.catalog as catalog
from annotations.progress import CallbackState, Cancelled
from annotations.workspace import Workspace
from annotations.workspace.catalog import sync_batches, write_batch
from annotations.workspace.scan import find_images
from annotations.workspace.sidecar import CaseFiles


def _folder(tmp_path: Path, count: int = 6) -> Path:
    folder = tmp_path / "photos"
    folder.mkdir()
    for number in range(count):
        Image.fromarray(np.full((6, 8, 3), number, np.uint8)).save(folder / f"p{number}.png")
    return folder


def test_a_scan_stopped_part_way_keeps_what_it_read_and_drops_the_cases_whose_image_went(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    with Workspace.open(folder) as ws:  # listed whole once
        ws.save_case(ws.load_case(next(s.case_id for s in ws.cases() if s.image_path == "p4.png")))
    (folder / "p4.png").unlink()  # gone since, its labels kept
    (folder / "p5.png").unlink()  # gone since: after the stop, listed as if it were there
    for number in range(6, 9):
        Image.fromarray(np.zeros((6, 8, 3), np.uint8)).save(folder / f"p{number}.png")
    state, real = CallbackState(), catalog.read_image_info

    def header(path: Path) -> object:
        if Path(path).name == "p7.png":
            state.cancel()  # the person pressed Stop while this header was read
        return real(path)
    monkeypatch.setattr(catalog, "read_image_info", header)
    with Workspace.open(folder, scan=False) as ws:
        batches = list(sync_batches(ws.index.all_cases(), folder, ws.case_files, state=state))
        *_, last = batches
        assert (last.stopped, last.walking, last.done, last.total) == (True, False, 6, 7)
        for batch in batches:
            write_batch(ws.index, batch)
        listed = {s.image_path: s for s in ws.cases()}
        assert sorted(listed) == [f"p{number}.png" for number in (0, 1, 2, 3, 4, 6, 7)]  # p8.png: not checked
        assert "image file not found" in listed["p4.png"].error


def test_a_scan_stopped_while_the_photos_are_found_says_so(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    state = CallbackState()
    state.cancel()
    with pytest.raises(Cancelled):
        list(find_images(folder, state))
    with Workspace.open(folder, scan=False) as ws:
        batches = list(sync_batches(ws.index.all_cases(), folder, ws.case_files, state=state))
    assert [(b.rows, b.walking, b.stopped, b.done) for b in batches] == [([], True, True, 0)]


def test_an_unchanged_folder_hands_over_its_progress_as_it_goes(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with Workspace.open(folder) as ws:
        batches = list(sync_batches(ws.index.all_cases(), folder, ws.case_files, progress_s=0.0))
    looked_at = [batch.done for batch in batches if not batch.walking]
    assert looked_at == [0, 1, 2, 3, 4, 5, 6, 6] and all(not batch.rows for batch in batches)
    assert [batch.total for batch in batches if batch.walking] == [1, 2, 3, 4, 5, 6]


def test_a_scan_stopped_while_it_looks_at_the_saved_cases_folders_stops_there(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the walk the scan looks at each saved case's folder (a file of it deleted or put back): a stop there
    ends it, before the rest of them and the walk."""
    folder = _folder(tmp_path, count=4)
    with Workspace.open(folder) as ws:
        for summary in ws.cases():
            ws.save_case(ws.load_case(summary.case_id))
    state, looked = CallbackState(), []
    real = CaseFiles.files_time

    def files_time(self: CaseFiles, case_id: str, *args: object) -> int:
        looked.append(case_id)
        state.cancel()  # the person pressed Stop while the first case folder was looked at
        return real(self, case_id, *args)
    monkeypatch.setattr(CaseFiles, "files_time", files_time)
    with Workspace.open(folder, scan=False) as ws:
        batches = list(sync_batches(ws.index.all_cases(), folder, ws.case_files, state=state))
    assert len(looked) == 1 and [(b.stopped, b.walking, b.rows, b.gone) for b in batches] == [(True, True, [], [])]
