"""A folder whose vol.tif was labelled while a TIFF opened as one picture, its first page, opened once a TIFF of grey
B-scans is a volume (annotations.tiff_volume): its case is the middle B-scan's now, so the labels of page 1 showed
there, on the wrong picture, without a word. They move to B-scan 1's case, every file of the case together, said once
and written in the audit log (annotations.workspace.first_pages); a crash during the move leaves it to the next
open."""
from __future__ import annotations

import errno
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
from PIL import Image

from app.cli import main
from annotations.classes import LESION_CLASSES
from annotations.document import AIResult, Box, PatientInfo, ReaderGrade, ReviewState
from annotations.frames import bscan_case_id, with_frame
from annotations.reading.consensus import consensus_record, settle_agreed
from annotations.reading.readers import (load_reading, open_consensus, open_reader, readers_of,
                                         settle_readers_first_pages, store_for)
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace import Workspace
from annotations.workspace import workspace as workspace_module
from annotations.workspace.workspace import CASES_DIR, INDEX_FILE

from tests.unit.test_tiff_volume import PAGES, SHAPE, SHOWN, grey_tiff, volume_id
from tests.unit.test_workspace_recovery import fake_dead_owner


def label(ws: Workspace) -> str:
    """Label vol.tif in ``ws`` (a grade, a painted lesion, a box and an AI result); its case id."""
    case_id = volume_id(ws)
    doc = ws.load_case(case_id)
    doc.grade = ReaderGrade(oct_class="DME")
    doc.mask[2:5, 2:5] = LESION_CLASSES[0].bit
    doc.boxes.append(Box(LESION_CLASSES[1], 1, 1, 9, 9))
    doc.ai = AIResult(oct_probs={"DME": 0.9}, modality="oct", cam=np.full(SHAPE, 0.5, np.float32))
    doc.review_state = ReviewState.DONE
    ws.save_case(doc)
    return case_id


def one_page(folder: Path) -> None:
    Image.fromarray(np.full(SHAPE, 30, np.uint8)).save(folder / "vol.tif")  # one picture, as a TIFF opened then


def written_before(sidecar: Path) -> None:
    """The index of store ``sidecar`` as the release before TIFF volumes left it, closed (its WAL copied in)."""
    with closing(sqlite3.connect(sidecar / INDEX_FILE)) as db, db:
        db.execute("DROP TABLE IF EXISTS first_page_cases")  # a table it had not
        db.execute("PRAGMA user_version = 0")


def labelled_before(folder: Path, tiff: Path | None = None, store: Callable[[], Workspace] | None = None,
                    sidecar: Path | None = None) -> str:
    """``folder`` as the release before TIFF volumes left it: vol.tif labelled as one picture, its first page, in the
    main store, else ``store`` (at ``sidecar``); then vol.tif becomes ``tiff`` (default a grey volume of PAGES
    B-scans). Returns its case id."""
    one_page(folder)
    with (store or (lambda: Workspace.open(folder, reader="anna")))() as ws:
        case_id = label(ws)
    written_before(sidecar or folder / SIDECAR_NAME)
    if tiff is None:
        grey_tiff(folder / "vol.tif")
    return case_id


def readers_labelled_before(folder: Path, agreed: bool = False) -> str:
    """Anna and Ben each labelled vol.tif as one picture, alike, in their stores as the release before TIFF volumes
    left them, and where ``agreed`` Arb settled their agreement as the consensus, in the main store; vol.tif a
    volume now. Its case id."""
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Arb",)))
    one_page(folder)
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as ws:
            case_id = label(ws)
    if agreed:
        with open_consensus(folder, "Arb") as consensus:
            assert settle_agreed(consensus, "Arb") == 1
    for sidecar in [store.sidecar for store in readers_of(folder)] + ([folder / SIDECAR_NAME] if agreed else []):
        written_before(sidecar)
    grey_tiff(folder / "vol.tif")
    return case_id


def case_dir(folder: Path, case_id: str, sidecar: Path | None = None) -> Path:
    return (sidecar or folder / SIDECAR_NAME) / CASES_DIR / case_id


