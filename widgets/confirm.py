"""Questions before something the person did themselves is replaced, printed or done again: yes/no ("No" is the
default), or one of a few choices."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, question, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_choice(parent: QWidget | None, title: str, question: str, choices: list[str]) -> int | None:
    """One of several answers (buttons in the order given, the first the default) or None for Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Cancel, parent)
    buttons = [box.addButton(text, QMessageBox.ButtonRole.AcceptRole) for text in choices]
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None
