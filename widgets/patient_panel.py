"""The patient section of the side panel: name, ID, birth date and age, sex, eye (OD/OS) and exam date of the open
case, the eye the AI suggests from the optic disc, and the patient's other cases; its Patient button folds them into
one line (room for the findings on a laptop screen). It shows a PatientInfo and announces the edited one (on Enter,
on leaving a field, on a pick, and on a pause in the typing, as the findings box does); the app records it as an
undoable step, what is typed into one field as one step until the field is left. Enter or Esc in a field hands the
keyboard back to the image (keys_returned); Ctrl+Z in one with no typing of its own left is the case's Undo."""
from __future__ import annotations

import dataclasses
from typing import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

from annotations.document import PatientInfo
from annotations.patients import (EYES, MAX_AGE, edited_age, eye_label, half_typed_date, renamed, shown_name,
                                  written_date)
from widgets.case_undo_keys import CaseUndoKeys
from widgets.date_marks import mark_dates
from widgets.elided_label import ElidedLabel
from widgets.shown_lists import shown_items
from widgets.typing_done_keys import TypingDoneKeys
from widgets.typing_pause import typing_pause
from widgets.undoable_spin_box import UndoableSpinBox
from widgets.wrapped_label import WrappedLabel

# Texts are marked for pyside6-lupdate in context "PatientPanel" and translated when the combo boxes are filled
# (here and in the report dialog, through ``sex_choices`` and ``eye_choices``).
SEXES = {"": QT_TRANSLATE_NOOP("PatientPanel", "not recorded"), "F": QT_TRANSLATE_NOOP("PatientPanel", "female"),
         "M": QT_TRANSLATE_NOOP("PatientPanel", "male"), "X": QT_TRANSLATE_NOOP("PatientPanel", "other")}
NOT_RECORDED = SEXES[""]
NO_AGE = -1
SHORTEST_CHOICE_CHARACTERS = 6  # of a sex or eye choice in a narrow dock


def sex_choices() -> dict[str, str]:
    """Each sex code with its name in the interface's language."""
    return {key: QCoreApplication.translate("PatientPanel", text) for key, text in SEXES.items()}


def eye_choices() -> dict[str, str]:
    """"" (not recorded) and each eye code with its name in the interface's language (patients.eye_label)."""
    return {"": QCoreApplication.translate("PatientPanel", NOT_RECORDED),
            **{eye: eye_label(eye, QCoreApplication.translate) for eye in EYES}}


