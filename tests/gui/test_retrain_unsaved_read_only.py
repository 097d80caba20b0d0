"""Retrain's Start in a read-only window (another window holds the folder) with an unsaved edit in the open case: the
edit cannot be saved, so the run must not start, and it did not; but the dialog said "Retraining failed: the open case
could not be saved; see the status bar", as if a run had failed. It says why it cannot start, and what to do."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import Workspace, WorkspaceError
from tests.gui.retrain_controllers import controller_with_folder, shut_down
from tests.gui.test_retrain import make_cases


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_an_unsaved_edit_in_a_read_only_window_keeps_retraining_from_starting_and_says_why(
        qtbot, request, tmp_path: Path, language: str) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese_interface")
    make_cases(tmp_path / "images", done=6)
    held = Workspace.open(tmp_path / "images", reader="Bob")  # another window's
    controller = controller_with_folder(tmp_path / "images", tmp_path / "settings.ini")
    try:
        cases = controller.cases
        assert cases.workspace.read_only
        cases.select_case(cases.workspace.cases()[0].case_id)
        qtbot.waitUntil(lambda: cases.doc is not None, timeout=10_000)
        cases.edits.set_findings("seen")
        dialog = controller.open_dialog()
        qtbot.addWidget(dialog)

        assert controller.start("seg", 1, 64) is None and not controller.running
        said = dialog.status_label.text()
        assert ("failed" not in said) and ("失败" not in said), said
        if language == "en":
            assert said.startswith("Retraining cannot start: the open case has unsaved edits, and this folder is "
                                   "open read-only"), said
            assert "Undo them" in said
        else:
            assert said.startswith("无法开始重新训练：") and "只读" in said and "撤销" in said, said
        assert cases.is_dirty  # the edit is kept
    finally:
        shut_down(controller)
        held.close()


def test_a_save_that_fails_in_a_writable_folder_keeps_retraining_from_starting_without_saying_failed(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing ran: its save failed (a full disk), which the status bar names; the dialog says the run did not start."""
    make_cases(tmp_path / "images", done=6)
    controller = controller_with_folder(tmp_path / "images", tmp_path / "settings.ini")
    try:
        cases = controller.cases
        cases.select_case(cases.workspace.cases()[0].case_id)
        qtbot.waitUntil(lambda: cases.doc is not None, timeout=10_000)
        cases.edits.set_findings("seen")
        dialog = controller.open_dialog()
        qtbot.addWidget(dialog)

        def disk_full(*_args: object, **_kwargs: object) -> None:
            raise WorkspaceError("case0.json: No space left on device")
        monkeypatch.setattr(Workspace, "save_case", disk_full)
        assert controller.start("seg", 1, 64) is None and not controller.running
        said = dialog.status_label.text()
        assert said.startswith("Retraining cannot start: the open case could not be saved (the status bar says "
                               "why)"), said
        assert "failed" not in said and cases.is_dirty
    finally:
        monkeypatch.undo()
        shut_down(controller)
