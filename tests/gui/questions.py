"""The window's Yes/No questions answered in a test, which sees what was asked."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


def answer(monkeypatch: pytest.MonkeyPatch, yes: bool) -> list[str]:
    """Questions are answered Yes or No; the questions asked."""
    asked: list[str] = []
    reply = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *_args: asked.append(text) or reply)
    return asked
