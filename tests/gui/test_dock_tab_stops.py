"""Tab through the window with the keyboard alone: every stop is a field the reader sees. The History and Objects
docks are tabbed one behind the other; Tab went into the list behind, out of sight (Del there deleted a box the
reader never saw listed), and stopped once more on the docks' tab bar, which showed nothing."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QTabBar, QWidget

from app.main_window import MainWindow
from tests.gui.test_findings_dock_keys import press, window  # noqa: F401 - window is a fixture


def _in_sight(widget: QWidget) -> bool:
    """Shown, and in a dock only where that dock is in front (a dock tabbed behind another is still "visible")."""
    dock = widget
    while dock is not None and not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    return widget.isVisible() and (dock is None or not dock.visibleRegion().isEmpty())


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab])
def test_every_tab_stop_is_a_field_in_sight(qtbot, window: MainWindow, key: Qt.Key) -> None:  # noqa: F811
    behind = window.objects.dock
    assert window.tabifiedDockWidgets(behind) == [window.annotation.history_dock] and behind.visibleRegion().isEmpty()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    window.canvas.setFocus()
    stops, out_of_sight = [], []
    for _ in range(60):
        press(qtbot, key)
        stops.append(QApplication.focusWidget())
        if not _in_sight(stops[-1]):
            out_of_sight.append(stops[-1])
        if stops[-1] is window.canvas:
            break
    assert stops[-1] is window.canvas  # round the window, stuck nowhere
    assert {window.objects.list, window.annotation.history_panel} <= set(stops) and not out_of_sight
    assert not [stop for stop in stops if isinstance(stop, QTabBar)]


def test_docks_tabbed_anew_get_a_tab_bar_without_a_tab_stop(qtbot, window: MainWindow) -> None:  # noqa: F811
    """The reader drags the findings onto the Objects: the tab bar the window makes for them takes no Tab stop,
    and Tab into the findings behind brings them forward."""
    window.tabifyDockWidget(window.objects.dock, window.findings_dock)
    window.objects.dock.raise_()
    qtbot.waitUntil(lambda: window.findings_dock.visibleRegion().isEmpty(), timeout=2_000)
    bars = [bar for bar in window.findChildren(QTabBar) if bar.isVisible()]
    assert bars and all(bar.focusPolicy() == Qt.FocusPolicy.NoFocus for bar in bars)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    window.findings.dr_grade.setFocus()
    qtbot.waitUntil(lambda: not window.findings_dock.visibleRegion().isEmpty(), timeout=2_000)
