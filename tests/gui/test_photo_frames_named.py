"""The frames of a multi-frame fundus photo (a DICOM series of one eye) were called B-scans on the slider, in the
window's title and in the report ("B 扫描 2"): they are frames (帧); an OCT volume's stay B-scans
(case_names.called_bscans)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import uid
from PySide6.QtCore import Qt

from annotations.case_names import case_name
from annotations.document import Modality
from app.cli import main
from app.main_window import MainWindow
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
    _frame_shown(qtbot, window, 1)
    assert _step_texts(window) == ["下一帧(&M)", "上一帧(&E)"]
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "没有可复制标注框的上一帧：这是该照片的第一帧"


def _step_texts(window: MainWindow) -> list[str]:
    return [window.bscans.next_action.text(), window.bscans.previous_action.text()]


def _frame_shown(qtbot, window: MainWindow, number: int) -> None:
    window.bscans.bar.slider.setValue(number)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.bscans.number(window.cases.doc.case_id) == number
                    and window.cases.doc.modality is Modality.FUNDUS)


def test_case_menu_steps_a_photos_frames_and_ctrl_v_names_its_first_frame(qtbot, settings, photo_folder: Path,
                                                                           tmp_path: Path) -> None:
    """Case ▸ "Next B-scan" stepped a photo's frames, and Ctrl+V on its first said "the first B-scan of the volume";
    an OCT volume opened after it has its B-scans again."""
    window = _window(qtbot, settings, photo_folder)
    _frame_shown(qtbot, window, 1)
    assert _step_texts(window) == ["Next fra&me", "Previous fram&e"]
    window.bscans.bar.show_disagreements([2, 3])  # double reading's note, as the controller gives it
    assert window.bscans.bar.disagreements.text() == "Readings disagree on frame(s) 2, 3"
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == ("No previous frame to copy boxes from: this is the first frame "
                                                   "of the photo")
    window.bscans.next_action.trigger()
    _frame_shown(qtbot, window, 2)
    volumes = tmp_path / "volumes"
    volumes.mkdir()
    _series(volumes, uid.OphthalmicTomographyImageStorage)
    assert window.open_paths([volumes])
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.modality is Modality.OCT)
    assert _step_texts(window) == ["Next &B-scan", "Previous B-&scan"]


def test_the_report_names_a_photos_frame_a_frame_and_an_oct_volumes_a_b_scan(tmp_path: Path) -> None:
    out = tmp_path / "photo.pdf"
    assert main(["report", str(_series(tmp_path)), "--out", str(out), "--no-analysis", "--lang", "zh_CN"]) == 0
    text = extract_text(out.read_bytes(), tmp_path)
    assert "第 2 帧" in text and "B 扫描" not in text
    assert case_name("vol.dcm#frame=2", modality=Modality.OCT) == case_name("vol.dcm#frame=2") == "'vol.dcm', B-scan 2"
    assert case_name("vol.dcm#frame=2", modality=Modality.FUNDUS) == "'vol.dcm', frame 2"


def test_analyse_all_counts_a_photos_frames_as_frames_beside_a_volumes_b_scans(qtbot, settings,
                                                                                photo_folder: Path) -> None:
    """"Analysing 3 case(s), each B-scan of 1 OCT volume(s) one of them" was said of one photo's three frames."""
    window = _window(qtbot, settings, photo_folder)
    window.analysis.analyze_all = lambda items: None  # what it says, not the analysis
    window.analysis_actions.analyze_all()
    window.cases.storage.flush()  # which cases to analyse is read on the storage worker
    assert window.statusBar().currentMessage().startswith("Analysing 3 case(s), each frame of 1 multi-frame photo(s) "
                                                          "one of them")
    window.close()
    write_dicom(photo_folder / "volume.dcm", np.full((3, 40, 60), 90, np.uint8), uid.OphthalmicTomographyImageStorage,
                frames=True)
    window = _window(qtbot, settings, photo_folder)
    window.analysis.analyze_all = lambda items: None
    window.analysis_actions.analyze_all()
    window.cases.storage.flush()
    assert window.statusBar().currentMessage().startswith("Analysing 6 case(s), each B-scan of 1 OCT volume(s) and "
                                                          "each frame of 1 multi-frame photo(s) one of them")
