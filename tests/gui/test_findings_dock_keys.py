"""F2 and F3 put the keyboard in the findings where a reader has moved them: floating (a window of its own, where
setFocus only marked the field for later: "we" typed for the findings picked the box, then the eraser tool) or
tabbed behind the Objects list (the keys went into a box out of sight). Esc, Enter and Ctrl+Enter hand the keys back
to the main window, so D moves on rather than typing "d" into the floating findings."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.test_main_window import _window, fundus_folder

CTRL, NO_KEY = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    return _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png")))


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_KEY) -> None:
    """A key pressed as a keyboard presses it: to whichever widget holds the keyboard."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def _float_the_findings(qtbot, window: MainWindow) -> None:
    window.findings_dock.setFloating(True)
    qtbot.waitUntil(window.findings_dock.isVisible, timeout=2_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    window.canvas.setFocus()


def test_f2_with_the_findings_floating_types_into_them_and_esc_lets_d_move_on(qtbot, window: MainWindow) -> None:
    _float_the_findings(qtbot, window)
    text, first = window.findings.findings_text, window.cases.current_id
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is text, timeout=2_000)
    qtbot.keyClicks(QApplication.focusWidget(), "we")
    assert text.toPlainText() == "we" and window.annotation.tool_name == "none"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.canvas, timeout=2_000)
    press(qtbot, Qt.Key.Key_D)
    assert window.cases.current_id != first and text.toPlainText() != "wed"


def test_f3_with_the_findings_floating_and_enter_hands_the_keys_back(qtbot, window: MainWindow) -> None:
    _float_the_findings(qtbot, window)
    panel = window.patients.panel
    press(qtbot, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.patient_id, timeout=2_000)
    qtbot.keyClicks(panel.patient_id, "P7")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.canvas, timeout=2_000)
    assert window.cases.doc.patient.patient_id == "P7"


def test_ctrl_enter_in_the_floating_findings_hands_the_keys_to_the_case_list(qtbot, window: MainWindow) -> None:
    _float_the_findings(qtbot, window)
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.findings.findings_text, timeout=2_000)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.case_list.table, timeout=2_000)


@pytest.mark.parametrize("keys", [((Qt.Key.Key_F2, NO_KEY),), ((Qt.Key.Key_F3, NO_KEY),),
                                  ((Qt.Key.Key_G, CTRL), (Qt.Key.Key_2, NO_KEY))])  # the grade recorded, shown
def test_the_findings_keys_bring_the_findings_tabbed_behind_the_objects_to_the_front(qtbot, window: MainWindow,
                                                                                     keys) -> None:
    window.tabifyDockWidget(window.objects.dock, window.findings_dock)
    window.objects.dock.raise_()
    qtbot.waitUntil(lambda: window.findings_dock.visibleRegion().isEmpty(), timeout=2_000)
    window.canvas.setFocus()
    for key, modifiers in keys:
        press(qtbot, key, modifiers)
    qtbot.waitUntil(lambda: not window.findings_dock.visibleRegion().isEmpty(), timeout=2_000)


def test_c_from_the_floating_findings_hands_the_keys_to_the_candidates_on_the_canvas(qtbot, window: MainWindow) -> None:
    """The candidate review's Enter, Backspace and arrows are the canvas's: started by C from the floating findings
    (the DR grade box holding the keys), setFocus only marked the canvas, and Enter went to the box."""
    import numpy as np

    from annotations.classes import LesionClass
    from annotations.commands import SetAIResult
    from annotations.document import AIResult

    doc = window.cases.doc
    ai = np.zeros((doc.height, doc.width), dtype=np.uint8)
    ai[40:60, 50:70] = LesionClass.HE.bit
    window.cases.history.execute(SetAIResult(AIResult(mask=ai)))
    _float_the_findings(qtbot, window)
    window.findings_dock.activateWindow()
    window.findings.dr_grade.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.findings.dr_grade, timeout=2_000)
    press(qtbot, Qt.Key.Key_C)
    assert window.annotation.review is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.canvas, timeout=2_000)
    press(qtbot, Qt.Key.Key_Return)
    assert doc.class_mask(LesionClass.HE)[40:60, 50:70].all()


def test_tab_never_stops_on_the_findings_frame(qtbot, window: MainWindow) -> None:
    """The findings dock's scroll area took a Tab stop of its own: a press that showed nothing and moved no field."""
    from PySide6.QtWidgets import QScrollArea

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    window.case_list.table.setFocus()
    stops = []
    for _ in range(80):
        press(qtbot, Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    assert window.findings.findings_text in stops  # the walk reached the findings
    assert not [stop for stop in stops if isinstance(stop, QScrollArea)]
