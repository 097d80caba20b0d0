"""How much of the screen a window opens on: no taller and no wider than the screen's free room allows.

A 1366 x 768 clinic laptop leaves about 728 pixels under its task bar, and the window's title bar takes some of
them; a dialog opened taller than that has its buttons out of reach on Windows, whose window manager does not
shrink it. At 125 % display scaling the same laptop is 1093 pixels wide: a dialog opened wider has its right edge,
and its table's last columns, off the screen. Widgets call these when they open, never after the person resized
them.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollArea, QWidget

SCREEN_SHARE = 0.9  # of the screen's free room a window takes at most when it opens: its frame needs the rest


def free_room(widget: QWidget) -> QRect:
    """The free room (without task bars) of the screen ``widget`` opens on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted_size(wanted: QSize, room: QRect) -> QSize:
    """``wanted`` no taller and no wider than ``SCREEN_SHARE`` of ``room`` (Qt keeps a window at least its minimum
    size: its tables and fields scroll below that)."""
    return QSize(min(wanted.width(), round(room.width() * SCREEN_SHARE)),
                 min(wanted.height(), round(room.height() * SCREEN_SHARE)))


def fits(size: QSize, room: QRect) -> bool:
    """Whether a window of ``size`` opens within ``room`` as it is (fitted_size would not shrink it)."""
    return fitted_size(size, room) == size


def fits_on_screen(widget: QWidget, size: QSize) -> bool:
    """Whether ``widget`` opens within its screen's free room at ``size``."""
    return fits(size, free_room(widget))


def opening_size(widget: QWidget, wanted: QSize) -> QSize:
    """``wanted`` fitted to the free room of ``widget``'s screen: the size open_fitted gives it, for a window that
    sets itself out for the width it will open at."""
    return fitted_size(wanted, free_room(widget))


def open_fitted(widget: QWidget, wanted: QSize, room: QRect | None = None) -> None:
    """Size ``widget`` to ``wanted``, fitted to ``room`` (the free room of its screen when None)."""
    widget.resize(fitted_size(wanted, room if room is not None else free_room(widget)))


def grow_within_room(widget: QWidget, before: QSize) -> None:
    """Lay out ``widget``, a window shown at ``before`` that has just shown more: Qt grows a window to what it shows
    (the retrain dialog's comparison took it 60-70 px past the bottom of a laptop at 125 % scaling, its choices under
    the task bar); it grows no further than its screen's room, and never shrinks below ``before``."""
    widget.layout().activate()
    widget.resize(fitted_size(widget.size(), free_room(widget)).expandedTo(before))


class VerticalScrollArea(QScrollArea):
    """Scrolls its content up and down only: as wide as the content needs, as tall as the content where the window
    has the room, less with a scroll bar where it has not (a dialog on a laptop screen)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # as wide as the content needs
        # Not a stop of the Tab chain: a dialog opens with its first field, not this frame, ready to type in
        # (QScrollArea still scrolls to the field Tab reaches).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(content)  # installs this area's event filter on the content

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # QScrollArea's own is capped at 24 lines of text
        return QSize(self._width(), self.widget().sizeHint().height() + 2 * self.frameWidth())

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001 - QObject, QEvent
        if watched is self.widget() and event.type() == event.Type.LayoutRequest:
            self.updateGeometry()  # the content's texts changed: the window's layout asks the hints again
        return super().eventFilter(watched, event)

    def _width(self) -> int:
        return (self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                + 2 * self.frameWidth())
