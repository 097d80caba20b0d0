"""Preferences: device, model per task, lesion thresholds and colours, autosave interval, reader name.

Edits a plain dict (the shape of app.settings.SettingsValues.to_dict()), so this widget knows nothing about
where settings are stored or how models are found: the caller passes the choices.
"""
from __future__ import annotations

import copy
from typing import Any, Mapping, Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QColorDialog, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QGroupBox, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

AUTOMATIC = "(first installed)"


class SettingsDialog(QDialog):
    def __init__(self, values: Mapping[str, Any], devices: Sequence[str], models: Mapping[str, Sequence[str]],
                 parent: QWidget | None = None) -> None:
        """``models``: task -> names of installed models for it; "" in ``values["models"]`` means automatic."""
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._values = copy.deepcopy(dict(values))
        layout = QVBoxLayout(self)

        general = QFormLayout()
        self.reader = QLineEdit(self._values["reader"])
        self.reader.setPlaceholderText("name written to the audit log and reports")
        general.addRow("Reader name", self.reader)
        self.device = QComboBox()
        self.device.addItems(list(dict.fromkeys(["auto", *devices, self._values["device"]])))
        self.device.setCurrentText(self._values["device"])
        general.addRow("Device", self.device)
        self.autosave = QSpinBox()
        self.autosave.setRange(1, 600)
        self.autosave.setSuffix(" s")
        self.autosave.setValue(int(self._values["autosave_s"]))
        general.addRow("Autosave after", self.autosave)
        self.analyse_on_open = QCheckBox("Analyse a case when it is opened")
        self.analyse_on_open.setChecked(bool(self._values["analyse_on_open"]))
        general.addRow("", self.analyse_on_open)
        layout.addLayout(general)

        model_box = QGroupBox("Models per task")
        model_form = QFormLayout(model_box)
        self.models: dict[str, QComboBox] = {}
        for task, chosen in self._values["models"].items():
            combo = QComboBox()
            combo.addItem(AUTOMATIC, "")
            for name in models.get(task, ()):
                combo.addItem(name, name)
            if chosen and combo.findData(chosen) < 0:
                combo.addItem(f"{chosen} (not installed)", chosen)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            model_form.addRow(task, combo)
            self.models[task] = combo
        layout.addWidget(model_box)

        lesion_box = QGroupBox("Lesion classes: threshold and colour")
        lesion_form = QFormLayout(lesion_box)
        self.thresholds: dict[str, QDoubleSpinBox] = {}
        self.colour_buttons: dict[str, QPushButton] = {}
        for name, threshold in self._values["thresholds"].items():
            spin = QDoubleSpinBox()
            spin.setRange(0.01, 0.99)
            spin.setSingleStep(0.05)
            spin.setValue(float(threshold))
            button = QPushButton()
            button.clicked.connect(lambda _=False, n=name: self._pick_colour(n))
            row = QWidget()
            row_layout = QFormLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addRow(spin, button)
            lesion_form.addRow(name, row)
            self.thresholds[name], self.colour_buttons[name] = spin, button
            self._show_colour(name)
        layout.addWidget(lesion_box)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _pick_colour(self, name: str) -> None:
        colour = QColorDialog.getColor(QColor(self._values["colours"][name]), self, f"Colour of {name}")
        if colour.isValid():
            self.set_colour(name, colour.name())

    def set_colour(self, name: str, colour: str) -> None:
        self._values["colours"][name] = QColor(colour).name().upper()
        self._show_colour(name)

    def _show_colour(self, name: str) -> None:
        colour = self._values["colours"][name]
        self.colour_buttons[name].setText(colour)
        self.colour_buttons[name].setStyleSheet(f"background-color: {colour};")

    def values(self) -> dict[str, Any]:
        """The edited settings, same shape as given."""
        values = copy.deepcopy(self._values)
        values["reader"] = self.reader.text().strip()
        values["device"] = self.device.currentText()
        values["autosave_s"] = self.autosave.value()
        values["analyse_on_open"] = self.analyse_on_open.isChecked()
        values["models"] = {task: combo.currentData() or "" for task, combo in self.models.items()}
        values["thresholds"] = {name: round(spin.value(), 3) for name, spin in self.thresholds.items()}
        return values
