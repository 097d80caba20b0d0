"""The ruler on an OCT B-scan whose DICOM header records its pixel size: a retinal thickness in µm, each spacing in
its own direction (3.9 µm between rows, 11.7 µm between columns); a B-scan whose file records none stays in pixels.
A DICOM fundus photo is measured by the scale its findings rest on: the pixel size its file records, which the
analysis takes (annotations.pixel_spacing.photo_mm_per_px), or the estimate of a result saved before it did."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from pydicom import uid
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.commands import SetAIResult
from annotations.document import AIResult
from app.main_window import MainWindow
from inference.findings import lesion_findings
from tests.dicom_files import fundus_rgb, write_dicom
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_annotation_tools import window_drag
from tests.gui.test_main_window import WAIT_MS, _window, settings  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import synthetic_fundus

ROWS, COLUMNS = 200, 400


def bscans(count: int = 3) -> np.ndarray:
    """B-scans with bright layers across the whole width, the retina bowing down towards the middle (the fovea)."""
    y, x = np.mgrid[0:ROWS, 0:COLUMNS]
    top = 60 + 14 * np.exp(-(((x - COLUMNS / 2) / 50) ** 2))  # the inner surface dips at the fovea
    depth = y - top
    grey = np.where((depth > 0) & (depth < 70), 70 + 40 * np.sin(depth / 5) ** 2, 15)
    grey = np.where((depth >= 60) & (depth < 70), 230, grey)  # the bright pigment epithelium at the bottom
    return np.stack([grey.astype(np.uint8)] * count)


def shared_measures(row_mm: str, column_mm: str) -> Sequence:
    measures = Dataset()
    measures.PixelSpacing = [row_mm, column_mm]
    group = Dataset()
    group.PixelMeasuresSequence = Sequence([measures])
    return Sequence([group])


def _measuring_window(qtbot, settings, folder: Path, header: dict) -> MainWindow:  # noqa: F811
    folder.mkdir()
    write_dicom(folder / "macula.dcm", bscans(), uid.OphthalmicTomographyImageStorage, frames=True, header=header)
    window = _window(qtbot, settings, folder)
    qtbot.waitUntil(lambda: bool(window.annotation.views), timeout=10_000)
    window.canvas.set_view(2.0, QPointF(COLUMNS / 2, ROWS / 2))
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_R)
    assert window.canvas.tool() is window.annotation.views["ruler"]
    return window


def test_a_thickness_on_a_bscan_is_measured_in_um_by_its_headers_spacing(qtbot, settings, tmp_path,  # noqa: F811
                                                                         monkeypatch) -> None:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    spacing = shared_measures("0.0039", "0.0117")
    window = _measuring_window(qtbot, settings, tmp_path / "images", {"SharedFunctionalGroupsSequence": spacing})
    view = window.annotation.views["ruler"]
    window_drag(window, [(150, 70), (150, 134)])  # 64 rows down: the retina's thickness
    assert view._label.text == "250 µm · 64.0 px"  # 64 x 3.9 µm; at 11.7 µm it would have said 749 µm
    message = window.statusBar().currentMessage()
    assert message.startswith("Distance: 250 µm · 64.0 px; scale 11.70 µm across and 3.90 µm down per pixel "
                              "(the DICOM header's Pixel Spacing).")
    keep_screenshot(window, "measure-bscan-thickness.png")
    window_drag(window, [(100, 150), (200, 150)])  # 100 columns across
    assert view._label.text == "1.17 mm (1170 µm) · 100.0 px"
    keep_screenshot(window, "measure-bscan-width.png")


@pytest.mark.parametrize("header", [{}, {"SharedFunctionalGroupsSequence": shared_measures("1", "1")}],
                         ids=["none recorded", "a placeholder larger than an eye"])
def test_a_bscan_whose_file_records_no_believable_size_is_measured_in_pixels(qtbot, settings, tmp_path,  # noqa: F811
                                                                            monkeypatch, header) -> None:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    window = _measuring_window(qtbot, settings, tmp_path / "images", header)
    window_drag(window, [(150, 70), (150, 134)])
    assert window.annotation.views["ruler"]._label.text == "64.0 px"
    message = window.statusBar().currentMessage()
    assert "no scale: the scan's file records no pixel size" in message and "optic disc" not in message


def test_a_dicom_photo_is_measured_by_the_findings_scale_its_lesion_areas_use(qtbot, settings, tmp_path,  # noqa: F811
                                                                              monkeypatch) -> None:
    """A result saved before the analysis read the header: the header's 6.5 µm would make a lesion of 1000 pixels
    0.042 mm² under the area tool and in the object list, while the findings panel and the report, by that result's
    scale (10 µm from the disc), say 0.1 mm²."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    folder = tmp_path / "images"
    folder.mkdir()
    write_dicom(folder / "fundus.dcm", fundus_rgb(150, 200), header={"PixelSpacing": ["0.0065", "0.0065"]})
    window = _window(qtbot, settings, folder)
    assert window.cases.pixel_spacing is not None  # recorded, and read
    ai = np.zeros((150, 200), np.uint8)
    ai[100:120, 100:150] = LesionClass.HE.bit  # 1000 pixels
    findings = lesion_findings(ai, None, None, 0.01, scale_source="optic disc diameter taken as 1.8 mm")
    window.cases.history.execute(SetAIResult(AIResult(findings=findings, mask=ai)))
    assert window.findings.lesions.item(1, 1).text() == "0.100 mm²"  # the HE row, as the report prints it
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    window_drag(window, [(120, 110)])
    assert window.statusBar().currentMessage().startswith("AI HE lesion area: 0.1000 mm² · 1000 px²; scale 10.00 µm "
                                                          "per pixel (optic disc")
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_W)
    window_drag(window, [(20, 20), (40, 30)])
    qtbot.waitUntil(lambda: window.objects.list.rowCount() == 1, timeout=5_000)
    objects = window.objects.list
    qtbot.mouseClick(objects.viewport(), Qt.MouseButton.LeftButton,
                     pos=objects.visualItemRect(objects.item(0, 0)).center())
    box = window.cases.doc.boxes[0]
    pixels = (box.xmax - box.xmin + 1) * (box.ymax - box.ymin + 1)
    assert window.statusBar().currentMessage().startswith(
        f"Box area: {pixels * 0.01 ** 2:.4f} mm² · {pixels} px²; scale 10.00 µm per pixel (optic disc")


