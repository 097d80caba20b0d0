"""The interface's own dialogs show every text whole in English and in Chinese (issue #16: no clipped text; the
F1 list's keys column used to clip)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from app.actions import gesture_rows, shortcut_rows
from app.i18n import CHINESE, ENGLISH, LANGUAGE_NAMES, install_language
from app.settings import SettingsValues
from tests.gui.clipped_text import clipped
from widgets.settings_dialog import SettingsDialog
from widgets.shortcuts_dialog import ShortcutsDialog


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


def test_shortcuts_dialog_shows_every_key_whole(qtbot, language) -> None:
    rows = shortcut_rows() + gesture_rows()
    dialog = _shown(qtbot, ShortcutsDialog(rows))
    assert clipped(dialog) == []
    dialog.resize(200, 300)  # the person cannot squeeze the columns either
    assert dialog.width() >= dialog.tree.header().length()
