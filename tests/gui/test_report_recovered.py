"""After a crash the report dialog (Ctrl+P) printed a case's recovered edits, which nobody had checked since, and
said nothing of it, while `report` warned of that case by name: the dialog warns of it too, in the same words (the
open case the window reopened by itself, the other eye not opened since, and after the note was closed), and of no
case opened since."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from annotations.document import PatientInfo, ReaderGrade, ReviewState
from annotations.workspace import Workspace
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.report_partners import ask_report
from tests.gui.test_recovered_note import note_text
from tests.unit.reading_fixtures import case_of, image_folder
from tests.unit.test_workspace_recovery import fake_dead_owner
from widgets.report_dialog import ReportDialog

SAID = {"en": "the report prints edits recovered from autosave after a crash, which nobody has checked since",
        "zh_CN": "报告打印的是程序崩溃后从自动保存恢复的编辑"}


def crashed_folder(root: Path) -> Path:
    """Both eyes of one patient, graded and done; their next edits autosaved, and then the program crashed."""
    folder = image_folder(root / "photos", count=3)
    with Workspace.open(folder) as ws:
        for index, eye in ((0, "OD"), (1, "OS")):
            doc = ws.load_case(case_of(index))
            doc.patient = PatientInfo(patient_id="P-1", eye=eye)
            doc.grade, doc.review_state = ReaderGrade(dr_grade=1), ReviewState.DONE
            ws.save_case(doc)
    crashed = Workspace.open(folder)
    for index in (0, 1):
        doc = crashed.load_case(case_of(index))
        doc.grade = ReaderGrade(dr_grade=3)
        crashed.autosave(doc)
    crashed._lock.stop()
    fake_dead_owner(crashed.sidecar / "lock")
    return folder


def recovered_warnings(qtbot, window: MainWindow, language: str) -> list[str]:  # noqa: ANN001 - pytest-qt's qtbot
    """The report dialog's warnings of recovered cases, once Ctrl+P opened it with both eyes."""
    ask_report(qtbot, window)
    assert len(window.reports.docs) == 2
    return [text for text in window.reports.dialog.warnings if SAID[language] in text]


@pytest.mark.parametrize(("language", "note_closed"), [("en", False), ("en", True), ("zh_CN", False)])
def test_the_report_dialog_warns_of_recovered_cases_not_checked_since(qtbot, request, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      language: str, note_closed: bool) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese_interface")
    folder = crashed_folder(tmp_path)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)  # both eyes
    monkeypatch.setattr(ReportDialog, "exec", lambda _dialog: 0)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == case_of(0),
                        timeout=20_000)
        qtbot.waitUntil(lambda: "'img1.png'" in note_text(window), timeout=5_000)
        if note_closed:  # the person closed the note: the cases are no more checked for it
            window.recovered_bar.close_button.click()
            assert not window.recovered_bar.isVisible()
        said = recovered_warnings(qtbot, window, language)  # img0.png reopened by the window, img1.png not opened
        assert [text.split(SAID[language])[0] for text in said] == (
            ["'img0.png': ", "'img1.png': "] if language == "en" else ["'img0.png'：", "'img1.png'："])
        window.cases.select_case(case_of(1))  # img1.png opened to check it; img0.png left, so looked at
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == case_of(1),
                        timeout=10_000)
        assert recovered_warnings(qtbot, window, language) == []
        assert not window.recovered_bar.isVisible()
    finally:
        window.close()
