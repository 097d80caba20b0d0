"""The empty window's welcome keeps its command, retina-review open PATH, on one line at every window width from a
1366 x 768 laptop at 125 % scaling to a desktop monitor, in English and Chinese: wrapped with the sentence it broke in
two at some widths ("…或运行  retina-review" / "open PATH" at 1600 px), which reads as two commands. It has a line
of its own."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel

from app.main_window import MainWindow
from app.settings import Settings
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture

COMMAND = "retina-review open PATH"


def drawn_lines(label: QLabel) -> list[str]:
    """The lines a word-wrapped plain-text label draws its text in (each paragraph wrapped at word boundaries to the
    label's contents width, as Qt draws it)."""
    lines = []
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    for paragraph in label.text().split("\n"):
        layout = QTextLayout(paragraph, label.font())
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(label.contentsRect().width())
            lines.append(paragraph[line.textStart():line.textStart() + line.textLength()].strip())
        layout.endLayout()
    return lines


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_welcomes_command_stays_on_one_line_at_every_window_width(qtbot, request, tmp_path: Path,
                                                                      language: str) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    window = MainWindow(Settings.from_file(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    label = window.notice.label
    for width, height in ((1093, 550), (1280, 650), (1366, 698), (1500, 950), (1600, 1000), (1920, 1050)):
        window.resize(width, height)
        qtbot.waitUntil(lambda: window.width() == width)  # noqa: B023 - waited for within the loop
        lines = drawn_lines(label)
        assert COMMAND in lines, (width, lines)  # whole, on a line of its own
