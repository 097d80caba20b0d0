"""The right-hand panel: what the AI said (grade with its probabilities, referable, image quality, what the analysis
warned about, lesion table, ICDR sentence, the models that produced it; OCT class probabilities for OCT scans) and
the reader's own grade, findings and review state.

It only shows a CaseDocument and announces what the person asked for; the app turns that into history commands,
so every edit can be undone and is autosaved.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHeaderView, QLabel, QPlainTextEdit,
                               QPushButton, QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from annotations.classes import DME_RISK_NAMES, DR_GRADE_NAMES, LESION_CLASSES, OCT_CLASSES, LesionClass
from annotations.document import UNGRADABLE, AIResult, CaseDocument, ReaderGrade, ReviewState
from annotations.findings import Findings
from annotations.graded_fields import GradeField, field_value
from annotations.grading import (NO_AI_GRADE, NOT_ANALYSED, ai_oct_class, why_no_ai_grade, with_dme_risk,
                                 with_dr_grade, with_ungradable)
from annotations.icdr import QUADRANTS
from annotations.result_sources import result_sources
from annotations.wording import fill
from widgets import domain_messages
from widgets.case_undo_keys import CaseUndoKeys
from widgets.clinical_terms import (QT_TRANSLATE_NOOP, area_scale, dme_risk_choice, flagged_if_ungradable,
                                    grade_name, icdr_sentence, lesion_area, lesion_name, lesion_source_name,
                                    oct_class_name, oct_class_short_name, quadrant_counts, quadrant_legend,
                                    quality_verdict, referable_source, result_source_label, yes_no)
from widgets.elided_combo import ElidedComboBox
from widgets.grade_bar_chart import GradeBarChart
from widgets.heat_map_choice import HeatMapChoice
from widgets.own_popup import lost_to_own_popup
from widgets.shown_lists import shown_items
from widgets.typing_pause import typing_pause

DME_SHOWN_CHARACTERS = 20  # of a DME risk choice in the reader box, before the rest is cut short
OCT_SHOWN_CHARACTERS = 12  # of an OCT class choice ("CNV — choroidal neovascularisation"), likewise
REVIEW_TEXT = {ReviewState.TODO: QT_TRANSLATE_NOOP("FindingsPanel", "To do"),
               ReviewState.IN_PROGRESS: QT_TRANSLATE_NOOP("FindingsPanel", "In progress"),
               ReviewState.DONE: QT_TRANSLATE_NOOP("FindingsPanel", "Done")}
COUNT_COLUMN = 0
QUADRANT_COLUMN = 2  # "ST 2 IT 1": the codes, explained in its header's tool tip
READER_COLUMN = 3  # the reader's own painted lesions, beside the AI's
LAYOUT_PASSES = 4  # table → AI box → panel → scroll area: each pass posts the next
WARNING_STYLE = "color: #b00020;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingsPanel", text)


def referable_text(referable: bool | None, probability: float | None, findings: Findings) -> str:
    """"Referable: yes (73%)", with the DR-signs classifier's probability and the rule that decided, when known."""
    text = QCoreApplication.translate("FindingsPanel", "Referable: {answer}").format(answer=yes_no(referable))
    if probability is not None:
        text += f" ({probability * 100:.0f}%)"
    signs = findings.lesions_present_probability
    if signs is not None:
        text += "\n" + QCoreApplication.translate("FindingsPanel", "DR signs present: {percent}% (classifier)").format(
            percent=f"{signs * 100:.0f}")
    if findings.referable_source:
        text += "\n" + QCoreApplication.translate("FindingsPanel", "Decided by: {source}").format(
            source=referable_source(findings.referable_source))
    return text


class _FindingsEdit(QPlainTextEdit):
    left = Signal()
    escaped = Signal()  # Esc: done writing, the keyboard goes back to the image (F2 brought it here)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        if not lost_to_own_popup(self, event):  # its right-click menu: still typing in it
            self.left.emit()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class _WholeTable(QTableWidget):
    """A table that asks its layout to be as tall as its header and rows: every figure in view, no scrolling inside
    it. Asked, not set: a fixed height would grow the table at once, over the widgets below it, until the layout
    next moved them (a frame, or a grab, with the heat map row drawn across the lesion rows)."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _whole_height(self) -> int:
        return self.horizontalHeader().sizeHint().height() + self.verticalHeader().length() + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._whole_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._whole_height())


class _TextLine(QLabel):
    """A wrapped line of the AI box shown only while it has text: an empty one (no ICDR sentence, no models for this
    result) would still take a blank band of the box."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


