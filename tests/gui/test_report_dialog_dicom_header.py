"""The report dialog's Save DICOM files the report in the images' study from their DICOM headers as their pixels
were read (the open case's by the window's decode, the other eye's by the preview's): it read each image's header
again on its worker, a round trip on a network share per eye."""
from __future__ import annotations

from pathlib import Path

import pydicom
import pytest
from PySide6.QtWidgets import QMessageBox

from tests.dicom_files import STUDY_UID, counted_header_reads, fundus_rgb, write_dicom
from tests.gui.report_partners import ask_report
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.gui.test_report_and_modality import no_modal_dialogs  # noqa: F401 - fixture


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    images = tmp_path / "images"
    images.mkdir()
    write_dicom(images / "a_right.dcm", fundus_rgb(), laterality="R")  # one patient's two eyes, one study
    write_dicom(images / "b_left.dcm", fundus_rgb(), laterality="L")
    return images


def test_save_dicom_takes_the_study_from_the_headers_read_with_the_pixels(
        qtbot, settings, folder: Path, tmp_path: Path, no_modal_dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, settings, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None and window.cases.doc.image_path == "a_right.dcm",
                    timeout=10_000)
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: True)  # the same patient's other eye
    ask_report(qtbot, window)
    dialog = window.reports.dialog
    assert len(dialog.fields().eyes) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)  # not graded: asked
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=20_000)  # its preview built: both eyes read
    dcmread = pydicom.dcmread
    reads = counted_header_reads(monkeypatch)
    saved = dialog.save_dicom(str(tmp_path / "report.dcm"))
    assert saved is not None and reads == []
    monkeypatch.setattr(pydicom, "dcmread", dcmread)
    report = pydicom.dcmread(saved)
    assert report.StudyInstanceUID == STUDY_UID and report.PatientID == "P-0042"  # the images' study and patient
    assert len(report.SourceInstanceSequence) == 2  # both eyes' images
    window.close()
