"""Enter or Esc in a patient field hands the keyboard back to the image, the typed value recorded: D, typed after
them, went into the field (the patient ID "P123" became "P123dd", recorded) and the case never moved on."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.test_main_window import _window, fundus_folder


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    return _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")))


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape])
def test_after_typing_the_patient_id_enter_or_esc_lets_d_move_on(qtbot, window: MainWindow, key: Qt.Key) -> None:
    first = window.cases.current_id
    panel = window.patients.panel
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_F3)
    assert QApplication.focusWidget() is panel.patient_id
    qtbot.keyClicks(panel.patient_id, "P123")
    qtbot.keyClick(panel.patient_id, key)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.canvas, timeout=2_000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D)
    qtbot.waitUntil(lambda: window.cases.current_id != first, timeout=5_000)
    window.cases.select_case(first)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.current_id == first, timeout=5_000)
    assert window.cases.doc.patient.patient_id == "P123"


def test_enter_in_the_age_box_records_it_and_hands_the_keyboard_back(qtbot, window: MainWindow) -> None:
    panel = window.patients.panel
    panel.age.setFocus()
    panel.age.lineEdit().selectAll()
    qtbot.keyClicks(panel.age, "68")
    qtbot.keyClick(panel.age, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.canvas, timeout=2_000)
    assert window.cases.doc.patient.age == 68


def test_a_letter_typed_in_a_patient_field_stays_in_it(qtbot, window: MainWindow) -> None:
    first = window.cases.current_id
    panel = window.patients.panel
    panel.name.setFocus()
    qtbot.keyClicks(panel.name, "Dai")
    assert panel.name.text() == "Dai" and window.cases.current_id == first
