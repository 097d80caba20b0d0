"""The frames of a multi-frame fundus photo (a DICOM series of one eye) were called B-scans on the slider, in the
window's title and in the report ("B 扫描 2"): they are frames (帧); an OCT volume's stay B-scans
(case_names.called_bscans)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import uid

from annotations.case_names import case_name
from annotations.document import Modality
from app.cli import main
from tests.dicom_files import write_dicom
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import synthetic_fundus
from tests.unit.test_report_pdf import extract_text



def _series(folder: Path, sop_class: str = uid.OphthalmicPhotography8BitImageStorage) -> Path:
    """Three frames of one eye, grey."""
    grey = synthetic_fundus(96, 72)[:, :, 1]
    return write_dicom(folder / "series.dcm", np.stack([grey, grey // 2, grey // 3]), sop_class, frames=True)


@pytest.fixture
def photo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    images = tmp_path / "images"
    images.mkdir()
    _series(images)
    return images


def test_a_photos_frames_are_frames_on_the_slider_and_in_the_title(qtbot, settings, photo_folder: Path) -> None:
    window = _window(qtbot, settings, photo_folder)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.modality is Modality.FUNDUS)
    assert window.bscans.bar.label.text() == "Frame 2 / 3"
    assert window.windowTitle().startswith("series.dcm, frame 2")


def test_a_photos_frames_are_frames_in_chinese_too(qtbot, settings, photo_folder: Path,
                                                   chinese_interface: None) -> None:
    window = _window(qtbot, settings, photo_folder)
    assert window.bscans.bar.label.text() == "帧 2 / 3"


def test_the_report_names_a_photos_frame_a_frame_and_an_oct_volumes_a_b_scan(tmp_path: Path) -> None:
    out = tmp_path / "photo.pdf"
    assert main(["report", str(_series(tmp_path)), "--out", str(out), "--no-analysis", "--lang", "zh_CN"]) == 0
    text = extract_text(out.read_bytes(), tmp_path)
    assert "第 2 帧" in text and "B 扫描" not in text
    assert case_name("vol.dcm#frame=2", modality=Modality.OCT) == case_name("vol.dcm#frame=2") == "'vol.dcm', B-scan 2"
    assert case_name("vol.dcm#frame=2", modality=Modality.FUNDUS) == "'vol.dcm', frame 2"
