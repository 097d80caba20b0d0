"""A DICOM photo refused for a missing decoder (JPEG-LS with neither GDCM nor pylibjpeg): its header reads, so the
window names its patient beside the refusal, in the case list and the patient panel (shown, not to edit)."""
from __future__ import annotations

from pathlib import Path

import pytest
from pydicom import uid
from pydicom.pixels import get_decoder

from tests.dicom_files import fundus_rgb, write_dicom
from tests.gui.test_main_window import settings  # noqa: F401 - fixture
from app.main_window import MainWindow


def test_the_patient_panel_and_the_list_show_the_refused_files_patient(
        qtbot, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    folder = tmp_path / "images"
    folder.mkdir()
    write_dicom(folder / "eye.dcm", fundus_rgb(), syntax=uid.JPEGLSLossless, laterality="L")
    monkeypatch.setattr(get_decoder(uid.JPEGLSLossless), "_available", {})
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.open_error is not None, timeout=10_000)
    assert "needs a decoder that is not installed" in window.cases.open_error
    panel = window.patients.panel
    assert (panel.name.text(), panel.patient_id.text(), panel.eye.currentData()) == ("Jane Q Doe", "P-0042", "OS")
    assert not panel.details.isEnabled()  # no case to record an edit in
    summary = next(iter(window.cases.summaries.values()))
    assert (summary.case_patient_id, summary.case_eye) == ("P-0042", "OS")
