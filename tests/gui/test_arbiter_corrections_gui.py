"""In the arbiter's window, an agreed case opened before the case list settled it (e.g. while the list was still
comparing the readings) is settled as it opens: the canvas shows the agreed reading, and the arbiter's edits correct
it (their grade and labels stand, never replaced by settling; the readers' masks they did not touch stay). An
analysis saved meanwhile is no correction. A case opened before its readers agreed is settled when the list learns
they do, or when opened again from its kept history (unless that holds the arbiter's unsaved edits); a save of its
earlier document over that agreement settles it again, keeping the save's analysis."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

import annotations.reading.consensus
import app.consensus_corrections
from annotations.classes import LesionClass
from annotations.commands import FillRegion, SetAIResult
from annotations.document import AIResult, ReaderGrade, ReviewState
from annotations.reading.consensus import consensus_document, consensus_record, settle_agreed, state_of
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.agreed_settling import AgreedSettling
from app.main_window import MainWindow
from tests.gui.test_double_reading_gui import select, window_on
from tests.unit.reading_fixtures import case_of, image_folder, read_case

ARBITER = "Dr Arbiter"
ANALYSIS = AIResult(dr_grade=4, referable=True, grade_source="model")
AGREED_ROWS = slice(10, 40)  # both readers' exudates


def _folder(tmp_path: Path, ben_submitted_case_0: bool) -> Path:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=1, rows=AGREED_ROWS, submit=name == "Anna" or ben_submitted_case_0)
            read_case(reader, 1, grade=1, rows=AGREED_ROWS)
    return folder


@pytest.fixture
def agreed(tmp_path: Path) -> Path:
    """Two images both readers graded 1 with the same exudates."""
    return _folder(tmp_path, ben_submitted_case_0=True)


@pytest.fixture
def ben_later(tmp_path: Path) -> Path:
    """As ``agreed``, but Ben has not submitted image 0 yet (_ben_submits_case_0)."""
    return _folder(tmp_path, ben_submitted_case_0=False)


@pytest.fixture
def held(monkeypatch) -> list[bool]:
    """The list's settling held back (as while it is still comparing the readings) until the test lets it go."""
    hold = [True]
    settle = AgreedSettling.settle
    monkeypatch.setattr(AgreedSettling, "settle", lambda self: None if hold[0] else settle(self))
    return hold


def _open_case_0(qtbot, window, state: CaseState = CaseState.AGREED) -> None:
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)  # listed
    select(qtbot, window, case_of(0))
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)  # its pixels shown
    assert window.cases.listing.reading_states[case_of(0)] is state


def _leave_a_note(window) -> None:
    """An edit that corrects nothing (the findings text), so that leaving the case saves it and keeps its history
    (the modality detected on opening is no edit)."""
    window.cases.edits.set_findings("seen")


def _case_0_left_before_ben_submitted(qtbot, tmp_path: Path, folder: Path) -> MainWindow:
    """The arbiter's window after opening case 0 before Ben submitted it and moving on to case 1: case 0 saved (a
    note) and its history kept, holding the bare document."""
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    _open_case_0(qtbot, window, CaseState.NEEDS_READER_2)
    _leave_a_note(window)
    select(qtbot, window, case_of(1))
    assert case_of(0) in window.cases.histories
    return window


def _ben_submits_case_0(qtbot, window, folder: Path) -> None:
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=1, rows=AGREED_ROWS)
    window.cases.listing.update_reading_state(case_of(0))  # as the reader watch would
    qtbot.waitUntil(lambda: window.cases.listing.reading_states[case_of(0)] is CaseState.AGREED, timeout=10_000)


def _settle_now(qtbot, window, hold: list[bool]) -> None:
    hold[0] = False
    window.arbitration.settling.settle()
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    window.cases.flush()


def _has_agreed_exudates(doc) -> bool:
    return bool((doc.mask[AGREED_ROWS, 4:12] & LesionClass.EX.bit).all())


