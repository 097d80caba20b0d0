"""Closing the window while an export of labels runs: asked first. The export reads the folder's store, which
closes with the window: it is stopped, and waited for, before that."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from widgets.confirm import ask_yes_no
from widgets.export_dialog import ExportDialog

STOP_WAIT_S = 10.0  # an export looks at Cancel between cases: one 12-megapixel case's masks take about a second


def may_close(parent: QWidget, dialog: ExportDialog | None) -> bool:
    """True when no export runs, or the person said to stop it (it has then ended, or did not in STOP_WAIT_S);
    the files it wrote so far are kept, as after its own Cancel."""
    if dialog is None or not isValid(dialog) or not dialog.is_running():
        return True
    question = QCoreApplication.translate(
        "ExportClosing", "An export of labels is running. Stop it and close? The files it has written so far stay "
                         "in {folder}.").format(folder=dialog.out_dir())
    if not ask_yes_no(parent, dialog.windowTitle(), question):
        return False
    dialog.stop(STOP_WAIT_S)
    return True
