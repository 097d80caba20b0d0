"""Ruler and area tools in the main window: keys, canvas figure, status bar sentence, Escape, nothing saved."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from annotations.classes import LesionClass
from annotations.commands import SetAIResult
from annotations.document import AIResult
from annotations.findings import Findings
from inference.findings import mm_per_pixel
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_annotation_tools import window, window_drag  # noqa: F401 - the fixture and its helper
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from widgets.clinical_terms import scale_source_name

SCALE = 0.01  # mm per pixel: 10 µm


def give_scale(window, ai_mask: np.ndarray | None = None) -> None:  # noqa: F811
    findings = Findings(mm_per_px=SCALE, scale_source="optic disc diameter taken as 1.8 mm")
    window.cases.history.execute(SetAIResult(AIResult(findings=findings, mask=ai_mask)))


def test_ruler_measures_in_pixels_without_a_scale_then_in_um_and_escape_clears(qtbot, window) -> None:  # noqa: F811
    table = window.case_list.table
    qtbot.keyClick(table, Qt.Key.Key_R)
    view = window.annotation.views["ruler"]
    assert window.canvas.tool() is view and window.annotation.tool_bar.tool_actions["ruler"].isChecked()
    window_drag(window, [(20, 20), (35, 40), (50, 60)])
    assert view._label.isVisible() and view._label.text == "50.0 px"
    message = window.statusBar().currentMessage()
    assert message.startswith("Distance: 50.0 px") and "no scale" in message

    give_scale(window)
    window_drag(window, [(20, 20), (50, 60)])
    assert view._label.text == "500 µm · 50.0 px"
    assert "10.00 µm per pixel (optic disc" in window.statusBar().currentMessage()
    keep_screenshot(window, "measure-ruler.png")
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not view._label.isVisible() and view.tool.measurement is None
    assert window.statusBar().currentMessage() == ""  # the sentence goes with the drawing
    # a measurement is no edit: only the AI result given above is in the history, and nothing is painted
    assert window.annotation.history_panel.count() == 2 and not window.cases.doc.mask.any()


def test_the_scale_a_measurement_rests_on_is_named_in_chinese(qtbot, chinese, window) -> None:  # noqa: F811
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_R)
    give_scale(window)  # the findings store how they found the scale in English, as the analysis writes it
    window_drag(window, [(20, 20), (50, 60)])
    message = window.statusBar().currentMessage()
    assert "视盘直径按 1.8 mm 计" in message and "taken as" not in message
    field_source = mm_per_pixel(od_radius=None, fov_radius=400)[1]  # as the analysis writes it without a disc
    assert scale_source_name(field_source) == "视野直径按 12 mm 计（45° 眼底照片）"


def test_area_of_a_polygon_and_of_a_clicked_lesion_in_mm2(qtbot, window) -> None:  # noqa: F811
    ai = np.zeros((150, 200), dtype=np.uint8)
    ai[100:110, 150:160] = LesionClass.HE.bit
    give_scale(window, ai)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    view = window.annotation.views["area"]
    assert window.canvas.tool() is view
    for point in ((10, 10), (110, 10), (110, 60), (10, 60)):
        window_drag(window, [point])
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    assert view._label.text == "0.5000 mm² · 5000 px²"
    assert window.statusBar().currentMessage().startswith("Polygon area: 0.5000 mm²")
    window_drag(window, [(155, 105)])
    assert window.statusBar().currentMessage().startswith("AI HE lesion area: 0.0100 mm² · 100 px²")
    keep_screenshot(window, "measure-area.png")
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not view._label.isVisible() and window.statusBar().currentMessage() == ""
    assert window.annotation.history_panel.count() == 2 and not window.cases.doc.mask.any()


@pytest.mark.parametrize("tool_key", [Qt.Key.Key_B, Qt.Key.Key_W], ids=["brush", "box"])
def test_switching_tool_clears_the_measurement_and_its_sentence(qtbot, window, tool_key) -> None:  # noqa: F811
    table = window.case_list.table
    qtbot.keyClick(table, Qt.Key.Key_R)
    view = window.annotation.views["ruler"]
    window_drag(window, [(20, 20), (50, 60)])
    assert view._label.scene() is not None and window.statusBar().currentMessage().startswith("Distance")
    qtbot.keyClick(table, tool_key)
    assert view._label is None and window.statusBar().currentMessage() == ""
    qtbot.keyClick(table, Qt.Key.Key_R)  # back to the ruler: the line measured before is not drawn again
    assert window.canvas.tool() is view and not view._label.isVisible()


def test_escape_leaves_a_message_that_is_not_the_measurements(qtbot, window) -> None:  # noqa: F811
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_R)
    window_drag(window, [(20, 20), (50, 60)])
    window.show_message("Saved")
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert window.statusBar().currentMessage() == "Saved"


def test_measure_keys_are_listed_in_the_shortcuts(window) -> None:  # noqa: F811
    rows = {(text, keys) for _, text, keys in window.shortcut_rows()}
    assert ("Ruler", "R") in rows and ("Area", "Shift+R") in rows