def test_an_agreed_case_opened_before_the_list_settled_it_shows_the_agreed_reading(
        qtbot, agreed: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window)
    record = consensus_record(agreed, case_of(0))
    assert record["method"] == "agreed" and "corrections" not in record  # settled as it opened
    doc = window.cases.doc
    assert doc.grade.dr_grade == 1 and _has_agreed_exudates(doc) and doc.review_state is ReviewState.DONE


def test_an_agreed_case_whose_grade_alone_the_arbiter_changes_keeps_the_readers_masks(
        qtbot, agreed: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window)
    window.cases.edits.set_grade(ReaderGrade(dr_grade=2, dme_risk=0))
    assert window.cases.save()
    _settle_now(qtbot, window, held)
    stored = window.cases.workspace.load_case(case_of(0))
    assert stored.grade.dr_grade == 2 and _has_agreed_exudates(stored) and stored.review_state is ReviewState.DONE
    assert [c["by"] for c in consensus_record(agreed, case_of(0))["corrections"]] == [ARBITER]


def test_an_agreed_case_corrected_before_the_list_settled_it_keeps_the_arbiters_labels(
        qtbot, agreed: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window)
    window.cases.edits.set_grade(ReaderGrade(dr_grade=3, dme_risk=1))
    patch = np.zeros(window.cases.doc.mask.shape, bool)
    patch[60:70, 20:30] = True
    window.cases.execute(FillRegion(LesionClass.HE, patch, text="Paint HE"))
    assert window.cases.save()
    _settle_now(qtbot, window, held)
    assert consensus_record(agreed, case_of(1))["method"] == "agreed"  # the other agreed case is settled
    assert settle_agreed(window.cases.workspace, ARBITER) == 0  # nor does an export or a retrain replace it
    stored = consensus_document(agreed, case_of(0))
    assert stored.grade.dr_grade == 3 and stored.mask[65, 25] & LesionClass.HE.bit and _has_agreed_exudates(stored)
    record = consensus_record(agreed, case_of(0))
    assert record["method"] == "agreed" and [c["by"] for c in record["corrections"]] == [ARBITER]
    assert state_of(agreed, case_of(0)) is CaseState.ARBITRATED
    assert window.cases.listing.reading_states[case_of(0)] is CaseState.ARBITRATED  # the arbiter's decision
    assert window.cases.doc.grade.dr_grade == 3  # and on the canvas


def test_an_analysis_saved_before_the_list_settled_the_case_is_no_correction(
        qtbot, agreed: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window)
    window.cases.execute(SetAIResult(ANALYSIS))
    assert window.cases.save()
    _settle_now(qtbot, window, held)
    record = consensus_record(agreed, case_of(0))
    assert record["method"] == "agreed" and "corrections" not in record
    assert consensus_document(agreed, case_of(0)).grade.dr_grade == 1  # the readers' agreement
    assert state_of(agreed, case_of(0)) is CaseState.AGREED
    assert window.cases.doc.grade.dr_grade == 1  # shown on the canvas


def test_an_analysis_saved_over_the_case_settled_while_open_settles_it_again(
        qtbot, ben_later: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, ben_later, ARBITER)
    _open_case_0(qtbot, window, CaseState.NEEDS_READER_2)  # nothing to settle yet: the store's bare document
    assert window.cases.save()  # nothing to save: the modality detected on opening is no edit
    _ben_submits_case_0(qtbot, window, ben_later)
    held[0] = False
    window.arbitration.settling.settle()  # the open case is settled...
    window.cases.execute(SetAIResult(ANALYSIS))  # ...while an analysis arrives
    window.cases.flush()
    assert consensus_record(ben_later, case_of(0))["method"] == "agreed"
    assert window.cases.doc.grade.dr_grade is None  # the window still shows the bare document, analysed
    assert window.cases.save()  # over the agreed reading
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    window.cases.flush()
    record = consensus_record(ben_later, case_of(0))
    assert record["method"] == "agreed" and "corrections" not in record
    stored = consensus_document(ben_later, case_of(0))
    assert stored.grade.dr_grade == 1 and stored.ai.dr_grade == 4  # the agreed reading, with the analysis saved
    assert window.cases.doc.grade.dr_grade == 1 and window.cases.doc.ai.dr_grade == 4  # shown again


