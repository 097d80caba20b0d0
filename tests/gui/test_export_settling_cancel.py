"""The arbiter's File ▸ Export first stores the agreed cases as the consensus (minutes for a screening programme's
folder): the dialog can start the export meanwhile, its bar shows the settling as its first step, and its Cancel
ends the export at once and stops the settling between cases, the cases stored until then kept."""
from __future__ import annotations

import threading
from pathlib import Path

import annotations.reading.consensus as consensus_module
from annotations.document import PatientInfo
from annotations.export_steps import STEP
from annotations.formats.grades_csv import read_grades_csv
from annotations.reading import messages as msg
from annotations.reading.consensus import consensus_record
from annotations.reading.readers import open_consensus
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.agreed_settling import AgreedSettling
from app.main_window import MainWindow
from tests.gui.test_double_reading_gui import window_on
from widgets.transfer_progress import EXPORT_PROGRESS, STEP_PROGRESS
from widgets.unsaved_edits_box import CloseChoice
from tests.unit.reading_fixtures import both_read, case_of, image_folder

ARBITER = "Dr Arbiter"


def arbiter_on_a_slow_settling(qtbot, tmp_path: Path, monkeypatch
                               ) -> tuple[MainWindow, Path, threading.Event, threading.Event]:
    """The arbiter's window on 3 agreed cases that the list does not settle by itself (an export or retrain then
    does), the first case's storing held until ``release`` is set (``entered`` says it began): the window, the
    folder, entered and release."""
    folder = image_folder(tmp_path / "f", count=3, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    both_read(folder, dict.fromkeys(range(3), 1))
    for quiet in ("settle", "_settle_opening"):  # the list's own settling would store them first
        monkeypatch.setattr(AgreedSettling, quiet, lambda *_args: None)
    entered, release = threading.Event(), threading.Event()
    record_agreed = consensus_module.record_agreed

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - a slow case, as record_agreed
        entered.set()
        release.wait(10)
        return record_agreed(*args, **kwargs)

    monkeypatch.setattr(consensus_module, "record_agreed", slow)
    return window_on(qtbot, tmp_path, folder, ARBITER), folder, entered, release


def test_cancel_during_the_exports_settling_ends_it_and_keeps_what_was_stored(qtbot, tmp_path: Path,
                                                                              monkeypatch) -> None:
    window, folder, entered, release = arbiter_on_a_slow_settling(qtbot, tmp_path, monkeypatch)
    dialog = window.annotation.show_export()
    try:
        qtbot.waitUntil(lambda: dialog.counted, timeout=5_000)  # while the settling runs
        dialog.folder_edit.setText(str(tmp_path / "out"))
        dialog.export_button.click()
        qtbot.waitUntil(entered.is_set, timeout=5_000)
        qtbot.waitUntil(lambda: "Storing agreed cases as the consensus: 'img0.png' (1 of 3)" in dialog.status.text(),
                        timeout=5_000)
        assert dialog.status.text().startswith("Step 1 of 2: ")
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=2_000)  # not once the slow case is stored
        assert "Export cancelled." in dialog.summary.toPlainText()
    finally:
        release.set()
    window.cases.flush()
    assert [consensus_record(folder, case_of(n)) is not None for n in range(3)] == [True, False, False]
    assert not (tmp_path / "out" / "grades.csv").exists()


def test_the_settlings_progress_and_the_steps_are_shown_in_the_interfaces_language() -> None:
    """annotations/ words them in English (annotations.reading.messages.SETTLING, annotations.export_steps.STEP); the
    dialogs and the `export` command show them through these."""
    assert msg.SETTLING in EXPORT_PROGRESS.templates and STEP in STEP_PROGRESS.templates


