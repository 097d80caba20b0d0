"""Integration in the review window: File ▸ Report / print… (one or both eyes), the report settings, and the
fundus/OCT choice recorded on the case."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotations import volume_files
from annotations.commands import SetAIResult, SetPatient
from annotations.document import AIResult, Modality, PatientInfo
from annotations.findings import Findings, Orientation
from app import main_window
from app.main_window import MainWindow
from app.report_action import describe_cjk_font
from app.settings import Settings, SettingsValues
from app.tasks import TaskRunner
from tests.dicom_files import PATIENT, fundus_rgb, write_dicom
from tests.gui.report_partners import ask_report
from tests.gui.test_main_window import _window, fundus_folder
from widgets.case_list import PATIENT_COLUMN
from widgets.report_dialog import ReportDialog
from widgets.settings_dialog import SettingsDialog


@pytest.fixture
def folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    # not under tmp_path, which is named after the test: a test named "..._oct_..." would put its photos in a
    # folder whose name makes them OCT scans (annotations.modality.named_oct)
    images = fundus_folder(tmp_path_factory.mktemp("photos"), monkeypatch, ("a.png", "b.png", "c.png"))
    band = np.tile(np.linspace(0, 200, 60, dtype=np.uint8)[:, None], (1, 200))
    Image.fromarray(np.dstack([band] * 3)).save(images / "d_scan.png")  # grey and wide: looks like an OCT scan
    return images


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="Dr. Reader", clinic_name="Integration Clinic"))
    return settings


@pytest.fixture
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[ReportDialog]:
    """The report dialog is built and kept, not run modally (its API is driven directly)."""
    shown: list[ReportDialog] = []
    monkeypatch.setattr(ReportDialog, "exec", lambda self: shown.append(self) or 0)
    return shown


def _open(qtbot, window: MainWindow, name: str) -> None:
    case_id = next(s.case_id for s in window.cases.summaries.values() if s.image_path == name)
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.image is not None and window.cases.current_id == case_id, timeout=10_000)


def _set_patient(qtbot, window: MainWindow, name: str, eye: str) -> None:
    _open(qtbot, window, name)
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-7", name="Ann Lee", age=61, sex="F", eye=eye)))
    assert window.cases.save()


def test_report_action_opens_the_prefilled_dialog_and_saves_a_pdf(qtbot, settings, folder, tmp_path,
                                                                  no_modal_dialogs, monkeypatch) -> None:
    window = _window(qtbot, settings, folder)
    _set_patient(qtbot, window, "a.png", "OD")
    assert window.actions["report"].shortcut().toString() == "Ctrl+P"
    ask_report(qtbot, window)
    assert len(no_modal_dialogs) == 1 and window.reports.dialog is no_modal_dialogs[0]
    fields = window.reports.dialog.fields()
    assert (fields.patient_name, fields.patient_id, fields.age, fields.sex) == ("Ann Lee", "P-7", 61, "F")
    assert fields.eyes == ["OD"] and fields.reader == "Dr. Reader"  # no other case of this patient
    dialog = window.reports.dialog
    assert dialog.warnings == ["'a.png' has no reader grade and no AI result (the report shows no grade)",
                               "'a.png' is not marked done"] and dialog.warning_label.isVisibleTo(dialog)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    assert dialog.save_pdf(str(tmp_path / "report.pdf")) is None and not (tmp_path / "report.pdf").exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    saved = dialog.save_pdf(str(tmp_path / "report.pdf"))
    assert saved and Path(saved).read_bytes().startswith(b"%PDF")
    assert len(asked) == 2 and "not marked done" in asked[0]
    assert dialog.save_pdf(str(tmp_path / "again.pdf"))  # asked once per dialog
    assert len(asked) == 2


def assert_eye_warned_until_os_is_chosen(dialog, check: str) -> None:  # noqa: ANN001 - the report dialog
    """The report dialog prints the recorded eye (OD) and shows ``check`` against it, until the reader chooses OS."""
    assert dialog.fields().eyes == ["OD"] and check in dialog.warnings
    assert check in dialog.warning_label.text()
    dialog.eyes[0].setCurrentIndex(dialog.eyes[0].findData("OS"))
    assert check not in dialog.warnings


def test_the_report_dialog_warns_while_the_eye_it_prints_is_against_the_ais_side(qtbot, settings, folder,
                                                                                no_modal_dialogs) -> None:
    window = _window(qtbot, settings, folder)
    _set_patient(qtbot, window, "a.png", "OD")
    window.cases.execute(SetAIResult(AIResult(findings=Findings(orientation=Orientation(eye="left (OS)")))))
    ask_report(qtbot, window)
    check = ("'a.png': OD (right eye) is recorded, but where the AI found the optic disc suggests OS (left eye): "
             "check which eye this image is")
    assert_eye_warned_until_os_is_chosen(window.reports.dialog, check)


def test_the_report_dialog_warns_while_the_eye_it_prints_is_against_the_dicom_headers(qtbot, settings, folder,
                                                                                      no_modal_dialogs) -> None:
    write_dicom(folder / "e_fundus.dcm", fundus_rgb(), laterality="L")
    window = _window(qtbot, settings, folder)
    _set_patient(qtbot, window, "e_fundus.dcm", "OD")  # the reader records the right eye; the header says left
    ask_report(qtbot, window)
    check = ("'e_fundus.dcm': OD (right eye) is recorded, but the image's DICOM header records OS (left eye): check "
             "which eye this image is")
    assert_eye_warned_until_os_is_chosen(window.reports.dialog, check)


def test_patient_details_still_being_typed_are_in_the_report(qtbot, settings, folder, no_modal_dialogs) -> None:
    window = _window(qtbot, settings, folder)
    panel = window.patients.panel
    qtbot.keyClicks(panel.patient_id, "P-8")  # typed, the field not left: Ctrl+P comes straight from it
    qtbot.keyClicks(panel.name, "Ann Lee")
    ask_report(qtbot, window)
    fields = window.reports.dialog.fields()
    assert (fields.patient_name, fields.patient_id) == ("Ann Lee", "P-8")
    assert window.cases.doc.patient.name == "Ann Lee"  # recorded on the case too, as a save would


def test_the_report_dialogs_birth_date_is_the_dicom_headers_and_a_mistyped_one_is_warned_of(qtbot, settings, folder,
                                                                                            no_modal_dialogs) -> None:
    """The dialog shows the birth date the report prints (a DICOM photo's, from its header), and warns of one typed
    there that no patient has, as of one recorded: the warning had read the case's birth date, not the dialog's."""
    write_dicom(folder / "e_fundus.dcm", fundus_rgb())
    window = _window(qtbot, settings, folder)
    _open(qtbot, window, "e_fundus.dcm")
    ask_report(qtbot, window)
    dialog = window.reports.dialog
    assert dialog.birth_date.text() == "1960-02-15" and dialog.fields().age == 63  # on the study date, 2024-01-10
    dialog.birth_date.setText("2060-02-15")  # a year mistyped
    assert "The birth date 2060-02-15 is after the exam date 2024-01-10: check both" in dialog.warnings
    assert window.cases.doc.patient.birth_date == "1960-02-15"  # the report's, not the case's


def test_the_patients_other_eye_is_offered_for_one_report(qtbot, settings, folder, no_modal_dialogs,
                                                          monkeypatch) -> None:
    window = _window(qtbot, settings, folder)
    _set_patient(qtbot, window, "b.png", "OS")
    _set_patient(qtbot, window, "a.png", "OD")
    offered = []
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: offered.append(other.image_path) or True)
    ask_report(qtbot, window)
    assert offered == ["b.png"]
    dialog = window.reports.dialog
    assert dialog.fields().eyes == ["OD", "OS"] and len(dialog.eyes) == 2

    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: False)
    ask_report(qtbot, window)
    assert window.reports.dialog.fields().eyes == ["OD"]


def test_a_dicom_case_never_saved_is_listed_and_paired_by_its_headers_patient_id_and_eye(
        qtbot, settings, folder, no_modal_dialogs, monkeypatch) -> None:
    write_dicom(folder / "e_fundus.dcm", fundus_rgb())  # laterality R
    window = _window(qtbot, settings, folder)
    model = window.case_list.model
    rows = {model.data(model.index(row, 0)): row for row in range(model.rowCount())}
    qtbot.waitUntil(lambda: model.data(model.index(rows["e_fundus.dcm"], PATIENT_COLUMN)) == "P-0042 OD",
                    timeout=5_000)
    _open(qtbot, window, "a.png")
    window.cases.execute(SetPatient(PatientInfo(patient_id=PATIENT["PatientID"].lower(), eye="OD")))
    assert window.patients.panel.linked.text() == "Same patient: e_fundus.dcm OD (right eye)"
    offered = []
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: offered.append(other.image_path) or True)
    ask_report(qtbot, window)
    assert offered == ["e_fundus.dcm"]
    assert window.reports.dialog.fields().eyes == ["OD", "OD"]  # the header's eye (R), as the panel shows it


def test_a_dicom_case_whose_header_patient_id_the_reader_cleared_lists_none(qtbot, settings, folder) -> None:
    write_dicom(folder / "e_fundus.dcm", fundus_rgb())
    window = _window(qtbot, settings, folder)
    model = window.case_list.model
    row = next(row for row in range(model.rowCount()) if model.data(model.index(row, 0)) == "e_fundus.dcm")
    _open(qtbot, window, "e_fundus.dcm")
    window.cases.execute(SetPatient(PatientInfo(patient_id="", eye="OD")))  # the header's ID was another patient's
    qtbot.waitUntil(lambda: model.data(model.index(row, PATIENT_COLUMN)) == "OD", timeout=5_000)


def test_settings_dialog_edits_the_clinic_and_shows_the_cjk_font(qtbot) -> None:
    values = SettingsValues(clinic_name="Old").to_dict()
    dialog = SettingsDialog(values, ["cpu"], {}, describe_font=describe_cjk_font)
    qtbot.addWidget(dialog)
    assert "CJK:" in dialog.font_note.text()
    dialog.clinic_address.setPlainText("1 Eye Road\nTown")
    dialog.cjk_font.setText("/nowhere/font.ttf")
    dialog.update_font_note()
    assert "/nowhere/font.ttf" in dialog.font_note.text()
    edited = SettingsValues.from_dict(dialog.values())
    assert (edited.clinic_name, edited.clinic_address, edited.report_cjk_font) == (
        "Old", "1 Eye Road\nTown", "/nowhere/font.ttf")


def test_the_settings_dialogs_font_note_is_read_on_the_runners_worker(qtbot) -> None:
    """The note read the report fonts on the GUI thread as the dialog opened (0.2-0.65 s the first time a session)
    and as a font path was typed: now on the runner's worker, the dialog in use meanwhile, saying so; the note of the
    latest path typed is the one shown."""
    gates = {path: threading.Event() for path in ("", "/a.ttf", "/b.ttf")}
    on_gui_thread: list[bool] = []

    def describe(path: str) -> str:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        assert gates[path].wait(10)  # on the GUI thread: the dialog would not open until the test timed out
        return f"fonts of {path or 'automatic'}"
    runner = TaskRunner("font-note")
    dialog = SettingsDialog(SettingsValues().to_dict(), ["cpu"], {}, describe_font=describe, runner=runner)
    runner.setParent(dialog)
    qtbot.addWidget(dialog)
    assert dialog.font_note.text() == "Reading the report fonts…"
    gates[""].set()
    qtbot.waitUntil(lambda: dialog.font_note.text() == "fonts of automatic", timeout=10_000)
    for path in ("/a.ttf", "/b.ttf"):
        dialog.cjk_font.setText(path)
        dialog.cjk_font.editingFinished.emit()
    assert dialog.font_note.text() == "Reading the report fonts…"
    gates["/b.ttf"].set()
    gates["/a.ttf"].set()  # its reading ends after the newer path was typed: dropped
    qtbot.waitUntil(lambda: dialog.font_note.text() == "fonts of /b.ttf", timeout=10_000)
    qtbot.wait(200)
    assert dialog.font_note.text() == "fonts of /b.ttf" and on_gui_thread and not any(on_gui_thread)


def test_a_font_notes_reading_that_fails_says_why_in_place_of_reading(qtbot) -> None:
    """Anything else the fonts' reading raises (FontError is said by describe_cjk_font itself) ends the note's
    "Reading the report fonts…", which stayed for good."""
    def describe(_path: str) -> str:
        raise OSError("the share went away")
    runner = TaskRunner("font-note")
    dialog = SettingsDialog(SettingsValues().to_dict(), ["cpu"], {}, describe_font=describe, runner=runner)
    runner.setParent(dialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "the share went away" in dialog.font_note.text(), timeout=10_000)


def test_the_windows_settings_dialog_reads_its_font_note_off_the_gui_thread(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: 0)
    on_gui_thread: list[bool] = []
    monkeypatch.setattr(main_window, "describe_cjk_font", lambda path: on_gui_thread.append(
        threading.current_thread() is threading.main_thread()) or "fonts")
    window = MainWindow(Settings.from_file(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.edit_settings()
    qtbot.waitUntil(lambda: on_gui_thread == [False], timeout=10_000)


def test_toggling_oct_is_recorded_on_the_case_and_survives_reopening(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    assert window.cases.doc.modality is Modality.FUNDUS and not window.findings.oct_mode
    window.actions["modality_oct"].trigger()
    assert window.cases.doc.modality is Modality.OCT and window.findings.oct_mode
    assert window.cases.history.undo_text == "Mark as OCT"
    window.cases.undo()
    assert window.cases.doc.modality is Modality.FUNDUS and not window.findings.oct_mode
    window.cases.redo()
    assert window.cases.doc.modality is Modality.OCT and window.isWindowModified()
    window.close()  # saves the case

    again = _window(qtbot, settings, folder)  # the menu starts on "detect from image"
    assert again.cases.summaries[again.cases.current_id].image_path == "a.png"
    assert again.cases.doc.modality is Modality.OCT and again.findings.oct_mode
    _open(qtbot, again, "b.png")
    assert again.cases.doc.modality is Modality.FUNDUS and not again.findings.oct_mode


def test_detection_is_recorded_on_first_open_only(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    _open(qtbot, window, "d_scan.png")
    assert window.cases.doc.modality is Modality.OCT and window.findings.oct_mode  # detected and recorded
    window.actions["modality_fundus"].trigger()  # the reader knows better
    assert window.cases.doc.modality is Modality.FUNDUS
    window.close()

    again = _window(qtbot, settings, folder)
    _open(qtbot, again, "d_scan.png")
    assert again.cases.doc.modality is Modality.FUNDUS  # saved: detection no longer decides


def test_a_dicom_photos_storage_class_decides_over_its_pixels(qtbot, settings, folder) -> None:
    """A grey Ophthalmic Photography file (a red-free photo) whose pixels the rules take for a B-scan: the window
    looked for the file at the case's path in the folder from the working directory, found none, decided by the
    pixels and showed and analysed it as OCT."""
    band = np.tile(np.linspace(0, 200, 60, dtype=np.uint8)[:, None], (1, 200))  # grey and wide, as d_scan.png
    write_dicom(folder / "e_red_free.dcm", band)
    window = _window(qtbot, settings, folder)
    _open(qtbot, window, "e_red_free.dcm")
    assert window.cases.doc.modality is Modality.FUNDUS and not window.findings.oct_mode
    _open(qtbot, window, "d_scan.png")
    assert window.cases.doc.modality is Modality.OCT  # a photo's pixels decide as before


def test_a_dicom_captures_modality_tag_decides_over_its_pixels(qtbot, settings, folder) -> None:
    """A grey Secondary Capture of Modality OP (Ophthalmic Photography) opened as an OCT scan; one of Modality OPT
    whose pixels are a colour photo's is an OCT scan."""
    from pydicom import uid

    band = np.tile(np.linspace(0, 200, 60, dtype=np.uint8)[:, None], (1, 200))  # grey and wide, as d_scan.png
    write_dicom(folder / "e_capture.dcm", band, uid.SecondaryCaptureImageStorage, header={"Modality": "OP"})
    write_dicom(folder / "f_capture.dcm", fundus_rgb(), uid.SecondaryCaptureImageStorage, header={"Modality": "OPT"})
    window = _window(qtbot, settings, folder)
    _open(qtbot, window, "e_capture.dcm")
    assert window.cases.doc.modality is Modality.FUNDUS and not window.findings.oct_mode
    _open(qtbot, window, "f_capture.dcm")
    assert window.cases.doc.modality is Modality.OCT and window.findings.oct_mode


def test_an_oct_scans_report_asks_for_the_readers_oct_class(qtbot, settings, folder, no_modal_dialogs) -> None:
    """The dialog's warning and suggested follow-up name what the panel asks an OCT reader for: an OCT class."""
    window = _window(qtbot, settings, folder)
    _open(qtbot, window, "d_scan.png")  # detected as an OCT scan: the panel offers an OCT class, no DR grade
    ask_report(qtbot, window)
    dialog = window.reports.dialog
    assert dialog.warnings == ["'d_scan.png' has no reader OCT class and no AI result (the report shows none)",
                               "'d_scan.png' is not marked done"]
    assert dialog.recommendation.placeholderText().startswith("Suggested: No OCT class recorded: a qualified reader "
                                                              "must classify the scan")
    panel = window.findings
    panel.oct_class.setCurrentIndex(panel.oct_class.findData("DRUSEN"))
    panel.oct_class.activated.emit(panel.oct_class.currentIndex())
    row = window.case_list.visible_case_ids().index(window.cases.current_id)
    assert window.case_list.model.index(row, 3).data() == "Drusen"  # the list follows the class before it is saved
    window.cases.execute(SetAIResult(AIResult(oct_probs={"CNV": 0.1, "DME": 0.8, "DRUSEN": 0.05, "NORMAL": 0.05})))
    assert window.case_list.model.index(row, 2).data() == "DME"  # the AI's class, not "–" for want of a DR grade
    ask_report(qtbot, window)
    dialog = window.reports.dialog
    assert dialog.warnings == ["'d_scan.png' is not marked done"]
    assert dialog.recommendation.placeholderText() == ("Suggested: Drusen on OCT: re-examine in 12 months, sooner "
                                                       "if central vision worsens.")
    window.close()


def test_the_report_dialog_saves_the_report_as_dicom(qtbot, settings, folder, tmp_path, no_modal_dialogs,
                                                     monkeypatch) -> None:
    from pydicom import dcmread, uid

    from annotations.dicom.report_object import read_report_pdf

    window = _window(qtbot, settings, folder)
    _set_patient(qtbot, window, "a.png", "OD")
    ask_report(qtbot, window)
    dialog = window.reports.dialog
    assert dialog.dicom_button.isVisibleTo(dialog)
    dialog.patient_id.setText("P-8")  # what the dialog shows is what the archive gets
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)  # not graded: asked
    saved = dialog.save_dicom(str(tmp_path / "report.dcm"))
    report = dcmread(saved)
    assert report.SOPClassUID == uid.EncapsulatedPDFStorage
    assert (str(report.PatientName), report.PatientID, report.PatientSex) == ("Ann Lee", "P-8", "F")
    assert read_report_pdf(saved).startswith(b"%PDF")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    photo = folder / "b.png"  # another case's photo: the file dialog asks before replacing, and was answered yes
    kept = photo.read_bytes()
    assert dialog.save_pdf(str(photo)) is None and dialog.save_dicom(str(photo)) is None
    assert photo.read_bytes() == kept and len(warned) == 2
    assert "is not a report this program wrote" in warned[0] and "is not a DICOM report this" in warned[1]
    assert dialog.save_dicom(saved) == saved  # an earlier report is replaced


