"""Reader agreement: the figures of ``retina-review agreement`` in tables (between readers, each reader against the
AI, in double reading the consensus against the AI; for the pair chosen, each lesion class's Dice and box F1 and the
confusion on the DR grade, the DME risk or the OCT class). It only shows the report it is given.

Each figure is a row and each pair or reader a column: one row per pair held some twenty columns, scrolled sideways
at the dialog's full width."""
from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from annotations.classes import DME_RISK_NAMES, DR_GRADE_NAMES, LESION_CLASSES, OCT_CLASSES
from annotations.reading.reader_naming import names_the_folders_labels
from annotations.wording import fill
from widgets.clinical_terms import dme_risk_name, grade_name
from widgets.screen_room import open_fitted
from widgets.shown_lists import shown_items


READING_MODES = {"single": QT_TRANSLATE_NOOP("AgreementDialog", "single"),  # ReadingMode values, as shown
                 "double": QT_TRANSLATE_NOOP("AgreementDialog", "double")}


MIN_TABLE_HEIGHT = 90  # px: a table of figures less tall than its rows still shows a few of them
PAIRS_LEAST_WIDTH = 240  # px: the pairs' table of many readers, scrolled sideways, leaves the chosen pair's beside it
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


def _fit(table: QTableWidget, least_width: int | None = None) -> None:
    """As big as its rows and columns where the dialog has the room, so the tables of figures stand side by side within
    its width; on a screen less tall it scrolls up and down, never sideways (room is kept for that scroll bar). Where
    ``least_width`` is given (the pairs': many readers make it wide) it may narrow to that and scroll sideways."""
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
    names, titles, frame = table.verticalHeader(), table.horizontalHeader(), 2 * table.frameWidth()
    width = (0 if names.isHidden() else names.sizeHint().width()) + titles.length() + frame
    height = (0 if titles.isHidden() else titles.sizeHint().height()) + names.length() + frame
    table.setMinimumSize(0, 0)  # a scale or pair chosen anew may make it smaller
    table.setMaximumSize(width + table.verticalScrollBar().sizeHint().width(), height)
    table.setMinimumSize(min(table.maximumWidth(), least_width or table.maximumWidth()),
                         min(height, MIN_TABLE_HEIGHT))


def _column(title: QLabel, *parts: QWidget) -> QVBoxLayout:
    """``title`` over ``parts``, top-aligned beside the other columns; the title wraps within its table's width (one
    line wider would take the width a table beside it needs)."""
    title.setWordWrap(True)
    title.setMaximumWidth(parts[-1].maximumWidth())
    column = QVBoxLayout()
    for part in (title, *parts):
        column.addWidget(part)
    column.addStretch(1)
    return column


def _row(*columns: QVBoxLayout) -> QHBoxLayout:
    row = QHBoxLayout()
    for column in columns:
        row.addLayout(column)
    row.addStretch(1)
    return row


class AgreementDialog(QDialog):
    def __init__(self, report: dict[str, Any], parent: QWidget | None = None) -> None:
        """``report``: the dict inference.agreement.folder_agreement returns."""
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Reader agreement"))
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
            [" / ".join(map(self._name, p["readers"])) for p in report["pairs"]],
            [[p["cases"], _kappa(p["grade"], "kappa_quadratic"),
              p["grade"]["exact_agreement"], p["gradability"]["both_ungradable"], p["gradability"]["one_ungradable"],
              _kappa(p["dme"], "kappa_quadratic"), p["dme"]["exact_agreement"], p["referable"]["agreement"],
              _kappa(p["referable"], "kappa"), _kappa(p["oct_class"], "kappa"), p["oct_class"]["exact_agreement"]]
             for p in report["pairs"]], PAIRS_LEAST_WIDTH)
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
        self.pair_choice.addItems([self.tr("{a} (rows) vs {b} (columns)").format(a=self._name(p["readers"][0]),
                                                                                 b=self._name(p["readers"][1]))
                                   for p in report["pairs"]])
        self.scale_choice = QComboBox(self)  # which of the pair's readings the confusion compares
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        self.one_reader: QLabel | None = None  # said in place of the pairs' tables where there is no pair
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        if report["pairs"]:  # a pair's figures; the pair chosen: its lesions and confusion
            layout.addLayout(_row(_column(QLabel(self.tr("Between readers"), self), self.pairs), self._pair_detail()))
        else:  # one reader: empty tables of pairs would look like a second reading gone missing
            self.one_reader = QLabel(self.tr("Read by one reader: there is no second reading to compare its labels "
                                             "with, only the AI below."), self)
            self.one_reader.setWordWrap(True)
            layout.addWidget(self.one_reader)
            for widget in (self.pairs, self.lesions, self.scale_choice, self.pair_choice, self.confusion):
                widget.hide()
        versus_consensus = [] if self.versus_consensus is None else [
            _column(QLabel(self.tr("The consensus as the reference, the AI as the test"), self), self.versus_consensus)]
        layout.addLayout(_row(_column(QLabel(self.tr("Each reader as the reference, the AI as the test"), self),
                                      self.versus_ai), *versus_consensus))
        layout.addStretch(1)
        layout.addWidget(buttons)
        open_fitted(self, QSize(1100, 640 if report["pairs"] else 400))

    def _pair_detail(self) -> QVBoxLayout:
        """The chosen pair: each lesion class's Dice and box F1 beside the confusion of the chosen scale."""
        self.pair_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        lesions = _column(QLabel(self.tr("Dice and F1 pooled over cases, boxes matched at IoU 0.5"), self),
                          self.lesions)
        confusion = _column(QLabel(self.tr("Confusion between two readers"), self), self.scale_choice, self.confusion)
        detail = QVBoxLayout()
        detail.addWidget(self.pair_choice, 0, Qt.AlignmentFlag.AlignLeft)
        detail.addLayout(_row(lesions, confusion))
        return detail

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
        _fit(table)
        return table

    def _gradability_headers(self, reference_only: str) -> list[str]:
        """The names of _ai_gradability's rows, ``reference_only`` naming the reference's."""
        return [self.tr("Ungradable to both"), reference_only, self.tr("Ungradable to the AI only")]

    def _table(self, figures: Sequence[str], names: Sequence[str], columns: Sequence[Sequence[Any]],
               least_width: int | None = None) -> QTableWidget:
        """One row per figure (``figures`` names them), one column per pair or reader (``names``), with ``columns``'
        values; ``least_width``: as _fit's."""
        table = QTableWidget(len(figures), len(names), self)
        table.setVerticalHeaderLabels(list(figures))
        table.setHorizontalHeaderLabels(list(names))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for c, column in enumerate(columns):
            for r, value in enumerate(column):
                self._set_figure(table, r, c, value)
        _fit(table, least_width)
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
        _fit(self.lesions)

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
        _fit(self.confusion)

    def columns(self, table: QTableWidget) -> list[list[str]]:
        """Each column as shown, top to bottom, its title first where the table shows one (for tests)."""
        titled = not table.horizontalHeader().isHidden()
        return [[table.horizontalHeaderItem(c).text()] * titled + [table.item(r, c).text()
                                                                   for r in range(table.rowCount())]
                for c in range(table.columnCount())]

    def cell_texts(self, table: QTableWidget) -> list[list[str]]:
        """Every cell as shown, row by row (for tests)."""
        return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
