"""Qt's own widgets speak the program's Chinese: a text field's standard context menu said 撤消 (Qt's qtbase
catalogue) where the Edit menu and every message say 撤销; Qt's own file dialog kept two English labels."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPlainTextEdit


def _menu_texts(menu) -> list[str]:
    """Each action's words, without the shortcut Qt adds after a tab ("撤销(&U)\tCtrl+Z")."""
    return [action.text().split("\t")[0] for action in menu.actions() if not action.isSeparator()]


def test_a_line_edits_standard_menu_says_undo_as_the_edit_menu_does(qtbot, chinese_interface) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.setText("P001")
    texts = _menu_texts(field.createStandardContextMenu())
    assert "撤销(&U)" in texts and "复制(&C)" in texts  # ours, and Qt's own where it says as we do
    assert not any("撤消" in text for text in texts)


def test_a_text_boxs_standard_menu_says_undo_as_the_edit_menu_does(qtbot, chinese_interface) -> None:
    box = QPlainTextEdit()  # the findings and patient notes
    qtbot.addWidget(box)
    box.setPlainText("硬性渗出")
    texts = _menu_texts(box.createStandardContextMenu())
    assert "撤销(&U)" in texts and "全选" in texts
    assert not any("撤消" in text for text in texts)


def test_every_overridden_qt_word_differs_from_qts_own(chinese_interface) -> None:
    """Each text marked in widgets.qt_words is the interface catalogue's, not Qt's: the undo entries are the Edit
    menu's own words."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    from widgets.qt_words import OVERRIDDEN

    qt = QTranslator()
    assert qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    shown = {(context, source): QCoreApplication.translate(context, source) for context, source in OVERRIDDEN}
    assert [key for key, text in shown.items() if text in (key[1], qt.translate(*key))] == []  # not English, not Qt's
    own = QCoreApplication.translate("Actions", "&Undo")
    assert {text for (_, source), text in shown.items() if source == "&Undo"} == {own} == {"撤销(&U)"}


@pytest.mark.parametrize("mode", [QFileDialog.FileMode.Directory, QFileDialog.FileMode.ExistingFile])
def test_qts_own_file_dialog_has_no_english_label(qtbot, chinese_interface, tmp_path, mode) -> None:
    """Where the desktop offers no file dialog of its own, Qt's said "Look in:" and "Files of type:" in Chinese."""
    dialog = QFileDialog(None, "", str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert [text for text in texts if re.search("[A-Za-z]{2,}", text.replace(str(tmp_path), ""))] == []