def test_two_cases_selected_in_the_list_make_a_two_eye_report(qtbot, settings, folder, no_modal_dialogs,
                                                              monkeypatch) -> None:
    window = _window(qtbot, settings, folder)  # no patient IDs: the selection alone pairs them
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: pytest.fail("the selection decided"))
    table = window.case_list.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     table.visualRect(window.case_list.model.index(2, 0)).center())  # Ctrl+click c.png
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.case_list.selected_case_ids() == [window.case_list.visible_case_ids()[0],
                                                    window.case_list.visible_case_ids()[2]]
    assert window.cases.summaries[window.cases.current_id].image_path == "c.png"  # Ctrl+click opened it
    window.cases.execute(SetAIResult(AIResult(findings=Findings(orientation=Orientation(eye="right (OD)")))))
    ask_report(qtbot, window)
    dialog = window.reports.dialog
    assert [doc.image_path for doc in window.reports.docs] == ["c.png", "a.png"] and len(dialog.eyes) == 2
    assert dialog.fields().eyes == ["OD", ""]  # no eye recorded: the AI's suggestion from the disc, shown


def test_two_cases_of_different_patients_selected_are_not_reported_as_one(qtbot, settings, folder, no_modal_dialogs,
                                                                          monkeypatch) -> None:
    """The dialog had printed one patient's left eye under another patient's name, and filed its DICOM in that
    patient's study (the command line refused the pair): it now offers the open case alone."""
    window = _window(qtbot, settings, folder)
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-0002", name="Jane Doe", eye="OS")))  # a.png
    table = window.case_list.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     table.visualRect(window.case_list.model.index(2, 0)).center())  # Ctrl+click c.png
    qtbot.waitUntil(lambda: window.cases.summaries[window.cases.current_id].image_path == "c.png"
                    and not window.cases.loading, timeout=10_000)  # its document read on the storage worker
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-0001", name="Wang Xiaoming", eye="OD")))
    asked: list[str] = []
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: pytest.fail("a pair of two patients"))
    monkeypatch.setattr(window.reports, "ask_alone", lambda other: asked.append(other.image_path) or False)
    ask_report(qtbot, window)
    assert asked == ["a.png"] and window.reports.dialog is None
    monkeypatch.setattr(window.reports, "ask_alone", lambda other: True)
    ask_report(qtbot, window)
    assert [doc.image_path for doc in window.reports.docs] == ["c.png"] and len(window.reports.dialog.eyes) == 1
    assert window.reports.dialog.fields().patient_name == "Wang Xiaoming"


