"""Closing the folder (the window closed, another folder opened) while an export of labels runs: asked first. The
export reads the folder's store, which closes with it: it is stopped, and waited for, before that. Its dialog closes
with the folder before it could show the summary, so what the stopped export wrote, and where, is shown in a box."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from widgets.confirm import ask_yes_no
from widgets.export_dialog import ExportDialog

STOP_WAIT_S = 10.0  # an export looks at Cancel between cases: one 12-megapixel case's masks take about a second


def may_close(parent: QWidget, dialog: ExportDialog | None) -> bool:
    """True when no export runs, or the person said to stop it (it has then ended, or did not in STOP_WAIT_S);
    the files it wrote so far are kept, as after its own Cancel, and its summary says how many."""
    if dialog is None or not isValid(dialog) or not dialog.is_running():
        return True
    question = QCoreApplication.translate(
        "ExportClosing", "An export of labels is running. Stop it and close? The files it has written so far stay "
                         "in {folder}.").format(folder=dialog.out_dir())
    if not ask_yes_no(parent, dialog.windowTitle(), question):
        return False
    summary = dialog.stop(STOP_WAIT_S)
    if summary:
        QMessageBox.information(parent, dialog.windowTitle(), summary)
    return True
