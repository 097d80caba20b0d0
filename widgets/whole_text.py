"""A text box whose last lines matter (an export's warnings end its summary) grows its window until the whole text
shows, as far as the screen allows: a person reads what shows, and rarely scrolls a box that looks complete."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit, QWidget


def hidden_height(edit: QPlainTextEdit) -> int:
    """Pixels of ``edit``'s text below (or above) its viewport at its present width; 0 when all of it shows."""
    document = edit.document()
    block, content = document.firstBlock(), 2 * document.documentMargin()
    while block.isValid():
        content += edit.blockBoundingRect(block).height()
        block = block.next()
    return max(0, round(content) - edit.viewport().height())


def grow_window_to_show(edit: QPlainTextEdit) -> None:
    """Make ``edit``'s window taller by the height its text lacks, up to the screen's available height (moved up
    where its bottom would leave the screen). A window tall enough already (the person made it so), a hidden, maximised
    or full-screen one stays as it is."""
    window = edit.window()
    if not window.isVisible() or window.isMaximized() or window.isFullScreen():
        return
    for _attempt in range(3):  # the text re-wraps as the box grows (its scroll bar goes): measured again
        missing = hidden_height(edit)
        if not missing or not _grow(window, missing):
            return


def _grow(window: QWidget, by: int) -> bool:
    """``window`` taller by ``by`` pixels, as far as its screen allows; False when it cannot grow at all."""
    screen = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    frame = window.frameGeometry()
    border = frame.height() - window.height()  # title bar and frame, where the platform has them
    height = min(window.height() + by, screen.height() - border, window.maximumHeight())
    if height <= window.height():
        return False
    window.resize(window.width(), height)
    below = frame.top() + border + height - 1 - screen.bottom()
    if below > 0:
        window.move(window.x(), max(screen.top(), window.y() - below))
    return True