def test_two_selected_cases_without_patient_ids_but_other_names_are_other_patients(qtbot, settings, folder,
                                                                                  no_modal_dialogs,
                                                                                  monkeypatch) -> None:
    """John Smith's photo and Jane Doe's, neither with an ID, went into one report (filed in Smith's study)."""
    window = _window(qtbot, settings, folder)
    window.cases.execute(SetPatient(PatientInfo(name="Jane Doe", eye="OS")))  # a.png
    table = window.case_list.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     table.visualRect(window.case_list.model.index(2, 0)).center())  # Ctrl+click c.png
    qtbot.waitUntil(lambda: window.cases.summaries[window.cases.current_id].image_path == "c.png"
                    and not window.cases.loading, timeout=10_000)  # its document read on the storage worker
    window.cases.execute(SetPatient(PatientInfo(name="John Smith", eye="OD")))
    asked: list[str] = []
    monkeypatch.setattr(window.reports, "ask_alone", lambda other: asked.append(other.image_path) or False)
    ask_report(qtbot, window)
    assert asked == ["a.png"] and window.reports.dialog is None


def test_a_two_eye_report_warns_where_the_eyes_record_different_patient_details(qtbot, settings, folder,
                                                                                no_modal_dialogs, monkeypatch) -> None:
    """A name corrected on one eye's case stays on that case: the report printed whichever eye was open."""
    window = _window(qtbot, settings, folder)
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-0001", name="王小明", birth_date="1960-02-15", eye="OS")))
    _open(qtbot, window, "b.png")
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-0001", name="王晓明", birth_date="1960-02-15", eye="OD")))
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: True)
    ask_report(qtbot, window)
    warnings = window.reports.dialog.warnings  # for the fields as they are
    assert "The cases record different patient details (name 王晓明 vs 王小明): the report prints those of 'b.png', check " \
           "them" in warnings


