"""Import labels: format, the folder (or COCO file) that holds them, an optional label map; runs off the GUI thread
with progress and cancel, and ends with the import's summary.

The work is injected as ``run(fmt, source, label_map_text, state) -> summary`` (the application binds
annotations.workspace.label_import.import_labels to its workspace), so this widget knows no workspace. ``summary`` is
a TransferSummary, anything with ``format_text()`` or a string; a run that sees the cancel raises
annotations.progress.Cancelled.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from widgets.path_edit import PathEdit
from widgets.transfer_dialog import Submit, TransferDialog, TransferWorker, WorkerState, own_thread, summary_text

ImportRun = Callable[[str, Path, str, Any], Any]

FORMATS: tuple[tuple[str, str], ...] = (  # translated where shown (context "ImportDialog")
    ("voc", QT_TRANSLATE_NOOP("ImportDialog", "Pascal VOC boxes (NAME.xml, labelImg)")),
    ("yolo", QT_TRANSLATE_NOOP("ImportDialog", "YOLO boxes (classes.txt and NAME.txt, labelImg)")),
    ("labelme", QT_TRANSLATE_NOOP("ImportDialog", "labelme shapes (NAME.json): rectangles, polygons, circles, masks")),
    ("coco", QT_TRANSLATE_NOOP("ImportDialog", "COCO (annotations.json or the chosen .json file)")),
    ("cvat", QT_TRANSLATE_NOOP("ImportDialog", "CVAT for images 1.1 (annotations.xml or the chosen .xml file)")),
    ("masks", QT_TRANSLATE_NOOP("ImportDialog", "Per-class masks, IDRiD naming (NAME_MA.png …)")),
    ("indexed", QT_TRANSLATE_NOOP("ImportDialog", "Indexed PNG (NAME.png, class number per pixel)")),
)


class ImportDialog(TransferDialog):
    finished_import = Signal(str)  # the summary text

    def __init__(self, run: ImportRun, label_map: str = "", parent: QWidget | None = None,
                 submit: Submit = own_thread) -> None:
        super().__init__((self.tr("&Import"), self.tr("Ca&ncel import"),
                          self.tr("The summary appears here when the import ends.")), parent, submit)
        self.setWindowTitle(self.tr("Import labels"))
        self._run = run
        self.import_button = self.run_button

        self.format_box = QComboBox()
        for name, text in FORMATS:
            self.format_box.addItem(QCoreApplication.translate("ImportDialog", text), name)
        self.source_edit = PathEdit()
        self.source_edit.setPlaceholderText(self.tr("Folder that holds the label files"))
        self.source_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton(self.tr("C&hoose…"))
        browse.clicked.connect(self._choose_source)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_edit)
        source_row.addWidget(browse)
        self.label_map_edit = QLineEdit(label_map)
        self.label_map_edit.setPlaceholderText("hard_exudates=EX,haemorrhage=HE,optic_disc=OD")
        source_label = QLabel(self.tr("&Labels in"))
        source_label.setBuddy(self.source_edit)  # a row of a layout: no buddy of its own
        form = QFormLayout()  # a label with an access key is its field's buddy (Alt + the letter)
        form.addRow(self.tr("&Format"), self.format_box)
        form.addRow(source_label, source_row)
        form.addRow(self.tr("Label &map"), self.label_map_edit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.progress, self.status, self.summary, self.buttons):
            layout.addWidget(widget)
        self._update_buttons()

    def chosen_format(self) -> str:
        return str(self.format_box.currentData())

    def choose_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def _choose_source(self) -> None:
        if self.chosen_format() == "coco":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("COCO file"), self.source_edit.text(),
                                                  self.tr("COCO JSON (*.json)"))
        elif self.chosen_format() == "cvat":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("CVAT file"), self.source_edit.text(),
                                                  self.tr("CVAT XML (*.xml)"))
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder of label files"), self.source_edit.text())
        if path:
            self.source_edit.setText(path)

    def ready(self) -> bool:
        return bool(self.source_edit.text().strip())

    def make_worker(self) -> TransferWorker:
        fmt, source, label_map, run = (self.chosen_format(), Path(self.source_edit.text().strip()),
                                       self.label_map_edit.text().strip(), self._run)

        def work(state: WorkerState, texts: list[str]) -> None:
            texts.append(summary_text([run(fmt, source, label_map, state)]))

        return TransferWorker(work, self.tr("Import cancelled."),  # and how many cases it kept (left_behind)
                              self.tr("Import failed: {error}"))

    def run_finished(self, text: str, stopped: bool) -> None:
        self.finished_import.emit(text)
