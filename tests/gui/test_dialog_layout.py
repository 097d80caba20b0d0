"""The interface's own dialogs show every text whole in English and in Chinese (issue #16: no clipped text; the
F1 list's keys column used to clip), and keep their buttons in reach on a 1366 x 768 clinic laptop."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect
from PySide6.QtWidgets import QDialogButtonBox

from app.actions import gesture_rows, shortcut_rows
from app.i18n import CHINESE, ENGLISH, LANGUAGE_NAMES, install_language
from app.lesion_source_rows import describe_lesion_sources
from app.settings import SettingsValues
from tests.gui.clipped_text import clipped
from widgets.retrain_dialog import RetrainDialog
import widgets.screen_room
from widgets.settings_dialog import SettingsDialog
from widgets.shortcuts_dialog import ShortcutsDialog

LAPTOP_ROOM = QRect(0, 0, 1366, 728)  # a 1366 x 768 screen's free room above a 40-pixel task bar


@pytest.fixture(params=[ENGLISH, CHINESE])
def language(request, qapp):
    installed = install_language(QCoreApplication.instance(), request.param)
    yield request.param
    for translator in installed:
        QCoreApplication.instance().removeTranslator(translator)
    install_language(QCoreApplication.instance(), ENGLISH)


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_settings_dialog_shows_every_text_whole(qtbot, language) -> None:
    long_note = "Latin: DejaVuSans.ttf (shipped); CJK: NotoSansCJK-Regular.ttc (system, /a/rather/long/path/to/the/" \
                "system/fonts/NotoSansCJK-Regular.ttc); all fonts are embedded in the PDF"
    dialog = _shown(qtbot, SettingsDialog(SettingsValues(reader="王医生").to_dict(), ["cpu", "cuda"],
                                          {"dr-grade": ["grader-v1"]}, describe_font=lambda path: long_note,
                                          languages=LANGUAGE_NAMES))
    assert clipped(dialog) == []


@pytest.fixture
def laptop_screen(monkeypatch) -> QRect:
    """Dialogs open on a 1366 x 768 laptop screen (the offscreen platform's is 800 x 800)."""
    monkeypatch.setattr(widgets.screen_room, "free_room", lambda _widget: LAPTOP_ROOM)
    return LAPTOP_ROOM


def test_settings_dialog_keeps_its_buttons_in_reach_on_a_laptop_screen(qtbot, language, laptop_screen) -> None:
    """With the shipped models' lesion sources and a folder open, its rows are taller than a 768-pixel screen in
    both languages (785 and 805 px): it opens shorter than the room, scrolls the rows, and shows OK and Cancel."""
    dialog = SettingsDialog(SettingsValues(reader="王医生").to_dict(), ["cpu", "cuda"], {},
                            reading={"name": "clinic-2026-11", "mode": "single", "blind_ai": False,
                                     "dice_threshold": 0.7, "arbiters": []},
                            languages=LANGUAGE_NAMES, describe_sources=describe_lesion_sources)
    assert dialog.sizeHint().height() > laptop_screen.height()
    _shown(qtbot, dialog)
    assert dialog.height() < laptop_screen.height() - 30  # room left for the title bar
    buttons = dialog.findChild(QDialogButtonBox)
    assert dialog.rect().contains(QRect(buttons.mapTo(dialog, QPoint(0, 0)), buttons.size()))
    scroll = dialog.scroll
    assert scroll.verticalScrollBar().isVisible()
    assert scroll.viewport().width() >= scroll.widget().minimumSizeHint().width()  # scrolled up and down only
    assert clipped(scroll.widget()) == []  # the rows keep their heights: scrolled, not squeezed
    scroll.ensureWidgetVisible(dialog.cjk_font)  # the last row is reached
    shown = QRect(dialog.cjk_font.mapTo(scroll.viewport(), QPoint(0, 0)), dialog.cjk_font.size())
    assert scroll.viewport().rect().contains(shown)


def test_the_retrain_dialog_opens_within_a_laptop_screen(qtbot, laptop_screen) -> None:
    dialog = _shown(qtbot, RetrainDialog([("seg", "Lesion segmentation", 640)]))
    assert dialog.height() < laptop_screen.height() - 30


def test_shortcuts_dialog_shows_every_key_whole(qtbot, language) -> None:
    rows = shortcut_rows() + gesture_rows()
    dialog = _shown(qtbot, ShortcutsDialog(rows))
    assert clipped(dialog) == []
    dialog.resize(200, 300)  # the person cannot squeeze the columns either
    assert dialog.width() >= dialog.tree.header().length()
