"""An arbitration is never overwritten by the arbiter's own window: deciding waits until the decision is stored and
the case reopened as decided, so an edit the arbiter makes right after deciding corrects the decision, and a case
switch saves that correction on top of it, never the document as it was before the decision. Nor is a decision stored
in another folder: the dialog, and its preparation, close undecided with the folder whose readings they show. A
decision made while the folder's first scan still runs stays on the list, not replaced by the states the scan read
before it."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QDialog

import app.folder_listing
from annotations.classes import LesionClass
from annotations.commands import FillRegion
from annotations.graded_fields import GradeField
from annotations.reading.consensus import consensus_document, consensus_record, state_of
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.gui.test_double_reading_gui import disputed, select, window_on  # noqa: F401 - disputed: a fixture
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from widgets.case_list import READING_COLUMN

ARBITER = "Dr Arbiter"


def test_an_edit_right_after_deciding_and_a_case_switch_keep_the_decision(
        qtbot, disputed: Path, tmp_path: Path) -> None:  # noqa: F811 - the fixture
    window = window_on(qtbot, tmp_path, disputed, ARBITER)
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)  # listed
    select(qtbot, window, case_of(0))
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    dialog.choice.button(1).click()  # Ben's labels, grade 3
    dialog.save_button.click()
    # Before the window hears back from the storage queue: the arbiter paints on and moves to another case.
    patch = np.zeros(window.cases.doc.mask.shape, bool)
    patch[80:90, 20:30] = True
    window.cases.execute(FillRegion(LesionClass.HE, patch, text="Paint HE"))
    window.cases.select_case(case_of(1))
    window.cases.flush()
    final = consensus_document(disputed, case_of(0))
    assert final.grade.dr_grade == 3 and final.mask[50, 5]  # the decision: Ben's grade and labels...
    assert final.mask[85, 25] & LesionClass.HE.bit  # ...corrected by the edit made after it
    record = consensus_record(disputed, case_of(0))
    assert record["method"] == "arbitrated" and [c["by"] for c in record["corrections"]] == [ARBITER]
    assert state_of(disputed, case_of(0)) is CaseState.ARBITRATED


def _listed(qtbot, window) -> None:
    window.cases.flush()  # the folder's store is opened on the storage worker
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)


def test_the_dialog_and_its_preparation_close_with_their_folder(qtbot, tmp_path: Path) -> None:
    first, second = (image_folder(tmp_path / name, count=2, width=160, height=120) for name in ("a", "b"))
    for folder, grades in ((first, (2, 3)), (second, (1, 4))):  # the same file names, read differently
        save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
        for name, grade, rows in zip(("Anna", "Ben"), grades, (slice(10, 40), slice(30, 60))):
            with open_reader(folder, name) as reader:
                read_case(reader, 0, grade=grade, rows=rows)
    window = window_on(qtbot, tmp_path, first, ARBITER)
    _listed(qtbot, window)
    select(qtbot, window, case_of(0))
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    results: list[int] = []
    shown.args[0].finished.connect(results.append)
    assert window.open_paths([second])
    _listed(qtbot, window)
    assert results == [QDialog.DialogCode.Rejected]  # undecided: deciding would store the first folder's img0 here
    select(qtbot, window, case_of(0))
    shown_later: list[object] = []
    window.arbitration.dialog_shown.connect(shown_later.append)
    window.actions["arbitrate"].trigger()  # prepared on a worker...
    assert window.open_paths([first])  # ...while the folder closes
    _listed(qtbot, window)
    qtbot.waitUntil(lambda: not window.arbitration.runner.busy, timeout=10_000)
    assert not shown_later  # the second folder's readings are not shown over the first's
    assert consensus_record(first, case_of(0)) is None and consensus_record(second, case_of(0)) is None


def test_a_case_decided_while_the_scan_runs_stays_arbitrated_on_the_list(
        qtbot, disputed: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811 - the fixture
    read, release = threading.Event(), threading.Event()
    states_of = app.folder_listing.folder_states

    def read_then_held(folder: Path, unreadable: dict[str, str], state: object) -> dict:
        """The scan's states are read before the decision and handed over after it (a big folder's scan)."""
        states = states_of(folder, unreadable, state)
        read.set()
        release.wait(60)  # not a shorter guess: a scan handing over first would not be the case this test makes
        return states

    monkeypatch.setattr(app.folder_listing, "folder_states", read_then_held)
    window = window_on(qtbot, tmp_path, disputed, ARBITER)
    try:
        qtbot.waitUntil(lambda: window.cases.doc is not None and read.is_set(), timeout=10_000)
        select(qtbot, window, case_of(0))
        with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
            window.actions["arbitrate"].trigger()
        shown.args[0].choice.button(0).click()
        shown.args[0].save_button.click()
        states = window.cases.listing.reading_states
        qtbot.waitUntil(lambda: states.get(case_of(0)) is CaseState.ARBITRATED, timeout=10_000)
        assert window.cases.listing.scanning
    finally:
        release.set()  # the scan goes on, also after a failure
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    assert window.cases.listing.reading_states[case_of(0)] is CaseState.ARBITRATED
    assert window.case_list.model.index(0, READING_COLUMN).data() == "arbitrated"


def test_a_decision_that_cannot_be_stored_keeps_the_dialog_open_with_the_arbiters_choice(
        qtbot, disputed: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811 - the fixture
    import app.arbitration_controller

    window = window_on(qtbot, tmp_path, disputed, ARBITER)
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)  # listed
    select(qtbot, window, case_of(0))
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog, said = shown.args[0], []
    window.arbitration.message.connect(said.append)
    arbitrate = app.arbitration_controller.arbitrate

    def full_disk(*_args) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(app.arbitration_controller, "arbitrate", full_disk)
    dialog.choice.button(1).click()  # Ben's labels, grade 3
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.choice.checkedId() == 1  # the choice is still there to try again
    assert any("No space left on device" in text for text in said)
    monkeypatch.setattr(app.arbitration_controller, "arbitrate", arbitrate)
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert consensus_record(disputed, case_of(0))["method"] == "arbitrated"


def _arbitrate_again(qtbot, window):  # noqa: ANN001, ANN202 - the window and its ArbitrationDialog
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    return shown.args[0]


def test_arbitrating_a_decided_case_again_starts_from_the_decision_and_says_saving_replaces_it(
        qtbot, disputed: Path, tmp_path: Path) -> None:  # noqa: F811 - the fixture
    """Opened again on a decided case, the dialog started from Anna's labels and grade with no word of the decision
    (Ben's labels, grade 4, corrected since): Save as consensus, its default button, put Anna's reading in its place."""
    window = window_on(qtbot, tmp_path, disputed, ARBITER)
    _listed(qtbot, window)
    select(qtbot, window, case_of(0))
    dialog = _arbitrate_again(qtbot, window)
    assert "decided this case before" not in dialog.reasons.text()
    dialog.choice.button(1).click()  # Ben's labels
    dialog.finals[GradeField.DR_GRADE].setCurrentIndex(dialog.finals[GradeField.DR_GRADE].findData(4))
    with qtbot.waitSignal(window.arbitration.arbitrated, timeout=10_000):
        dialog.save_button.click()
    again = _arbitrate_again(qtbot, window)
    assert (again.choice.checkedId(), again.finals[GradeField.DR_GRADE].currentData(),
            again.finals[GradeField.DME_RISK].currentData()) == (1, 4, 1)
    assert ("Dr Arbiter decided this case before: PDR, DME risk 1, keeping the labels of Ben. Saving again "
            "replaces that decision.") in again.reasons.text()
    again.reject()
    patch = np.zeros(window.cases.doc.mask.shape, bool)
    patch[80:90, 20:30] = True
    window.cases.execute(FillRegion(LesionClass.HE, patch, text="Paint HE"))
    assert window.cases.save()
    window.cases.flush()
    corrected = _arbitrate_again(qtbot, window)
    assert corrected.finals[GradeField.DR_GRADE].currentData() == 4
    assert ("Dr Arbiter decided this case before: PDR, DME risk 1, with labels corrected since (neither reading's). "
            "Saving again replaces that decision and those labels with the chosen reading's.") in \
        corrected.reasons.text()