def assert_on_bscan_one(ws: Workspace, case_id: str) -> None:
    page_one = ws.load_case(bscan_case_id(case_id, 1))
    assert page_one.image_path == with_frame("vol.tif", 1)
    assert page_one.grade.oct_class == "DME" and page_one.review_state is ReviewState.DONE
    assert page_one.mask.sum() == 9 * LESION_CLASSES[0].bit and len(page_one.boxes) == 1
    assert page_one.ai is not None and page_one.ai.oct_probs == {"DME": 0.9} and page_one.ai.cam is not None
    shown = ws.load_case(ws.bscan_case_id(case_id, SHOWN))  # the middle B-scan: nothing was recorded on it
    assert shown.case_id == case_id and shown.grade == ReaderGrade() and not shown.mask.any() and not shown.boxes
    assert shown.ai is None


def test_labels_of_a_tiff_labelled_as_its_first_page_move_to_its_bscan_one(tmp_path: Path) -> None:
    case_id = labelled_before(tmp_path)
    with Workspace.open(tmp_path, reader="bob") as ws:
        assert ws.messages == ["A TIFF of grey B-scans opens as an OCT volume now: the labels saved on 'vol.tif' "
                               "when a TIFF opened as one picture, its first page, were moved to B-scan 1 of their "
                               "file"]
        assert_on_bscan_one(ws, case_id)
        assert {c.image_path: c.frames for c in ws.cases()} == {"vol.tif": PAGES}
        for each in (case_id, bscan_case_id(case_id, 1)):  # the history says where they went, under either case
            assert [e.action for e in ws.audit_log(each)][-1] == "move to B-scan 1"
    assert not case_dir(tmp_path, case_id).exists()
    with Workspace.open(tmp_path) as ws:  # said once
        assert ws.messages == []
        assert_on_bscan_one(ws, case_id)


def test_the_window_s_opening_moves_them_before_its_case_list_is_read(tmp_path: Path) -> None:
    case_id = labelled_before(tmp_path)
    with Workspace.open(tmp_path, scan=False) as ws:  # the window syncs its list afterwards
        assert len(ws.messages) == 1
        ws.refresh()
        assert_on_bscan_one(ws, case_id)


def test_a_move_cut_short_by_a_crash_is_finished_by_the_next_open(tmp_path: Path) -> None:
    case_id = labelled_before(tmp_path)
    path = case_dir(tmp_path, case_id) / "case.json"
    data = json.loads(path.read_text("utf-8"))  # its case.json rewritten as B-scan 1's, its folder not yet renamed
    path.write_text(json.dumps(data | {"case_id": bscan_case_id(case_id, 1),
                                       "image_path": with_frame("vol.tif", 1)}), "utf-8")
    with Workspace.open(tmp_path) as ws:
        assert len(ws.messages) == 1
        assert_on_bscan_one(ws, case_id)


def test_a_move_done_before_a_crash_is_written_in_the_audit_log_by_the_next_open(tmp_path: Path) -> None:
    case_id = labelled_before(tmp_path)
    with Workspace.open(tmp_path) as ws:
        pass
    with sqlite3.connect(tmp_path / SIDECAR_NAME / INDEX_FILE) as db:  # the crash came before the index was told
        db.execute("INSERT INTO first_page_cases VALUES (?)", (case_id,))
        before = db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    with Workspace.open(tmp_path) as ws:
        assert len(ws.messages) == 1
        assert_on_bscan_one(ws, case_id)
        assert len(ws.audit_log()) == before + 2


def test_the_patient_saved_with_them_stays_the_volume_s(tmp_path: Path) -> None:
    """The patient's details are the volume's, which its own case holds (volume_patient): moved with the rest to
    B-scan 1 alone, every B-scan showed a TIFF's header's (none) and its report no name."""
    patient = PatientInfo(patient_id="P-17", name="Wang Fang", eye="OD", exam_date="2026-11-02")

    def with_patient() -> Workspace:
        ws = Workspace.open(tmp_path)
        doc = ws.load_case(volume_id(ws))
        doc.patient = patient
        ws.save_case(doc)
        return ws

    case_id = labelled_before(tmp_path, store=with_patient)
    for _open in range(2):  # and once only
        with Workspace.open(tmp_path) as ws:
            assert_on_bscan_one(ws, case_id)
            assert [ws.load_case(ws.bscan_case_id(case_id, n)).patient for n in (1, 2, SHOWN, PAGES)] == [patient] * 4
            assert [e.action for e in ws.audit_log(case_id)].count("move to B-scan 1") == 2  # its save, the move

