"""A line edit for a file or folder path. While it is not being edited, a path too long for it shows its start and its
end with "…" in the middle, so the file or folder name stays in view (cut off at the end, the name was what a person
could not see), and the whole path in its tool tip. ``text()`` is always the whole path; editing shows it whole."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QWidget

SIDE_MARGIN = 2  # QLineEdit's own space between its contents' rectangle and its text, on each side


class PathEdit(QLineEdit):
    def __init__(self, path: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path, self._shortened = "", False
        self.textChanged.connect(self._typed)  # connected first: text() is the new path in every other slot
        self.setText(path)

    def text(self) -> str:  # noqa: D102 - the whole path, also while the shown one is shortened
        return self._path

    def setText(self, path: str) -> None:  # noqa: N802 - Qt's name
        self._shortened = False
        super().setText(path)  # textChanged, with the whole path
        self._shorten()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        if self._shortened:
            self._show(self._path, shortened=False)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self._shorten()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._shorten()

    def _typed(self, text: str) -> None:
        if not self._shortened:
            self._path = text
            self.setToolTip(text)

    def _shorten(self) -> None:
        if self.hasFocus():
            return
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        room = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self).width()
        shown = self.fontMetrics().elidedText(self._path, Qt.TextElideMode.ElideMiddle, room - 2 * SIDE_MARGIN)
        self._show(shown, shortened=shown != self._path)

    def _show(self, text: str, shortened: bool) -> None:
        """Show ``text`` without telling anyone: the path itself is unchanged."""
        if text == super().text():
            self._shortened = shortened
            return
        blocked = self.blockSignals(True)
        self._shortened = shortened
        super().setText(text)
        self.setCursorPosition(0)
        self.blockSignals(blocked)