def test_the_patient_details_warning_follows_the_details_corrected_in_the_dialog(qtbot, settings, folder,
                                                                                no_modal_dialogs, monkeypatch) -> None:
    """The warning stayed after the reader typed the right name and sex in the dialog, still saying the report
    printed those of the first case, untrue then; a detail left as prefilled is still warned of."""
    window = _window(qtbot, settings, folder)
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-0001", name="王小明", birth_date="1960-02-15", sex="M",
                                                eye="OS")))
    _open(qtbot, window, "b.png")
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-0001", name="王晓明", birth_date="1960-02-15", sex="F",
                                                eye="OD")))
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: True)
    ask_report(qtbot, window)
    dialog = window.reports.dialog
    assert "The cases record different patient details (name 王晓明 vs 王小明; sex female vs male): the report " \
           "prints those of 'b.png', check them" in dialog.warnings
    dialog.name.setText("王小明")  # the first case's name, wrong: corrected as the other case records it
    assert "The cases record different patient details (sex female vs male): the report prints those of 'b.png', " \
           "check them" in dialog.warnings and "⚠ The cases record different patient details (sex female" in \
           dialog.warning_label.text()
    dialog.sex.setCurrentIndex(dialog.sex.findData("M"))
    assert not [warning for warning in dialog.warnings if "different patient details" in warning]
    dialog.name.setText("王晓明")  # back as the first case records it: said again
    assert any("(name 王晓明 vs 王小明)" in warning for warning in dialog.warnings)


