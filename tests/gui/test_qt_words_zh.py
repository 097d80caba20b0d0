"""Qt's own widgets speak the program's Chinese: a text field's standard context menu said 撤消 (Qt's qtbase
catalogue) where the Edit menu and every message say 撤销."""
from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


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


def test_every_overridden_qt_word_is_the_programs_own(chinese_interface) -> None:
    """Each text overridden reads as the interface's own translation of the same English (the Edit menu's)."""
    from PySide6.QtCore import QCoreApplication

    from widgets.qt_words import OVERRIDDEN

    own = QCoreApplication.translate("Actions", "&Undo")
    assert own == "撤销(&U)"
    assert {QCoreApplication.translate(context, source) for context, source in OVERRIDDEN} == {own}
