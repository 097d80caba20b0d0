"""Closing the folder (the window closed, another folder opened) while exports of labels run (their dialogs are not
modal: several may): each is asked about first. An export reads the folder's store, which closes with it: it is
stopped, and waited for, before that. Its dialog closes with the folder before it could show the summary, so what
the stopped export wrote, and where, is shown in a box."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from widgets.confirm import ask_yes_no
from widgets.export_dialog import ExportDialog

STOP_WAIT_S = 10.0  # an export looks at Cancel between cases: one 12-megapixel case's masks take about a second


def may_close(parent: QWidget, dialogs: Sequence[ExportDialog]) -> bool:
    """True when no export runs in ``dialogs``, or the person said to stop each one, asked in turn (a No keeps them
    all going): they have then ended, or did not in STOP_WAIT_S; the files each wrote so far are kept, as after its
    own Cancel, and its summary says how many."""
    running = [dialog for dialog in dialogs if isValid(dialog) and dialog.is_running()]
    if not all(ask_yes_no(parent, dialog.windowTitle(), _question(dialog)) for dialog in running):
        return False
    for dialog in running:
        dialog.cancel()  # all at once: none waits for another's case to end
    for dialog in running:
        summary = dialog.stop(STOP_WAIT_S)
        if summary:
            QMessageBox.information(parent, dialog.windowTitle(), summary)
    return True


def _question(dialog: ExportDialog) -> str:
    return QCoreApplication.translate(
        "ExportClosing", "An export of labels is running. Stop it and close? The files it has written so far stay "
                         "in {folder}.").format(folder=dialog.out_dir())
