"""The centre's page in place of the canvas: the welcome, or why a case cannot be shown, with Try again under the
reason (a photo on a share that was away, a file still being copied: clicking its row again does nothing, it is the
open case), and, where a saved mask or AI file is damaged, a way to open the case without it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class NoticePage(QWidget):
    retry_requested = Signal()
    set_aside_requested = Signal()  # open the case without its damaged saved file, a copy of it kept

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(text)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setContentsMargins(40, 40, 40, 8)  # Try again close under the reason it belongs to
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.setToolTip(self.tr("Read the file again (F5)"))
        self.retry_button.clicked.connect(self.retry_requested)
        self.retry_button.hide()
        self.set_aside_button = QPushButton(self.tr("Open without the damaged file"))
        self.set_aside_button.setToolTip(self.tr("Keep a copy of the damaged file beside it and open the case's "
                                                 "grade, boxes, findings and patient details without it: its "
                                                 "painted mask, or the AI result to analyse again"))
        self.set_aside_button.clicked.connect(self.set_aside_requested)
        self.set_aside_button.hide()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.set_aside_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def text(self) -> str:
        return self.label.text()

    def show_text(self, text: str, can_retry: bool = False, can_set_aside: bool = False) -> None:
        self.label.setText(text)
        self.retry_button.setVisible(can_retry)
        self.set_aside_button.setVisible(can_set_aside)
