"""The status bar on a 1366 px clinic laptop: a message is read whole beside the five models' names; one too long for
the room left ends in "…", whole in its tooltip."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from app.main_window import MainWindow
from app.settings import Settings, SettingsValues

MODELS = ("model: idrid-lesions 6 (MA, HE, EX, SE), codras-optic-disc 1 (disc), ma-candidates 3 (MA), he-candidates 1 "
          "(HE), codras-lesions-present 1")  # as the shipped models' result says it
MESSAGE = "Recovered 1 case from autosave after the program did not close normally: 'codras_0008.jpg'"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    """The main window on a 1366 x 768 clinic laptop screen."""
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _message_room(window: MainWindow) -> int:
    """The width QStatusBar draws a message in: from its left margin to its first visible permanent widget."""
    bar = window.statusBar()
    first = min(w.x() for w in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if w.isVisible())  # the window adds permanent widgets only
    return first - 2 - 6


def test_a_message_is_read_whole_beside_the_models_and_the_models_come_back_after(qtbot, window: MainWindow) -> None:
    label, bar = window.status.model_label, window.statusBar()
    label.setText(MODELS)
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width())  # room for the names with no message
    bar.showMessage(MESSAGE)
    qtbot.waitUntil(lambda: _message_room(window) >= bar.fontMetrics().horizontalAdvance(MESSAGE))
    assert label.text() == label.toolTip() == MODELS  # shortened on screen only; the tooltip names them all
    bar.clearMessage()
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width())


def test_the_message_keeps_its_room_as_an_analysis_starts_and_the_window_narrows(qtbot, window: MainWindow) -> None:
    """The progress, its text and Cancel appear beside a shown message, or the window is made narrower: the models'
    names give way again (the room was made only when the message changed, and the message was cut off)."""
    bar, need = window.statusBar(), window.statusBar().fontMetrics().horizontalAdvance(MESSAGE)
    window.status.model_label.setText(MODELS)
    bar.showMessage(MESSAGE)
    qtbot.waitUntil(lambda: _message_room(window) >= need)
    window.analysis.busy_changed.emit(True)
    window.analysis.progress.emit(0.1, "analysing codras_0008.jpg: loading the AI models…")
    qtbot.waitUntil(lambda: window.status.progress_text.isVisible() and _message_room(window) >= need)
    window.analysis.busy_changed.emit(False)
    window.resize(1100, 768)
    qtbot.waitUntil(lambda: bar.width() <= 1100 and _message_room(window) >= need)


LONG_MESSAGE = ("Folder rescanned: /media/clinic-share/screening/2026/diabetic-retinopathy-programme/site-07/november/"
                "second-week/fundus-photographs-left-and-right-eyes/graded-by-the-first-reader/awaiting-arbitration")


def test_a_message_too_long_for_its_room_ends_in_an_ellipsis_and_its_tooltip_says_it_whole(
        qtbot, window: MainWindow) -> None:
    """At 1280 px beside the pixel, zoom, device and models the message was cut where they begin, mid-letter
    ("…/diabetic-retx 1520 y 1187"), the rest nowhere to read."""
    window.resize(1280, 768)
    bar = window.statusBar()
    window.status.pixel_label.setText("x 1520 y 1187  RGB 131 64 22")
    window.status.model_label.setText(MODELS)
    bar.showMessage(LONG_MESSAGE)
    qtbot.waitUntil(lambda: bar.width() <= 1280)
    room = _message_room(window)
    assert bar.fontMetrics().horizontalAdvance(LONG_MESSAGE) > room, "the case this test is about"
    shown = bar.shown_message()  # what is drawn: ends in "…" before the first permanent widget, not cut against it
    assert shown == bar.fontMetrics().elidedText(LONG_MESSAGE, Qt.TextElideMode.ElideRight, room)
    assert shown.endswith("…") and bar.fontMetrics().horizontalAdvance(shown) <= room
    assert bar.currentMessage() == LONG_MESSAGE  # what the rest of the window reads is the whole message
    over = QPoint(room // 2, bar.height() // 2)
    assert bar.message_tooltip(over) == LONG_MESSAGE
    QApplication.sendEvent(bar, QHelpEvent(QEvent.Type.ToolTip, over, bar.mapToGlobal(over)))  # the mouse resting
    qtbot.waitUntil(lambda: QToolTip.text() == LONG_MESSAGE)
    QToolTip.hideText()
    assert bar.message_tooltip(window.status.pixel_label.geometry().center()) == "", "the widgets' own"

    bar.showMessage(MESSAGE)  # one that fits: whole, and no tooltip
    qtbot.waitUntil(lambda: _message_room(window) >= bar.fontMetrics().horizontalAdvance(MESSAGE))
    assert bar.shown_message() == MESSAGE and bar.message_tooltip(QPoint(20, bar.height() // 2)) == ""
