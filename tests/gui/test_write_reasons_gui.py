"""A window says why a write failed in the interface's language (widgets.domain_messages.shown_os_reason): the
report's PDF, a case's save as the status bar shows it, the labelImg file beside a photo, the model installed after
retraining; in English and in Chinese."""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QMessageBox

import inference.registry
from annotations.case_names import case_name
from annotations.classes import LesionClass
from annotations.os_reasons import os_reason, write_hint
from annotations.commands import AddBox
from annotations.document import Box
from annotations.workspace import Workspace
from annotations.workspace import messages as workspace_messages
from app.inference_messages import shown_message
from inference.training.retrain_results import ModelScore, RetrainOutcome
from tests.gui.test_annotation_tools import window  # noqa: F401 - a fixture
from tests.gui.test_dialogs_translated import ROOT, chinese, install  # noqa: F401 - fixtures
from tests.gui.test_report_dialog import dialog  # noqa: F401 - a fixture
from tests.gui.test_retrain_blends import controller  # noqa: F401 - a fixture
from tests.unit.test_write_reasons import WORDED
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card
from widgets.domain_messages import shown_os_reason
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
                                                   error="the disk is full", hint="Free disk space, then save again.")
    assert shown_message(failed) == "cases/x：保存 'eye.png' 失败（磁盘已满）；之前保存的标注完好无损。请释放磁盘空间，然后再次保存。"


def test_a_refused_labelimg_file_beside_the_photo_says_why(qtbot, window, monkeypatch: pytest.MonkeyPatch  # noqa: F811
                                                          ) -> None:
    def read_only(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(Workspace, "write_voc_beside_image", read_only)
    window.annotation.actions["voc_next_to_images"].setChecked(True)
    window.cases.history.execute(AddBox(Box(LesionClass.HE, 5, 5, 20, 20)))
    assert window.cases.save()
    window.cases.flush()  # the XML is written on the storage queue; its failure comes back as a message
    qtbot.waitUntil(lambda: "eye.xml" in window.statusBar().currentMessage(), timeout=10_000)
    xml = window.cases.workspace.folder / "eye.xml"
    assert window.statusBar().currentMessage() == (f"Could not write {xml}: the disk or folder is read-only; check the "
                                                   "folder is writable")


def test_a_new_model_that_cannot_be_installed_says_why(qtbot, controller, tmp_path: Path,  # noqa: F811
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    new = saved_model(tmp_path / "work", tiny_segmentation_card("retrained-seg-1"))
    controller.outcome = RetrainOutcome("seg", new, "test", [], ModelScore("tiny-seg 1", None),
                                        ModelScore("retrained-seg-1", None), [])
    monkeypatch.setattr(inference.registry, "install_model", disk_full)
    assert controller.use_new_model() is None
    assert dialog.status_label.text() == (f"The new model could not be installed: could not copy the model into "
                                          f"{tmp_path / 'user'} (the disk is full). The comparison is kept: fix that "
                                          "and use the new model again, or keep the current one.")


@pytest.mark.parametrize("code", WORDED, ids=[errno.errorcode[code] for code in WORDED])
def test_each_common_cause_reads_in_chinese(chinese: None, code: int) -> None:  # noqa: F811 - the fixture
    """Not the system's English (e.g. "Input/output error" after a share went away) in a Chinese interface."""
    shown = shown_os_reason(OSError(code, os.strerror(code)))
    assert shown and not re.search("[A-Za-z]", shown), shown
    for action, again in (("save", "再次保存"), ("import", "再次导入")):  # a case an import saved: import it again
        failed = workspace_messages.SAVE_FAILED.format(folder="cases/x", image=case_name("eye.png"),
                                                       error=os_reason(OSError(code, os.strerror(code))),
                                                       hint=write_hint(OSError(code, os.strerror(code)), action))
        shown_failure = shown_message(failed)
        assert shown_failure.startswith(f"cases/x：保存 'eye.png' 失败（{shown}）")
        advice = shown_failure.split("）", 1)[1]
        assert again in advice and not re.search("[A-Za-z]", advice), shown_failure  # what to do, in Chinese too


def test_an_image_the_export_could_not_read_says_why_in_chinese(chinese: None) -> None:  # noqa: F811 - the fixture
    from annotations.formats import FormatError
    from annotations.regular_files import unreadable

    lost = OSError(errno.ENOTCONN, os.strerror(errno.ENOTCONN))
    shown = shown_message(str(unreadable(Path("/share/eye.png"), lost, FormatError)))  # as the export raises it
    assert "（与网络共享的连接已断开）" in shown, shown
    assert not re.search("[A-Za-z]", shown.replace("/share/eye.png", "")), shown  # what to do, in Chinese too