def test_a_case_left_before_it_was_settled_shows_the_agreed_reading_when_opened_again(
        qtbot, ben_later: Path, tmp_path: Path, held: list[bool]) -> None:
    window = _case_0_left_before_ben_submitted(qtbot, tmp_path, ben_later)
    _ben_submits_case_0(qtbot, window, ben_later)
    _settle_now(qtbot, window, held)
    assert consensus_document(ben_later, case_of(0)).grade.dr_grade == 1
    window.cases.ai_results.apply(case_of(0), ANALYSIS)  # an analysis finishing late saves the stored case
    window.cases.flush()
    assert consensus_document(ben_later, case_of(0)).grade.dr_grade == 1
    select(qtbot, window, case_of(0))
    assert window.cases.doc.grade.dr_grade == 1 and window.cases.doc.ai is not None


def test_a_case_left_before_an_exports_settling_keeps_the_agreed_reading_when_an_analysis_arrives_late(
        qtbot, ben_later: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, ben_later, ARBITER)
    _open_case_0(qtbot, window, CaseState.NEEDS_READER_2)
    _leave_a_note(window)
    select(qtbot, window, case_of(1))  # case 0 left with its history kept: the store's bare document
    assert case_of(0) in window.cases.histories
    _ben_submits_case_0(qtbot, window, ben_later)
    dialog = window.annotation.show_export()  # settles the agreed cases first, as a retrain does
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    window.cases.flush()
    assert consensus_record(ben_later, case_of(0))["method"] == "agreed"
    assert case_of(0) not in window.cases.histories  # the kept history held the document as stored before
    window.cases.ai_results.apply(case_of(0), ANALYSIS)
    window.cases.flush()
    assert consensus_document(ben_later, case_of(0)).grade.dr_grade == 1  # not the bare document saved back
    assert window.cases.workspace.load_case(case_of(0)).mask.any()


def test_the_labels_a_case_opened_with_are_digested_off_the_gui_thread(
        qtbot, agreed: Path, tmp_path: Path, monkeypatch) -> None:
    on_gui_thread: list[bool] = []
    digest = annotations.reading.consensus.labels_digest

    def recorded(doc) -> str:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return digest(doc)

    for module in (annotations.reading.consensus, app.consensus_corrections):  # wherever it is looked up
        monkeypatch.setattr(module, "labels_digest", recorded, raising=False)
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window)
    window.cases.edits.set_grade(ReaderGrade(dr_grade=3, dme_risk=1))
    assert window.cases.save()
    window.cases.flush()
    assert consensus_record(agreed, case_of(0))["corrections"]  # the correction told from the labels opened
    assert on_gui_thread and not any(on_gui_thread)


def _graded_while_disputed(qtbot, agreed: Path, tmp_path: Path) -> tuple[MainWindow, list[str]]:
    """The arbiter's window on case 0 once Ben's revision made its readers disagree, a grade set on it, and what the
    corrections' notes say from then on."""
    with open_reader(agreed, "Ben") as ben:
        read_case(ben, 0, grade=4, rows=AGREED_ROWS)  # Ben revises: the readers disagree
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window, CaseState.NEEDS_ARBITRATION)
    said: list[str] = []
    window.arbitration.corrections.message.connect(said.append)
    window.cases.edits.set_grade(ReaderGrade(dr_grade=2, dme_risk=0))
    return window, said


