"""The import dialog says how many cases an import stopped part-way kept (a Cancel, a case that cannot be saved):
it said the cases imported before were kept without saying whether there were any."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.label_import import import_labels
from tests.unit.test_export_stopped import CancelAt
from tests.unit.test_import_stopped import KEPT, voc_and_unlabelled
from widgets.import_dialog import ImportDialog


def stopped_import(qtbot, tmp_path: Path, state=None) -> tuple[list[str], Path]:  # noqa: ANN001 - qtbot; TaskState
    """The summary's lines of a VOC import into four cases; ``state`` stands in for the dialog's (a Cancel)."""
    voc, photos = voc_and_unlabelled(tmp_path)
    with Workspace.open(photos) as ws:
        dialog = ImportDialog(lambda fmt, source, label_map, dialog_state: import_labels(
            ws, source, fmt, None, state or dialog_state))
        qtbot.addWidget(dialog)
        dialog.choose_format("voc")
        dialog.source_edit.setText(str(voc))
        with qtbot.waitSignal(dialog.finished_import, timeout=10_000) as finished:
            dialog.import_button.click()
    assert finished.args[0] == dialog.summary.toPlainText()
    return finished.args[0].splitlines(), photos


def test_a_cancel_part_way_says_how_many_cases_were_kept(qtbot, tmp_path: Path) -> None:
    lines, photos = stopped_import(qtbot, tmp_path, CancelAt(3))  # cancelled as the third case comes
    assert lines == ["Import cancelled.", KEPT.format(count=2, folder=photos)]


def test_a_cancel_before_any_case_says_nothing_of_kept_cases(qtbot, tmp_path: Path) -> None:
    lines, _photos = stopped_import(qtbot, tmp_path, CancelAt(0))
    assert lines == ["Import cancelled."]


def test_a_failure_part_way_says_how_many_cases_were_kept(qtbot, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    save, saves = Workspace.save_case, []

    def save_case(self: Workspace, *args: object, **kwargs: object) -> None:  # the import's second save fails
        if self.folder.name == "photos":  # (a full disk), not the labelled folder's
            if saves:
                raise WorkspaceError("the disk is full")
            saves.append(args[0])
        save(self, *args, **kwargs)
    monkeypatch.setattr(Workspace, "save_case", save_case)
    lines, photos = stopped_import(qtbot, tmp_path)
    assert lines == ["Import failed: the disk is full", KEPT.format(count=1, folder=photos)]
