"""View ▸ Tool bars and panels: every tool bar and dock of the review window can be shown or hidden from the menu
bar, not only from a tool bar's context menu; the lesion tool bars an OCT scan hides are unticked and greyed there,
and the reader's own choice comes back with a photo."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar

from app.main_window import MainWindow
from app.settings import Settings
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.test_main_window import _window, folder, settings  # noqa: F401 - fixtures

HAN = re.compile(r"[\u4e00-\u9fff]")


def _panels_menu(window: MainWindow) -> QMenu:
    """The View menu's submenu of tool bars and docks."""
    submenus = [action.menu() for action in window.view_menu.actions() if action.menu() is not None]
    assert len(submenus) == 1
    return submenus[0]


def _entries(window: MainWindow) -> list[QAction]:
    return [action for action in _panels_menu(window).actions() if not action.isSeparator()]


def test_the_view_menu_lists_every_tool_bar_and_dock(qtbot, settings: Settings, folder: Path) -> None:
    window = _window(qtbot, settings, folder)
    parts = window.findChildren(QDockWidget) + window.findChildren(QToolBar)
    assert len(parts) == 5 and _entries(window) == [part.toggleViewAction() for part in parts]  # the context menu's
    assert sorted(entry.text() for entry in _entries(window)) == ["Annotation tools", "Findings", "History",
                                                                   "Objects", "Tool options"]
    assert all(entry.isChecked() for entry in _entries(window))
    assert [entry.isEnabled() for entry in _entries(window)].count(False) == 1  # the findings, which stay
    history = window.annotation.history_dock
    history.toggleViewAction().trigger()  # unticked in View ▸ Tool bars and panels
    assert history.isHidden()
    history.toggleViewAction().trigger()
    assert history.isVisible()


def test_the_view_menus_tool_bars_and_panels_are_chinese(qtbot, chinese, settings: Settings, folder: Path) -> None:
    window = _window(qtbot, settings, folder)
    assert HAN.search(_panels_menu(window).title())
    assert all(HAN.search(entry.text()) for entry in _entries(window))
    window.actions["modality_oct"].trigger()
    tools = window.annotation.tool_bar.toggleViewAction()
    assert HAN.search(tools.toolTip()) and tools.toolTip() != tools.text()  # why it is greyed, not its title


# its photos' folder is named after the test's first 30 characters: "..._oct_..." there makes them OCT scans by name
def test_tool_bars_hidden_for_an_oct_scan_are_greyed_and_unticked(qtbot, settings: Settings, folder: Path) -> None:
    window = _window(qtbot, settings, folder)
    tools, options = (bar.toggleViewAction() for bar in (window.annotation.tool_bar, window.annotation.options_bar))
    options.trigger()  # the reader hides the tool options
    window.actions["modality_oct"].trigger()
    assert not tools.isChecked() and not options.isChecked()
    assert not tools.isEnabled() and not options.isEnabled()  # the scan hid them: ticking one would not help
    assert tools.toolTip() == "Hidden while an OCT scan is shown"
    window.actions["modality_fundus"].trigger()
    assert tools.isEnabled() and options.isEnabled()
    assert tools.isChecked() and not options.isChecked()  # the reader's choice, back with the photo
    assert tools.toolTip() == "Annotation tools"
