"""The export dialog says what an export stopped part-way kept (a full disk, Cancel): how many files, and where, in
English and in Chinese."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from tests.gui.screenshots import keep_screenshot, screenshot_folder
from tests.gui.test_dialogs_translated import chinese, install  # noqa: F401 - fixtures
from tests.unit.test_export_stopped import CancelAt, disk_full_after, labelled_folder
from widgets.export_dialog import ExportDialog


def stopped_export(qtbot, tmp_path: Path, state=None) -> tuple[str, Path]:  # noqa: ANN001 - qtbot; a TaskState
    """The summary of a VOC export of four cases; ``state`` stands in for the dialog's (a Cancel)."""
    ws = Workspace.open(labelled_folder(tmp_path / "images"))
    out = tmp_path / "out"

    def run(fmt, out_dir, case_ids, dialog_state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        return export_labels(ws, fmt, out_dir, state or dialog_state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()]}, out)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as finished:
        dialog.export_button.click()
    ws.close()
    assert finished.args[0] == dialog.summary.toPlainText()
    return finished.args[0], out


def test_a_full_disk_part_way_says_how_many_files_were_kept(qtbot, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    disk_full_after(monkeypatch, 2)
    summary, out = stopped_export(qtbot, tmp_path)
    lines = summary.splitlines()
    assert lines[0].startswith("Export failed: ") and "the disk is full" in lines[0]
    assert lines[1] == f"2 file(s) were written to {out} before the export stopped; they are kept"


def test_a_cancel_part_way_says_how_many_files_were_kept(qtbot, tmp_path: Path) -> None:
    summary, out = stopped_export(qtbot, tmp_path, CancelAt(3))
    kept = len(list(out.glob("*.xml")))
    assert summary.splitlines() == ["Export cancelled.",  # what it kept is said once, with the count
                                    f"{kept} file(s) were written to {out} before the export stopped; they are kept"]


def test_a_cancel_before_any_file_says_nothing_of_kept_files(qtbot, tmp_path: Path) -> None:
    summary, out = stopped_export(qtbot, tmp_path, CancelAt(0))  # cancelled at once
    assert not list(out.glob("*.xml"))
    assert summary == "Export cancelled."


def test_a_cancel_says_once_in_chinese_what_it_kept(qtbot, tmp_path: Path, chinese: None) -> None:  # noqa: F811
    summary, out = stopped_export(qtbot, tmp_path, CancelAt(3))
    kept = len(list(out.glob("*.xml")))
    assert summary.splitlines() == ["导出已取消。", f"导出停止前已向 {out} 写入 {kept} 个文件；这些文件已保留"]


def test_a_stopped_export_says_what_it_kept_in_chinese(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       chinese: None) -> None:  # noqa: F811
    disk_full_after(monkeypatch, 2)
    summary, out = stopped_export(qtbot, tmp_path)
    assert summary.splitlines()[1] == f"导出停止前已向 {out} 写入 2 个文件；这些文件已保留"
    assert "磁盘已满" in summary.splitlines()[0]


def test_a_stopped_export_leaves_the_bar_at_the_share_it_reached(qtbot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    disk_full_after(monkeypatch, 5)  # VOC writes its 4 files, YOLO finds the disk full at its first
    ws = Workspace.open(labelled_folder(tmp_path / "images"))

    def run(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.format_boxes["yolo"].setChecked(True)
    shown: list[int] = []
    dialog.progress.valueChanged.connect(shown.append)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000):
        dialog.export_button.click()
    ws.close()
    assert "the disk is full" in dialog.summary.toPlainText()
    assert shown == sorted(shown) and dialog.progress.value() == 500  # VOC's half: the bar never ran back to 0


def test_a_cancelled_data_set_overwrite_says_in_chinese_that_the_split_lists_went(qtbot, tmp_path: Path,
                                                                                 chinese: None) -> None:  # noqa: F811
    """Cancelled over an earlier data set export, whose split lists would describe cases no longer all there."""
    ws = Workspace.open(labelled_folder(tmp_path / "images"))
    out = tmp_path / "out"
    export_labels(ws, "dataset", out)
    states = iter([CancelAt(3)])

    def run(fmt, out_dir, case_ids, dialog_state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        return export_labels(ws, fmt, out_dir, next(states), case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()]}, out)
    qtbot.addWidget(dialog)
    for name, box in dialog.format_boxes.items():
        box.setChecked(name == "dataset")
    dialog.overwrite_box.setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as finished:
        dialog.export_button.click()
    ws.close()
    assert finished.args[0].splitlines()[-1] == (
        "已在本次导出写入病例之前删除先前导出的 'grades.csv'、'hard_negatives.json'、'splits/train.txt'、'splits/val.txt'、"
        "'splits/test.txt'：训练不会读到描述已不存在的数据集的划分列表；请重新导出以写入它们")
    assert not (out / "splits" / "train.txt").exists()
    if screenshot_folder() is not None:
        dialog.resize(1000, 640)
        dialog.show()
        qtbot.waitExposed(dialog)
        keep_screenshot(dialog, "zh-export-cancelled-dataset-overwrite.png")
