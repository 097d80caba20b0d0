"""Renders the README's screenshot of the report dialog in Chinese, with a two-eye report in Chinese.
Usage: report_dialog_zh_screenshot.py RIGHT_EYE.jpg LEFT_EYE.jpg OUT.png (the shipped models analyse both photos;
see make_screenshots.sh). The interface's catalogues are installed here as the window installs them in Chinese."""
from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

from annotations.document import PatientInfo
from app.report.model import ClinicSettings
from app.report.sources import Analyzer, ReportSources
from app.report.text import I18N_DIR
from app.report_action import make_report_dialog
from app.saved_analysis import saved_analysis_settings


def main(right: Path, left: Path, out: Path) -> None:
    app = QApplication([])
    translators = []
    qt_own = [(name, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) for name in ("qtbase_zh_CN",)]
    catalogues = [(str(path), "") for path in sorted(I18N_DIR.glob("*_zh_CN.qm"))]  # every catalogue, report too
    for name, folder in qt_own + catalogues:
        translator = QTranslator(app)
        if translator.load(name, folder):
            QCoreApplication.installTranslator(translator)
            translators.append(translator)
    with ExitStack() as stack:
        sources = ReportSources(stack, None, Analyzer(saved_analysis_settings("cpu")))
        eyes = [sources.load(str(right)), sources.load(str(left))]
    patient = PatientInfo(patient_id="DEMO-0001", name="王小明（示例）", age=58, birth_date="1968-05-14", sex="M",
                          exam_date="2026-11-22")
    for eye, label in zip(eyes, ("OD", "OS")):
        eye.eye, eye.doc.patient = label, patient
    dialog = make_report_dialog(None, eyes, ClinicSettings(name="示例眼科诊所"), reader="李医生",
                                language="zh_CN")
    dialog.resize(1400, 900)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out))
    print("saved", out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
