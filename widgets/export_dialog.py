"""Export labels: formats, which cases, destination folder; runs off the GUI thread with progress and cancel,
and ends with a summary (cases, boxes and labelled pixels per class).

The work is injected as ``run(fmt, out_dir, case_ids, state, overwrite=...) -> summary`` (the application passes
annotations.workspace.transfer.export_labels bound to its workspace), so this widget knows no workspace.
``summary`` is a TransferSummary, anything with ``format_text()`` or a string; ``state`` has
``progress(fraction, message)`` and ``is_cancelled()``; a run that sees the cancel raises
annotations.progress.Cancelled. ``overwrite`` is the person's explicit choice to replace files already in the folder
(never the original images). With ``prepare``,
``prepare(state)`` runs once at the start of each export, on its worker, and every format's run gets what it
returned as ``prepared=`` (the consensus of a double-read folder is sorted out once, not once per format).
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QRadioButton, QVBoxLayout, QWidget)

from annotations import messages as file_messages
from annotations.export_steps import Step
from annotations.output_folder import OutputError
from annotations.progress import Cancelled
from annotations.workspace.transfer import leave_behind, left_behind
from annotations.workspace.transfer_texts import boxes_only_note
from widgets.path_edit import PathEdit
from widgets.screen_room import fits_on_screen
from widgets.transfer_dialog import TransferDialog, TransferWorker, WorkerState, summary_text
from widgets.wrapped_label import WrappedLabel

ExportRun = Callable[..., Any]  # (fmt, out_dir, case_ids, state, overwrite=bool[, prepared=...]) -> summary

# Texts marked here, translated where shown (context "ExportDialog").
FORMATS: tuple[tuple[str, str], ...] = (
    ("voc", QT_TRANSLATE_NOOP("ExportDialog", "Pascal &VOC boxes (one .xml per image, for labelImg)")),
    ("masks", QT_TRANSLATE_NOOP("ExportDialog", "Per-class &masks, IDRiD naming (NAME_MA.png, NAME_HE.png …)")),
    ("indexed", QT_TRANSLATE_NOOP("ExportDialog", "&Indexed PNG (one image per case, class index per pixel)")),
    ("coco", QT_TRANSLATE_NOOP("ExportDialog", "C&OCO (annotations.json)")),
    ("csv", QT_TRANSLATE_NOOP("ExportDialog", "&Grades CSV (IDRiD columns)")),
    ("dataset", QT_TRANSLATE_NOOP("ExportDialog", "&Training data set with train/val/test split files")),
    ("yolo", QT_TRANSLATE_NOOP("ExportDialog", "&YOLO boxes (classes.txt and one .txt per image, for labelImg)")),
    ("cvat", QT_TRANSLATE_NOOP("ExportDialog", "CVAT &for images 1.1 (annotations.xml: boxes, one mask per region)")),
    ("labelme", QT_TRANSLATE_NOOP("ExportDialog",
                                  "&labelme shapes (one .json per image: rectangles, polygons, masks)")),
)
SCOPES: tuple[tuple[str, str], ...] = (("all", QT_TRANSLATE_NOOP("ExportDialog", "&All cases ({count})")),
                                       ("done", QT_TRANSLATE_NOOP("ExportDialog", "&Done cases only ({count})")),
                                       ("shown", QT_TRANSLATE_NOOP("ExportDialog", "Cases in the li&st ({count})")),
                                       ("selection", QT_TRANSLATE_NOOP("ExportDialog", "S&elected cases ({count})")))


def _translated(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def _asked_here(error: OutputError) -> OutputError:
    """A refusal that advised the command line's --overwrite (EMPTY_OR_OVERWRITE), advising the dialog's way to ask
    instead, its tick box; what the export left behind goes with it."""
    shown = OutputError(error.path, error.reason, file_messages.EMPTY_OR_TICK_REPLACE)
    left = left_behind(error)
    if left is not None:
        leave_behind(shown, left)
    return shown


class ExportDialog(TransferDialog):
    finished_export = Signal(str)  # the summary text
    formats_chosen = Signal(list)  # the format names of an export as it starts, for the next dialog's ``formats``

    def __init__(self, run: ExportRun, scopes: Mapping[str, Sequence[str]] | None, folder: str | Path = "",
                 parent: QWidget | None = None, prepare: Callable[[WorkerState], Any] | None = None,
                 formats: Sequence[str] = ()) -> None:
        """``scopes`` maps "all", "done", "shown" (the case list after its filter) and "selection" (the rows
        selected in it) to their case ids; None: they are being counted (a big folder's are read on a worker) and
        come with ``set_scopes``. ``formats``: those ticked at first (the last export's); none known: VOC."""
        super().__init__((self.tr("E&xport"), self.tr("Ca&ncel export"),
                          self.tr("The summary appears here when the export ends.")), parent)
        self.setWindowTitle(self.tr("Export labels"))
        self._run, self._prepare, self._scopes = run, prepare, scopes or {}
        self.export_button = self.run_button

        ticked = set(formats) & {name for name, _text in FORMATS} or {"voc"}
        format_group = QGroupBox(self.tr("Formats"))
        self._format_grid = QGridLayout(format_group)
        self.format_boxes: dict[str, QCheckBox] = {}
        for name, text in FORMATS:
            box = QCheckBox(_translated(text))
            box.setChecked(name in ticked)
            self.format_boxes[name] = box
        # said before the export: a box format ticked alone leaves the painted masks out (the summary counts them)
        self.boxes_only_note = WrappedLabel()
        self._place_formats(1)

        cases = QGroupBox(self.tr("Cases"))
        row = QHBoxLayout(cases)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        for name, _text in SCOPES:
            button = QRadioButton()
            self.scope_group.addButton(button)
            row.addWidget(button)
            self.scope_buttons[name] = button

        where = QGridLayout()
        self.folder_edit = PathEdit(str(folder))
        self.folder_edit.setPlaceholderText(self.tr("Folder to write into (created if needed)"))
        self.folder_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton(self.tr("C&hoose…"))
        browse.clicked.connect(self._choose_folder)
        folder_label = QLabel(self.tr("Expo&rt to"))
        folder_label.setBuddy(self.folder_edit)
        where.addWidget(folder_label, 0, 0)
        where.addWidget(self.folder_edit, 0, 1)
        where.addWidget(browse, 0, 2)
        self.overwrite_box = QCheckBox(self.tr("Re&place files already in this folder (original images are "
                                                "never replaced)"))
        where.addWidget(self.overwrite_box, 1, 1, 1, 2)


        layout = QVBoxLayout(self)
        for widget in (format_group, cases):
            layout.addWidget(widget)
        layout.addLayout(where)
        for widget in (self.progress, self.status, self.summary, self.buttons):
            layout.addWidget(widget)
        for toggle in (*self.format_boxes.values(), *self.scope_buttons.values()):
            toggle.toggled.connect(self._update_buttons)
        for box in self.format_boxes.values():
            box.toggled.connect(self._show_boxes_only_note)
        self._show_boxes_only_note()
        self._show_scopes(scopes)
        if not fits_on_screen(self, self.minimumSizeHint()):
            self._place_formats(2)
            for layout in (self._format_grid, self.layout()):  # the hints of two columns size the dialog
                layout.invalidate()
                layout.activate()

    def _place_formats(self, columns: int) -> None:
        """The format boxes in ``columns`` columns, down the first, then the next, the note under them: two where one
        does not fit the screen (one under another they made the dialog 579 px high in Chinese, its buttons under the
        task bar of a 1366 x 768 laptop at 125 % scaling, 574 px of room; two are too wide for an 800 px screen)."""
        rows = -(-len(FORMATS) // columns)
        for index, box in enumerate(self.format_boxes.values()):
            self._format_grid.removeWidget(box)
            self._format_grid.addWidget(box, index % rows, index // rows)
        self._format_grid.removeWidget(self.boxes_only_note)
        self._format_grid.addWidget(self.boxes_only_note, rows, 0, 1, columns)

    def _show_boxes_only_note(self) -> None:
        note = boxes_only_note(self.chosen_formats(), QCoreApplication.translate)
        self.boxes_only_note.setText(note)
        self.boxes_only_note.setVisible(bool(note))

    @property
    def counted(self) -> bool:
        """The scopes are known (the export can start)."""
        return self._counted

    def set_scopes(self, scopes: Mapping[str, Sequence[str]]) -> None:
        """The counted scopes (see ``__init__``)."""
        self._scopes = scopes
        self._show_scopes(scopes)

    def _show_scopes(self, scopes: Mapping[str, Sequence[str]] | None) -> None:
        self._counted = scopes is not None
        for name, text in SCOPES:
            count = None if scopes is None else len(scopes.get(name, ()))
            button = self.scope_buttons[name]
            button.setText(_translated(text).format(count=self.tr("counting…") if count is None else count))
            button.setEnabled(bool(count))
        if scopes is not None:
            default = next((n for n, _ in SCOPES if len(scopes.get(n, ())) > 0), "all")
            self.scope_buttons[default].setChecked(True)
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
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export labels to"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def ready(self) -> bool:
        return bool(self.chosen_formats()) and bool(self.folder_edit.text().strip()) and any(
            b.isChecked() and b.isEnabled() for b in self.scope_buttons.values())

    # -- running -------------------------------------------------------------------------------------------
    def make_worker(self) -> TransferWorker:
        jobs, case_ids = self.jobs(), list(self._scopes.get(self.chosen_scope(), ()))
        overwrite, run, prepare = self.overwrite_box.isChecked(), self._run, self._prepare
        self.formats_chosen.emit(self.chosen_formats())

        def work(state: WorkerState, texts: list[str]) -> None:
            # One run of the bar: the preparation (a pass over the cases, as each format is) and each format get a
            # share of it; a format that stops at its start leaves the parts done shown.
            first = int(prepare is not None)
            passes = first + len(jobs)
            export, summaries = run if prepare is None else partial(run, prepared=prepare(
                Step(state, 1, passes))), []
            for number, (fmt, folder) in enumerate(jobs, start=first + 1):
                if state.is_cancelled():
                    raise Cancelled()
                try:
                    summaries.append(export(fmt, folder, case_ids, Step(state, number, passes),
                                            overwrite=overwrite))
                except OutputError as error:
                    if error.hint == file_messages.EMPTY_OR_OVERWRITE:
                        raise _asked_here(error) from error
                    raise
                texts[:] = [summary_text(summaries)]  # the formats done so far, shown if a later one stops

        self.status.setText(self.tr("Exporting {count} case(s)…").format(count=len(case_ids)))
        # What it kept is said once, with the count, by the line the worker adds (none when it wrote nothing).
        return TransferWorker(work, self.tr("Export cancelled."), self.tr("Export failed: {error}"))

    def run_finished(self, text: str, stopped: bool) -> None:
        self.status.setText(self.tr("Stopped.") if stopped else self.tr("Finished."))
        self.finished_export.emit(text)
