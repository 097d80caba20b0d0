"""A window says why a write failed in the interface's language (widgets.domain_messages.shown_os_reason): the
report's PDF, and a case's save as the status bar shows it, in English and in Chinese."""
from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QMessageBox

from annotations.case_names import case_name
from annotations.workspace import messages as workspace_messages
from app.inference_messages import shown_message
from tests.gui.test_dialogs_translated import ROOT, chinese, install  # noqa: F401 - fixtures
from tests.gui.test_report_dialog import dialog  # noqa: F401 - a fixture
from widgets.report_dialog import ReportDialog

REPORT_CATALOGUE = ROOT / "resources" / "i18n" / "report_zh_CN.qm"


def _pdf_refused(dialog: ReportDialog, monkeypatch: pytest.MonkeyPatch, code: int,  # noqa: F811
                 path: Path) -> str:
    """What the dialog says when the disk refuses the PDF with ``code``."""
    def refused(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    said: list[str] = []
    monkeypatch.setattr("widgets.report_dialog.write_single_output", refused)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: said.append(text))
    assert dialog.save_pdf(str(path)) is None
    assert len(said) == 1
    return said[0]


@pytest.mark.parametrize("code, reason", [(errno.ENOSPC, "the disk is full"),
                                          (errno.EROFS, "the disk or folder is read-only")])
def test_a_refused_pdf_names_the_file_and_the_reason(dialog: ReportDialog,  # noqa: F811
                                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: int,
                                                     reason: str) -> None:
    path = tmp_path / "report.pdf"
    assert _pdf_refused(dialog, monkeypatch, code, path) == (
        f"Cannot write {path} ({reason}). Choose another folder or free some disk space.")


def test_a_refused_pdf_says_why_in_chinese(dialog: ReportDialog, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                           tmp_path: Path, chinese: None,  # noqa: F811
                                           install: Callable[[QTranslator], None]) -> None:  # noqa: F811
    translator = QTranslator()
    assert translator.load(str(REPORT_CATALOGUE))
    install(translator)
    path = tmp_path / "report.pdf"
    assert _pdf_refused(dialog, monkeypatch, errno.ENOSPC, path) == f"无法写入 {path}（磁盘已满）。请选择其他文件夹，或释放磁盘空间。"


def test_a_failed_save_says_why_in_chinese(chinese: None) -> None:  # noqa: F811
    failed = workspace_messages.SAVE_FAILED.format(folder="cases/x", image=case_name("eye.png"),
                                                   error="the disk is full")
    assert shown_message(failed).startswith("cases/x：保存 'eye.png' 失败（磁盘已满）")