def test_a_calibrated_dicom_photo_analysed_in_the_window_is_measured_by_its_recorded_spacing(
        qtbot, settings, tmp_path, monkeypatch) -> None:  # noqa: F811
    """Before the analysis the ruler already takes the header's 60 µm; the analysis takes it too, so the findings
    panel's areas, the sentence under its table and the ruler all rest on it, and say so."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    folder = tmp_path / "images"
    folder.mkdir()
    write_dicom(folder / "fundus.dcm", synthetic_fundus(200, 150), header={"PixelSpacing": ["0.06", "0.06"]})
    window = _window(qtbot, settings, folder)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_R)
    window_drag(window, [(20, 20), (50, 60)])
    line = window.annotation.views["ruler"].tool.measurement
    assert line.millimetres == pytest.approx(line.pixels * 0.06)
    before = window.statusBar().currentMessage()
    assert "; scale 60.00 µm per pixel (the DICOM header's Pixel Spacing)." in before
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.cases.doc.ai is not None and window.is_settled(), timeout=WAIT_MS)
    findings = window.cases.doc.ai.findings
    assert findings.mm_per_px == pytest.approx(0.06) and findings.scale_source == "the DICOM header's Pixel Spacing"
    found = [row for row, cls in enumerate(LESION_CLASSES) if findings.of(cls.name).count]
    assert found  # the synthetic photo's spots
    for row in found:
        entry = findings.of(LESION_CLASSES[row].name)
        assert window.findings.lesions.item(row, 1).text() == f"{entry.area_px * 0.06 ** 2:.3f} mm²"
    assert window.findings.area_scale.text() == "Areas in mm² from the DICOM header's Pixel Spacing"
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_R)
    window_drag(window, [(20, 20), (50, 60)])
    assert window.statusBar().currentMessage() == before  # the ruler and the findings: one scale
