"""An OCT volume in the window: one row in the list, a B-scan slider under the canvas, and each B-scan with its own
OCT class and undo history, kept across reopening the folder."""
from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pydicom import uid

from annotations.dicom import reader
from annotations.document import ReaderGrade
from app.main_window import MainWindow
from tests.dicom_files import write_dicom
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture

# Seven B-scans, B-scan n (1-based) filled with grey 30 * n, so the shown frame is told by its pixels.
VOLUME = np.stack([np.full((40, 60), 30 * (n + 1), np.uint8) for n in range(7)])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    images = tmp_path / "images"
    images.mkdir()
    write_dicom(images / "a_volume.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, frames=True)
    Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(images / "b_photo.png")
    return images


def _shown_bscan(qtbot, window: MainWindow, number: int) -> None:
    """Wait until B-scan ``number``'s pixels are on screen."""
    qtbot.waitUntil(lambda: window.cases.image is not None and int(window.cases.image[0, 0, 0]) == 30 * number,
                    timeout=10_000)


def _key(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.case_list.table, key, modifier)


def test_the_slider_moves_between_bscans_with_their_own_labels_and_undo(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    volume = next(s.case_id for s in window.cases.summaries.values() if s.image_path == "a_volume.dcm")
    assert len(window.cases.summaries) == 2 and window.case_list.model.rowCount() == 2  # the volume is one row
    bar = window.bscans.bar
    assert window.cases.current_id == volume and bar.isVisible()
    assert bar.label.text() == "B-scan 4 / 7" and bar.number == 4
    _shown_bscan(qtbot, window, 4)
    window.cases.edits.set_grade(ReaderGrade(oct_class="DRUSEN"))

    bar.slider.setValue(6)  # the person drags the slider: B-scan 4 is saved, B-scan 6 opens
    _shown_bscan(qtbot, window, 6)
    assert bar.label.text() == "B-scan 6 / 7" and window.cases.current_id != volume
    assert window.case_list.current_case_id() == volume  # the list stays on the volume
    assert window.cases.doc.grade.oct_class is None and window.findings.oct_class.currentData() is None
    window.cases.edits.set_grade(ReaderGrade(oct_class="CNV"))
    assert window.findings.oct_class.currentData() == "CNV"
    assert not window.patients.other_cases(window.cases.doc)  # its own volume is no other case of the patient
    window.grab().save(os.environ.get("OCT_SLIDER_SHOT", str(folder.parent / "slider.png")))

    _key(qtbot, window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ShiftModifier)  # previous B-scan
    _shown_bscan(qtbot, window, 5)
    assert bar.number == 5 and window.cases.doc.grade.oct_class is None
    _key(qtbot, window, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)  # next B-scan
    _shown_bscan(qtbot, window, 6)
    assert window.cases.doc.grade.oct_class == "CNV"
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: this B-scan's own step
    assert window.cases.doc.grade.oct_class is None
    _key(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.cases.doc.grade.oct_class == "CNV"

    bar.slider.setValue(4)
    _shown_bscan(qtbot, window, 4)
    assert window.cases.current_id == volume and window.cases.doc.grade.oct_class == "DRUSEN"
    _key(qtbot, window, Qt.Key.Key_D)  # the next case is the photo after the volume, not a B-scan
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.cases.doc.image_path == "b_photo.png" and not bar.isVisible()
    assert not window.bscans.next_action.isEnabled()
    window.close()

    again = _window(qtbot, settings, folder)
    assert again.cases.doc.image_path == "b_photo.png"  # the folder reopens where the reader left it
    again.cases.select_case(volume)
    qtbot.waitUntil(lambda: again.cases.current_id == volume and again.cases.image is not None, timeout=10_000)
    assert again.cases.doc.grade.oct_class == "DRUSEN"
    again.bscans.bar.slider.setValue(6)
    _shown_bscan(qtbot, again, 6)
    assert again.cases.doc.grade.oct_class == "CNV"
    again.close()


def test_ctrl_s_names_the_saved_bscan_not_only_its_volume(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)  # the volume's own case: named by its B-scan's number too
    window.cases.edits.set_grade(ReaderGrade(oct_class="DRUSEN"))
    _key(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.cases.flush()  # saves are written on the storage queue
    assert window.statusBar().currentMessage() == "Saved 'a_volume.dcm', B-scan 4"
    window.bscans.bar.slider.setValue(6)
    _shown_bscan(qtbot, window, 6)
    window.cases.edits.set_grade(ReaderGrade(oct_class="CNV"))
    _key(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.cases.flush()
    assert window.statusBar().currentMessage() == "Saved 'a_volume.dcm', B-scan 6"
    _key(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "'a_volume.dcm', B-scan 6 has no unsaved changes"
    window.close()


def _gui_thread_header_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the volumes whose DICOM header the GUI thread reads from now on (a worker's reads are not)."""
    reads: list[str] = []
    real, gui = reader.read_dicom_header, threading.current_thread()

    def read(path: Path):
        if threading.current_thread() is gui:
            reads.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(reader, "read_dicom_header", read)
    return reads


def test_a_volumes_own_case_is_named_without_reading_its_file_on_the_gui_thread(
        qtbot, settings, folder, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)
    reads = _gui_thread_header_reads(monkeypatch)
    # its B-scan count is the one the folder's scan read: a volume on a slow share holds no message
    assert window.cases.case_name(window.cases.current_id) == "'a_volume.dcm', B-scan 4"
    assert reads == []
    window.close()


def test_a_slider_step_reads_no_volume_header_on_the_gui_thread(
        qtbot, settings, folder, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)
    reads = _gui_thread_header_reads(monkeypatch)
    steps = []
    for number in (3, 4):  # B-scans never saved: B-scan 3, then the volume's own case again
        window.bscans.bar.slider.setValue(number)
        _shown_bscan(qtbot, window, number)
        steps.append(reads.copy())
        reads.clear()
    # the count is the one the folder's scan read, the pixels' decode reads the header on its worker, and the new
    # case's size and patient on the storage worker (4 reads, 16 file opens, per step before; then 1, on a network
    # share too)
    assert steps == [[], []]
    window.close()


def _cnv_saved_on_bscan_6(qtbot, settings, folder: Path) -> None:
    """B-scan 6 graded CNV in a window closed on B-scan 4: saved, the folder opens again on B-scan 4."""
    window = _window(qtbot, settings, folder)
    window.bscans.bar.slider.setValue(6)
    _shown_bscan(qtbot, window, 6)
    window.cases.edits.set_grade(ReaderGrade(oct_class="CNV"))
    window.bscans.bar.slider.setValue(4)  # left on B-scan 4: the folder opens again there, B-scan 6 is moved to
    _shown_bscan(qtbot, window, 4)
    window.close()


def test_a_saved_bscan_opens_without_reading_the_volumes_header_on_the_gui_thread(
        qtbot, settings, folder, monkeypatch: pytest.MonkeyPatch) -> None:
    _cnv_saved_on_bscan_6(qtbot, settings, folder)  # a new window keeps no history of it

    again = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, again, 4)
    reads = _gui_thread_header_reads(monkeypatch)
    again.bscans.bar.slider.setValue(6)
    _shown_bscan(qtbot, again, 6)
    assert again.cases.doc.grade.oct_class == "CNV"  # its saved case
    # its size, patient and modality are in its saved case; only the pixels' decode reads the header, on its worker
    # (an unsaved B-scan's step reads it once here: test_a_slider_step_reads_the_volumes_header_once_on_the_gui_thread)
    assert reads == []
    again.close()


def test_a_saved_bscan_of_a_volume_replaced_by_one_of_another_size_fails_naming_the_file(
        qtbot, settings, folder) -> None:
    _cnv_saved_on_bscan_6(qtbot, settings, folder)
    bigger = np.stack([np.full((50, 70), 30 * (n + 1), np.uint8) for n in range(7)])
    write_dicom(folder / "a_volume.dcm", bigger, uid.OphthalmicTomographyImageStorage, frames=True)

    again = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, again, 4)
    with qtbot.waitSignal(again.cases.case_failed, timeout=10_000) as failed:
        again.bscans.bar.slider.setValue(6)  # labelled on 60x40: its labels do not fit the new pixels
    assert failed.args[0] == again.cases.current_id
    assert "a_volume.dcm#frame=6: the image is 70x50 pixels, but its case was labelled on a 60x40" in failed.args[1]
    assert again.cases.image is None and not again.cases.loading
    again.close()


def test_the_report_names_a_volumes_own_case_by_its_bscan_without_reading_its_header(
        qtbot, settings, folder, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFormLayout

    from widgets.report_dialog import ReportDialog

    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)  # built and kept, not run modally
    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)
    reads = _gui_thread_header_reads(monkeypatch)
    window.actions["report"].trigger()
    dialog = window.reports.dialog
    # named as the window's messages name it, from the case list's B-scan count (2 reads before: the dialog's
    # label and the warnings, each by the volume's header)
    assert reads == [] and "'a_volume.dcm', B-scan 4 is not marked done" in dialog.warnings
    form = dialog.eyes[0].parentWidget().layout()
    assert isinstance(form, QFormLayout)
    assert form.labelForField(dialog.eyes[0]).text() == "Eye of 'a_volume.dcm', B-scan 4"
    window.close()


def test_the_report_names_its_cases_as_taken_while_the_case_list_changes(
        qtbot, settings, folder, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from widgets.report_dialog import ReportDialog

    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)
    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)
    window.actions["report"].trigger()
    dialog, cases = window.reports.dialog, window.cases
    summary = cases.summaries[cases.current_id]
    cases.summaries.update(dataclasses.replace(summary, frames=9))  # the folder's scan found the volume replaced
    assert cases.case_name(cases.current_id) == "'a_volume.dcm', B-scan 5"
    dialog.eyes[0].setCurrentIndex(dialog.eyes[0].findData("OS"))  # the warnings are worked out again
    # the B-scan whose pixels the dialog holds, as its label says: a warning the reader accepted stays accepted
    assert "'a_volume.dcm', B-scan 4 is not marked done" in dialog.warnings
    window.close()


def test_the_same_patient_question_names_a_volumes_own_case_without_reading_its_header(
        qtbot, settings, folder, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.dicom_files import fundus_rgb
    from widgets.report_dialog import ReportDialog

    write_dicom(folder / "c_left.dcm", fundus_rgb(), laterality="L")  # the volume's patient's other eye
    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)
    window.cases.edits.set_grade(ReaderGrade(oct_class="DRUSEN"))  # kept: the report takes it, not its header
    window.cases.select_case(next(s.case_id for s in window.cases.summaries.values() if s.image_path == "c_left.dcm"))
    qtbot.waitUntil(lambda: window.cases.image is not None and window.cases.doc.image_path == "c_left.dcm",
                    timeout=10_000)
    reads = _gui_thread_header_reads(monkeypatch)
    window.actions["report"].trigger()
    assert asked == ["'a_volume.dcm', B-scan 4 has the same patient ID (P-0042).\n\nPut both eyes in one report?"]
    assert reads == []  # 3 before: the volume's to number its own case, the open photo's for the label, warnings
    window.close()


def test_analyse_and_report_take_the_shown_bscan(qtbot, settings, folder) -> None:
    from pydicom import dcmread

    from annotations.dicom.report_object import report_dicom_bytes
    from annotations.document import AIResult
    from app.report_controller import eye_input
    from app.report_partner import other_eye_id
    from tests.dicom_files import STUDY_UID

    window = _window(qtbot, settings, folder)
    window.bscans.bar.slider.setValue(2)
    _shown_bscan(qtbot, window, 2)
    bscan = window.cases.current_id
    asked = []
    window.analysis.analyze_case = asked.append
    _key(qtbot, window, Qt.Key.Key_F5)
    assert [item.case_id for item in asked] == [bscan] and int(asked[0].source.pixels[0, 0, 0]) == 60  # B-scan 2
    window.analysis.result_ready.emit(bscan, AIResult(oct_probs={"CNV": 0.9}))  # the result lands on B-scan 2
    assert window.cases.doc.ai.oct_probs == {"CNV": 0.9}

    eye = eye_input(window.cases, window.cases.doc)
    assert int(eye.image[0, 0, 0]) == 60 and other_eye_id(window.cases) is None  # its own volume is no other eye
    report = dcmread(io.BytesIO(report_dicom_bytes(b"%PDF-1.4 test", eye.doc.patient, [eye.source_file], "Report")))
    assert report.StudyInstanceUID == STUDY_UID  # the volume's study, from the B-scan's address
    window.close()



def test_a_case_to_analyse_is_named_by_its_image_in_the_folder(qtbot, settings, folder, monkeypatch) -> None:
    """CaseController.analysis_item, the one maker of the open folder's items that F5, analysing on opening and a
    blind reader's reveal analyse: named by the case's image in the folder, so progress says the B-scan's number."""
    from annotations.document import AIResult
    from app.analysis_controller import _shown_name

    window = _window(qtbot, settings, folder)
    volume = window.cases.current_id
    window.bscans.bar.slider.setValue(2)
    _shown_bscan(qtbot, window, 2)
    bscan, stored = window.cases.current_id, AIResult(dr_grade=1)
    item = window.cases.analysis_item(bscan, window.cases.image, stored)
    assert item.named == "a_volume.dcm#frame=2" and item.stored is stored
    assert item.modality == window.cases.modality and item.source is window.cases.image
    assert _shown_name(item) == "'a_volume.dcm', B-scan 2"
    reads = _gui_thread_header_reads(monkeypatch)
    own = window.cases.analysis_item(volume, folder / "a_volume.dcm")
    assert own.source == folder / "a_volume.dcm"  # analysed from the file, named by its shown B-scan
    # as every message names it (CaseController.case_address): from its row, not its header read again
    assert _shown_name(own) == "'a_volume.dcm', B-scan 4" and reads == []
    window.close()


def test_a_reveal_owed_to_a_volumes_own_case_is_named_by_its_bscan_without_reading_it(
        folder, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotations.document import Modality
    from annotations.reading.owed_reveals import OwedReveal, save_owed_reveals
    from annotations.workspace import Workspace
    from app.analysis_controller import _shown_name
    from app.owed_reveal_keeper import _owed_items

    with Workspace.open(folder) as workspace:
        volume = next(c.case_id for c in workspace.cases() if c.image_path == "a_volume.dcm")
        workspace.save_case(workspace.load_case(volume))  # submitted by a blind reader: saved
        save_owed_reveals(workspace, [OwedReveal(volume, Modality.OCT)])
        reads = _gui_thread_header_reads(monkeypatch)
        (item,) = _owed_items(workspace)
    assert item.source == folder / "a_volume.dcm" and item.named == "a_volume.dcm#frame=4"
    assert _shown_name(item) == "'a_volume.dcm', B-scan 4" and reads == []


def test_the_report_dialog_names_the_bscan_it_reports(qtbot, settings, folder, monkeypatch) -> None:
    from PySide6.QtWidgets import QLabel

    from widgets.report_dialog import ReportDialog

    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)  # built and kept, not run modally
    window = _window(qtbot, settings, folder)
    window.bscans.bar.slider.setValue(2)
    _shown_bscan(qtbot, window, 2)
    window.actions["report"].trigger()
    dialog = window.reports.dialog
    assert dialog.warnings == [
        "'a_volume.dcm', B-scan 2 has no reader OCT class and no AI result (the report shows none)",
        "'a_volume.dcm', B-scan 2 is not marked done"]
    assert "Eye of 'a_volume.dcm', B-scan 2" in [label.text() for label in dialog.findChildren(QLabel)]
    dialog.close()
    window.bscans.bar.slider.setValue(4)  # the volume's own case: by its B-scan's number too
    _shown_bscan(qtbot, window, 4)
    window.actions["report"].trigger()
    assert "Eye of 'a_volume.dcm', B-scan 4" in [label.text() for label in window.reports.dialog.findChildren(QLabel)]
    window.reports.dialog.close()
    window.close()


def test_the_report_names_a_volume_whose_bscan_cannot_be_decoded_by_that_bscan(qtbot, settings, folder) -> None:
    """Its JPEG frames damaged, its header still read: the note says which B-scan, as the report's dialog does."""
    from pydicom import dcmread
    from pydicom.encaps import encapsulate

    from app.report.bridge import fields_from_eyes, report_from_fields
    from app.report.model import ClinicSettings
    from app.report.panels import make_panels
    from app.report_controller import eye_input, eye_pixels
    from tests.gui.report_partners import case_document

    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)
    volume = window.cases.current_id
    _key(qtbot, window, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.image_path == "b_photo.png")
    doc = case_document(window.cases, volume)
    write_dicom(folder / "a_volume.dcm", VOLUME, uid.OphthalmicTomographyImageStorage, uid.JPEGBaseline8Bit,
                frames=True)
    broken = dcmread(folder / "a_volume.dcm")
    broken.PixelData = encapsulate([b"\xff\xd8\xff\xe0 not a picture"] * len(VOLUME))
    broken.save_as(folder / "a_volume.dcm")
    eyes = [eye_pixels(eye_input(window.cases, doc))]  # as the dialog's preview reads it
    assert eyes[0].image is None
    report = report_from_fields(fields_from_eyes(eyes), eyes, ClinicSettings(), "test")  # as the dialog builds
    assert {panel.note_in() for panel in make_panels(report.eyes[0], "summary", 400)} == {
        "Image not available: 'a_volume.dcm', B-scan 4"}
    window.close()


def test_the_title_names_the_open_bscan_of_a_volume(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)
    assert window.windowTitle().startswith("a_volume.dcm, B-scan 4[*] — ")  # the volume's own case: its B-scan
    window.bscans.bar.slider.setValue(6)
    _shown_bscan(qtbot, window, 6)
    assert window.windowTitle().startswith("a_volume.dcm, B-scan 6[*] — ")
    _key(qtbot, window, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.image_path == "b_photo.png")
    assert window.windowTitle().startswith("b_photo.png[*] — ")  # a photo: its name alone
    window.close()


def test_the_chinese_title_names_the_open_bscan_in_chinese(qtbot, settings, folder, chinese) -> None:
    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)
    window.bscans.bar.slider.setValue(6)
    _shown_bscan(qtbot, window, 6)
    assert window.windowTitle().startswith("a_volume.dcm，B 扫描 6[*] — ")
    window.close()


def test_the_other_eye_offered_for_the_report_is_named_by_its_bscan(qtbot, settings, folder, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from annotations.commands import SetPatient
    from annotations.document import PatientInfo
    from widgets.report_dialog import ReportDialog

    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    window = _window(qtbot, settings, folder)
    _shown_bscan(qtbot, window, 4)
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-7", eye="OD")))  # the volume and the photo: one patient
    assert window.cases.save()
    _key(qtbot, window, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.image_path == "b_photo.png")
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-7", eye="OS")))
    assert window.cases.save()
    window.actions["report"].trigger()
    assert len(asked) == 1 and asked[0].startswith("'a_volume.dcm', B-scan 4 has the same patient ID (P-7)."), asked
    window.reports.dialog.close()
    window.close()


def test_analyse_all_analyses_and_stores_every_bscan(qtbot, settings, folder) -> None:
    from annotations.document import AIResult
    from annotations.frames import split_bscan_case_id

    window = _window(qtbot, settings, folder)
    volume = window.cases.current_id
    started: list[list] = []
    window.analysis.analyze_all = lambda items: started.append(list(items))
    window.analysis_actions.analyze_all()
    window.cases.storage.flush()  # which cases to analyse is read on the storage worker
    items = started[0]
    assert len(items) == 8  # the photo and each of the volume's seven B-scans, the shown one as the volume itself
    numbers = [split_bscan_case_id(item.case_id)[1] for item in items if item.case_id.startswith(volume)]
    assert numbers == [1, 2, 3, None, 5, 6, 7]
    assert "each B-scan of 1 OCT volume(s)" in window.statusBar().currentMessage()
    bscan_6 = next(item for item in items if split_bscan_case_id(item.case_id)[1] == 6)
    assert str(bscan_6.source).endswith("a_volume.dcm#frame=6")  # read as that B-scan (annotations.frames)
    window.analysis.result_ready.emit(bscan_6.case_id, AIResult(oct_probs={"DME": 0.7}))  # not the open B-scan
    window.cases.storage.flush()
    assert window.cases.workspace.load_case(bscan_6.case_id).ai.oct_probs == {"DME": 0.7}
    window.analysis_actions.choose = lambda title, question, choices: started.append(question) or 0
    window.analysis_actions.analyze_all()
    window.cases.storage.flush()
    assert started[1].startswith("1 of 8 cases already have an AI result") and len(started[2]) == 7
    window.bscans.bar.slider.setValue(6)  # the stored result is shown with its B-scan
    _shown_bscan(qtbot, window, 6)
    assert window.cases.doc.ai.oct_probs == {"DME": 0.7}
    window.close()


def test_analysis_progress_names_each_case_by_its_path_in_the_folder(qtbot, settings, tmp_path: Path,
                                                                     monkeypatch) -> None:
    """By the one case-naming rule: two photos of one name in two sub-folders told apart, a B-scan by its number
    (the volume's own case by its shown B-scan's), never by its address nor the open case by its id."""
    import torch

    from inference.analysis_models import AnalysisModels
    from inference.loading import ModelSet

    monkeypatch.setattr("inference.model_cache._load_weights",
                        lambda settings: AnalysisModels(ModelSet(), torch.device("cpu")))  # no model: quick
    for side in ("left", "right"):
        (tmp_path / "cases" / side).mkdir(parents=True)
        Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(tmp_path / "cases" / side / "img0.png")
    (tmp_path / "cases" / "scans").mkdir()
    write_dicom(tmp_path / "cases" / "scans" / "vol.dcm", VOLUME[:5], uid.OphthalmicTomographyImageStorage,
                frames=True)
    window = _window(qtbot, settings, tmp_path / "cases")
    said: list[str] = []
    window.analysis.progress.connect(lambda _, message: said.append(message))
    with qtbot.waitSignal(window.analysis.batch_ended, timeout=20_000):
        window.analysis_actions.analyze_all()
    assert {"1/7 'left/img0.png': analysing", "2/7 'right/img0.png': analysing",
            "3/7 'scans/vol.dcm', B-scan 1: analysing", "5/7 'scans/vol.dcm', B-scan 3: analysing"} <= set(said)
    assert [message for message in said if message.startswith("7/7 ")][0] == "7/7 'scans/vol.dcm', B-scan 5: analysing"
    assert not [message for message in said if "#frame=" in message or "img0.png-" in message]
    said.clear()
    window.analysis_actions.analyze_current()  # the open case, analysed from the canvas' pixels
    qtbot.waitUntil(lambda: not window.analysis.busy, timeout=20_000)
    assert "'left/img0.png': analysing" in said
    window.close()


def test_the_arbiter_finds_and_arbitrates_a_disputed_bscan(qtbot, tmp_path: Path) -> None:
    from annotations.frames import bscan_case_id
    from annotations.reading.consensus import state_of
    from annotations.reading.disagreement import CaseState
    from tests.gui.test_double_reading_gui import window_on
    from tests.unit.test_reading_volume import read_volume_twice
    from widgets.case_list import READING_COLUMN

    folder, volume = read_volume_twice(tmp_path / "f")
    window = window_on(qtbot, tmp_path, folder, "Dr Arbiter")
    window.resize(1100, 600)
    window.show()
    qtbot.waitUntil(lambda: window.cases.current_id is not None and not window.cases.busy, timeout=10_000)
    window.cases.select_case(volume)
    qtbot.waitUntil(lambda: window.cases.current_id == volume and not window.cases.busy, timeout=10_000)
    rows = {window.case_list.model.index(row, 0).data(): window.case_list.model.index(row, READING_COLUMN)
            for row in range(window.case_list.model.rowCount())}
    # B-scan 2 puts it on the list
    qtbot.waitUntil(lambda: rows["scans/vol.dcm"].data() == "needs arbitration", timeout=10_000)
    note = window.bscans.bar.disagreements
    assert note.isVisible() and note.text() == "Readings disagree on B-scan(s) 2"
    window.grab().save(os.environ.get("OCT_ARBITER_SHOT", str(tmp_path / "arbiter.png")))
    window.bscans.bar.slider.setValue(2)
    qtbot.waitUntil(lambda: window.cases.current_id == bscan_case_id(volume, 2) and not window.cases.loading,
                    timeout=10_000)
    with qtbot.waitSignal(window.arbitration.dialog_shown, timeout=10_000) as shown:
        window.actions["arbitrate"].trigger()
    dialog = shown.args[0]
    assert dialog.windowTitle() == "Arbitration — 'scans/vol.dcm', B-scan 2"
    dialog.choice.button(1).click()
    with qtbot.waitSignal(window.arbitration.arbitrated, timeout=10_000):
        dialog.save_button.click()
    assert state_of(folder, bscan_case_id(volume, 2)) is CaseState.ARBITRATED
    qtbot.waitUntil(lambda: rows["scans/vol.dcm"].data() == "arbitrated" and not note.isVisible(), timeout=10_000)
    assert window.cases.doc.grade.dr_grade == 2  # the open B-scan shows the decision
    window.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_volume_deleted_after_the_folder_was_listed_says_so_in_place_of_its_bscan(
        qtbot, settings, folder, request, caplog, language) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    window = _window(qtbot, settings, folder)
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=20_000)
    volume = window.cases.current_id
    _key(qtbot, window, Qt.Key.Key_D)  # on to the photo; the volume is listed, its header read
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.image_path == "b_photo.png",
                    timeout=10_000)
    (folder / "a_volume.dcm").unlink()
    window.cases.select_case(volume)
    qtbot.waitUntil(lambda: window.centre.currentWidget() is window.notice, timeout=10_000)
    path = folder / "a_volume.dcm"
    expected = {"en": f"This case cannot be shown:\n\n{path}: cannot read the file: not found — check that the file "
                      "was not moved or deleted",
                "zh_CN": f"无法显示此病例：\n\n{path}：无法读取文件：未找到——请检查文件是否被移动或删除"}[language]
    assert window.notice.text() == expected
    assert not [record for record in caplog.records if record.exc_info]  # said, not a traceback in the log
    window.grab().save(str(Path(os.environ.get("OCT_SHOTS", folder.parent)) / f"gone-{language}.png"))
    window.close()
