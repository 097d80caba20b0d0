"""Double reading of an OCT volume: each B-scan is compared and arbitrated on its own, its consensus its own; the
volume's row shows its most pressing B-scan's state, and the arbiter is told which B-scans disagree."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.ai_store import store_ai_result
from annotations.classes import OCT_CLASSES, LesionClass
from annotations.document import AIResult, Modality, ReaderGrade, ReviewState
from annotations.frames import bscan_case_id, listed_case_id
from annotations.reading import readers as readers_module
from annotations.reading.consensus import arbitrate, consensus_document, draft_from, folder_states, state_of
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import load_readings, open_consensus, open_reader, read_case_ids, readers_of
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.side_by_side import Pane, prepare_arbitration
from annotations.reading.volume_states import bscans_needing_arbitration, listed_states, row_states
from annotations.workspace import Workspace
from tests.unit.test_oct_volume import SHOWN, make_folder, volume_id


def read_bscan(ws: Workspace, number: int, grade: int) -> None:
    """A B-scan is compared on its OCT class (graded_fields): ``grade`` picks one, and is its DR grade too."""
    doc = ws.load_case(ws.bscan_case_id(volume_id(ws), number))
    assert doc.modality is Modality.OCT
    doc.grade = ReaderGrade(dr_grade=grade, dme_risk=0, oct_class=OCT_CLASSES[grade])
    doc.mask[2:6, 4:12] = LesionClass.EX.bit
    doc.review_state = ReviewState.DONE
    ws.save_case(doc)


def read_volume_twice(folder: Path, ben_on_2: int = 2) -> tuple[Path, str]:
    """Both readers read B-scans 2 (grades 1 and ``ben_on_2``) and 6 (both 1); nobody read the volume's own
    B-scan."""
    make_folder(folder)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    for reader, grade_2 in (("Anna", 1), ("Ben", ben_on_2)):
        with open_reader(folder, reader) as ws:
            read_bscan(ws, 2, grade_2)
            read_bscan(ws, 6, 1)
            volume = volume_id(ws)
    return folder, volume


@pytest.fixture
def volume_read_twice(tmp_path: Path) -> tuple[Path, str]:
    return read_volume_twice(tmp_path)


def test_each_bscan_stands_on_its_own_and_the_volume_shows_the_most_pressing(volume_read_twice) -> None:
    folder, volume = volume_read_twice
    states = folder_states(folder)
    assert states == {bscan_case_id(volume, 2): CaseState.NEEDS_ARBITRATION, bscan_case_id(volume, 6): CaseState.AGREED}
    assert listed_states(states) == {volume: CaseState.NEEDS_ARBITRATION}
    assert bscans_needing_arbitration(states, volume, SHOWN) == [2]
    assert bscans_needing_arbitration({volume: CaseState.NEEDS_ARBITRATION}, volume, SHOWN) == [SHOWN]
    assert listed_states({volume: CaseState.AGREED, bscan_case_id(volume, 3): CaseState.NEEDS_READER_2}) == {
        volume: CaseState.NEEDS_READER_2}


def test_an_analysis_result_alone_is_no_reading(tmp_path: Path) -> None:
    """Analyse all stores a result in every B-scan's case file, read or not: an agreed volume stays agreed."""
    folder, volume = read_volume_twice(tmp_path, ben_on_2=1)  # Ben agrees on B-scan 2 too
    with open_reader(folder, "Anna") as ws:
        store_ai_result(ws, ws.bscan_case_id(volume, 3), AIResult(oct_probs={"DME": 0.9}), "Anna")
        store_ai_result(ws, volume, AIResult(oct_probs={"DME": 0.8}), "Anna")
        assert listed_states(row_states(ws, ws.bscan_case_id(volume, 2))) == {volume: CaseState.AGREED}
    assert listed_states(folder_states(folder)) == {volume: CaseState.AGREED}
    with open_reader(folder, "Anna") as ws:  # a grade alone is a reading: B-scan 3 waits on Ben
        doc = ws.load_case(ws.bscan_case_id(volume, 3))
        doc.grade = ReaderGrade(oct_class="DME")
        ws.save_case(doc)
    assert folder_states(folder)[bscan_case_id(volume, 3)] is CaseState.NEEDS_READER_1  # Anna has not submitted