class FindingsPanel(QWidget):
    grade_edited = Signal(object)  # ReaderGrade
    findings_edited = Signal(str)  # at each pause in the typing and on leaving the box: one step until typing_ended
    typing_ended = Signal()  # the findings box was left: what is typed next is another step
    review_state_edited = Signal(object)  # ReviewState
    accept_ai_requested = Signal()

    def __init__(self, parent: QWidget | None = None,
                 shown_message: Callable[[str], str] = domain_messages.shown_message) -> None:
        """``shown_message`` puts a stored analysis warning (English, from a template) in the interface's language:
        the window passes app.inference_messages', which knows inference/'s templates."""
        super().__init__(parent)
        self.doc: CaseDocument | None = None
        self._shown_message = shown_message
        self.oct_mode = False
        self.ai_withheld = False  # blind double reading: the AI's result is kept from the reader for now
        self._accept_keys = ""  # the key of "Accept AI grade" (set_accept_keys), named on its button
        # The Review box's state of a document: the arbiter's window shows it as their case list does.
        self.review_shown: Callable[[CaseDocument], ReviewState] = lambda doc: doc.review_state
        # Whether a document's grade is not shown: the arbiter's, of a case its store holds done from before its
        # readers disagreed (their list shows it none: annotations.reading.arbiter_list)
        self.grade_withheld: Callable[[CaseDocument], bool] = lambda doc: False
        # The models a result names that an analysis would not run now ("name version"; the window asks its model
        # plan, inference.model_plan.outdated_models): the findings say the result is theirs.
        self.outdated_models: Callable[[AIResult, bool], list[str]] = lambda ai, oct_mode: []
        self._build_ai_box()
        self._build_reader_box()
        layout = QVBoxLayout(self)
        layout.addWidget(self.ai_box)
        layout.addWidget(self.reader_box)
        layout.addStretch(1)
        self._findings_timer = typing_pause(self, self._commit_findings)
        self.show_document(None)

    def _build_ai_box(self) -> None:
        self.ai_box = QGroupBox(self.tr("AI"))
        self.ai_grade = QLabel()
        self.ai_grade.setWordWrap(True)
        font = self.ai_grade.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.ai_grade.setFont(font)
        self.chart = GradeBarChart()
        self.referable = _TextLine()
        self.quality = _TextLine()
        self.warnings = _TextLine()
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.lesions = _WholeTable(len(LESION_CLASSES), 4)
        self.lesions.setHorizontalHeaderLabels([self.tr("Count"), self.tr("Area"), self.tr("Quadrants"),
                                                self.tr("Reader")])
        self.lesions.horizontalHeaderItem(READER_COLUMN).setToolTip(
            self.tr("Lesions the reader painted (connected areas)"))
        self.lesions.horizontalHeaderItem(QUADRANT_COLUMN).setToolTip(quadrant_legend())
        self.lesions.setVerticalHeaderLabels([cls.name for cls in LESION_CLASSES])
        self.lesions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (COUNT_COLUMN, READER_COLUMN):  # the counts are short: the room goes to area and quadrants,
            self.lesions.horizontalHeader().setSectionResizeMode(  # whose text then wraps to fewer lines
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.lesions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.lesions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._fit_lesion_table()
        self.area_scale = _TextLine()  # the scale the areas in mm² rest on
        self.area_scale.setStyleSheet("color: gray;")
        self.heat = HeatMapChoice()
        self.sentence = _TextLine()
        self.models = _TextLine()
        self.models.setStyleSheet("color: gray;")
        layout = QVBoxLayout(self.ai_box)
        for widget in (self.ai_grade, self.chart, self.referable, self.quality, self.warnings, self.lesions,
                       self.area_scale, self.heat, self.sentence, self.models):
            layout.addWidget(widget)

    def _build_reader_box(self) -> None:
        self.reader_box = QGroupBox(self.tr("Reader"))
        self.dr_grade = QComboBox()
        self.dr_grade.addItem(self.tr("– not graded"), None)
        for grade in range(len(DR_GRADE_NAMES)):
            self.dr_grade.addItem(f"{grade} {grade_name(grade)}", grade)
        self.dr_grade.addItem(f"{UNGRADABLE} {grade_name(UNGRADABLE)}", UNGRADABLE)  # re-photograph or refer; Ctrl+G, U
        self.dme_risk = ElidedComboBox()
        self.dme_risk.addItem(self.tr("– not graded"), None)
        for risk in range(len(DME_RISK_NAMES)):
            self.dme_risk.addItem(dme_risk_choice(risk), risk)
        # The meanings are long: the box keeps the panel's width (the shown choice is cut short with "…", whole in
        # its tooltip); its popup widens to show each choice whole.
        self.dme_risk.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dme_risk.setMinimumContentsLength(DME_SHOWN_CHARACTERS)
        self.oct_class = ElidedComboBox()
        self.oct_class.addItem(self.tr("– not graded", "OCT class"), None)  # a scan is classified: 未分类, not 未分级
        for code in OCT_CLASSES:
            self.oct_class.addItem(oct_class_name(code), code)
        self.oct_class.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.oct_class.setMinimumContentsLength(OCT_SHOWN_CHARACTERS)  # the names are long too
        self.review_state = QComboBox()
        for state, text in REVIEW_TEXT.items():
            self.review_state.addItem(_tr(text), state)
        self.accept_button = QPushButton()
        self.findings_text = _FindingsEdit()
        self.findings_text.setPlaceholderText(self.tr("Findings, in your words"))
        self.findings_text.setMaximumHeight(110)
        self.findings_text.setTabChangesFocus(True)  # Tab moves on: it typed tab characters into the saved findings
        self.undo_keys = CaseUndoKeys(self)  # Ctrl+Z with no typing left to take back: the case's Undo
        self.undo_keys.watch(self.findings_text)
        form = QFormLayout(self.reader_box)
        form.addRow(self.tr("DR grade"), self.dr_grade)
        form.addRow(self.tr("DME risk"), self.dme_risk)
        form.addRow(self.tr("OCT class"), self.oct_class)
        form.addRow("", self.accept_button)
        form.addRow(self.tr("Findings"), self.findings_text)
        form.addRow(self.tr("Review"), self.review_state)
        self._form = form
        for combo in (self.dr_grade, self.dme_risk, self.oct_class):
            combo.activated.connect(self._grade_picked)
        self.review_state.activated.connect(self._review_picked)
        self.accept_button.clicked.connect(self.accept_ai_requested)
        self.findings_text.textChanged.connect(self._findings_typed)
        self.findings_text.left.connect(self._findings_left)

    # showing ---------------------------------------------------------------------------------------------
    def show_document(self, doc: CaseDocument | None, oct_mode: bool | None = None) -> None:
        """Show ``doc`` (None: nothing open). Call ``commit_pending`` before the document is switched. Findings
        still being typed in the same case are kept (an AI result or Ctrl+Enter may come before the pause)."""
        typing = doc is not None and doc is self.doc and self._findings_timer.isActive()
        if doc is not self.doc:
            self._findings_timer.stop()
            self.undo_keys.forget_typing()  # what was typed belongs to the case before
            self.show_reader_counts(None)  # not another case's until this one's are counted
        self.doc = doc
        if oct_mode is not None:
            self.oct_mode = oct_mode
        self.setEnabled(doc is not None)
        self._show_ai(doc.ai if doc is not None else None)
        self.heat.show_result(doc.ai if doc is not None else None, self.oct_mode)
        # No heat-map box with nothing to choose: before an analysis, or a result without any map (an OCT scan
        # whose model gave no Grad-CAM), as the chart is hidden without probabilities.
        self.heat.setVisible(bool(self.heat.available_sources()))
        self._show_reader(doc, keep_typed=typing)
        self._settle_layout()

    def _settle_layout(self) -> None:
        """Lay the panel out for what it now shows before the next paint or grab, not a pass behind: its scroll
        area sizes it only a posted layout request after its rows have grown, so one frame had them squeezed."""
        for _ in range(LAYOUT_PASSES):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def withhold_ai(self, withheld: bool) -> None:
        """Say, in place of the AI's result, that it is withheld until the reader submits the case (shown from the
        next ``show_document``)."""
        self.ai_withheld = withheld

    def set_oct_mode(self, oct_mode: bool) -> None:
        self.show_document(self.doc, oct_mode)

    def show_error(self, message: str, oct_mode: bool) -> None:
        """Say why the case cannot be opened, with the rows of its kind (``oct_mode``), not the previous case's."""
        self.show_document(None, oct_mode)
        self.ai_grade.setText(self.tr("Cannot open this case"))
        self.sentence.setText(message)
        self._settle_layout()

    def _show_ai(self, ai: AIResult | None) -> None:
        self.lesions.setVisible(not self.oct_mode)
        self.referable.setVisible(not self.oct_mode)
        if ai is None:
            if self.doc is None:
                self.ai_grade.setText(self.tr("No case open"))
            elif self.ai_withheld:
                self.ai_grade.setText(self.tr("AI hidden until you submit this case (blind reading: mark it done, "
                                              "Ctrl+Enter)"))
            else:
                self.ai_grade.setText(self.tr("Not analysed yet"))
            self.chart.set_probabilities([], None)
            self.chart.setVisible(False)  # not an empty "no probabilities" chart
            for widget in (self.referable, self.quality, self.sentence, self.models):
                widget.setText("")
            self._show_warnings([])
            self._fill_lesions(Findings())
            return
        if self.oct_mode:
            self._show_oct(ai)
        else:
            self._show_dr(ai)
        self.quality.setText(self.tr("Image quality: {verdict}").format(verdict=quality_verdict(ai.quality or {})))
        self._show_warnings(ai.warnings, self.outdated_models(ai, self.oct_mode))
        sources = result_sources(ai)
        self.models.setText(self.tr("Models: {names}").format(names=shown_items(map(result_source_label, sources)))
                            if sources else "")

    def _show_warnings(self, warnings: list[str], outdated: Sequence[str] = ()) -> None:
        """What the analysis warned about, kept with its result (a photo analysed reduced, a job moved to the CPU),
        and the ``outdated`` models that made it, which an analysis would not run now."""
        lines = [self.tr("Analysis warning: {warning}").format(warning=self._shown_message(text)) for text in warnings]
        if outdated:
            lines.append(self.tr("Made by {models}, which the analysis no longer uses: analyse the case again for "
                                 "the current models' result").format(models=shown_items(outdated)))
        self.warnings.setText("\n".join(lines))

    def _show_dr(self, ai: AIResult) -> None:
        if ai.dr_grade is None:
            self.ai_grade.setText(self.tr("No DR grade"))
        else:
            text = self.tr("DR {grade} — {name} (from lesion rules)") if ai.grade_source == "icdr-rules" else \
                self.tr("DR {grade} — {name}")
            found = text.format(grade=ai.dr_grade, name=grade_name(ai.dr_grade))
            self.ai_grade.setText(flagged_if_ungradable(found, ai, self.oct_mode))
        labels = [str(grade) for grade in range(len(DR_GRADE_NAMES))]
        self.chart.set_probabilities(labels, ai.grade_probs, ai.dr_grade)
        self.chart.setVisible(bool(ai.grade_probs))
        findings = ai.findings or Findings()
        self.referable.setText(referable_text(ai.referable, ai.referable_prob, findings))
        self._fill_lesions(findings)
        self.sentence.setText(icdr_sentence(findings) if findings.summary or findings.grade_rule else "")

    def _show_oct(self, ai: AIResult) -> None:
        self.area_scale.setText("")  # the lesion table is hidden
        probs = ai.oct_probs or {}
        top = ai_oct_class(ai)
        if top is not None:
            self.ai_grade.setText(flagged_if_ungradable(self.tr("OCT: {name} ({percent}%)").format(
                name=oct_class_name(top), percent=f"{probs[top] * 100:.0f}"), ai, self.oct_mode))
            codes = [code for code in OCT_CLASSES if code in probs] or list(probs)
            self.chart.set_probabilities([oct_class_short_name(code) for code in codes],
                                         [probs[code] for code in codes])
            self.chart.setVisible(True)
        else:
            self.ai_grade.setText(self.tr("OCT: no OCT model installed — none ships by default; train one with "
                                          "`retina-review train oct` and choose it in Settings"))
            self.chart.setVisible(False)
        self.sentence.setText(self.tr("Grad-CAM heat map on the image shows what the model looked at (H toggles it).")
                              if ai.cam is not None else "")

    def _fill_lesions(self, findings: Findings) -> None:
        for row, cls in enumerate(LESION_CLASSES):
            entry = findings.classes.get(cls.name)
            count = entry.count if entry else None
            area = lesion_area(entry)
            quadrants = entry.quadrants if entry else {}
            where = quadrant_counts((q, str(quadrants[q])) for q in QUADRANTS if quadrants.get(q))
            source = (findings.lesion_sources or {}).get(cls.name)
            for column, text in enumerate(("" if count is None else str(count), area, where)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(self._source_tip(cls, source) if source else "")
                self.lesions.setItem(row, column, item)
        self.area_scale.setText(area_scale(findings))
        self._fit_lesion_table()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_lesion_table()  # the columns stretch with the dock: the text wraps anew

    def _fit_lesion_table(self) -> None:
        """Rows as tall as their text ("ST 107 SN 76 IT 50 IN 24" wraps in a narrow dock), the table as tall as
        its rows (_WholeTable)."""
        self.lesions.resizeRowsToContents()
        self.lesions.updateGeometry()

    def _source_tip(self, cls: LesionClass, source: str) -> str:
        """Who drew ``cls``, as the findings store it, in the status bar's words."""
        return fill(self.tr("{name}: drawn by {source}"), name=lesion_name(cls), source=lesion_source_name(source))

    def show_reader_counts(self, counts: Mapping[str, int] | None) -> None:
        """The lesions the reader marked per class ("HE": 3, annotations.objects.marked_counts), beside the AI's;
        blank with no case open, or ``None``: not counted yet."""
        for row, cls in enumerate(LESION_CLASSES):
            item = QTableWidgetItem(str(counts.get(cls.name, 0)) if counts is not None and self.doc is not None
                                    else "")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.lesions.setItem(row, READER_COLUMN, item)

    def _show_reader(self, doc: CaseDocument | None, keep_typed: bool = False) -> None:
        for field_widget, visible in ((self.dr_grade, not self.oct_mode), (self.dme_risk, not self.oct_mode),
                                      (self.oct_class, self.oct_mode)):
            self._form.setRowVisible(field_widget, visible)
        self.show_review_state()
        text = doc.findings_text if doc is not None else ""
        if text != self.findings_text.toPlainText() and not keep_typed:
            self.findings_text.blockSignals(True)
            self.findings_text.setPlainText(text)
            self.findings_text.blockSignals(False)
        self._show_accept()

    def set_accept_keys(self, keys: str) -> None:
        """Name the key of "Accept AI grade" on its button."""
        self._accept_keys = keys
        self._show_accept()

    def _show_accept(self) -> None:
        """The accept button of the case's kind (an OCT scan takes the AI's class), disabled with the reason as its
        tooltip when the AI's grade cannot be taken."""
        if self._accept_keys:
            text = self.tr("Accept AI class ({keys})") if self.oct_mode else self.tr("Accept AI grade ({keys})")
        else:
            text = self.tr("Accept AI class") if self.oct_mode else self.tr("Accept AI grade")
        self.accept_button.setText(text.format(keys=self._accept_keys))
        refusal = self.accept_refusal()
        self.accept_button.setEnabled(self.doc is not None and not refusal)
        self.accept_button.setToolTip(refusal)

    def accept_refusal(self) -> str:
        """Why the AI's grade (an OCT scan: its class) cannot be accepted as the reader's (why_no_ai_grade), in the
        interface's words; "" when it can, or when no case is open."""
        if self.doc is None:
            return ""
        if self.grade_withheld(self.doc):
            return self.disputed()
        reason = why_no_ai_grade(self.doc.ai, self.oct_mode)
        if reason is None:
            return ""
        if reason == NOT_ANALYSED:
            return (self.tr("The AI's result is hidden until you submit this case (blind reading)") if self.ai_withheld
                    else self.tr("No AI result for this case: run the analysis (F5) first"))
        if reason == NO_AI_GRADE:
            return (self.tr("The AI gave no OCT class for this scan: classify it yourself") if self.oct_mode
                    else self.tr("The AI gave no DR grade for this photo: grade it yourself"))
        return (self.tr("The AI found this scan not gradable, so its class cannot be taken: classify it yourself")
                if self.oct_mode else
                self.tr("The AI found this photo not gradable, so its grade cannot be taken: grade it yourself"))

    def show_review_state(self) -> None:
        """The grade and the Review box anew, as ``grade_withheld`` and ``review_shown`` tell the shown document's
        state now (a case disputed since it was settled)."""
        doc = self.doc
        withheld = doc is not None and self.grade_withheld(doc)
        grade = doc.grade if doc is not None and not withheld else ReaderGrade()
        for combo, value in ((self.dr_grade, field_value(grade, GradeField.DR_GRADE)), (self.dme_risk, grade.dme_risk),
                             (self.oct_class, grade.oct_class)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.setEnabled(not withheld)  # a grade picked here would not show, nor settle the dispute
        self.dme_risk.setEnabled(not withheld and not grade.ungradable)  # an ungradable photo has no DME risk
        state = self.review_shown(doc) if doc is not None else ReviewState.TODO
        self.review_state.setCurrentIndex(self.review_state.findData(state))
        self._show_accept()

    def grade_refusal(self) -> str:
        """Why no grade can be given the open case here (the arbiter's, of a case its readers dispute; an OCT scan,
        which has no DR grade box nor DME risk box); "" when one can: the Ctrl+G and Ctrl+M keys do what the grade
        boxes do. Said, not ignored: Ctrl+G, 3 on a B-scan did nothing at all."""
        if self.doc is None:
            return ""
        if self.grade_withheld(self.doc):
            return self.disputed()
        return self.tr("An OCT scan has no DR grade or DME risk: choose its OCT class in the findings") \
            if self.oct_mode else ""

    def dme_refusal(self) -> str:
        """Why no DME risk can be given the open case here, as its box takes none: where no grade can be
        (grade_refusal), or to a photo recorded ungradable, which has none (its box is greyed: a DR grade picked makes
        the photo gradable again); "" when one can. Ctrl+M then records nothing: a risk set would have undone the
        ungradable outcome in silence."""
        refusal = self.grade_refusal()
        if refusal or self.doc is None or self.oct_mode or not self.doc.grade.ungradable:
            return refusal
        return self.tr("This photo is recorded ungradable (U): a DME risk needs a DR grade first (Ctrl+G and a "
                       "digit)")

    def disputed(self) -> str:
        return self.tr("Its readers disagree: arbitrate the case (Case ▸ Arbitrate case…) to give its grade")

    # editing ---------------------------------------------------------------------------------------------
    def _review_picked(self) -> None:
        # Qt hands the item's data back as a plain str: the enum is made again, as the signal promises
        self.review_state_edited.emit(ReviewState(self.review_state.currentData()))
        self.show_review_state()  # a pick that changed nothing shows what stands (a disputed case stays to do)

    def _grade_picked(self) -> None:
        if self.doc is None:
            return
        if self.dr_grade.currentData() == UNGRADABLE:
            graded = with_ungradable(self.doc.grade)
        else:
            graded = with_dme_risk(with_dr_grade(self.doc.grade, self.dr_grade.currentData()),
                                   self.dme_risk.currentData())
        self.grade_edited.emit(dataclasses.replace(graded, oct_class=self.oct_class.currentData()))

    def _findings_typed(self) -> None:
        self._findings_timer.start()

    def commit_pending(self) -> None:
        """Announce findings typed but not yet committed (the idle pause has not passed)."""
        self._commit_findings()

    def _findings_left(self) -> None:
        self._commit_findings()
        self.typing_ended.emit()
        self.undo_keys.forget_typing()  # the typing is the case's step now: Ctrl+Z takes steps back in order

    def _commit_findings(self) -> None:
        self._findings_timer.stop()
        if self.doc is not None and self.findings_text.toPlainText() != self.doc.findings_text:
            self.findings_edited.emit(self.findings_text.toPlainText())
