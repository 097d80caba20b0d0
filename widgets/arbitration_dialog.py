"""The arbiter's view of one case: both readings over the same photo, the disagreement map (per class: only
the first reader, only the second, both; an OCT scan's of the classes its readings painted, none where nobody did),
why they disagree, and the decision: whose labels, which grade (the fields
the case's kind compares: a photo's DR grade and DME risk, an OCT scan's OCT class). A case decided before opens with
that decision chosen, saying that saving replaces it.

The panes open with the case's previews; once a resize has settled, the panes shown larger or smaller than their
pixels are asked for at their size (render_wanted; whoever owns the dialog draws them off the GUI thread)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QRadioButton, QSplitter, QVBoxLayout, QWidget)

from annotations.classes import DME_RISK_NAMES, DR_GRADE_NAMES, OCT_CLASSES
from annotations.document import UNGRADABLE, ReaderGrade
from annotations.graded_fields import UNGRADED_WITH, GradeField, field_value
from annotations.patients import EYES, eye_label
from annotations.reading.side_by_side import READING_PANES, ArbitrationCase, Pane
from annotations.reading.standing_decision import StandingDecision
from annotations.wording import fill
from widgets.clinical_terms import (dme_risk_choice, dme_risk_name, grade_name, lesion_name, oct_class_name,
                                    oct_class_short_name)
from widgets.fitted_image import FittedImage
from widgets.known_texts import AsWritten, KnownTexts, Named
from widgets.mnemonic import escape_mnemonic
from widgets.qimage_convert import rgb_to_qimage
from widgets.screen_room import SCREEN_SHARE, fitted_size, free_room
from widgets.shown_lists import shown_clauses, shown_items

MIN_PANE_SIDE = 200  # three panes side by side fit a 1280-pixel laptop screen with room to spare
SHARPEN_DELAY_MS = 150  # a resize still this long has its panes drawn again at their new size, not every step of it


def _eye_name(eye: str) -> str:
    """A disputed eye as the patient panel and the report name it: "OD (right eye)", 右眼（OD）."""
    return eye_label(eye, QCoreApplication.translate)


# The reasons annotations.reading.disagreement gives, shown in the interface's language.
REASONS = KnownTexts("ArbitrationDialog", (  # a reason "as first submitted" before the plain one it ends like
    QT_TRANSLATE_NOOP("ArbitrationDialog", "DR grade {a} vs {b} as first submitted"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "referable {a} vs {b} as first submitted"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "DME risk {a} vs {b} as first submitted"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "OCT class {a} vs {b} as first submitted"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "DR grade {a} vs {b}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "referable {a} vs {b}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "DME risk {a} vs {b}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "OCT class {a} vs {b}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "patient ID {a} vs {b}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "eye {eye_a} vs {eye_b}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "{cls} mask Dice {value}"),
    QT_TRANSLATE_NOOP("ArbitrationDialog", "{cls} boxes F1 {value}")),
    {"True": QT_TRANSLATE_NOOP("ArbitrationDialog", "yes"),  # the referable decisions compared
     "False": QT_TRANSLATE_NOOP("ArbitrationDialog", "no"),
     "None": QT_TRANSLATE_NOOP("ArbitrationDialog", "not graded"),  # a grade or decision a reader left out
     UNGRADABLE: QT_TRANSLATE_NOOP("ArbitrationDialog", "ungradable")},  # a photo a reader could not grade
    parts={"a": (Named(OCT_CLASSES, oct_class_short_name), AsWritten()),  # "Drusen", not "DRUSEN"
           "b": (Named(OCT_CLASSES, oct_class_short_name), AsWritten()),
           "eye_a": (Named(EYES, _eye_name), AsWritten()), "eye_b": (Named(EYES, _eye_name), AsWritten())})


def _column(caption: QWidget, pane: FittedImage, below: QWidget | None = None) -> QWidget:
    """A pane under its caption (and over its legend); extra height goes below, keeping them together."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(caption)
    layout.addWidget(pane)
    if below is not None:
        layout.addWidget(below)
    layout.addStretch(1)
    return column