def test_labels_of_the_middle_bscan_saved_since_stay_where_they_are(tmp_path: Path) -> None:
    grey_tiff(tmp_path / "vol.tif")
    with Workspace.open(tmp_path) as ws:
        case_id = volume_id(ws)
        doc = ws.load_case(case_id)
        doc.grade = ReaderGrade(oct_class="CNV")
        ws.save_case(doc)
    with Workspace.open(tmp_path) as ws:
        assert ws.messages == [] and ws.load_case(case_id).grade.oct_class == "CNV"
        assert not ws.case_files.exists(bscan_case_id(case_id, 1))


def test_a_tiff_that_is_no_volume_keeps_its_labels(tmp_path: Path) -> None:
    case_id = labelled_before(tmp_path, tiff=tmp_path / "vol.tif")  # still one page
    with Workspace.open(tmp_path) as ws:
        assert ws.messages == [] and ws.load_case(case_id).grade.oct_class == "DME"
        assert ws.index.first_page_cases() == []


def test_labels_that_cannot_be_moved_are_said_to_show_on_the_middle_bscan_at_each_open(tmp_path: Path) -> None:
    case_id = labelled_before(tmp_path)
    case_dir(tmp_path, bscan_case_id(case_id, 1)).mkdir()  # B-scan 1's folder, made by hand
    for _open in range(2):
        with Workspace.open(tmp_path) as ws:
            assert ws.messages == ["'vol.tif' opens as an OCT volume now: the labels saved on it while it opened as "
                                   "one picture, its first page, could not be moved to its B-scan 1 (its B-scan 1 "
                                   f"has labels of its own); until they are (the next open tries again), they show "
                                   f"on its B-scan {SHOWN}"]
            assert ws.load_case(case_id).grade.oct_class == "DME"