def test_the_report_dialog_reads_no_image_header_to_name_its_cases(qtbot, settings, folder, tmp_path,
                                                                    no_modal_dialogs, monkeypatch) -> None:
    window = _window(qtbot, settings, folder)
    _open(qtbot, window, "c.png")
    window.cases.execute(SetAIResult(AIResult(findings=Findings(orientation=Orientation(eye="right (OD)")))))
    reads: list[str] = []
    real = volume_files.frame_count  # how a volume's own case was named from its header, on the GUI thread
    monkeypatch.setattr(volume_files, "frame_count", lambda path: reads.append(Path(path).name) or real(path))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    ask_report(qtbot, window)
    dialog, eye = window.reports.dialog, window.reports.dialog.eyes[0]
    for choice in (eye.findData("OD"), eye.count() - 1, eye.findData("OD"), eye.count() - 1):
        eye.setCurrentIndex(choice)
        assert dialog.save_pdf(str(tmp_path / f"report{choice}.pdf"))
    # its label and warnings name the case as the window's messages do, from the case list (3 reads before: the
    # label's, and the warnings' of each eye choice)
    assert reads == [] and "'c.png' is not marked done" in dialog.warnings


def test_the_eye_warning_follows_the_eye_chosen_in_the_dialog(qtbot, settings, folder, tmp_path, no_modal_dialogs,
                                                              monkeypatch) -> None:
    window = _window(qtbot, settings, folder)
    _open(qtbot, window, "c.png")
    window.cases.execute(SetAIResult(AIResult(findings=Findings(orientation=Orientation(eye="right (OD)")))))
    ask_report(qtbot, window)
    dialog = window.reports.dialog
    guess = ("'c.png': the eye is not recorded; OD (right eye) is the AI's guess from where it found the optic disc, "
             "check it")
    eye = dialog.eyes[0]
    assert eye.currentText() == "AI's guess: OD (right eye)" and dialog.fields().eyes == ["OD"]
    assert guess in dialog.warnings and guess in dialog.warning_label.text()

    eye.setCurrentIndex(eye.findData("OD"))  # the reader checked the photo: a right eye
    assert dialog.fields().eyes == ["OD"] and guess not in dialog.warnings
    assert guess not in dialog.warning_label.text() and dialog.warning_label.isVisibleTo(dialog)  # ungraded, open
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    assert dialog.save_pdf(str(tmp_path / "chosen.pdf"))
    assert len(asked) == 1 and "not marked done" in asked[0] and guess not in asked[0]  # only what holds

    eye.setCurrentIndex(eye.count() - 1)  # back to the AI's guess: a warning not yet answered
    assert eye.currentText() == "AI's guess: OD (right eye)" and guess in dialog.warning_label.text()
    assert dialog.save_pdf(str(tmp_path / "guessed.pdf"))
    assert len(asked) == 2 and guess in asked[1]
    assert dialog.save_pdf(str(tmp_path / "again.pdf")) and len(asked) == 2  # each warning asked about once