class ArbitrationDialog(QDialog):
    decided = Signal(int, object)  # index of the reading whose labels are kept, {GradeField: the arbiter's value}
    decided_to_correct = Signal(int, object)  # the same, then the arbiter corrects those labels
    render_wanted = Signal(object)  # {Pane: (width, height)}: panes to draw at the size shown, for show_rendered

    def __init__(self, case: ArbitrationCase, name: str, parent: QWidget | None = None,
                 true_shape: bool = False) -> None:
        """``name``: the case as messages name it (CaseController.case_name: a B-scan of an OCT volume, arbitrated on
        its own, by its number); ``true_shape``: a B-scan's panes at its true shape, as the canvas draws it."""
        super().__init__(parent)
        self.case, self.true_shape = case, true_shape
        names = [r.reader for r in case.readings]
        self.setWindowTitle(self.tr("Arbitration — {image}").format(image=name))
        why = shown_clauses(map(REASONS, case.comparison.reasons))
        self.reasons = QLabel(self.tr("The readings disagree: {why}").format(why=why) if why
                              else self.tr("The readings agree within the folder's threshold."), self)
        if case.others:  # three readers or more: the arbiter should know who else read the case, and what
            others = shown_items(f"{r.reader} ({self._describe(r.doc.grade)})" for r in case.others)
            self.reasons.setText(self.reasons.text() + "\n" + self.tr(
                "Of {count} submitted readings these are the first two that disagree; also submitted: {others}."
            ).format(count=len(case.readings) + len(case.others), others=others))
        if case.standing is not None:  # arbitrated before: deciding again replaces it, as the arbiter should know
            self.reasons.setText(self.reasons.text() + "\n" + self._standing_text(case.standing, names))
        self.reasons.setWordWrap(True)
        # The two readings share their row equally, so both are always shown at one scale (to a pixel); the
        # splitter shares the room between them and the disagreement map.
        readers = QWidget(self)
        row = QHBoxLayout(readers)
        row.setContentsMargins(0, 0, 0, 0)
        self.panes = [FittedImage(rgb_to_qimage(case.previews[view]), case.shown_size(true_shape), MIN_PANE_SIDE,
                                  self)
                      for view in READING_PANES]
        for reading, pane in zip(case.readings, self.panes):
            caption = QLabel(self.tr("<b>{reader}</b>: {grade}").format(
                reader=reading.reader, grade=self._describe(reading.doc.grade)), self)
            caption.setWordWrap(True)
            row.addWidget(_column(caption, pane), 1)
        self._views = dict(zip(self.panes, READING_PANES))  # what each pane shows
        self._sharpen = QTimer(self, singleShot=True, interval=SHARPEN_DELAY_MS)
        self._sharpen.timeout.connect(self._ask_for_sharp_panes)
        self._drop_spare = QTimer(self, singleShot=True, interval=0)  # once the layout has given out the new size
        self._drop_spare.timeout.connect(self._drop_spare_height)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(readers)
        # The disagreement maps the case has (ArbitrationCase.map_panes); an OCT scan nobody painted has none, and
        # the readings take the whole width.
        self.map_class: QComboBox | None = None
        self.map_pane: FittedImage | None = None
        map_panes = case.map_panes  # scans the readings' masks: asked once
        if map_panes:
            self.split.addWidget(self._map_column(map_panes, names))
        self.split.setChildrenCollapsible(False)
        # A resize is shared in proportion to the sizes last set (_fit_screen's 2:1, the arbiter's drag, a restored
        # split), so the split keeps its ratio where the columns' minimum widths allow; stretch factors would not
        # change that (QSplitter weighs stretchable columns by their sizes).

        self.choice = QButtonGroup(self)
        choices = QVBoxLayout()
        for index, name in enumerate(names):
            button = QRadioButton(fill(self.tr("Keep the labels of {name}"), name=escape_mnemonic(name)), self)
            self.choice.addButton(button, index)
            choices.addWidget(button)
        # A grade the chosen reader did not record is not made up (0) nor carried over: it can stay not graded.
        self.finals = {field: self._final_choice(field) for field in case.settled_fields}
        if GradeField.DR_GRADE in self.finals:
            self.finals[GradeField.DR_GRADE].currentIndexChanged.connect(self._grey_for_ungradable)
        self.choice.idClicked.connect(self._take_grade_of)
        self._start_from(case.standing)
        # a label with an access key is its field's buddy (Alt + the letter); the readers' names take none
        choices_label = QLabel(self.tr("&Labels"), self)
        choices_label.setBuddy(self.choice.button(0))  # then the arrow keys choose
        form = QFormLayout()
        form.addRow(choices_label, choices)
        labels = {GradeField.DR_GRADE: self.tr("Final DR &grade"), GradeField.DME_RISK: self.tr("Final DME &risk"),
                  GradeField.OCT_CLASS: self.tr("Final &OCT class")}
        for field, combo in self.finals.items():
            form.addRow(labels[field], combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        # not C: a desktop theme may name Cancel "&Cancel"
        self.save_button = buttons.addButton(self.tr("&Save as consensus"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.correct_button = buttons.addButton(self.tr("Save and correc&t labels…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.correct_button.setToolTip(self.tr("Save the chosen labels and grade as the consensus, then correct "
                                               "its masks and boxes on the canvas with every tool (undo: Ctrl+Z); "
                                               "saving stores the corrections as the arbitrated result"))
        self.correct_button.clicked.connect(self._decide_to_correct)
        self._enable_deciding()
        if not case.labels_offered:
            self._offer_no_labels(choices)
        buttons.accepted.connect(self._decide)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reasons)
        layout.addWidget(self.split, 1)
        layout.addLayout(form)
        layout.addStretch(0)  # what the panes cannot use after a moved split (a resize drops it, _drop_spare_height)
        self._spare = layout.itemAt(layout.count() - 1)
        layout.addWidget(buttons)
        for index in range(self.split.count()):
            self.split.widget(index).installEventFilter(self)  # a column resized: by the dialog or the splitter
        self._fit_screen()

    def _map_column(self, panes: tuple[Pane, ...], names: list[str]) -> QWidget:
        """The disagreement map under its choice of class, over its colour key."""
        self.map_class = QComboBox(self)
        for pane in panes:
            self.map_class.addItem(self.tr("Disagreement, every lesion class") if pane.map_class is None else
                                   self.tr("Disagreement, {cls} ({name})").format(
                                       cls=pane.map_class.name, name=lesion_name(pane.map_class)), pane.map_class)
        self.map_pane = FittedImage(rgb_to_qimage(self.case.previews[panes[0]]),
                                    self.case.shown_size(self.true_shape), MIN_PANE_SIDE, self)
        self._views[self.map_pane] = panes[0]
        self.map_class.currentIndexChanged.connect(self._show_map)
        legend = QLabel(self.tr("orange: only {a} · blue: only {b} · white: both").format(a=names[0], b=names[1]),
                        self)
        legend.setWordWrap(True)
        return _column(self.map_class, self.map_pane, legend)

    def _fit_screen(self) -> None:
        """Most of the screen's width, three panes of one width, and the height they need at that width (as much
        as the screen has); restore_layout replaces this with the arbiter's own size and split."""
        room = free_room(self)
        margins = self.layout().contentsMargins()
        width = max(self.minimumSizeHint().width(), round(room.width() * SCREEN_SHARE))
        panes = width - margins.left() - margins.right() - self.split.handleWidth()
        sizes = [panes * 2 // 3, panes - panes * 2 // 3] if self.map_pane is not None else [panes]
        needed = max(self.split.widget(index).heightForWidth(size) for index, size in enumerate(sizes))
        height = self.sizeHint().height() - self.split.sizeHint().height() + needed
        self.resize(fitted_size(QSize(width, height), room))
        self._lay_out_now()
        self.split.setSizes(sizes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit_split_height()
            self._sharpen.start()
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.DevicePixelRatioChange):  # a screen of another density
            self._sharpen.start()
        if event.type() == QEvent.Type.Resize:  # the dialog's, not a moved split's: the arbiter's drag stands
            self._drop_spare.start()
        return super().event(event)

    def _ask_for_sharp_panes(self) -> None:
        wanted = {self._views[pane]: pane.wanted_size().toTuple() for pane in self._views
                  if pane.pixels_size() != pane.wanted_size()}
        if wanted and self.isVisible():
            self.render_wanted.emit(wanted)

    def show_rendered(self, drawn: dict[Pane, QImage]) -> None:
        """Pixels asked for by render_wanted; those for a pane shown at another size or class since are dropped, and
        all of them once the dialog is closed."""
        if not self.isVisible():
            return
        for pane, view in self._views.items():
            image = drawn.get(view)
            if image is not None and image.size() == pane.wanted_size():
                pane.set_image(image)

    def _fit_split_height(self) -> None:
        """The panes take the height their widths need and no more (the room left over goes below the decision);
        a lower dialog shrinks them. (QSplitter sets its own maximum from its widgets'.)"""
        columns = [self.split.widget(index) for index in range(self.split.count())]
        needed = max(column.heightForWidth(column.width()) for column in columns)
        for column in columns:
            column.setMaximumHeight(needed)

    def _drop_spare_height(self) -> None:
        """A dialog resized taller than its panes need at its width (dragged, or restored from a larger screen) is
        made as low as its content: the room they cannot use would be an empty band between the decision and its
        buttons. A split moved since is left as it is (the dialog would shrink with each step of a drag)."""
        self.layout().activate()  # the panes' heights just set are laid out first
        spare = self._spare.geometry().height()
        if spare > 0:
            self.resize(self.width(), self.height() - spare)

    def restore_layout(self, geometry: QByteArray | None, split: QByteArray | None) -> None:
        """The size and split the arbiter left the dialog at last time (layout_state), where there are some; a
        dialog without a map has no split to restore."""
        if geometry is not None:
            self.restoreGeometry(geometry)
        if split is not None and self.map_pane is not None:
            self._lay_out_now()
            self.split.restoreState(split)

    def _lay_out_now(self) -> None:
        """Give the splitter the dialog's size now, also before it is shown, so that sizes set next are kept."""
        self.layout().invalidate()
        self.layout().activate()

    def layout_state(self) -> tuple[QByteArray, QByteArray | None]:
        """The dialog's size and place, and its split between the readings and the map, for restore_layout (None
        without a map: the split kept from a dialog with one stands)."""
        return self.saveGeometry(), self.split.saveState() if self.map_pane is not None else None

    def _final_choice(self, field: GradeField) -> QComboBox:
        """A choice of the field's values, "not graded" first."""
        combo = QComboBox(self)
        oct_scan = field is GradeField.OCT_CLASS  # classified, not graded: 未分类
        combo.addItem(self.tr("– not graded", "OCT class") if oct_scan else self.tr("– not graded"), None)
        if field is GradeField.DR_GRADE:
            for grade in range(len(DR_GRADE_NAMES)):
                combo.addItem(f"{grade} {grade_name(grade)}", grade)
            combo.addItem(f"{UNGRADABLE} {grade_name(UNGRADABLE)}", UNGRADABLE)  # as the findings panel offers it
        elif field is GradeField.DME_RISK:
            for risk in range(len(DME_RISK_NAMES)):
                combo.addItem(dme_risk_choice(risk), risk)
        else:
            for code in OCT_CLASSES:  # by name, as the findings panel offers them
                combo.addItem(oct_class_name(code), code)
        return combo

    def _offer_no_labels(self, choices: QVBoxLayout) -> None:
        """An OCT scan neither reader painted: no labels to keep or correct, only its class to decide (a reading's
        class is still taken by picking it in the Final OCT class list). The Labels row says so in place of its
        choices: greyed out, one would still look chosen. The first is checked (both readings' labels are none);
        saving waits for a class picked, unless one was decided before."""
        why = self.tr("Neither reading has labels (an OCT scan has no lesion tools): only the class is decided")
        self.choice.button(0).setChecked(True)
        self.save_button.setEnabled(self.case.standing is not None)
        for combo in self.finals.values():  # a class picked, not "not classified" again
            combo.currentIndexChanged.connect(self._enable_class_decision)
        for button in self.choice.buttons():
            button.hide()
        note = QLabel(why, self)
        note.setWordWrap(True)
        choices.addWidget(note)
        self.correct_button.setEnabled(False)
        self.correct_button.setToolTip(why)

    def _enable_class_decision(self) -> None:
        picked = any(final.currentData() is not None for final in self.finals.values())
        self.save_button.setEnabled(self.case.standing is not None or picked)

    def _describe(self, grade: ReaderGrade) -> str:
        """A reading's values of the fields the arbiter decides."""
        values = {GradeField.DR_GRADE: grade_name, GradeField.DME_RISK: dme_risk_name,
                  GradeField.OCT_CLASS: lambda code: self.tr("OCT class {name}").format(
                      name=oct_class_short_name(code))}
        fields = [field for field in self.case.settled_fields if not (grade.ungradable and field in UNGRADED_WITH)]
        return shown_items(self._left_out(field) if (value := field_value(grade, field)) is None
                           else values[field](value) for field in fields)

    def _left_out(self, field: GradeField) -> str:
        """A field the reader did not record, named (a bare "–" beside a grade did not say which was left out)."""
        return {GradeField.DR_GRADE: self.tr("DR grade not graded"),
                GradeField.DME_RISK: self.tr("DME risk not graded"),
                GradeField.OCT_CLASS: self.tr("OCT class not given")}[field]

    def _standing_text(self, standing: StandingDecision, names: list[str]) -> str:
        grade = self._describe(standing.grade)
        if standing.kept is None:
            return fill(self.tr("{arbiter} decided this case before: {grade}, with labels corrected since (neither "
                                "reading's). Saving again replaces that decision and those labels with the chosen "
                                "reading's."), arbiter=standing.arbiter, grade=grade)
        return fill(self.tr("{arbiter} decided this case before: {grade}, keeping the labels of {reader}. Saving "
                            "again replaces that decision."), arbiter=standing.arbiter, grade=grade,
                    reader=names[standing.kept])

    def _start_from(self, standing: StandingDecision | None) -> None:
        """The choices as decided before (the labels kept, the grade decided); a case not decided yet starts with
        none chosen, so that saving needs a choice (the first reader's, preset, was saved by a hasty Save)."""
        if standing is None:
            self._show_grade(ReaderGrade())  # not graded, until a reading is chosen
            return
        self.choice.button(0 if standing.kept is None else standing.kept).setChecked(True)
        self._show_grade(standing.grade)

    def _enable_deciding(self) -> None:
        chosen = self.choice.checkedId() >= 0
        self.save_button.setEnabled(chosen)
        self.correct_button.setEnabled(chosen and self.case.labels_offered)

    def _take_grade_of(self, index: int) -> None:
        self._show_grade(self.case.readings[index].doc.grade)
        self._enable_deciding()

    def _show_grade(self, grade: ReaderGrade) -> None:
        for field, combo in self.finals.items():
            combo.setCurrentIndex(combo.findData(field_value(grade, field)))

    def _grey_for_ungradable(self) -> None:
        """An ungradable photo has no DME risk: its choice is cleared and greyed while the DR grade says so."""
        risk = self.finals.get(GradeField.DME_RISK)
        if risk is not None:
            ungradable = self.finals[GradeField.DR_GRADE].currentData() == UNGRADABLE
            if ungradable:
                risk.setCurrentIndex(risk.findData(None))
            risk.setEnabled(not ungradable)

    def _settled(self) -> dict[GradeField, object]:
        return {field: combo.currentData() for field, combo in self.finals.items()}

    def _show_map(self, _index: int) -> None:
        assert self.map_pane is not None and self.map_class is not None  # connected only where the map is
        self._views[self.map_pane] = Pane(map_class=self.map_class.currentData())
        self.map_pane.set_image(rgb_to_qimage(self.case.previews[self._views[self.map_pane]]))
        self._sharpen.start()

    def _decide(self) -> None:  # closed by whoever stores the decision, once it is stored (kept open on a failure)
        self.decided.emit(self.choice.checkedId(), self._settled())

    def _decide_to_correct(self) -> None:
        self.decided_to_correct.emit(self.choice.checkedId(), self._settled())
