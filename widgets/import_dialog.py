"""Import labels: format, the folder (or COCO file) that holds them, an optional label map; runs off the GUI thread
with progress and cancel, and ends with the import's summary.

The work is injected as ``run(fmt, source, label_map_text, state) -> summary`` (the application binds
annotations.workspace.transfer.import_labels to its workspace), so this widget knows no workspace. ``summary`` is
anything with ``format_text()`` or a string; a run that sees the cancel raises annotations.progress.Cancelled.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget)

from annotations.progress import Cancelled
from widgets.export_dialog import WorkerState

ImportRun = Callable[[str, Path, str, Any], Any]

FORMATS: tuple[tuple[str, str], ...] = (
    ("voc", "Pascal VOC boxes (NAME.xml, labelImg)"),
    ("yolo", "YOLO boxes (classes.txt and NAME.txt, labelImg)"),
    ("labelme", "labelme shapes (NAME.json): rectangles, polygons, circles"),
    ("coco", "COCO (annotations.json or the chosen .json file)"),
    ("masks", "Per-class masks, IDRiD naming (NAME_MA.png …)"),
)


class _Worker(QThread):
    progressed = Signal(float, str)
    done = Signal(str, bool)  # summary text, stopped

    def __init__(self, run: ImportRun, fmt: str, source: Path, label_map: str) -> None:
        super().__init__()
        self.work = lambda state: run(fmt, source, label_map, state)
        self.state = WorkerState(self)

    def run(self) -> None:  # the thread
        try:
            summary = self.work(self.state)
        except Cancelled:
            self.done.emit("Import cancelled; the cases imported before were kept.", True)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the person, who can fix the file or label map
            self.done.emit(f"Import failed: {exc}", True)
            return
        self.done.emit(summary.format_text() if hasattr(summary, "format_text") else str(summary), False)


class ImportDialog(QDialog):
    finished_import = Signal(str)  # the summary text

    def __init__(self, run: ImportRun, label_map: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import labels")
        self._run = run
        self._worker: _Worker | None = None

        self.format_box = QComboBox()
        for name, text in FORMATS:
            self.format_box.addItem(text, name)
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText("Folder that holds the label files")
        self.source_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_source)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_edit)
        source_row.addWidget(browse)
        self.label_map_edit = QLineEdit(label_map)
        self.label_map_edit.setPlaceholderText("hard_exudates=EX,haemorrhage=HE,optic_disc=OD")
        form = QFormLayout()
        form.addRow("Format", self.format_box)
        form.addRow("Labels in", source_row)
        form.addRow("Label map", self.label_map_edit)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText("The summary appears here when the import ends.")
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Cancel import", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.progress, self.summary, self.buttons):
            layout.addWidget(widget)
        self._update_buttons()

    def chosen_format(self) -> str:
        return str(self.format_box.currentData())

    def choose_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def _choose_source(self) -> None:
        if self.chosen_format() == "coco":
            path, _ = QFileDialog.getOpenFileName(self, "COCO file", self.source_edit.text(), "COCO JSON (*.json)")
        else:
            path = QFileDialog.getExistingDirectory(self, "Folder of label files", self.source_edit.text())
        if path:
            self.source_edit.setText(path)

    def _update_buttons(self) -> None:
        running = self.is_running()
        self.import_button.setEnabled(bool(self.source_edit.text().strip()) and not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)

    def is_running(self) -> bool:
        return self._worker is not None

    def start(self) -> None:
        if self.is_running() or not self.import_button.isEnabled():
            return
        self.summary.clear()
        self.progress.setValue(0)
        self._worker = _Worker(self._run, self.chosen_format(), Path(self.source_edit.text().strip()),
                               self.label_map_edit.text().strip())
        self._worker.progressed.connect(lambda f, _m: self.progress.setValue(round(1000 * min(max(f, 0.0), 1.0))))
        self._worker.done.connect(self._on_done)
        self._update_buttons()
        self._worker.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.state.cancel_event.set()

    def _on_done(self, text: str, stopped: bool) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.wait()
        if not stopped:
            self.progress.setValue(1000)
        self.summary.setPlainText(text)
        self._update_buttons()
        self.finished_import.emit(text)

    def reject(self) -> None:
        if self.is_running():  # Escape or the close box while importing: cancel first
            self.cancel()
            return
        super().reject()
