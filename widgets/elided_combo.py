"""A combo box whose closed box gives way to what stands beside it: where a layout allows it less room than its
chosen text needs, it shows the text cut short with "…" (a plain QComboBox clips it mid-letter), and the whole text
in its tooltip (above its hint, where it has one). The open list shows every choice whole."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget


class ElidedComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint = ""
        self.currentTextChanged.connect(self._show_tip)

    def set_hint(self, hint: str) -> None:
        """A line the tooltip shows under the chosen text (e.g. the keys that choose it)."""
        self._hint = hint
        self._show_tip(self.currentText())

    def _show_tip(self, text: str) -> None:
        self.setToolTip("\n".join(filter(None, (text, self._hint))))

    def shown_text(self) -> str:
        """The chosen text as the closed box shows it: whole where it fits, else cut short with "…"."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight, field.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