def test_labels_saved_on_a_case_its_readers_dispute_are_said_to_be_no_consensus(
        qtbot, agreed: Path, tmp_path: Path) -> None:
    window, said = _graded_while_disputed(qtbot, agreed, tmp_path)
    assert window.cases.save()
    window.cases.flush()
    qtbot.waitUntil(lambda: bool(said), timeout=5_000)
    assert said == ["'img0.png': saved, but not as the consensus: its readers do not agree (or one has not submitted "
                    "it); decide it with Case ▸ Arbitrate case"]
    assert state_of(agreed, case_of(0)) is CaseState.NEEDS_ARBITRATION


def test_a_disputed_case_saved_as_the_arbiter_moves_on_is_named_by_its_image(
        qtbot, agreed: Path, tmp_path: Path) -> None:
    window, said = _graded_while_disputed(qtbot, agreed, tmp_path)
    select(qtbot, window, case_of(1))  # saved on leaving: its note comes with case 1 open
    window.cases.flush()
    qtbot.waitUntil(lambda: bool(said), timeout=5_000)
    assert said[0].startswith("'img0.png': saved, but not as the consensus")  # not its case id


def test_a_case_left_before_its_readers_agreed_is_settled_when_opened_again_from_its_kept_history(
        qtbot, ben_later: Path, tmp_path: Path, held: list[bool]) -> None:
    window = _case_0_left_before_ben_submitted(qtbot, tmp_path, ben_later)
    with open_reader(ben_later, "Ben") as ben:  # Ben submits; the list has not looked yet
        read_case(ben, 0, grade=1, rows=AGREED_ROWS)
    select(qtbot, window, case_of(0))
    doc = window.cases.doc
    assert doc.grade.dr_grade == 1 and _has_agreed_exudates(doc)  # settled as it opened: the agreed reading
    assert consensus_record(ben_later, case_of(0))["method"] == "agreed"


def test_a_kept_history_with_unsaved_edits_opens_as_it_was_left(
        qtbot, ben_later: Path, tmp_path: Path, held: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    window = window_on(qtbot, tmp_path, ben_later, ARBITER)
    _open_case_0(qtbot, window, CaseState.NEEDS_READER_2)
    window.cases.edits.set_grade(ReaderGrade(dr_grade=3, dme_risk=1))
    with monkeypatch.context() as patched:
        patched.setattr(window.cases.workspace, "save_case", _full_disk)
        select(qtbot, window, case_of(1))  # the save fails: the edits stay in the kept history
        window.cases.flush()
    assert not window.cases.histories.get(case_of(0)).is_clean
    with open_reader(ben_later, "Ben") as ben:
        read_case(ben, 0, grade=1, rows=AGREED_ROWS)
    select(qtbot, window, case_of(0))
    assert window.cases.doc.grade.dr_grade == 3 and window.cases.is_dirty  # the arbiter's edits, to save
    assert consensus_record(ben_later, case_of(0)) is None  # not settled under them


def _full_disk(*_args, **_kwargs) -> None:
    raise OSError("No space left on device")


@pytest.mark.parametrize("double", [False, True])
def test_a_window_without_the_consensus_opens_a_kept_history_at_once(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, double: bool) -> None:
    """Only the arbiter's window settles a case before opening it; a reader's (or single reading's) kept history
    opens without waiting for the storage queue (a neighbour's 12 MP save, a scan's index writes)."""
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    if double:
        save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    window = window_on(qtbot, tmp_path, folder, "Anna")
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)  # listed
    select(qtbot, window, case_of(0))
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    _leave_a_note(window)
    select(qtbot, window, case_of(1))
    kept = window.cases.histories.get(case_of(0))
    assert kept is not None and kept.is_clean
    waited: list[str] = []
    window.cases.case_loading.connect(waited.append)
    monkeypatch.setattr(window.cases.storage, "flush", lambda: waited.append("flush"))
    select(qtbot, window, case_of(0))
    assert window.cases.history is kept and waited == []
