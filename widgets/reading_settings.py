"""The Reading section of the settings: who reads (kept for every folder) and how the open folder is read
(single or double reading, the blind rule, the agreement threshold, the arbiters), as ``retina-review reading``
sets them. Edits plain values: the caller loads and stores the folder's settings."""
from __future__ import annotations

from typing import Any, Mapping

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from annotations.reading.settings import parse_names
from widgets.shown_lists import shown_items


class ReadingSettingsBox(QGroupBox):
    """``folder``: the open folder's reading settings (keys mode, blind_ai, dice_threshold, arbiters) and its
    name under "name", or None when no folder is open (then only the reader's name can be edited)."""

    def __init__(self, reader: str, folder: Mapping[str, Any] | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reading"), parent)
        self._folder = dict(folder) if folder is not None else None
        form = QFormLayout(self)
        self.reader = QLineEdit(reader)
        self.reader.setPlaceholderText(self.tr("your name: the audit log, reports and double reading use it"))
        form.addRow(self.tr("&Reader name"), self.reader)
        self.double = QCheckBox(self.tr("&Double reading: every case is read by two readers, disagreements "
                                        "go to an arbiter"))
        self.blind_ai = QCheckBox(self.tr("&Blind: a reader does not see the AI's result until they submit "
                                          "the case"))
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setToolTip(self.tr("Two readings disagree when a lesion class's mask Dice or box F1 "
                                          "falls below this"))
        self.arbiters = QLineEdit()
        self.arbiters.setPlaceholderText(self.tr("names, separated by commas: they open the consensus"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        if self._folder is None:
            self.note.setText(self.tr("Open a folder to choose how it is read."))
        else:
            self.note.setText(self.tr("How the folder “{folder}” is read (kept in the folder, for all its "
                                      "readers):").format(folder=self._folder.get("name", "")))
            self.double.setChecked(self._folder.get("mode") == "double")
            self.blind_ai.setChecked(bool(self._folder.get("blind_ai")))
            self.threshold.setValue(float(self._folder.get("dice_threshold", 0.5)))
            self.arbiters.setText(shown_items(self._folder.get("arbiters", ())))
        form.addRow(self.note)
        form.addRow(self.double)
        form.addRow(self.blind_ai)
        form.addRow(self.tr("D&isagree below (Dice, F1)"), self.threshold)
        form.addRow(self.tr("&Arbiters"), self.arbiters)
        self.double.toggled.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        has_folder = self._folder is not None
        self.double.setEnabled(has_folder)
        for widget in (self.blind_ai, self.threshold, self.arbiters):
            widget.setEnabled(has_folder and self.double.isChecked())

    def folder_values(self) -> dict[str, Any] | None:
        """The folder's reading settings as edited (same keys as given), or None without a folder."""
        if self._folder is None:
            return None
        names = parse_names(self.arbiters.text())
        return {**self._folder, "mode": "double" if self.double.isChecked() else "single",
                "blind_ai": self.blind_ai.isChecked(), "dice_threshold": round(self.threshold.value(), 2),
                "arbiters": names}
