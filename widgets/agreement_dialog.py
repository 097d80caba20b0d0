"""Reader agreement: the figures of ``retina-review agreement`` in tables (between readers, each reader against the
AI, in double reading the consensus against the AI; for the pair chosen, each lesion class's Dice and box F1 and the
confusion on the DR grade, the DME risk or the OCT class). It only shows the report it is given.

Each figure is a row and each pair or reader a column: one row per pair held some twenty columns, scrolled sideways
at the dialog's full width. widgets.agreement_layout sets the tables out."""
from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QLabel, QLayout, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from annotations.classes import DME_RISK_NAMES, DR_GRADE_NAMES, LESION_CLASSES, OCT_CLASSES
from annotations.reading.reader_naming import names_the_folders_labels
from annotations.wording import fill
from widgets.agreement_layout import column, first_fitting, fit, set_titles, side_by_side, stacked
from widgets.clinical_terms import dme_risk_name, grade_name
from widgets.screen_room import VerticalScrollArea, opening_size
from widgets.shown_lists import shown_items


READING_MODES = {"single": QT_TRANSLATE_NOOP("AgreementDialog", "single"),  # ReadingMode values, as shown
                 "double": QT_TRANSLATE_NOOP("AgreementDialog", "double")}


PAIR_NAMES = "\u00a0/\n"  # a reader a line, wrapped within its column where long (agreement_layout.set_titles), the
# " /" kept to its name by the no-break space (alone on a line, it no longer said whose name ended)
NOT_DEFINED = object()  # a kappa of cases both sides gave one and the same category: 0/0, shown "–" with a tip


def _figure(value: float | int | None) -> str:
    if value is None or value is NOT_DEFINED:
        return "–"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _kappa(figures: dict[str, Any], key: str) -> Any:
    """The kappa at ``key``; NOT_DEFINED where there were cases but no kappa (None with none: nothing compared)."""
    return NOT_DEFINED if figures[key] is None and figures["cases"] else figures[key]


def _ai_gradability(row: dict[str, Any]) -> list[int]:
    """A row of the AI against a reference: its photos ungradable to both, to the reference only and to the AI only
    (its quality check), each left out of the row's grade and referable figures."""
    counts = row["gradability"]
    return [counts["both_ungradable"], counts["reference_only_ungradable"], counts["ai_only_ungradable"]]


