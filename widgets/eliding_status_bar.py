"""A status bar whose message, where it is longer than the room left of the permanent widgets, is cut short with "…"
and said whole in a tooltip over it. QStatusBar cuts it off where the first permanent widget begins, mid-letter and
against that widget's text ("…/diabetic-retx 1520 y 1187"), with no way to read the rest. ``currentMessage()`` stays
the whole message, and ``showMessage``, ``clearMessage`` and ``messageChanged`` are QStatusBar's."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QStyleOption, QToolTip, QWidget

LEFT_MARGIN, RIGHT_MARGIN, WIDGET_GAP = 6, 12, 2  # where QStatusBar draws its message


class ElidingStatusBar(QStatusBar):
    def shown_message(self) -> str:
        """The message as drawn: whole where it fits, else cut short with "…". It fits as a window measures the
        room it makes for a message (horizontalAdvance, whole pixels), not by elidedText's fractions of one."""
        message, metrics, room = self.currentMessage(), self.fontMetrics(), max(self.message_rect().width(), 0)
        if metrics.horizontalAdvance(message) <= room:
            return message
        return metrics.elidedText(message, Qt.TextElideMode.ElideRight, room)

    def message_tooltip(self, pos: QPoint) -> str:
        """The tooltip at ``pos``: the whole message over a message cut short, else none."""
        message = self.currentMessage()
        if message and self.message_rect().contains(pos) and self.shown_message() != message:
            return message
        return ""

    def message_rect(self) -> QRect:
        """From the margin to the first permanent widget shown (or the size grip), as QStatusBar's own."""
        left, right = LEFT_MARGIN, self.width() - RIGHT_MARGIN
        for widget in self._shown_widgets():
            if self.isRightToLeft():
                left = max(left, widget.geometry().right() + 1 + WIDGET_GAP)
            else:
                right = min(right, widget.x() - WIDGET_GAP)
        return QRect(left, 0, right - left, self.height())

    def _shown_widgets(self) -> list[QWidget]:
        """The widgets laid out in the bar and shown: while a message is, only the permanent ones (QStatusBar hides
        the others)."""
        return [child for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if child.isVisible()]

    def paintEvent(self, event: QPaintEvent) -> None:
        """As QStatusBar paints (its panel, a frame around each widget shown), with the message elided."""
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        for widget in self._shown_widgets():
            frame = widget.geometry().adjusted(-2, -1, 2, 1)
            if isinstance(widget, QSizeGrip) or not event.rect().intersects(frame):
                continue
            item = QStyleOption()
            item.rect, item.palette, item.state = frame, self.palette(), QStyle.StateFlag.State_None
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, item, painter, widget)
        if self.currentMessage():
            painter.setPen(self.palette().windowText().color())
            painter.drawText(self.message_rect(), int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                                                      | Qt.TextFlag.TextSingleLine), self.shown_message())

    def event(self, event: QEvent) -> bool:
        """A tooltip asked for over a message cut short (also over a widget of the bar's without one of its own:
        Qt passes the question on to the bar) says it whole."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            whole = self.message_tooltip(event.pos())
            if whole:
                QToolTip.showText(event.globalPos(), whole, self, self.message_rect())
                return True
        return super().event(event)
