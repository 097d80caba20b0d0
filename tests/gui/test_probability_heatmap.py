"""A class's probability as the heat map: the findings panel's choice (disabled, with the reason, where a case
has none), the canvas layer it draws, and the window keeping the maps with the case."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from annotations.document import AIResult, CaseDocument
from annotations.probability_maps import GRAD_CAM, HEAT_SOURCES, Unavailable
from tests.gui.test_canvas import GREY, canvas, screen_colour, shown  # noqa: F401 - canvas is a fixture
from tests.gui.test_main_window import WAIT_MS, _window, folder, settings  # noqa: F401 - fixtures
from widgets.findings_panel import FindingsPanel
from widgets.heat_map_choice import WHY_UNAVAILABLE


def _result(probabilities: bool = True, cam: bool = True) -> AIResult:
    ex = np.zeros((30, 40), np.uint8)  # a photo of 80 x 60 stored at half size
    ex[:, 20:] = 255
    maps = {"EX": ex, "MA": np.full((30, 40), 64, np.uint8)} if probabilities else {}
    return AIResult(dr_grade=1, cam=np.zeros((60, 80), np.float32) if cam else None, probabilities=maps,
                    probability_thresholds={"EX": 0.35} if probabilities else {})


@pytest.fixture
def panel(qtbot) -> FindingsPanel:
    widget = FindingsPanel()
    qtbot.addWidget(widget)
    return widget


def _enabled(panel: FindingsPanel) -> dict[str, bool]:
    model = panel.heat.combo.model()
    return {source: model.item(row).isEnabled() for row, source in enumerate(HEAT_SOURCES)}


def _tip(panel: FindingsPanel, source: str) -> str:
    return panel.heat.combo.itemData(HEAT_SOURCES.index(source), Qt.ItemDataRole.ToolTipRole)


def test_the_classes_with_a_probability_map_can_be_picked_and_the_scale_marks_the_threshold(qtbot, panel) -> None:
    panel.show_document(CaseDocument("case", "case.png", 80, 60, ai=_result()))
    assert _enabled(panel) == {GRAD_CAM: True, "MA": True, "HE": False, "EX": True, "SE": False, "OD": False}
    assert _tip(panel, "SE") == WHY_UNAVAILABLE[Unavailable.NOT_DRAWN]
    assert panel.heat.shown_source() == GRAD_CAM and panel.heat.scale.threshold() is None
    with qtbot.waitSignal(panel.heat.shown_changed) as shown_now:
        panel.heat.combo.activated.emit(HEAT_SOURCES.index("EX"))
    assert shown_now.args == ["EX"] and panel.heat.combo.currentData() == "EX"
    assert panel.heat.scale.threshold() == 0.35 and "0.35" in panel.heat.caption.text()
    panel.heat.next_source()  # Shift+H: the next source the case has, round to Grad-CAM
    assert panel.heat.shown_source() == GRAD_CAM
    panel.heat.next_source()
    assert panel.heat.shown_source() == "MA" and "not known" in panel.heat.caption.text()


def test_an_old_case_without_maps_offers_grad_cam_only_and_says_why(panel) -> None:
    panel.show_document(CaseDocument("case", "case.png", 80, 60, ai=_result()))
    panel.heat.combo.activated.emit(HEAT_SOURCES.index("EX"))
    panel.show_document(CaseDocument("old", "old.png", 80, 60, ai=_result(probabilities=False)))
    assert _enabled(panel) == {source: source == GRAD_CAM for source in HEAT_SOURCES}
    assert "analyse the case again" in _tip(panel, "EX")
    assert panel.heat.shown_source() == GRAD_CAM  # the reader's EX comes back with the next case that has it
    panel.show_document(CaseDocument("case", "case.png", 80, 60, ai=_result()))
    assert panel.heat.shown_source() == "EX"
    panel.show_document(CaseDocument("none", "none.png", 80, 60, ai=_result(probabilities=False, cam=False)))
    assert panel.heat.shown_source() is None and not panel.heat.combo.isEnabled()
    assert not panel.heat.scale.isVisible()


def test_maps_without_a_grad_cam_can_still_be_picked(qtbot, panel) -> None:
    """Nothing is shown while the wanted source is missing and there is no Grad-CAM to fall back on, but the box
    stays open to pick a class map the case has (it was greyed out: only H / Shift+H reached them)."""
    panel.show_document(CaseDocument("case", "case.png", 80, 60, ai=_result(cam=False)))
    assert panel.heat.shown_source() is None and panel.heat.combo.isEnabled()
    assert panel.heat.combo.currentIndex() == -1 and panel.heat.combo.currentText() == ""  # Grad-CAM is not shown
    with qtbot.waitSignal(panel.heat.shown_changed) as shown_now:
        panel.heat.combo.activated.emit(HEAT_SOURCES.index("EX"))
    assert shown_now.args == ["EX"] and panel.heat.scale.threshold() == 0.35


def test_oct_scans_offer_no_lesion_class(panel) -> None:
    panel.show_document(CaseDocument("scan", "scan.png", 80, 60, ai=_result()), oct_mode=True)
    assert _enabled(panel) == {source: source == GRAD_CAM for source in HEAT_SOURCES}
    assert "OCT" in _tip(panel, "EX")


def test_the_canvas_draws_the_chosen_probability_over_the_whole_photo(canvas) -> None:  # noqa: F811
    doc = CaseDocument("case", "case.png", 80, 60, ai=_result())
    shown(canvas, doc)
    canvas.set_heatmap_opacity(1.0)
    assert screen_colour(canvas, 70, 30) == GREY  # Grad-CAM (all cold) first
    canvas.set_heatmap_source("EX")
    hot = screen_colour(canvas, 70, 30)  # the map is half the photo's size: x 70 is its column 35, p = 1
    assert hot[0] > 100 and hot[1] < 40 and hot[2] < 40
    assert screen_colour(canvas, 20, 30) == GREY  # p = 0 leaves the photo
    assert canvas.layers.heatmap.boundingRect().width() == 80  # stretched over the photo
    canvas.set_heatmap_source(None)
    assert screen_colour(canvas, 70, 30) == GREY


def test_the_window_keeps_the_maps_with_the_case_and_shows_the_chosen_one(
        qtbot, settings, folder) -> None:  # noqa: F811
    window = _window(qtbot, settings, folder)
    window.actions["analyze"].trigger()
    qtbot.waitUntil(lambda: window.cases.doc.ai is not None and window.is_settled(), timeout=WAIT_MS)
    kept = window.cases.doc.ai.probabilities
    assert {"MA", "HE", "EX"} <= set(kept)  # the classical detector's classes
    window.findings.heat.combo.activated.emit(HEAT_SOURCES.index("EX"))
    assert window.canvas.layers.heatmap_source() == "EX" and window.actions["layer_heatmap"].isChecked()
    window.actions["next_heatmap"].trigger()
    assert window.canvas.layers.heatmap_source() == window.findings.heat.shown_source() != "EX"
    window.save_case()
    case_id = window.cases.current_id
    window.close()
    again = _window(qtbot, settings, folder)
    assert again.cases.current_id == case_id
    assert np.array_equal(again.cases.doc.ai.probabilities["EX"], kept["EX"])
