"""Preferences: reader name and the open folder's reading (widgets.reading_settings), device, model per task,
lesion thresholds, autosave interval, interface language, report clinic and font.

Edits a plain dict (the shape of app.settings.SettingsValues.to_dict()), so this widget knows nothing about
where settings are stored, how models are found or how fonts are resolved: the caller passes the choices, a
function describing the CJK font a path gives (run on the caller's runner where one is given: reading a font's files
took 0.2-0.65 s on the GUI thread as the dialog opened) and one saying which source draws each lesion class with the
chosen models (widgets.threshold_rows).
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (QBoxLayout, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLayout, QLineEdit, QPlainTextEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from annotations.threshold_scale import NO_ANCHOR
from widgets.path_edit import PathEdit
from widgets.reading_settings import ReadingSettingsBox
from widgets.screen_room import VerticalScrollArea, fits_on_screen, open_fitted
from widgets.threshold_rows import ClassSource, ThresholdRow

if TYPE_CHECKING:
    from widgets.report_dialog import PreviewRunner

DescribeSources = Callable[[Mapping[str, str]], Mapping[str, ClassSource]]  # task -> model choice; class -> source

# Model tasks (inference.model_card.TASKS) as the form names them; marked for pyside6-lupdate, translated when shown.
TASK_NAMES = {
    "lesion-segmentation": QT_TRANSLATE_NOOP("SettingsDialog", "Lesion segmentation"),
    "dr-grade": QT_TRANSLATE_NOOP("SettingsDialog", "DR grade"),
    "referable": QT_TRANSLATE_NOOP("SettingsDialog", "Referable DR"),
    "oct": QT_TRANSLATE_NOOP("SettingsDialog", "OCT classification"),
    "optic-disc": QT_TRANSLATE_NOOP("SettingsDialog", "Optic disc"),
    "lesions-present": QT_TRANSLATE_NOOP("SettingsDialog", "DR signs present"),
    "lesion-candidates": QT_TRANSLATE_NOOP("SettingsDialog", "Lesion candidates (microaneurysms)"),
    "region-candidates": QT_TRANSLATE_NOOP("SettingsDialog", "Lesion candidates (haemorrhages)"),
}


def shown_task_name(task: str) -> str:
    """A model task as the interface names it (the task itself when it has no name here)."""
    return QCoreApplication.translate("SettingsDialog", TASK_NAMES[task]) if task in TASK_NAMES else task


class SettingsDialog(QDialog):
    def __init__(self, values: Mapping[str, Any], devices: Sequence[str], models: Mapping[str, Sequence[str]],
                 parent: QWidget | None = None, describe_font: Callable[[str], str] | None = None,
                 reading: Mapping[str, Any] | None = None, languages: Mapping[str, str] | None = None,
                 unusable_models: Sequence[str] = (), describe_sources: DescribeSources | None = None,
                 runner: PreviewRunner | None = None) -> None:
        """``models``: task -> names of installed models for it; "" in ``values["models"]`` means automatic;
        ``unusable_models``: why each model folder that is not offered cannot be used, in the interface's language;
        ``describe_sources(model choices)``: per lesion class what draws it with those models (asked again when a
        choice changes).
        ``describe_font(path)``: which CJK font reports use with that setting ("" = found automatically); with a
        ``runner`` (app.tasks.TaskRunner) called on its worker, the note saying the fonts are being read meanwhile and
        the dialog in use; None: on the GUI thread.
        ``reading``: the open folder's reading settings (see ReadingSettingsBox), None without a folder.
        ``languages``: interface language code -> its name; "" in ``values["language"]`` follows the system."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._values = copy.deepcopy(dict(values))
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never narrower than its texts
        # Two columns (reading and general left; models, thresholds and reports right), scrolled up and down where
        # the screen is shorter than they are (a 768-pixel laptop's, in Chinese): the buttons stay in reach. One
        # under the other where the screen is narrower than the two side by side (see below).
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.reading = ReadingSettingsBox(self._values["reader"], reading, self)
        self.reader = self.reading.reader
        left.addWidget(self.reading)
        general = QFormLayout()
        self.device = QComboBox()
        for device in dict.fromkeys(["auto", *devices, self._values["device"]]):
            self.device.addItem(self.tr("automatic") if device == "auto" else device, device)
        self.device.setCurrentIndex(max(0, self.device.findData(self._values["device"])))
        general.addRow(self.tr("De&vice"), self.device)
        self.autosave = QSpinBox()
        self.autosave.setRange(1, 600)
        self.autosave.setSuffix(self.tr(" s", "seconds"))
        self.autosave.setValue(int(self._values["autosave_s"]))
        general.addRow(self.tr("A&utosave after"), self.autosave)
        self.analyze_on_open = QCheckBox(self.tr("Anal&yse a case when it is opened"))
        self.analyze_on_open.setChecked(bool(self._values["analyze_on_open"]))
        general.addRow("", self.analyze_on_open)
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "")
        for code, name in (languages or {}).items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self._values.get("language", ""))))
        general.addRow(self.tr("&Language"), self.language)
        language_note = QLabel(self.tr("The language changes when RetinaReview is started again."))
        language_note.setWordWrap(True)
        general.addRow("", language_note)
        left.addLayout(general)
        left.addStretch(1)

        model_box = QGroupBox(self.tr("&Models per task"))  # its key: the first task's
        model_form = QFormLayout(model_box)
        self.models: dict[str, QComboBox] = {}
        for task, chosen in self._values["models"].items():
            combo = QComboBox()
            combo.addItem(self.tr("(first installed)"), "")
            for name in models.get(task, ()):
                combo.addItem(name, name)
            if chosen and combo.findData(chosen) < 0:
                combo.addItem(self.tr("{model} (not installed)").format(model=chosen), chosen)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            model_form.addRow(shown_task_name(task), combo)
            self.models[task] = combo
        self.unusable_models = QLabel(self.tr("Model folders that cannot be used:\n{problems}").format(
            problems="\n".join(unusable_models)))
        self.unusable_models.setWordWrap(True)
        self.unusable_models.setStyleSheet("color: #b00020;")
        self.unusable_models.setVisible(bool(unusable_models))
        model_form.addRow(self.unusable_models)
        right.addWidget(model_box)

        lesion_box = QGroupBox(self.tr("Lesion classes: &probability threshold"))
        lesion_form = QFormLayout(lesion_box)
        anchors = self._values.get("threshold_anchors", {})
        self.threshold_rows = {name: ThresholdRow(name, threshold, anchors.get(name, NO_ANCHOR)) for name, threshold in
                               self._values["thresholds"].items()}
        for name, row in self.threshold_rows.items():
            lesion_form.addRow(name, row)
        right.addWidget(lesion_box)
        self._describe_sources = describe_sources
        for combo in self.models.values():
            combo.currentIndexChanged.connect(self.update_sources)
        self.update_sources()

        report_box = QGroupBox(self.tr("Reports"))
        report_form = QFormLayout(report_box)
        self.clinic_name = QLineEdit(str(self._values.get("clinic_name", "")))
        self.clinic_address = QPlainTextEdit(str(self._values.get("clinic_address", "")))
        self.clinic_address.setFixedHeight(60)
        self.clinic_logo = PathEdit(str(self._values.get("clinic_logo", "")))
        self.clinic_logo.setPlaceholderText(self.tr("none"))
        self.cjk_font = PathEdit(str(self._values.get("report_cjk_font", "")))
        self.cjk_font.setPlaceholderText(self.tr("found automatically"))
        self.font_note = QLabel()
        self.font_note.setWordWrap(True)
        self._describe_font, self._runner = describe_font, runner
        report_form.addRow(self.tr("Clinic &name"), self.clinic_name)
        report_form.addRow(self.tr("Clinic addre&ss"), self.clinic_address)
        report_form.addRow(self.tr("Clinic lo&go"), self._with_browse(
            self.clinic_logo, self.tr("Brows&e…"), self.tr("Clinic logo"), self.tr("Images (*.png *.jpg *.jpeg)")))
        report_form.addRow(self.tr("CJK &font"), self._with_browse(
            self.cjk_font, self.tr("Bro&wse…"), self.tr("Font for Chinese, Japanese and Korean text"),
            self.tr("TrueType fonts (*.ttf *.ttc)")))
        for edit in (self.clinic_logo, self.cjk_font):  # the label's key goes into the field, not to its row
            report_form.labelForField(edit.parentWidget()).setBuddy(edit)
        self.cjk_font.editingFinished.connect(self.update_font_note)
        self.update_font_note()
        right.addWidget(report_box)
        right.addStretch(1)
        self.scroll = VerticalScrollArea(content)  # once filled: the area asks the content's size when it takes it
        layout.addWidget(self.scroll, 1)

        layout.addWidget(self.font_note)  # under both columns: a font's path needs the width
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if not fits_on_screen(self, self.minimumSizeHint()):
            # The two columns side by side are 1211 px wide in English: a 1366 x 768 laptop at 125 % scaling is 1093
            # wide, and its right column, scroll bar and Cancel were off the screen's edge.
            columns.setDirection(QBoxLayout.Direction.TopToBottom)
            self.scroll.updateGeometry()  # the dialog's layout asks the area's hints again
            layout.activate()
        # Qt would open it at its minimum width (the wrapped note has height-for-width)
        open_fitted(self, self.sizeHint())

    def _with_browse(self, edit: PathEdit, browse_text: str, title: str, patterns: str) -> QWidget:
        """``edit`` with a button beside it, ``browse_text`` (each its own access key), that picks a file."""
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(browse_text)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 16)  # hint in full
        row_layout.addWidget(edit, 1)
        row_layout.addWidget(button)

        def browse() -> None:
            path, _ = QFileDialog.getOpenFileName(self, title, edit.text(), patterns)
            if path:
                edit.setText(path)
                edit.editingFinished.emit()

        button.clicked.connect(browse)
        return row

    def update_sources(self) -> None:
        """Show which source draws each lesion class with the models chosen now, and the reader's threshold as it
        applies with them."""
        sources = self._describe_sources(self.model_choices()) if self._describe_sources is not None else {}
        for name, row in self.threshold_rows.items():
            row.show_source(sources.get(name))

    def model_choices(self) -> dict[str, str]:
        """Task -> the chosen model ("" = the first installed)."""
        return {task: combo.currentData() or "" for task, combo in self.models.items()}

    def update_font_note(self) -> None:
        """Show which CJK font reports will embed with the font path as typed; with a runner, once read on its worker
        (a newer path's reading replaces an older one's, whose note is never shown)."""
        describe = self._describe_font
        if describe is None:
            return
        path = self.cjk_font.text().strip()
        if self._runner is None:
            self.font_note.setText(describe(path))
            return
        self.font_note.setText(self.tr("Reading the report fonts…"))
        task = self._runner.run(lambda typed, _state: describe(typed), path, name="font note")
        task.finished.connect(self.font_note.setText)
        task.failed.connect(self.font_note.setText)  # what else the fonts' reading raised: said, not "Reading…" on

    def values(self) -> dict[str, Any]:
        """The edited settings, same shape as given."""
        values = copy.deepcopy(self._values)
        values["reader"] = self.reader.text().strip()
        values["device"] = self.device.currentData()
        values["autosave_s"] = self.autosave.value()
        values["analyze_on_open"] = self.analyze_on_open.isChecked()
        values["models"] = self.model_choices()
        values["thresholds"] = {name: row.value() for name, row in self.threshold_rows.items()}
        values["threshold_anchors"] = {name: row.anchor() for name, row in self.threshold_rows.items()}
        values["clinic_name"] = self.clinic_name.text().strip()
        values["clinic_address"] = self.clinic_address.toPlainText().strip()
        values["clinic_logo"] = self.clinic_logo.text().strip()
        values["report_cjk_font"] = self.cjk_font.text().strip()
        values["language"] = self.language.currentData()
        return values
