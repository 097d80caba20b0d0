"""The patient section of the side panel: name, ID, birth date and age, sex, eye (OD/OS) and exam date of the open
case, the eye the AI suggests from the optic disc, and the patient's other cases. It shows a PatientInfo and
announces the edited one; the app records it as an undoable step."""
from __future__ import annotations

import dataclasses
from typing import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QWidget)

from annotations.document import PatientInfo
from annotations.patients import EYES, age_on, eye_label
from widgets.shown_lists import shown_items

# Texts are marked for pyside6-lupdate in context "PatientPanel" and translated when the combo boxes are filled
# (here and in the report dialog, through ``sex_choices`` and ``eye_choices``).
SEXES = {"": QT_TRANSLATE_NOOP("PatientPanel", "not recorded"), "F": QT_TRANSLATE_NOOP("PatientPanel", "female"),
         "M": QT_TRANSLATE_NOOP("PatientPanel", "male"), "X": QT_TRANSLATE_NOOP("PatientPanel", "other")}
NOT_RECORDED = SEXES[""]
NO_AGE = -1


def sex_choices() -> dict[str, str]:
    """Each sex code with its name in the interface's language."""
    return {key: QCoreApplication.translate("PatientPanel", text) for key, text in SEXES.items()}


def eye_choices() -> dict[str, str]:
    """"" (not recorded) and each eye code with its name in the interface's language (patients.eye_label)."""
    return {"": QCoreApplication.translate("PatientPanel", NOT_RECORDED),
            **{eye: eye_label(eye, QCoreApplication.translate) for eye in EYES}}


class PatientPanel(QGroupBox):
    patient_edited = Signal(object)  # PatientInfo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Patient"))
        self.patient = PatientInfo()
        self.suggested_eye = ""
        self.name = QLineEdit()
        self.patient_id = QLineEdit()
        self.birth_date = QLineEdit()
        self.exam_date = QLineEdit()
        for line in (self.birth_date, self.exam_date):
            line.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.age = QSpinBox()
        self.age.setRange(NO_AGE, 130)
        self.age.setSpecialValueText(self.tr("not recorded"))
        self.sex = self._combo(sex_choices())
        self.eye = self._combo(eye_choices())
        self.eye_hint = QLabel()
        self.eye_hint.setStyleSheet("color: gray;")
        self.use_eye = QPushButton(self.tr("Use"))
        self.use_eye.setToolTip(self.tr("Take the eye the AI suggests from the optic disc's side"))
        self.linked = QLabel()
        self.linked.setWordWrap(True)
        hint = QHBoxLayout()
        hint.setContentsMargins(0, 0, 0, 0)
        hint.addWidget(self.eye_hint, 1)
        hint.addWidget(self.use_eye)
        form = QFormLayout(self)
        for label, field in ((self.tr("Name"), self.name), (self.tr("Patient ID"), self.patient_id),
                             (self.tr("Birth date"), self.birth_date), (self.tr("Age"), self.age),
                             (self.tr("Sex"), self.sex), (self.tr("Eye"), self.eye)):
            form.addRow(label, field)
        form.addRow("", hint)
        form.addRow(self.tr("Exam date"), self.exam_date)
        form.addRow("", self.linked)
        for line in (self.name, self.patient_id, self.birth_date, self.exam_date):
            line.editingFinished.connect(self._edited)
        self.age.editingFinished.connect(self._edited)
        for combo in (self.sex, self.eye):
            combo.activated.connect(self._edited)
        self.use_eye.clicked.connect(self._use_suggested_eye)
        self.show_patient(None)

    def show_patient(self, patient: PatientInfo | None, suggested_eye: str = "",
                     others: Sequence[str] = ()) -> None:
        """Show ``patient`` (None: no case open), the AI's eye and the patient's other cases ("b.png OS")."""
        self.setEnabled(patient is not None)
        self.patient = dataclasses.replace(patient) if patient is not None else PatientInfo()
        p = self.patient
        for line, text in ((self.name, p.name), (self.patient_id, p.patient_id), (self.birth_date, p.birth_date),
                           (self.exam_date, p.exam_date)):
            if line.text() != text:
                line.setText(text)
        self.age.setValue(NO_AGE if p.age is None else p.age)
        for combo, value in ((self.sex, p.sex), (self.eye, p.eye)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.show_suggested_eye(suggested_eye)
        self.linked.setText(self.tr("Same patient: {cases}").format(cases=shown_items(others)) if others else "")
        self.linked.setVisible(bool(others))

    def show_suggested_eye(self, suggested_eye: str) -> None:
        """The AI's eye beside the recorded one; the fields, perhaps being typed in, stay as they are."""
        self.suggested_eye = suggested_eye
        differs = bool(suggested_eye) and suggested_eye != self.patient.eye
        hint = self.tr("AI: optic disc suggests {eye}").format(
            eye=eye_label(suggested_eye, QCoreApplication.translate)) if suggested_eye else ""
        self.eye_hint.setText(hint)
        self.use_eye.setVisible(differs)

    def edited_patient(self) -> PatientInfo:
        """The fields as they are now; a readable birth date decides the age (on the exam date, else today)."""
        birth_date, exam_date = self.birth_date.text().strip(), self.exam_date.text().strip()
        age = age_on(birth_date, exam_date) if birth_date else None
        if age is None:
            age = None if self.age.value() == NO_AGE else self.age.value()
        return dataclasses.replace(self.patient, name=self.name.text().strip(),
                                   patient_id=self.patient_id.text().strip(), birth_date=birth_date, age=age,
                                   sex=self.sex.currentData(), eye=self.eye.currentData(), exam_date=exam_date)

    def commit_pending(self) -> None:
        """Announce a field still being typed (before a save or a case switch)."""
        self._edited()

    def _edited(self) -> None:
        patient = self.edited_patient()
        if self.isEnabled() and patient != self.patient:
            self.patient = patient
            self.patient_edited.emit(patient)

    def _use_suggested_eye(self) -> None:
        self.eye.setCurrentIndex(max(0, self.eye.findData(self.suggested_eye)))
        self._edited()

    def _combo(self, choices: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for key, text in choices.items():
            combo.addItem(text, key)
        return combo