def test_closing_the_dialog_without_exporting_stops_its_settling_and_the_folder_closes_without_it(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    """Nobody waits for the settling of a dialog closed unused: it stops between cases, so the folder's closing (which
    waits for the storage queue) does not wait for the other cases (minutes for a screening programme's folder); the
    case stored meanwhile stays stored."""
    window, folder, entered, release = arbiter_on_a_slow_settling(qtbot, tmp_path, monkeypatch)
    dialog = window.annotation.show_export()
    try:
        qtbot.waitUntil(entered.is_set, timeout=5_000)
        dialog.close()
        threading.Timer(0.3, release.set).start()  # the first case's storing ends while the folder closes
        assert window.cases.close_workspace()
    finally:
        release.set()
    assert [consensus_record(folder, case_of(n)) is not None for n in range(3)] == [True, False, False]


def test_closing_the_folder_with_the_dialog_idle_and_an_unsaved_edit_does_not_wait_for_its_settling(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    """File ▸ Close folder, another folder opened or the window closing with the dialog open and no export started:
    its settling is given up before the open case's save is waited for, which is queued behind it (the save would
    land once every agreed case was stored)."""
    window, folder, entered, release = arbiter_on_a_slow_settling(qtbot, tmp_path, monkeypatch)
    qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=10_000)
    case_id = window.cases.current_id
    window.annotation.show_export()
    try:
        qtbot.waitUntil(entered.is_set, timeout=5_000)
        window.cases.edits.set_patient(PatientInfo(name="Jane Roe"))
        threading.Timer(0.3, release.set).start()  # the first case's storing ends while the folder closes
        assert window.cases.close_workspace()
    finally:
        release.set()
    assert [consensus_record(folder, case_of(n)) is not None for n in range(3)] == [True, False, False]
    with open_consensus(folder, ARBITER) as store:
        assert store.load_case(case_id).patient.name == "Jane Roe"


def test_an_export_after_a_close_called_off_reads_from_the_readings_what_the_given_up_settling_did_not_store(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    """Giving the settling up before the unsaved-edits question is harmless where a Cancel there keeps the folder:
    the dialog stays, and its export writes the agreed cases the settling did not store from the readers' agreeing
    reading (annotations.reading.consensus_export.settled_consensus)."""
    window, folder, entered, release = arbiter_on_a_slow_settling(qtbot, tmp_path, monkeypatch)
    dialog = window.annotation.show_export()
    try:
        qtbot.waitUntil(entered.is_set, timeout=5_000)
        with monkeypatch.context() as unsafe:
            unsafe.setattr(window.cases, "unsafe_edits", lambda: {case_of(0): "the share is gone"})
            unsafe.setattr(window.cases, "ask_unsafe", lambda _unsafe: CloseChoice.CANCEL)
            assert not window.cases.close_workspace()
        assert dialog.isVisible()
    finally:
        release.set()
    window.cases.flush()  # the settling stopped once the first case was stored
    assert [consensus_record(folder, case_of(n)) is not None for n in range(3)] == [True, False, False]
    qtbot.waitUntil(lambda: dialog.counted, timeout=5_000)
    for name, box in dialog.format_boxes.items():
        box.setChecked(name == "csv")
    dialog.scope_buttons["done"].setChecked(True)  # the settled consensus
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)
    grades = read_grades_csv(tmp_path / "out" / "grades.csv")
    assert {name: case.dr_grade for name, case in grades.items()} == {"img0": 1, "img1": 1, "img2": 1}
    assert "2 agreed case(s) were exported from the readers' agreeing reading" in dialog.summary.toPlainText()


def test_closing_the_folder_gives_up_the_settling_of_every_export_dialog_open(qtbot, tmp_path: Path,
                                                                               monkeypatch) -> None:
    """Export labels… opens a dialog each time, the one before still open (not modal): the folder's closing gave up
    only the last one's settling, and waited for the first one's to store every agreed case."""
    window, folder, entered, release = arbiter_on_a_slow_settling(qtbot, tmp_path, monkeypatch)
    first = window.annotation.show_export()
    try:
        qtbot.waitUntil(entered.is_set, timeout=5_000)
        second = window.annotation.show_export()
        assert second is not first and first.isVisible() and second.isVisible()
        threading.Timer(0.3, release.set).start()  # the first case's storing ends while the folder closes
        assert window.cases.close_workspace()
    finally:
        release.set()
    assert [consensus_record(folder, case_of(n)) is not None for n in range(3)] == [True, False, False]
