"""The arbiter's view of one case: both readings over the same photo, the disagreement map (per class: only
the first reader, only the second, both), why they disagree, and the decision: whose labels, which grade."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QLabel,
                               QRadioButton, QVBoxLayout, QWidget)

from annotations.classes import DME_RISK_NAMES, DR_GRADE_NAMES, LESION_CLASSES
from annotations.document import ReaderGrade
from annotations.frames import split_frame
from annotations.reading.side_by_side import ArbitrationCase
from widgets.clinical_terms import dme_risk_choice, dme_risk_name, grade_name, lesion_name
from widgets.known_texts import KnownTexts
from widgets.qimage_convert import rgb_to_qimage
from widgets.shown_lists import shown_clauses

PANE_SIDE = 420
# The reasons annotations.reading.disagreement gives, shown in the interface's language.
REASONS = KnownTexts("ArbitrationDialog", (
    QT_TRANSLATE_NOOP("ArbitrationDialog", "DR grade {a} vs {b}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "referable {a} vs {b}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "DME risk {a} vs {b}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "{cls} mask Dice {value}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "{cls} boxes F1 {value}")),
    {"True": QT_TRANSLATE_NOOP("ArbitrationDialog", "yes"),  # the referable decisions compared
     "False": QT_TRANSLATE_NOOP("ArbitrationDialog", "no"),
     "None": QT_TRANSLATE_NOOP("ArbitrationDialog", "not graded")})  # a grade or decision a reader left out


def shown_bscan(file_name: str, number: int) -> str:
    """B-scan ``number`` of a volume, named as the B-scan bar and the dialog's title name it."""
    return QCoreApplication.translate("ArbitrationDialog", "{image}, B-scan {number}").format(image=file_name,
                                                                                             number=number)


def _pane(rgb, parent: QWidget) -> QLabel:  # noqa: ANN001 - an (H, W, 3) uint8 array
    label = QLabel(parent)
    label.setPixmap(QPixmap.fromImage(rgb_to_qimage(rgb)).scaled(
        PANE_SIDE, PANE_SIDE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class ArbitrationDialog(QDialog):
    decided = Signal(int, object, object)  # index of the reading whose labels are kept, DR grade, DME risk
    decided_to_correct = Signal(int, object, object)  # the same, then the arbiter corrects those labels

    def __init__(self, case: ArbitrationCase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        names = [r.reader for r in case.readings]
        image, bscan = split_frame(case.image_path)  # a B-scan of an OCT volume is arbitrated on its own
        self.setWindowTitle(self.tr("Arbitration — {image}").format(image=image) if bscan is None else
                            self.tr("Arbitration — {image}, B-scan {number}").format(image=image, number=bscan))
        why = shown_clauses(map(REASONS, case.comparison.reasons))
        self.reasons = QLabel(self.tr("The readings disagree: {why}").format(why=why) if why
                              else self.tr("The readings agree within the folder's threshold."), self)
        self.reasons.setWordWrap(True)
        grid = QGridLayout()
        for column, reading in enumerate(case.readings):
            grid.addWidget(QLabel(self.tr("<b>{reader}</b>: {grade}").format(
                reader=reading.reader, grade=self._describe(reading.doc.grade)), self), 0, column)
            grid.addWidget(_pane(case.panes[column], self), 1, column)
        self.map_class = QComboBox(self)
        self.map_class.addItem(self.tr("Disagreement, every lesion class"), None)
        for cls in LESION_CLASSES:
            self.map_class.addItem(self.tr("Disagreement, {cls} ({name})").format(
                cls=cls.name, name=lesion_name(cls)), cls)
        self.map_pane = _pane(case.disagreement[None], self)
        self.map_class.currentIndexChanged.connect(self._show_map)
        grid.addWidget(self.map_class, 0, 2)
        grid.addWidget(self.map_pane, 1, 2)
        legend = QLabel(self.tr("orange: only {a} · blue: only {b} · white: both").format(a=names[0], b=names[1]),
                        self)
        grid.addWidget(legend, 2, 2)

        self.choice = QButtonGroup(self)
        choices = QVBoxLayout()
        for index, name in enumerate(names):
            button = QRadioButton(self.tr("Keep the labels of {name}").format(name=name), self)
            self.choice.addButton(button, index)
            choices.addWidget(button)
        # A grade the chosen reader did not record is not made up (0) nor carried over: it can stay not graded.
        self.grade = QComboBox(self)
        self.grade.addItem(self.tr("– not graded"), None)
        for grade in range(len(DR_GRADE_NAMES)):
            self.grade.addItem(f"{grade} {grade_name(grade)}", grade)
        self.dme = QComboBox(self)
        self.dme.addItem(self.tr("– not graded"), None)
        for risk in range(len(DME_RISK_NAMES)):
            self.dme.addItem(dme_risk_choice(risk), risk)
        self.choice.idClicked.connect(self._take_grade_of)
        self.choice.button(0).setChecked(True)
        self._take_grade_of(0)
        form = QFormLayout()
        form.addRow(self.tr("Labels"), choices)
        form.addRow(self.tr("Final DR grade"), self.grade)
        form.addRow(self.tr("Final DME risk"), self.dme)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.save_button = buttons.addButton(self.tr("Save as consensus"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.correct_button = buttons.addButton(self.tr("Save and correct labels…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.correct_button.setToolTip(self.tr("Save the chosen labels and grade as the consensus, then correct "
                                               "its masks and boxes on the canvas with every tool (undo: Ctrl+Z); "
                                               "saving stores the corrections as the arbitrated result"))
        self.correct_button.clicked.connect(self._decide_to_correct)
        buttons.accepted.connect(self._decide)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reasons)
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addStretch(1)  # a larger dialog keeps the reasons, panes and decision together
        layout.addWidget(buttons)

    def _describe(self, grade: ReaderGrade) -> str:
        dr = "–" if grade.dr_grade is None else grade_name(grade.dr_grade)
        dme = "–" if grade.dme_risk is None else dme_risk_name(grade.dme_risk)
        return self.tr("{grade}, {dme}").format(grade=dr, dme=dme)

    def _take_grade_of(self, index: int) -> None:
        grade = self.case.readings[index].doc.grade
        self.grade.setCurrentIndex(self.grade.findData(grade.dr_grade))
        self.dme.setCurrentIndex(self.dme.findData(grade.dme_risk))

    def _show_map(self, _index: int) -> None:
        self.map_pane.setPixmap(_pane(self.case.disagreement[self.map_class.currentData()], self).pixmap())

    def _decide(self) -> None:
        self.decided.emit(self.choice.checkedId(), self.grade.currentData(), self.dme.currentData())
        self.accept()

    def _decide_to_correct(self) -> None:
        self.decided_to_correct.emit(self.choice.checkedId(), self.grade.currentData(), self.dme.currentData())
        self.accept()
