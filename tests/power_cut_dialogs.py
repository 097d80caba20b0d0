"""Drives the window's own Export and Import dialogs offscreen, as a person clicks through them, and may die like a
power cut (tests/power_cut_hook.py); tests/gui/test_power_cut_dialogs.py runs it through tests/power_cut.py.

    python tests/power_cut_dialogs.py FOLDER SETTINGS export OUT FORMAT[,FORMAT…] REPLACE CUT
    python tests/power_cut_dialogs.py FOLDER SETTINGS import LABELS FORMAT - CUT

REPLACE: 1 ticks "Replace files already in this folder". CUT (N, or N:NAME; 0: none) as power_cut_driver's. Living
to the end, it prints the dialog's summary between SUMMARY<< and >>, then the number of steps it took.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.power_cut_driver import wait_until
from tests.power_cut_hook import install, steps

WAIT_S = 60.0  # a window's export of 20 cases on a loaded machine


def main(folder: Path, settings_file: Path, mode: str, target: str, formats: str, replace: bool) -> None:
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from app.settings import Settings

    app = QApplication.instance() or QApplication([])

    window = MainWindow(Settings.from_file(settings_file))
    window.show()
    assert window.open_paths([folder])
    wait_until(app, lambda: window.cases.doc is not None and window.cases.image is not None, WAIT_S)
    summaries: list[str] = []
    if mode == "export":
        dialog = window.annotation.show_export()
        dialog.finished_export.connect(summaries.append)
        wait_until(app, lambda: dialog.counted, WAIT_S)
        for name, box in dialog.format_boxes.items():
            box.setChecked(name in formats.split(","))
        dialog.scope_buttons["all"].setChecked(True)
        dialog.folder_edit.setText(target)
        dialog.overwrite_box.setChecked(replace)
        dialog.export_button.click()
    else:
        dialog = window.annotation.show_import()
        dialog.finished_import.connect(summaries.append)
        dialog.choose_format(formats)
        dialog.source_edit.setText(target)
        dialog.import_button.click()
    wait_until(app, lambda: summaries, WAIT_S)
    window.cases.flush()
    print(f"SUMMARY<<{summaries[0]}>>", flush=True)
    print(f"steps {steps()}", flush=True)
    os._exit(0)  # no clean close: what a cut after the last write finds


if __name__ == "__main__":
    cut, _, only = sys.argv[7].partition(":")
    install(int(cut), only)
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6] == "1")
