"""The keyboard handed to a widget in whichever window holds it. A floating dock is a window of its own, and setFocus
in a window that is not the active one only marks the widget for when that window is next active: F2 with the
findings floating left the keys on the canvas ("we" typed for the findings picked the box, then the eraser tool),
and Esc there left them in the findings (D typed "d" into them rather than moving on)."""
from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QWidget


def give_keys(widget: QWidget) -> None:
    """The keyboard to ``widget``, its window made the active one if it is not."""
    widget.setFocus()
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()


def bring_forward(dock: QDockWidget) -> None:
    """``dock`` shown and in front: its tab picked where it is tabbed with others (show() alone left it behind the
    Objects or History tab), its window raised where it floats."""
    dock.show()
    dock.raise_()
