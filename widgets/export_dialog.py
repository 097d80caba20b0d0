"""Export labels: formats, which cases, destination folder; runs off the GUI thread with progress and cancel,
and ends with a summary (cases, boxes and labelled pixels per class).

The work is injected as ``run(fmt, out_dir, case_ids, state, overwrite=...) -> summary`` (the application passes
annotations.workspace.transfer.export_labels bound to its workspace), so this widget knows no workspace.
``summary`` is anything with ``format_text()`` or a string; ``state`` has ``progress(fraction, message)`` and
``is_cancelled()``; a run that sees the cancel raises annotations.progress.Cancelled. ``overwrite`` is the
person's explicit choice to replace files already in the folder (never the original images).
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar,
                               QPushButton, QRadioButton, QVBoxLayout, QWidget)

from annotations.progress import Cancelled

ExportRun = Callable[..., Any]  # (fmt, out_dir, case_ids, state, overwrite=bool) -> summary

FORMATS: tuple[tuple[str, str], ...] = (
    ("voc", "Pascal VOC boxes (one .xml per image, for labelImg)"),
    ("masks", "Per-class masks, IDRiD naming (NAME_MA.png, NAME_HE.png …)"),
    ("indexed", "Indexed PNG (one image per case, class index per pixel)"),
    ("coco", "COCO (annotations.json)"),
    ("csv", "Grades CSV (IDRiD columns)"),
    ("dataset", "Training data set with train/val/test split files"),
    ("yolo", "YOLO boxes (classes.txt and one .txt per image, for labelImg)"),
)
SCOPES: tuple[tuple[str, str], ...] = (("all", "All cases"), ("done", "Done cases only"),
                                       ("selection", "Selected cases"))


class WorkerState:
    """The TaskState the run sees: progress goes to the dialog by signal, cancel is a thread-safe flag."""

    def __init__(self, worker: "_Worker") -> None:
        self._worker = worker
        self.cancel_event = threading.Event()

    def progress(self, fraction: float, message: str = "") -> None:
        self._worker.progressed.emit(float(fraction), message)

    def is_cancelled(self) -> bool:
        return self.cancel_event.is_set()


class _Worker(QThread):
    progressed = Signal(float, str)
    done = Signal(str, bool)  # summary text, cancelled

    def __init__(self, run: ExportRun, jobs: list[tuple[str, Path]], case_ids: list[str], overwrite: bool) -> None:
        super().__init__()
        self.run_export, self.jobs, self.case_ids, self.overwrite = run, jobs, case_ids, overwrite
        self.state = WorkerState(self)

    def run(self) -> None:  # the thread
        texts: list[str] = []
        try:
            for fmt, folder in self.jobs:
                if self.state.is_cancelled():
                    raise Cancelled()
                summary = self.run_export(fmt, folder, self.case_ids, self.state, overwrite=self.overwrite)
                texts.append(summary.format_text() if hasattr(summary, "format_text") else str(summary))
        except Cancelled:
            self.done.emit("\n".join(texts + ["Export cancelled; files already written were kept."]), True)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the person, who can fix the folder or disk
            self.done.emit("\n".join(texts + [f"Export failed: {exc}"]), True)
            return
        self.done.emit("\n".join(texts), False)


class ExportDialog(QDialog):
    finished_export = Signal(str)  # the summary text

    def __init__(self, run: ExportRun, scopes: Mapping[str, Sequence[str]], folder: str | Path = "",
                 parent: QWidget | None = None) -> None:
        """``scopes`` maps "all", "done" and "selection" to their case ids."""
        super().__init__(parent)
        self.setWindowTitle("Export labels")
        self._run, self._scopes = run, scopes
        self._worker: _Worker | None = None

        formats = QGroupBox("Formats")
        grid = QVBoxLayout(formats)
        self.format_boxes: dict[str, QCheckBox] = {}
        for name, text in FORMATS:
            box = QCheckBox(text)
            box.setChecked(name == "voc")
            grid.addWidget(box)
            self.format_boxes[name] = box

        cases = QGroupBox("Cases")
        row = QHBoxLayout(cases)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        for name, text in SCOPES:
            count = len(scopes.get(name, ()))
            button = QRadioButton(f"{text} ({count})")
            button.setEnabled(count > 0)
            self.scope_group.addButton(button)
            row.addWidget(button)
            self.scope_buttons[name] = button
        default = next((n for n, _ in SCOPES if len(scopes.get(n, ())) > 0), "all")
        self.scope_buttons[default].setChecked(True)

        where = QGridLayout()
        self.folder_edit = QLineEdit(str(folder))
        self.folder_edit.setPlaceholderText("Folder to write into (created if needed)")
        self.folder_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_folder)
        where.addWidget(QLabel("Export to"), 0, 0)
        where.addWidget(self.folder_edit, 0, 1)
        where.addWidget(browse, 0, 2)
        self.overwrite_box = QCheckBox("Replace files already in this folder (original images are never replaced)")
        where.addWidget(self.overwrite_box, 1, 1, 1, 2)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel("")
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText("The summary appears here when the export ends.")

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Cancel export", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (formats, cases):
            layout.addWidget(widget)
        layout.addLayout(where)
        for widget in (self.progress, self.status, self.summary, self.buttons):
            layout.addWidget(widget)
        for toggle in (*self.format_boxes.values(), *self.scope_buttons.values()):
            toggle.toggled.connect(self._update_buttons)
        self._update_buttons()

    # -- choices -------------------------------------------------------------------------------------------
    def chosen_formats(self) -> list[str]:
        return [name for name, box in self.format_boxes.items() if box.isChecked()]

    def chosen_scope(self) -> str:
        return next(name for name, button in self.scope_buttons.items() if button.isChecked())

    def out_dir(self) -> Path:
        return Path(self.folder_edit.text().strip())

    def jobs(self) -> list[tuple[str, Path]]:
        """(format, folder) pairs: one format writes into the folder, several into one sub-folder each."""
        formats = self.chosen_formats()
        return [(fmt, self.out_dir() if len(formats) == 1 else self.out_dir() / fmt) for fmt in formats]

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export labels to", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def _update_buttons(self) -> None:
        running = self.is_running()
        ready = bool(self.chosen_formats()) and bool(self.folder_edit.text().strip()) and any(
            b.isChecked() and b.isEnabled() for b in self.scope_buttons.values())
        self.export_button.setEnabled(ready and not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)

    # -- running -------------------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._worker is not None

    def start(self) -> None:
        if self.is_running() or not self.export_button.isEnabled():
            return
        case_ids = list(self._scopes.get(self.chosen_scope(), ()))
        self.summary.clear()
        self.progress.setValue(0)
        self._worker = _Worker(self._run, self.jobs(), case_ids, self.overwrite_box.isChecked())
        self._worker.progressed.connect(self._on_progress)
        self._worker.done.connect(self._on_done)
        self._update_buttons()
        self.status.setText(f"Exporting {len(case_ids)} case(s)…")
        self._worker.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.state.cancel_event.set()
            self.status.setText("Cancelling…")

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(1000 * min(max(fraction, 0.0), 1.0)))
        self.status.setText(message)

    def _on_done(self, text: str, stopped: bool) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.wait()
        if not stopped:
            self.progress.setValue(1000)
        self.status.setText("Stopped." if stopped else "Finished.")
        self.summary.setPlainText(text)
        self._update_buttons()
        self.finished_export.emit(text)

    def reject(self) -> None:
        if self.is_running():  # Escape or the window's close box while writing: cancel first
            self.cancel()
            return
        super().reject()
