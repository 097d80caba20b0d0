"""A note across the top of the centre that stays until acted on or closed: something the person should know about
the folder just opened (labelImg boxes beside its photos not imported yet, app.labelimg_note; why it is read-only,
app.read_only_note), said whole, without a box that stops the work and without the status bar's 15 seconds, with a
button that does what it suggests where there is something to do."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from widgets.breakable_text import breakable
from widgets.wrapped_label import WrappedLabel


class NoteBar(QFrame):
    acted = Signal()  # the button was clicked
    closed = Signal()  # the person closed the note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)  # a tooltip's colours: apart from the photo, any theme
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setAutoFillBackground(True)
        self.label = WrappedLabel()
        self.button = QPushButton()
        self.button.clicked.connect(self.acted)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Close this note"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.close_button)
        self.hide()

    def show_note(self, text: str, button: str = "", tip: str = "") -> None:
        """``button``: its text; none, no button."""
        self.label.setText(breakable(text))  # a long folder name must not widen the window
        self.button.setText(button)
        self.button.setToolTip(tip)
        self.button.setVisible(bool(button))
        self.show()

    def _close(self) -> None:
        self.hide()
        self.closed.emit()
