"""Reader agreement: the figures of ``retina-review agreement`` in tables (between readers, each reader against the
AI, in double reading the consensus against the AI, and the confusion of the pair chosen on the DR grade, the DME
risk or the OCT class). It only shows the report it is given."""
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


def _fit_height(table: QTableWidget) -> None:
    """As tall as its rows (and a scroll bar for wide tables), so the three tables share the dialog."""
    rows = sum(table.rowHeight(r) for r in range(table.rowCount())) or 30
    table.setMaximumHeight(table.horizontalHeader().sizeHint().height() + rows
                           + table.horizontalScrollBar().sizeHint().height() + 4)


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
        lesions = [c.name for c in LESION_CLASSES]
        # photos recorded ungradable (to the AI: its quality check found them not gradable) beside the grade's
        # figures, which leave them out (inference.agreement's gradability)
        self.pairs = self._table(
            [self.tr("Readers"), self.tr("Cases"), self.tr("Grade κ (quadratic)"), self.tr("Grade exact"),
             self.tr("Ungradable to both"), self.tr("Ungradable to one"),
             self.tr("DME κ (quadratic)"), self.tr("DME exact"), self.tr("Referable agreement"),
             self.tr("Referable κ"), self.tr("OCT class κ"), self.tr("OCT class exact"),
             *(self.tr("{cls} Dice").format(cls=c) for c in lesions),
             *(self.tr("{cls} box F1").format(cls=c) for c in lesions)],
            [[" / ".join(map(self._name, p["readers"])), p["cases"], _kappa(p["grade"], "kappa_quadratic"),
              p["grade"]["exact_agreement"], p["gradability"]["both_ungradable"], p["gradability"]["one_ungradable"],
              _kappa(p["dme"], "kappa_quadratic"), p["dme"]["exact_agreement"], p["referable"]["agreement"],
              _kappa(p["referable"], "kappa"), _kappa(p["oct_class"], "kappa"), p["oct_class"]["exact_agreement"],
              *(p["pixel_dice"][c] for c in lesions),
              *(p["box_f1_iou50"][c] for c in lesions)] for p in report["pairs"]])
        self.versus_ai = self._table(
            [self.tr("Reader (reference)"), self.tr("Graded"), self.tr("AI grade κ"), self.tr("AI grade exact"),
             *self._gradability_headers(self.tr("Ungradable to the reader only")),
             self.tr("Referable cases"), self.tr("AI sensitivity"), self.tr("AI specificity")],
            [[self._name(row["reader"]), row["grade"]["cases"], _kappa(row["grade"], "kappa_quadratic"),
              row["grade"]["exact_agreement"], *_ai_gradability(row),
              row["referable"]["cases"], row["referable"]["sensitivity"], row["referable"]["specificity"]]
             for row in report["versus_ai"]])
        self.versus_consensus = self._consensus_table(report.get("versus_consensus"))
        self.pair_choice = QComboBox(self)
        self.pair_choice.addItems([self.tr("{a} (rows) vs {b} (columns)").format(a=self._name(p["readers"][0]),
                                                                                 b=self._name(p["readers"][1]))
                                   for p in report["pairs"]])
        self.scale_choice = QComboBox(self)  # which of the pair's readings the confusion compares
        self.scale_choice.addItem(self.tr("DR grade"), "grade")
        self.scale_choice.addItem(self.tr("DME risk"), "dme")
        self.scale_choice.addItem(self.tr("OCT class"), "oct_class")
        self.confusion = QTableWidget(self)
        self.confusion.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for choice in (self.pair_choice, self.scale_choice):
            choice.currentIndexChanged.connect(self._show_confusion)
        self._show_confusion()
        confusion_choices = QHBoxLayout()
        confusion_choices.addWidget(self.scale_choice)
        confusion_choices.addWidget(self.pair_choice, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.one_reader: QLabel | None = None  # said in place of the pairs' tables where there is no pair
        if report["pairs"]:
            between = [QLabel(self.tr("Between readers (Dice and F1 pooled over cases, boxes matched at IoU 0.5)"),
                              self), self.pairs]
            confusion = [QLabel(self.tr("Confusion between two readers"), self), confusion_choices, self.confusion]
        else:  # one reader: empty tables of pairs would look like a second reading gone missing
            self.one_reader = QLabel(self.tr("Read by one reader: there is no second reading to compare its labels "
                                             "with, only the AI below."), self)
            self.one_reader.setWordWrap(True)
            between, confusion = [self.one_reader], []
            for widget in (self.pairs, self.scale_choice, self.pair_choice, self.confusion):
                widget.hide()
        versus_consensus = [] if self.versus_consensus is None else [
            QLabel(self.tr("The consensus as the reference, the AI as the test"), self), self.versus_consensus]
        for part in (summary, *between, QLabel(self.tr("Each reader as the reference, the AI as the test"), self),
                     self.versus_ai, *versus_consensus, *confusion):
            if isinstance(part, QHBoxLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addStretch(1)
        layout.addWidget(buttons)
        open_fitted(self, QSize(1100, 640 if report["pairs"] else 300))

    def _name(self, reader: str) -> str:
        """A reader as the dialog names them (annotations.reading.reader_naming, as the command line does)."""
        if names_the_folders_labels(self.report["folders_labels"], reader):
            return self.tr("the folder's labels")
        return reader

    def _consensus_table(self, versus: dict[str, Any] | None) -> QTableWidget | None:
        """The AI against the consensus, as the readers' rows (with the referable agreement and kappa), and the cases
        left out for having no consensus yet; None in single reading, which has no consensus."""
        if versus is None:
            return None
        grade, referable = versus["grade"], versus["referable"]
        return self._table(
            [self.tr("Graded"), self.tr("AI grade κ"), self.tr("AI grade exact"),
             *self._gradability_headers(self.tr("Ungradable to the consensus only")), self.tr("Referable cases"),
             self.tr("AI referable agreement"), self.tr("AI referable κ"), self.tr("AI sensitivity"),
             self.tr("AI specificity"), self.tr("No consensus yet")],
            [[grade["cases"], _kappa(grade, "kappa_quadratic"), grade["exact_agreement"], *_ai_gradability(versus),
              referable["cases"], referable["agreement"], _kappa(referable, "kappa"), referable["sensitivity"],
              referable["specificity"], versus["without_consensus"]]])

    def _gradability_headers(self, reference_only: str) -> list[str]:
        """The headers of _ai_gradability's columns, ``reference_only`` naming the reference's."""
        return [self.tr("Ungradable to both"), reference_only, self.tr("Ungradable to the AI only")]

    def _table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> QTableWidget:
        table = QTableWidget(len(rows), len(headers), self)
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value if isinstance(value, str) else _figure(value))
                if not isinstance(value, str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if value is NOT_DEFINED:
                    item.setToolTip(self.tr("Not defined: both sides gave every case the same one category, so "
                                            "agreement by chance is already total (kappa is 0/0); see the exact "
                                            "agreement."))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        _fit_height(table)
        return table

    def _show_confusion(self, _index: int = 0) -> None:
        """The chosen pair's confusion of the chosen scale (DR grade, DME risk or OCT class)."""
        scale = self.scale_choice.currentData()
        if scale == "grade":
            names = [grade_name(grade) for grade in range(len(DR_GRADE_NAMES))]
        elif scale == "dme":
            names = [dme_risk_name(risk) for risk in range(len(DME_RISK_NAMES))]
        else:
            names = list(OCT_CLASSES)
        pairs, index = self.report["pairs"], self.pair_choice.currentIndex()
        matrix = pairs[index][scale]["confusion"] if 0 <= index < len(pairs) else None
        self.confusion.setRowCount(len(names))
        self.confusion.setColumnCount(len(names))
        self.confusion.setHorizontalHeaderLabels(names)
        self.confusion.setVerticalHeaderLabels(names)
        for r in range(len(names)):
            for c in range(len(names)):
                item = QTableWidgetItem("" if matrix is None else str(matrix[r][c]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.confusion.setItem(r, c, item)
        self.confusion.resizeColumnsToContents()
        _fit_height(self.confusion)

    def cell_texts(self, table: QTableWidget) -> list[list[str]]:
        """Every cell as shown (for tests)."""
        return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
