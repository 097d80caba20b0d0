"""The export dialog's summary in Chinese: formats by their Chinese names, the lesion table once, its columns lined up
by tab stops (widgets.tab_columns) whatever the width of the words."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from annotations.workspace.transfer import export_labels
from tests.gui.test_dialogs_translated import chinese, install  # noqa: F401 - fixtures
from tests.gui.test_export_dialog import make_workspace
from widgets.export_dialog import ExportDialog
from widgets.tab_columns import show_in_columns


def cell_starts(edit: QPlainTextEdit, line: str) -> list[int]:
    """Where each cell of ``line`` (a line of ``edit``) starts, in pixels from the left."""
    block = edit.document().find(line).block()
    starts, offset = [], 0
    for cell in line.split("\t"):
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + offset)
        starts.append(edit.cursorRect(cursor).left())
        offset += len(cell) + 1
    return starts


def test_cells_of_unequal_width_start_each_column_at_one_place(qtbot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.resize(600, 300)
    lines = ["病灶\t框数\t标注像素", "MA\t0\t15", "HE\t1234567\t1200", "a much longer first cell\t1\t2"]
    show_in_columns(edit, "\n".join(["Exported 3 case(s)", "", *lines]))
    starts = [cell_starts(edit, line) for line in lines]
    assert len({row[1] for row in starts}) == 1 and len({row[2] for row in starts}) == 1, starts
    assert starts[0][1] > edit.fontMetrics().horizontalAdvance("a much longer first cell") + starts[0][0]


def test_the_chinese_summary_names_formats_and_shows_the_table_once(qtbot, tmp_path: Path,
                                                                    chinese: None) -> None:  # noqa: F811
    ws = make_workspace(tmp_path / "images")

    def run(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    for name, box in dialog.format_boxes.items():
        box.setChecked(name in ("voc", "yolo"))  # both hold boxes only: they count alike, so one table
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as finished:
        dialog.export_button.click()
    ws.close()
    lines = finished.args[0].split("\n")
    assert lines[:2] == [f"已将 1 个病例以 Pascal VOC 格式导出到 {tmp_path / 'out' / 'voc'}；写入 1 个文件",
                         f"已将 1 个病例以 YOLO 格式导出到 {tmp_path / 'out' / 'yolo'}；写入 2 个文件"]
    assert lines.count("病灶\t框数\t标注像素") == 1
    table = lines[lines.index("病灶\t框数\t标注像素"):]
    table = table[:table.index("")]
    assert len({cell_starts(dialog.summary, line)[1] for line in table}) == 1
