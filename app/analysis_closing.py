"""Closing a folder (the window closing, another folder opened, reading settings that open it again) while an "Analyse
all" runs on it: asked first, saying how far it got. A folder of 500 photos takes 20 minutes and more on a CPU, and
closing threw the run away unasked. One case's analysis takes seconds and is not asked about; either stops when its
folder closes (AnalysisController.folder_closed), the results delivered so far stored."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.analysis_controller import AnalysisController
from widgets.confirm import ask_yes_no


def may_close(parent: QWidget, analysis: AnalysisController, folder: Path) -> bool:
    """True when no "Analyse all" runs, or the person said to stop it."""
    tally = analysis.running_batch()
    if tally is None:
        return True
    question = QCoreApplication.translate(
        "AnalysisClosing", "Analyse all is running: {analysed} of {total} cases analysed so far. Stop it and close "
                           "{folder}? Their results are kept, and Analyse all run again offers to analyse only the "
                           "others.").format(analysed=tally.analysed, total=tally.total, folder=folder.name or folder)
    return ask_yes_no(parent, QCoreApplication.translate("AnalysisClosing", "Analyse all"), question)
