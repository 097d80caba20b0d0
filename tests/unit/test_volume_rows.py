"""An OCT volume's row in the index summarises its B-scans' saved files: each B-scan's save rewrites it, the folder's
scan reads it again when a B-scan's file changed (an index written before summaries too), so the list, its filters,
its "N done" count and a reopened folder agree (annotations.workspace.volume_rows)."""
from __future__ import annotations

import os
from pathlib import Path

from annotations.case_source import CaseQuery, CaseSource
from annotations.document import ReaderGrade, ReviewState
from annotations.workspace import Workspace
from annotations.workspace.catalog import sync_batches, write_batch
from tests.unit.test_oct_volume import SHOWN, make_folder, volume_id

DONE = ReviewState.DONE.value


def grade_bscan(ws: Workspace, number: int, oct_class: str | None, state: ReviewState) -> None:
    doc = ws.load_case(ws.bscan_case_id(volume_id(ws), number))
    doc.grade, doc.review_state = ReaderGrade(oct_class=oct_class), state
    ws.save_case(doc)


def row(ws: Workspace):
    return next(c for c in ws.cases() if c.image_path == "scans/vol.dcm")


def test_bscans_off_the_centre_class_the_volume_and_count_it_done(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        for number in (1, 2, 6, 7):  # not the middle one, the volume's own case
            grade_bscan(ws, number, "CNV", ReviewState.DONE)
        grade_bscan(ws, 3, "NORMAL", ReviewState.DONE)
        source = CaseSource(ws.index)
        assert (row(ws).review_state, row(ws).reader_oct_class) == (ReviewState.DONE, "CNV")
        assert source.ids(CaseQuery(grade="CNV")) == [volume_id(ws)]
        assert source.count(CaseQuery(state=DONE)) == 1
        assert not row(ws).saved  # its own case was never saved (what an export and the modality rule ask)
    with Workspace.open(tmp_path) as ws:  # reopened: the same row
        assert (row(ws).review_state, row(ws).reader_oct_class) == (ReviewState.DONE, "CNV")


def test_a_volume_is_not_done_while_a_bscan_the_reader_worked_on_is_in_progress(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        grade_bscan(ws, SHOWN, "NORMAL", ReviewState.DONE)
        grade_bscan(ws, 2, "DME", ReviewState.IN_PROGRESS)
        assert (row(ws).review_state, row(ws).reader_oct_class) == (ReviewState.IN_PROGRESS, "DME")
        assert CaseSource(ws.index).count(CaseQuery(state=DONE)) == 0
        grade_bscan(ws, 2, "NORMAL", ReviewState.DONE)  # a B-scan's class lowered: the row follows it down
        assert (row(ws).review_state, row(ws).reader_oct_class) == (ReviewState.DONE, "NORMAL")
        assert CaseSource(ws.index).count(CaseQuery(state=DONE)) == 1


def test_the_volumes_own_case_saved_keeps_what_its_other_bscans_show(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        grade_bscan(ws, 5, "DRUSEN", ReviewState.IN_PROGRESS)
        doc = ws.load_case(volume_id(ws))
        doc.grade, doc.review_state = ReaderGrade(oct_class="NORMAL"), ReviewState.DONE
        doc.patient.patient_id = "P-1"
        ws.save_case(doc)
        found = row(ws)
        assert (found.review_state, found.reader_oct_class, found.patient_id) == (ReviewState.IN_PROGRESS,
                                                                                   "DRUSEN", "P-1")
        assert found.saved


def test_an_index_written_before_volumes_summarised_their_bscans_is_read_again(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        grade_bscan(ws, 2, "CNV", ReviewState.DONE)
        grade_bscan(ws, SHOWN, "NORMAL", ReviewState.TODO)  # saved last, as an older version listed it alone
        volume = volume_id(ws)
        own = ws.case_files.case_file(volume).stat().st_mtime_ns
        ws.index.upsert_cases([ws.index.get_case(volume) | {"review_state": "todo", "reader_oct_class": "NORMAL",
                                                             "doc_mtime_ns": own}])
        photo = next(c for c in ws.cases() if c.image_path == "photo.dcm").case_id
        grade = ws.load_case(photo)
        grade.grade = ReaderGrade(dr_grade=1)
        ws.save_case(grade)
        photo_stamp = ws.index.get_case(photo)["doc_mtime_ns"]
    with Workspace.open(tmp_path) as ws:
        assert (row(ws).review_state, row(ws).reader_oct_class) == (ReviewState.DONE, "CNV")
        # a photo's row is stamped by its own files (CaseFiles.files_time), as the scan stamps it: read no more
        assert photo_stamp == ws.case_files.files_time(photo) == ws.index.get_case(photo)["doc_mtime_ns"]


def test_a_scan_read_before_a_bscans_save_does_not_undo_the_save(tmp_path: Path) -> None:
    vol = make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        grade_bscan(ws, 2, "NORMAL", ReviewState.DONE)
        os.utime(vol, ns=(1, 1))  # the volume's file changed: the scan rewrites its row
        batches = list(sync_batches(ws.index.all_cases(), tmp_path, ws.case_files))
        grade_bscan(ws, 6, "CNV", ReviewState.DONE)  # saved while the scan ran
        for batch in batches:
            write_batch(ws.index, batch)
        assert row(ws).reader_oct_class == "CNV"