class PatientPanel(QGroupBox):
    patient_edited = Signal(object)  # PatientInfo typed: at each pause, on leaving a field; one step till typing_ended
    typing_ended = Signal()  # a field typed in was left: what is typed next is another step
    patient_picked = Signal(object)  # PatientInfo with a sex or eye picked: a step of its own
    expanded_changed = Signal(bool)  # the details shown (True) or folded into one line
    keys_returned = Signal()  # Enter or Esc in a field: the keyboard goes back to the image (TypingDoneKeys)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.patient = PatientInfo()
        self.suggested_eye = ""
        self.name = QLineEdit()
        self.patient_id = QLineEdit()
        self.birth_date = QLineEdit()
        self.exam_date = QLineEdit()
        for line in (self.birth_date, self.exam_date):
            line.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.age = UndoableSpinBox()  # Undo (Ctrl+Z, its right-click menu's) takes its typing back
        self.age.setRange(NO_AGE, MAX_AGE)
        self.age.setSpecialValueText(self.tr("not recorded"))
        self._shown_age = NO_AGE  # the age field as last shown: any other value in it was typed (edited_age)
        self._pause = typing_pause(self, self._typing_paused)
        self.sex = self._combo(sex_choices())
        self.eye = self._combo(eye_choices())
        self.eye_hint = WrappedLabel()  # the eye's full label wraps in a narrow dock rather than widen it
        self.eye_hint.setStyleSheet("color: gray;")
        self.use_eye = QPushButton(self.tr("Use"))
        self.use_eye.setToolTip(self.tr("Take the eye the AI suggests from the optic disc's side"))
        self.hint_row = self._hint_row()  # shown only with a suggestion: an empty row left a gap in a short dock
        self.linked = QLabel()
        self.linked.setWordWrap(True)
        self.toggle = QToolButton()
        self.toggle.setText(self.tr("Patient"))
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip(self.tr("Show or hide the patient's details"))
        self.summary = ElidedLabel()  # the details in one line while they are hidden
        header = QHBoxLayout()
        header.addWidget(self.toggle)
        header.addWidget(self.summary, 1)
        header.addStretch()  # the toggle stays left while the summary is hidden
        self.details = QWidget()
        grid = QGridLayout(self.details)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        # Two short fields share a row (birth date and age, sex and eye): the section stays low in a short window.
        rows = (((self.tr("Name"), self.name),), ((self.tr("Patient ID"), self.patient_id),),
                ((self.tr("Birth date"), self.birth_date), (self.tr("Age"), self.age)),
                ((self.tr("Sex"), self.sex), (self.tr("Eye"), self.eye)),
                (("", self.hint_row),), ((self.tr("Exam date"), self.exam_date),), (("", self.linked),))
        for row, fields in enumerate(rows):
            for column, (label, field) in enumerate(fields):
                if label:
                    grid.addWidget(QLabel(label), row, 2 * column)
                grid.addWidget(field, row, 2 * column + 1, 1, 3 if len(fields) == 1 else 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.details)
        self.expanded = True
        self.toggle.clicked.connect(lambda: self.set_expanded(not self.expanded))
        self._show_expanded()
        for line in (self.name, self.patient_id, self.birth_date, self.exam_date):
            line.editingFinished.connect(self._field_left)
            line.textEdited.connect(self._pause.start)  # typed, not set by show_patient
        self.age.editingFinished.connect(self._field_left)
        self._typing_keys = TypingDoneKeys(self)
        self.undo_keys = CaseUndoKeys(self)  # Ctrl+Z with no typing left to take back: the case's Undo
        for field in (self.name, self.patient_id, self.birth_date, self.exam_date, self.age):
            self._typing_keys.watch(field)
            self.undo_keys.watch(field)
        self._typing_keys.done.connect(self.keys_returned)
        self.age.valueChanged.connect(self._pause.start)  # _show_age sets it with its signals blocked
        for combo in (self.sex, self.eye):
            combo.activated.connect(self._picked)
        self.use_eye.clicked.connect(self._use_suggested_eye)
        self.show_patient(None)

    def show_patient(self, patient: PatientInfo | None, suggested_eye: str = "", others: Sequence[str] = (),
                     same_case: bool = False, editable: bool = True) -> None:
        """Show ``patient`` (None: no case open), the AI's eye and the patient's other cases ("b.png OS (left eye)");
        ``same_case``: the open case's again, changed, its fields perhaps still being typed in; not ``editable``:
        shown only (a file that cannot be opened, whose header names its patient)."""
        self._pause.stop()  # the fields show this patient now: nothing typed is left to record
        if not same_case:
            self.undo_keys.forget_typing()  # what was typed belongs to the case before
        self.details.setEnabled(patient is not None and editable)  # the toggle stays: it folds with no case too
        self.patient = dataclasses.replace(patient) if patient is not None else PatientInfo()
        p = self.patient
        name = shown_name(p, QCoreApplication.translate)
        for line, text in ((self.name, name), (self.patient_id, p.patient_id), (self.birth_date, p.birth_date),
                           (self.exam_date, p.exam_date)):
            if line.text().strip() != text:  # "Jane " recorded after a pause as "Jane" keeps its space being typed
                line.setText(text)
        self._show_age(p.age)
        mark_dates(self.birth_date, self.exam_date)
        for combo, value in ((self.sex, p.sex), (self.eye, p.eye)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.show_suggested_eye(suggested_eye)
        self.linked.setText(self.tr("Same patient: {cases}").format(cases=shown_items(others)) if others else "")
        self.linked.setVisible(bool(others))
        self.summary.setText(" · ".join(part for part in (name, p.patient_id, p.eye) if part))

    def show_suggested_eye(self, suggested_eye: str) -> None:
        """The AI's eye beside the recorded one; the fields, perhaps being typed in, stay as they are."""
        self.suggested_eye = suggested_eye
        differs = bool(suggested_eye) and suggested_eye != self.patient.eye
        hint = self.tr("AI: optic disc suggests {eye}").format(
            eye=eye_label(suggested_eye, QCoreApplication.translate)) if suggested_eye else ""
        self.eye_hint.setText(hint)
        self.hint_row.setVisible(bool(hint))
        self.use_eye.setVisible(differs)

    def set_expanded(self, expanded: bool) -> None:
        """Show the details (True) or only their one-line summary."""
        if expanded != self.expanded:
            self.expanded = expanded
            self._show_expanded()
            self.expanded_changed.emit(expanded)

    def _show_expanded(self) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if self.expanded else Qt.ArrowType.RightArrow)
        self.details.setVisible(self.expanded)
        self.summary.setVisible(not self.expanded)

    def _hint_row(self) -> QWidget:
        """The AI's eye and the button that takes it, under the eye."""
        row = QWidget()
        hint = QHBoxLayout(row)
        hint.setContentsMargins(0, 0, 0, 0)
        hint.addWidget(self.eye_hint, 1)
        hint.addWidget(self.use_eye)
        return row

    def edited_patient(self, as_typed: bool = False) -> PatientInfo:
        """The fields as they are now, with the age patients.edited_age gives: a typed one, else one from a changed
        birth or exam date, else the recorded one. A date written year first another way (1958/3/12, 1958年3月12日)
        is its ISO date (patients.written_date), unless ``as_typed``."""
        read = (lambda text: text.strip()) if as_typed else written_date
        typed = dataclasses.replace(renamed(self.patient, self.name.text().strip(), [QCoreApplication.translate]),
                                    patient_id=self.patient_id.text().strip(),
                                    birth_date=read(self.birth_date.text()),
                                    age=None if self.age.value() == NO_AGE else self.age.value(),
                                    sex=self.sex.currentData(), eye=self.eye.currentData(),
                                    exam_date=read(self.exam_date.text()))
        return dataclasses.replace(typed, age=edited_age(self.patient, typed, self.age.value() != self._shown_age))

    def commit_pending(self) -> None:
        """Announce a field still being typed (before a save or a case switch)."""
        self._edited()

    def _typing_paused(self) -> None:
        """Record what was typed, so the autosave snapshot has it; a date half typed (or written another way than
        YYYY-MM-DD: 1958/3/1 may be 1958/3/12 being typed) waits for Enter or leaving it."""
        if not half_typed_date(self.patient, self.edited_patient(as_typed=True)):
            self._edited()

    def _field_left(self) -> None:
        self._edited()
        self.typing_ended.emit()
        self.undo_keys.forget_typing()  # the typing is the case's step now: Ctrl+Z takes steps back in order

    def _picked(self) -> None:
        self._edited(picked=True)

    def _edited(self, picked: bool = False) -> None:
        """Announce the fields as they are now: typed (patient_edited), or with a sex or eye just ``picked``
        (patient_picked), what was typed before the pick announced as typed first."""
        self._pause.stop()
        patient = self.edited_patient()
        for line, text in ((self.birth_date, patient.birth_date), (self.exam_date, patient.exam_date)):
            if line.text().strip() != text:  # 1958/3/12 shown as it is recorded, 1958-03-12, changed or not (a
                line.setText(text)  # pause would take it for a date half typed and record nothing more)
        mark_dates(self.birth_date, self.exam_date)
        if picked:  # typed within the pause before the pick: its own step, so Undo takes back the pick alone
            typed = dataclasses.replace(patient, sex=self.patient.sex, eye=self.patient.eye)
            self._announce(typed, self.patient_edited)
        self._announce(patient, self.patient_picked if picked else self.patient_edited)

    def _announce(self, patient: PatientInfo, signal: SignalInstance) -> None:
        if self.details.isEnabled() and patient != self.patient:
            self.patient = patient
            self._show_age(patient.age)  # one a changed birth date gave, at once
            signal.emit(patient)

    def _show_age(self, age: int | None) -> None:
        with QSignalBlocker(self.age):  # shown, not typed
            self.age.setValue(NO_AGE if age is None else age)
        self._shown_age = self.age.value()

    def _use_suggested_eye(self) -> None:
        self.eye.setCurrentIndex(max(0, self.eye.findData(self.suggested_eye)))
        self._picked()

    def _combo(self, choices: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        # Sex and eye share a row: each takes half of it, not its longest choice's width (the popup shows it whole).
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(SHORTEST_CHOICE_CHARACTERS)
        for key, text in choices.items():
            combo.addItem(text, key)
        return combo
