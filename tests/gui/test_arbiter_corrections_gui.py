"""In the arbiter's window, an agreed case edited and saved before it was settled (e.g. while the case list was still
comparing the readings): the arbiter's grade and labels stand as a correction, never replaced by settling; an
analysis saved meanwhile is no correction, and the readers' agreement is settled as usual."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.commands import FillRegion, SetAIResult
from annotations.document import AIResult, ReaderGrade
from annotations.reading.consensus import consensus_document, consensus_record, settle_agreed, state_of
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.agreed_settling import AgreedSettling
from tests.gui.test_double_reading_gui import select, window_on
from tests.unit.reading_fixtures import case_of, image_folder, read_case

ARBITER = "Dr Arbiter"
ANALYSIS = AIResult(dr_grade=4, referable=True, grade_source="model")


@pytest.fixture
def agreed(tmp_path: Path) -> Path:
    """Two images both readers graded 1 with the same exudates."""
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=1, rows=slice(10, 40))
            read_case(reader, 1, grade=1, rows=slice(10, 40))
    return folder


@pytest.fixture
def held(monkeypatch) -> list[bool]:
    """Settling held back (as while the case list is still comparing the readings) until the test lets it go."""
    hold = [True]
    settle = AgreedSettling.settle
    monkeypatch.setattr(AgreedSettling, "settle", lambda self: None if hold[0] else settle(self))
    return hold


def _open_case_0(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)  # listed
    select(qtbot, window, case_of(0))
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)  # its modality detected: an edit
    assert window.cases.listing.reading_states[case_of(0)] is CaseState.AGREED


def _settle_now(qtbot, window, hold: list[bool]) -> None:
    hold[0] = False
    window.arbitration.settling.settle()
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    window.cases.flush()


def test_an_agreed_case_corrected_before_it_was_settled_keeps_the_arbiters_labels(
        qtbot, agreed: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window)
    assert consensus_record(agreed, case_of(0)) is None  # not settled: the store's bare document is open
    window.cases.edits.set_grade(ReaderGrade(dr_grade=3, dme_risk=1))
    patch = np.zeros(window.cases.doc.mask.shape, bool)
    patch[60:70, 20:30] = True
    window.cases.execute(FillRegion(LesionClass.HE, patch, text="Paint HE"))
    assert window.cases.save()
    _settle_now(qtbot, window, held)
    assert consensus_record(agreed, case_of(1))["method"] == "agreed"  # the other agreed case is settled
    assert settle_agreed(window.cases.workspace, ARBITER) == 0  # nor does an export or a retrain replace it
    stored = consensus_document(agreed, case_of(0))
    assert stored.grade.dr_grade == 3 and stored.mask[65, 25] & LesionClass.HE.bit
    record = consensus_record(agreed, case_of(0))
    assert record["method"] == "agreed" and [c["by"] for c in record["corrections"]] == [ARBITER]
    assert state_of(agreed, case_of(0)) is CaseState.ARBITRATED
    assert window.cases.listing.reading_states[case_of(0)] is CaseState.ARBITRATED  # the arbiter's decision
    assert window.cases.doc.grade.dr_grade == 3  # and on the canvas


def test_an_analysis_saved_before_the_case_was_settled_is_no_correction(
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
        qtbot, agreed: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window)
    assert window.cases.save()  # the detected modality: the case has no unsaved edits
    held[0] = False
    window.arbitration.settling.settle()  # the open case is settled...
    window.cases.execute(SetAIResult(ANALYSIS))  # ...while an analysis arrives
    window.cases.flush()
    assert consensus_record(agreed, case_of(0))["method"] == "agreed"
    assert window.cases.doc.grade.dr_grade is None  # the window still shows the bare document, analysed
    assert window.cases.save()  # over the agreed reading
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    window.cases.flush()
    record = consensus_record(agreed, case_of(0))
    assert record["method"] == "agreed" and "corrections" not in record
    assert consensus_document(agreed, case_of(0)).grade.dr_grade == 1
    assert window.cases.doc.grade.dr_grade == 1  # the agreed reading, shown again


def test_a_case_left_before_it_was_settled_shows_the_agreed_reading_when_opened_again(
        qtbot, agreed: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window)
    select(qtbot, window, case_of(1))  # case 0 saved (its detected modality) and its history kept
    assert case_of(0) in window.cases.histories  # holding the bare document
    _settle_now(qtbot, window, held)
    assert consensus_document(agreed, case_of(0)).grade.dr_grade == 1
    window.cases.ai_results.apply(case_of(0), ANALYSIS)  # an analysis finishing late saves the stored case
    window.cases.flush()
    assert consensus_document(agreed, case_of(0)).grade.dr_grade == 1
    select(qtbot, window, case_of(0))
    assert window.cases.doc.grade.dr_grade == 1 and window.cases.doc.ai is not None


def test_a_case_left_before_an_exports_settling_keeps_the_agreed_reading_when_an_analysis_arrives_late(
        qtbot, agreed: Path, tmp_path: Path, held: list[bool]) -> None:
    window = window_on(qtbot, tmp_path, agreed, ARBITER)
    _open_case_0(qtbot, window)
    select(qtbot, window, case_of(1))  # case 0 left with its history kept: the store's bare document
    assert case_of(0) in window.cases.histories
    dialog = window.annotation.show_export()  # settles the agreed cases first, as a retrain does
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    window.cases.flush()
    assert consensus_record(agreed, case_of(0))["method"] == "agreed"
    assert case_of(0) not in window.cases.histories  # the kept history held the document as stored before
    window.cases.ai_results.apply(case_of(0), ANALYSIS)
    window.cases.flush()
    assert consensus_document(agreed, case_of(0)).grade.dr_grade == 1  # not the bare document saved back
    assert window.cases.workspace.load_case(case_of(0)).mask.any()
