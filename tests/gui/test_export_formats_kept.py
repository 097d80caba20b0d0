"""The export dialog ticks the formats of the last export started, across dialogs and sessions (settings.ini): a
weekly grades CSV was VOC again each time, 14 keys away."""
from __future__ import annotations

from pathlib import Path

from app.settings import Settings
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder


def test_the_next_export_dialog_ticks_the_formats_of_the_last_export(qtbot, tmp_path: Path) -> None:
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "images"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    dialog = window.annotation.show_export()
    assert dialog.chosen_formats() == ["voc"]  # nothing exported yet
    qtbot.waitUntil(lambda: dialog.counted)
    dialog.format_boxes["voc"].setChecked(False)
    for name in ("csv", "coco"):
        dialog.format_boxes[name].setChecked(True)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20000)
    assert (tmp_path / "out" / "csv" / "grades.csv").is_file()
    dialog.close()
    again = window.annotation.show_export()
    assert again.chosen_formats() == ["coco", "csv"]
    again.close()
    assert Settings.from_file(tmp_path / "settings.ini").export_formats() == ["coco", "csv"]  # the next session's


def test_formats_the_program_no_longer_has_are_passed_over(qtbot) -> None:
    from widgets.export_dialog import ExportDialog

    dialog = ExportDialog(lambda *args, **kwargs: "", {"all": ["a"]}, "/tmp/out", formats=["tfrecord"])
    qtbot.addWidget(dialog)
    assert dialog.chosen_formats() == ["voc"]
    dialog = ExportDialog(lambda *args, **kwargs: "", {"all": ["a"]}, "/tmp/out", formats=["tfrecord", "yolo"])
    qtbot.addWidget(dialog)
    assert dialog.chosen_formats() == ["yolo"]