def test_the_report_dialog_warns_while_the_patient_id_is_not_the_dicom_headers(qtbot, settings, folder,
                                                                              no_modal_dialogs) -> None:
    """A DICOM report of another patient ID than its images' is filed as a study of its own: the reader is told
    before saving (annotations.patients.files_apart_from_images)."""
    write_dicom(folder / "e_fundus.dcm", fundus_rgb())
    window = _window(qtbot, settings, folder)
    _open(qtbot, window, "e_fundus.dcm")
    ask_report(qtbot, window)
    dialog = window.reports.dialog
    assert dialog.patient_id.text() == PATIENT["PatientID"] and not any("DICOM header" in w for w in dialog.warnings)
    dialog.patient_id.setText("RIGHT-1")  # the camera's ID was mistyped
    (warned,) = [w for w in dialog.warnings if "DICOM header" in w]
    assert f"({PATIENT['PatientID']})" in warned and warned in dialog.warning_label.text()
    dialog.patient_id.setText(PATIENT["PatientID"])
    assert not any("DICOM header" in w for w in dialog.warnings)


def test_the_report_dialog_offers_the_reader_name_typed_last_where_the_settings_have_none(
        qtbot, tmp_path: Path, folder, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clinic that never set a reader name typed it into every report; the Settings' own, when set, stays first."""
    settings = Settings.from_file(tmp_path / "no-reader.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader=""))

    def typed(dialog: ReportDialog) -> int:
        dialog.reader.setText("Dr Wang 王医生")
        return 0

    monkeypatch.setattr(ReportDialog, "exec", typed)
    window = _window(qtbot, settings, folder)
    ask_report(qtbot, window)
    assert window.reports.dialog.fields().reader == "Dr Wang 王医生"
    monkeypatch.setattr(ReportDialog, "exec", lambda dialog: 0)
    ask_report(qtbot, window)
    assert window.reports.dialog.reader.text() == "Dr Wang 王医生"
    settings.save(SettingsValues(analyze_on_open=False, reader="Dr Li"))
    window.values.reader = "Dr Li"
    ask_report(qtbot, window)
    assert window.reports.dialog.reader.text() == "Dr Li"