class AgreementDialog(QDialog):
    def __init__(self, report: dict[str, Any], parent: QWidget | None = None) -> None:
        """``report``: the dict inference.agreement.folder_agreement returns."""
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Reader agreement"))
        layout = QVBoxLayout(self)
        self.scroll = VerticalScrollArea(QWidget(), self)  # on a screen less tall, it scrolls up and down
        size = opening_size(self, QSize(1100, 640 if report["pairs"] else 400))
        margins = layout.contentsMargins()
        self.room = size.width() - margins.left() - margins.right()  # the scroll area's, for _set_out
        self.table_room = self.room - self.scroll.verticalScrollBar().sizeHint().width()  # fit's, beside its bar
        mode = self.tr(READING_MODES[report["mode"]]) if report["mode"] in READING_MODES else report["mode"]
        text = self.tr("{folder}: {mode} reading, readers: {readers}; {cases} case(s) with saved readings").format(
            folder=report["folder"], mode=mode, readers=shown_items(map(self._name, report["readers"])) or "–",
            cases=report["cases"])
        if report.get("seen_by"):  # a reader's window, in blind double reading
            text += "\n" + fill(self.tr("Only the cases {reader} submitted count: blind reading shows a reader the "
                                        "other readings of a case once they submit it"), reader=report["seen_by"])
        summary = QLabel(text, self)
        summary.setWordWrap(True)
        # photos recorded ungradable (to the AI: its quality check found them not gradable) beside the grade's
        # figures, which leave them out (inference.agreement's gradability)
        self.pairs = self._table(
            [self.tr("Cases"), self.tr("Grade κ (quadratic)"), self.tr("Grade exact"),
             self.tr("Ungradable to both"), self.tr("Ungradable to one"),
             self.tr("DME κ (quadratic)"), self.tr("DME exact"), self.tr("Referable agreement"),
             self.tr("Referable κ"), self.tr("OCT class κ"), self.tr("OCT class exact")],
            [PAIR_NAMES.join(map(self._name, p["readers"])) for p in report["pairs"]],
            [[p["cases"], _kappa(p["grade"], "kappa_quadratic"),
              p["grade"]["exact_agreement"], p["gradability"]["both_ungradable"], p["gradability"]["one_ungradable"],
              _kappa(p["dme"], "kappa_quadratic"), p["dme"]["exact_agreement"], p["referable"]["agreement"],
              _kappa(p["referable"], "kappa"), _kappa(p["oct_class"], "kappa"), p["oct_class"]["exact_agreement"]]
             for p in report["pairs"]])
        self.versus_ai = self._table(
            [self.tr("Graded"), self.tr("AI grade κ"), self.tr("AI grade exact"),
             *self._gradability_headers(self.tr("Ungradable to the reader only")),
             self.tr("Referable cases"), self.tr("AI sensitivity"), self.tr("AI specificity")],
            [self._name(row["reader"]) for row in report["versus_ai"]],
            [[row["grade"]["cases"], _kappa(row["grade"], "kappa_quadratic"),
              row["grade"]["exact_agreement"], *_ai_gradability(row),
              row["referable"]["cases"], row["referable"]["sensitivity"], row["referable"]["specificity"]]
             for row in report["versus_ai"]])
        self.versus_consensus = self._consensus_table(report.get("versus_consensus"))
        self.pair_choice = QComboBox(self)  # the pair whose lesions and confusion are shown
        self.pair_choice.addItems([self.tr("rows: {a}; columns: {b}").format(a=self._name(p["readers"][0]),
                                                                             b=self._name(p["readers"][1]))
                                   for p in report["pairs"]])  # each name after its role alike, in any language
        self.scale_choice = QComboBox(self)  # which of the pair's readings the confusion compares
        # labels whose access keys (Alt+letter) reach the two choices, as the other dialogs' fields are reached
        self.pair_label, self.scale_label = QLabel(self.tr("&Readers"), self), QLabel(self.tr("&Finding"), self)
        self.pair_label.setBuddy(self.pair_choice)
        self.scale_label.setBuddy(self.scale_choice)
        self.scale_choice.addItem(self.tr("DR grade"), "grade")
        self.scale_choice.addItem(self.tr("DME risk"), "dme")
        self.scale_choice.addItem(self.tr("OCT class"), "oct_class")
        self.lesions = self._table([c.name for c in LESION_CLASSES], [self.tr("Dice"), self.tr("Box F1")], [])
        self.confusion = QTableWidget(self)
        self.confusion.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.pair_choice.currentIndexChanged.connect(self._show_lesions)
        for choice in (self.pair_choice, self.scale_choice):
            choice.currentIndexChanged.connect(self._show_confusion)
        self._show_lesions()
        self._show_confusion()
        self.pair_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.one_reader: QLabel | None = None  # said in place of the pairs' tables where there is no pair
        if not report["pairs"]:  # one reader: empty tables of pairs would look like a second reading gone missing
            self.one_reader = QLabel(self.tr("Read by one reader: there is no second reading to compare its labels "
                                             "with, only the AI below."), self)
            self.one_reader.setWordWrap(True)
            for widget in (self.pairs, self.lesions, self.scale_choice, self.pair_choice, self.confusion,
                           self.pair_label, self.scale_label):
                widget.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        self.arrangements, self.arrangement = self._arrangements(summary), 0  # the index of the one shown
        self._set_out()
        for choice in (self.pair_choice, self.scale_choice):  # connected last: after the tables took their new sizes
            choice.currentIndexChanged.connect(self._set_out)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(buttons)
        self.resize(size)

    def _set_out(self, _index: int = 0) -> None:
        """Sets the tables out in the first arrangement that fits, from the one shown on: when the dialog opens, and
        again once a pair or scale is chosen, whose lesions' and confusion's tables are wider or narrower (their titles
        wrap within the new widths). It never goes back to a more compact one: the choice in use would move away."""
        focused, scrolled = self.focusWidget(), self.scroll.verticalScrollBar().value()
        self.arrangement += first_fitting(self.scroll, self.room, self.arrangements[self.arrangement:])
        self.scroll.verticalScrollBar().setValue(scrolled)  # the new content opened at its top
        if focused is not None:  # moved into the new content, it lost the focus
            focused.setFocus()

    def _arrangements(self, summary: QLabel) -> list[Callable[[], QLayout]]:
        """The ways to set the tables out, the most compact first: the pairs' table beside the chosen pair's figures,
        over the AI's tables side by side (two readers); else the pairs' tables one over another beside the AI's
        (three readers); else each part on rows of its own (four readers), the AI's side by side where they fit."""
        ai = ((self.tr("Each reader as the reference, the AI as the test"), self.versus_ai),
              (self.tr("The consensus as the reference, the AI as the test"), self.versus_consensus))

        def versus(arrange: Callable[..., QLayout]) -> QLayout:
            return arrange(*(column(title, table) for title, table in ai if table is not None))

        def between(arrange: Callable[..., QLayout]) -> QLayout:
            if self.one_reader is not None:
                return stacked(self.one_reader)
            return arrange(column(self.tr("Between readers"), self.pairs), self._pair_detail())

        arrangements = [lambda: stacked(summary, between(side_by_side), versus(side_by_side))]
        if self.one_reader is None:
            arrangements += [lambda: stacked(summary, side_by_side(between(stacked), versus(stacked))),
                             lambda: stacked(summary, between(stacked), versus(side_by_side))]
        return [*arrangements, lambda: stacked(summary, between(stacked), versus(stacked))]

    def _pair_detail(self) -> QLayout:
        """The chosen pair: each lesion class's Dice and box F1 beside the confusion of the chosen scale."""
        lesions = column(self.tr("Dice and F1 pooled over cases, boxes matched at IoU 0.5"), self.lesions)
        confusion = column(self.tr("Confusion between two readers"), self.confusion)
        confusion.insertLayout(1, side_by_side(self.scale_label, self.scale_choice))  # under the title
        return stacked(side_by_side(self.pair_label, self.pair_choice), side_by_side(lesions, confusion))

    def _name(self, reader: str) -> str:
        """A reader as the dialog names them (annotations.reading.reader_naming, as the command line does)."""
        if names_the_folders_labels(self.report["folders_labels"], reader):
            return self.tr("the folder's labels")
        return reader

    def _consensus_table(self, versus: dict[str, Any] | None) -> QTableWidget | None:
        """The AI against the consensus, as the readers' columns (with the referable agreement and kappa), and the
        cases left out for having no consensus yet; None in single reading, which has no consensus."""
        if versus is None:
            return None
        grade, referable = versus["grade"], versus["referable"]
        table = self._table(
            [self.tr("Graded"), self.tr("AI grade κ"), self.tr("AI grade exact"),
             *self._gradability_headers(self.tr("Ungradable to the consensus only")), self.tr("Referable cases"),
             self.tr("AI referable agreement"), self.tr("AI referable κ"), self.tr("AI sensitivity"),
             self.tr("AI specificity"), self.tr("No consensus yet")],
            [""],
            [[grade["cases"], _kappa(grade, "kappa_quadratic"), grade["exact_agreement"], *_ai_gradability(versus),
              referable["cases"], referable["agreement"], _kappa(referable, "kappa"), referable["sensitivity"],
              referable["specificity"], versus["without_consensus"]]])
        table.horizontalHeader().hide()  # one column: its title above says whose figures they are
        fit(table, self.table_room)
        return table

    def _gradability_headers(self, reference_only: str) -> list[str]:
        """The names of _ai_gradability's rows, ``reference_only`` naming the reference's."""
        return [self.tr("Ungradable to both"), reference_only, self.tr("Ungradable to the AI only")]

    def _table(self, figures: Sequence[str], names: Sequence[str], columns: Sequence[Sequence[Any]]) -> QTableWidget:
        """One row per figure (``figures`` names them), one column per pair or reader (``names``), with ``columns``'
        values."""
        table = QTableWidget(len(figures), len(names), self)
        table.setVerticalHeaderLabels(list(figures))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for c, column in enumerate(columns):
            for r, value in enumerate(column):
                self._set_figure(table, r, c, value)
        set_titles(table, names, self.table_room)
        fit(table, self.table_room)
        return table

    def _set_figure(self, table: QTableWidget, row: int, column: int, value: Any) -> None:
        item = QTableWidgetItem(_figure(value))
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if value is NOT_DEFINED:
            item.setToolTip(self.tr("Not defined: both sides gave every case the same one category, so agreement by "
                                    "chance is already total (kappa is 0/0); see the exact agreement."))
        table.setItem(row, column, item)

    def _chosen_pair(self) -> dict[str, Any] | None:
        pairs, index = self.report["pairs"], self.pair_choice.currentIndex()
        return pairs[index] if 0 <= index < len(pairs) else None

    def _show_lesions(self, _index: int = 0) -> None:
        """The chosen pair's Dice and box F1 of each lesion class."""
        pair = self._chosen_pair()
        for r, cls in enumerate(c.name for c in LESION_CLASSES):
            for c, key in enumerate(("pixel_dice", "box_f1_iou50")):
                self._set_figure(self.lesions, r, c, None if pair is None else pair[key][cls])
        fit(self.lesions, self.table_room)

    def _show_confusion(self, _index: int = 0) -> None:
        """The chosen pair's confusion of the chosen scale (DR grade, DME risk or OCT class)."""
        scale = self.scale_choice.currentData()
        if scale == "grade":
            names = [grade_name(grade) for grade in range(len(DR_GRADE_NAMES))]
        elif scale == "dme":
            names = [dme_risk_name(risk) for risk in range(len(DME_RISK_NAMES))]
        else:
            names = list(OCT_CLASSES)
        pair = self._chosen_pair()
        matrix = None if pair is None else pair[scale]["confusion"]
        self.confusion.setRowCount(len(names))
        self.confusion.setColumnCount(len(names))
        self.confusion.setHorizontalHeaderLabels(names)
        self.confusion.setVerticalHeaderLabels(names)
        for r in range(len(names)):
            for c in range(len(names)):
                item = QTableWidgetItem("" if matrix is None else str(matrix[r][c]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.confusion.setItem(r, c, item)
        fit(self.confusion, self.table_room)

    def columns(self, table: QTableWidget) -> list[list[str]]:
        """Each column as shown, top to bottom, its title first where the table shows one (for tests)."""
        titled = not table.horizontalHeader().isHidden()
        return [[table.horizontalHeaderItem(c).text()] * titled + [table.item(r, c).text()
                                                                   for r in range(table.rowCount())]
                for c in range(table.columnCount())]

    def cell_texts(self, table: QTableWidget) -> list[list[str]]:
        """Every cell as shown, row by row (for tests)."""
        return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