def test_a_reader_s_store_moves_them_as_the_arbiter_opens_the_folder(tmp_path: Path) -> None:
    """The consensus reads each reader's files without opening their store: a reader who never opens the folder
    again would have their page 1 compared with the other readings of the middle B-scan."""
    save_settings(tmp_path, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Arb",)))
    anna = store_for(tmp_path, "Anna")
    case_id = labelled_before(tmp_path, store=lambda: open_reader(tmp_path, "Anna"), sidecar=anna.sidecar)
    with open_consensus(tmp_path, "Arb") as consensus:
        assert len(consensus.messages) == 1 and "'vol.tif'" in consensus.messages[0]
        (store,) = readers_of(tmp_path)
        assert load_reading(store, case_id) is None
        assert load_reading(store, bscan_case_id(case_id, 1)).doc.grade.oct_class == "DME"
    assert not case_dir(tmp_path, case_id, anna.sidecar).exists()
    with open_reader(tmp_path, "Anna") as ws:  # moved once
        assert ws.messages == []
        assert_on_bscan_one(ws, case_id)


def test_a_reader_s_store_moves_them_as_the_reader_opens_it(tmp_path: Path) -> None:
    save_settings(tmp_path, ReadingSettings(mode=ReadingMode.DOUBLE))
    case_id = labelled_before(tmp_path, store=lambda: open_reader(tmp_path, "Anna"),
                              sidecar=store_for(tmp_path, "Anna").sidecar)
    with open_reader(tmp_path, "Anna") as ws:
        assert len(ws.messages) == 1
        assert_on_bscan_one(ws, case_id)


def test_a_consensus_moves_with_its_record(tmp_path: Path) -> None:
    case_id = readers_labelled_before(tmp_path, agreed=True)
    with open_consensus(tmp_path, "Arb") as consensus:
        assert len(consensus.messages) == 1  # each reader's store's move, and its own: the same words, said once
        assert_on_bscan_one(consensus, case_id)
        assert settle_agreed(consensus, "Arb") == 0  # B-scan 1's agreement was settled then: its record says so
    assert consensus_record(tmp_path, case_id) is None
    assert consensus_record(tmp_path, bscan_case_id(case_id, 1)) is not None


def test_edits_autosaved_on_the_first_page_before_a_crash_are_recovered_there_then_moved(tmp_path: Path) -> None:
    one_page(tmp_path)
    crashed = Workspace.open(tmp_path)
    case_id = label(crashed)
    doc = crashed.load_case(case_id)
    doc.findings_text = "fluid under the fovea"  # on page 1, autosaved, never saved: then the program died
    crashed.autosave(doc)
    fake_dead_owner(crashed.sidecar / "lock")
    written_before(tmp_path / SIDECAR_NAME)
    grey_tiff(tmp_path / "vol.tif")
    with Workspace.open(tmp_path) as ws:
        assert [m.split(":")[0] for m in ws.messages] == [
            "After a crash, unsaved edits of 1 case(s) were recovered from autosave and saved; check them (the last "
            "seconds' edits may be lost)", "A TIFF of grey B-scans opens as an OCT volume now"]
        assert_on_bscan_one(ws, case_id)
        assert ws.recovered == [bscan_case_id(case_id, 1)]  # to be checked where its labels went
        assert ws.load_case(bscan_case_id(case_id, 1)).findings_text == "fluid under the fovea"
        assert ws.load_case(case_id).findings_text == ""


def on_a_read_only_medium(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(_sidecar: Path) -> None:
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(workspace_module, "_probe_writable", refused)


LEFT_ON_THE_MIDDLE = (f"'vol.tif' opens as an OCT volume now: the labels saved on it while it opened as one picture, "
                      f"its first page, show on its B-scan {SHOWN} until the folder is opened for editing, which moves "
                      f"them to its B-scan 1")


def test_a_read_only_opening_moves_nothing_and_says_where_they_show(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only medium, or the folder open in an older release: they show on the middle B-scan, said so."""
    case_id = labelled_before(tmp_path)
    on_a_read_only_medium(monkeypatch)
    with Workspace.open(tmp_path) as ws:
        assert ws.read_only and ws.messages[1:] == [LEFT_ON_THE_MIDDLE]
        assert ws.load_case(case_id).grade.oct_class == "DME"
    assert case_dir(tmp_path, case_id).exists()
    monkeypatch.undo()
    with Workspace.open(tmp_path) as ws:  # opened for editing: moved
        assert len(ws.messages) == 1 and ws.messages[0].startswith("A TIFF of grey B-scans opens as an OCT volume")
        assert_on_bscan_one(ws, case_id)


def test_the_agreement_command_compares_readings_where_they_were_made(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Anna's store moved (she opened it), Ben's not: read unopened, his page 1 was compared as the middle B-scan's,
    and the two readings of B-scan 1 were no pair."""
    case_id = readers_labelled_before(tmp_path)
    anna = store_for(tmp_path, "Anna")
    with Workspace.open(tmp_path, reader=anna.name, sidecar=anna.sidecar):
        pass
    assert main(["agreement", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "Anna vs Ben (1 case(s) read by both)" in out
    assert err.count("A TIFF of grey B-scans opens as an OCT volume now") == 1
    assert all(load_reading(store, bscan_case_id(case_id, 1)) is not None for store in readers_of(tmp_path))


def test_a_reader_s_opening_moves_the_other_readers_stores_too(tmp_path: Path) -> None:
    """Once Anna submits, the blind rule shows her Ben's reading of the case, read from his store unopened."""
    case_id = readers_labelled_before(tmp_path)
    with open_reader(tmp_path, "Anna") as ws:
        assert ws.messages == ["A TIFF of grey B-scans opens as an OCT volume now: the labels saved on 'vol.tif' when "
                               "a TIFF opened as one picture, its first page, were moved to B-scan 1 of their file"]
    ben = next(store for store in readers_of(tmp_path) if store.name == "Ben")
    assert load_reading(ben, case_id) is None
    assert load_reading(ben, bscan_case_id(case_id, 1)).doc.grade.oct_class == "DME"


def test_readers_stores_that_cannot_be_moved_say_where_they_show(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    readers_labelled_before(tmp_path)
    on_a_read_only_medium(monkeypatch)
    assert settle_readers_first_pages(tmp_path) == [LEFT_ON_THE_MIDDLE]  # once for both stores


def test_the_agreement_command_reads_the_consensus_where_it_was_made(tmp_path: Path) -> None:
    """The agreement compares each reading with the consensus, read from the main store unopened: its record of page
    1, left under the middle B-scan, was that B-scan's consensus."""
    case_id = readers_labelled_before(tmp_path, agreed=True)
    assert main(["agreement", str(tmp_path)]) == 0
    assert consensus_record(tmp_path, case_id) is None
    assert consensus_record(tmp_path, bscan_case_id(case_id, 1)) is not None
    with open_consensus(tmp_path, "Arb") as consensus:  # moved once
        assert consensus.messages == [] and settle_agreed(consensus, "Arb") == 0