def test_a_bscan_is_arbitrated_into_its_own_consensus(volume_read_twice) -> None:
    folder, volume = volume_read_twice
    disputed = bscan_case_id(volume, 2)
    case = prepare_arbitration(folder, disputed)
    assert int(case.previews[Pane(0)][0, 0, 0]) == 60  # B-scan 2
    readings = load_readings(folder, disputed)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        arbitrate(consensus, draft_from(readings[1]), "Dr Arbiter", readings)  # Ben's grade 2
        # the row after a save of the B-scan, or of the volume's own case (which nobody read): its B-scans decide
        assert listed_states(row_states(consensus, disputed)) == {volume: CaseState.ARBITRATED}
        assert listed_states(row_states(consensus, volume)) == {volume: CaseState.ARBITRATED}
    assert state_of(folder, disputed) is CaseState.ARBITRATED
    assert consensus_document(folder, disputed).grade.dr_grade == 2
    assert consensus_document(folder, volume) is None  # the volume's own B-scan: nobody read it, nothing settled
    assert consensus_document(folder, bscan_case_id(volume, 6)).grade.dr_grade == 1  # agreed
    assert listed_states(folder_states(folder)) == {volume: CaseState.ARBITRATED}


def test_preparing_the_volumes_own_bscan_reads_its_pixels_not_its_header_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotations.dicom import reader

    folder, volume = read_volume_twice(tmp_path)
    for name, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, name) as ws:
            read_bscan(ws, SHOWN, grade)
    reads: list[str] = []
    real = reader.read_dicom_header
    monkeypatch.setattr(reader, "read_dicom_header", lambda path: reads.append(Path(path).name) or real(path))
    case = prepare_arbitration(folder, volume)
    assert int(case.previews[Pane(0)][0, 0, 0]) == 30 * SHOWN  # the volume's own B-scan, the shown one
    # the window names the case from its row (CaseController.case_name), by its B-scan's number: a header read here
    # to name it read the file a second time, on a network share too
    assert reads == []


def test_the_reading_command_names_the_bscan_to_arbitrate(volume_read_twice, capsys) -> None:
    from app.cli import main

    folder, volume = volume_read_twice
    for reader, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, reader) as ws:
            read_bscan(ws, SHOWN, grade)  # the volume's own case: named by its B-scan's number too
    assert main(["reading", str(folder)]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if "needs arbitration: " in line] == [
        "  needs arbitration: 'scans/vol.dcm', B-scan 2", f"  needs arbitration: 'scans/vol.dcm', B-scan {SHOWN}"]
    assert volume not in out


def test_only_one_volumes_case_files_are_read_for_its_row(volume_read_twice, monkeypatch) -> None:
    """After a B-scan's save its row's states need that volume's read B-scans: the photo's file stays closed."""
    folder, volume = volume_read_twice
    with open_reader(folder, "Anna") as ws:
        photo = next(c.case_id for c in ws.cases() if c.image_path == "photo.dcm")
        doc = ws.load_case(photo)
        doc.grade = ReaderGrade(dr_grade=1, dme_risk=0)
        ws.save_case(doc)
    opened: list[str] = []
    real_read = readers_module._read

    def read_and_note(files, case_id: str) -> bool:
        opened.append(case_id)
        return real_read(files, case_id)

    monkeypatch.setattr(readers_module, "_read", read_and_note)
    stores = readers_of(folder)
    assert read_case_ids(stores, only=lambda case_id: listed_case_id(case_id) == volume) == [
        bscan_case_id(volume, 2), bscan_case_id(volume, 6)]
    assert photo not in opened
    with open_reader(folder, "Anna") as ws:
        assert set(row_states(ws, bscan_case_id(volume, 2))) == {bscan_case_id(volume, 2), bscan_case_id(volume, 6)}
    assert photo not in opened
    assert photo in read_case_ids(stores)  # read: only the filter left it out
