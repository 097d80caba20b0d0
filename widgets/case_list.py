"""The case browser: thumbnail, file name, review state, AI grade, reader grade, patient ID and eye, and a ⚠ when
the case needs a second look (annotations.consistency; the tool tip says why); filter by state, flag and grade;
sort by any column (click its header); select several cases with Ctrl/Shift+click. It shows CaseSummary rows and
says which case was picked; it never loads images itself (the app hands thumbnails over as they are made)."""
from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QItemSelectionModel, QModelIndex,
                            QPersistentModelIndex, QSize, QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QBrush, QColor, QImage, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from annotations.classes import DR_GRADE_NAMES
from annotations.consistency import GRADES_DIFFER, CaseFlag
from annotations.document import ReviewState
from annotations.workspace import CaseSummary
from widgets.clinical_terms import grade_name

THUMB_SIZE = QSize(60, 40)
# Texts are marked for pyside6-lupdate in the context of the class that shows them, and translated there.
COLUMNS = (QT_TRANSLATE_NOOP("CaseTableModel", "File"), QT_TRANSLATE_NOOP("CaseTableModel", "State"),
           QT_TRANSLATE_NOOP("CaseTableModel", "AI"), QT_TRANSLATE_NOOP("CaseTableModel", "Reader"),
           QT_TRANSLATE_NOOP("CaseTableModel", "Patient"), "⚠")
PATIENT_COLUMN, CHECK_COLUMN = 4, 5
FLAG_COLOUR = "#e65100"
STATE_TEXT = {ReviewState.TODO: QT_TRANSLATE_NOOP("CaseTableModel", "to do"),
              ReviewState.IN_PROGRESS: QT_TRANSLATE_NOOP("CaseTableModel", "in progress"),
              ReviewState.DONE: QT_TRANSLATE_NOOP("CaseTableModel", "done")}
STATE_FILTER_TEXT = {ReviewState.TODO: QT_TRANSLATE_NOOP("CaseListWidget", "To do"),
                     ReviewState.IN_PROGRESS: QT_TRANSLATE_NOOP("CaseListWidget", "In progress"),
                     ReviewState.DONE: QT_TRANSLATE_NOOP("CaseListWidget", "Done")}
STATE_COLOUR = {ReviewState.TODO: "#9e9e9e", ReviewState.IN_PROGRESS: "#f9a825", ReviewState.DONE: "#2e7d32"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ERRORS = "errors"
FLAGGED = "flagged"
DISAGREE = "disagree"
UNGRADED = "ungraded"


def _grade_text(grade: int | None) -> str:
    return "–" if grade is None else str(grade)


class CaseTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[CaseSummary] = []
        self._row_of: dict[str, int] = {}
        self._thumbs: dict[str, QPixmap] = {}

    def set_cases(self, cases: Sequence[CaseSummary]) -> None:
        self.beginResetModel()
        self.rows = list(cases)
        self._row_of = {case.case_id: row for row, case in enumerate(self.rows)}
        self._thumbs = {}
        self.endResetModel()

    def update_case(self, case: CaseSummary) -> None:
        row = self._row_of.get(case.case_id)
        if row is not None:
            self.rows[row] = case
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_thumbnail(self, case_id: str, image: QImage) -> None:
        row = self._row_of.get(case_id)
        if row is not None:
            self._thumbs[case_id] = QPixmap.fromImage(image).scaled(
                THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def row_of(self, case_id: str) -> int | None:
        return self._row_of.get(case_id)

    def has_thumbnail(self, case_id: str) -> bool:
        return case_id in self._thumbs

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if section == CHECK_COLUMN else self.tr(COLUMNS[section])  # ⚠ is a symbol
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case, column = self.rows[index.row()], index.column()
        if role == CASE_ID_ROLE:
            return case.case_id
        if role == Qt.ItemDataRole.ToolTipRole and (case.error or column == 0):  # the other columns explain themselves
            return case.error or case.image_path
        if case.error and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#c62828"))
        if column == 0:
            return self._file_data(case, role)
        if column == PATIENT_COLUMN:
            return self._patient_data(case, role)
        if column == CHECK_COLUMN:
            return self._check_data(case, role)
        if column == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("error") if case.error else self.tr(STATE_TEXT[case.review_state])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(STATE_COLOUR[case.review_state]))
            if role == SORT_ROLE:
                return list(ReviewState).index(case.review_state)
            return None
        grade = case.ai_grade if column == 2 else case.reader_grade
        if role == Qt.ItemDataRole.DisplayRole:
            return _grade_text(grade)
        if role == Qt.ItemDataRole.ToolTipRole and grade is not None:
            return grade_name(grade)
        if role == SORT_ROLE:
            return -1 if grade is None else grade
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    @staticmethod
    def _patient_data(case: CaseSummary, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return " ".join(part for part in (case.patient_id, case.eye) if part)
        if role == Qt.ItemDataRole.ToolTipRole:
            return case.patient_name or None
        return None

    def _check_data(self, case: CaseSummary, role: int) -> Any:
        flags = case.flags
        if role == Qt.ItemDataRole.DisplayRole:
            return "⚠" if flags else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self._flag_text(flag) for flag in flags) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(FLAG_COLOUR))
        if role == SORT_ROLE:
            return len(flags)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _flag_text(self, flag: CaseFlag) -> str:
        if flag.kind == GRADES_DIFFER:
            return self.tr("AI grade {ai} differs from reader grade {reader}").format(ai=flag.ai_grade,
                                                                                      reader=flag.reader_grade)
        text = (self.tr("marked done with grade 0 (no DR) but {lesions} painted or boxed") if flag.done
                else self.tr("grade 0 (no DR) but {lesions} painted or boxed"))
        return text.format(lesions=", ".join(flag.lesions))

    def _file_data(self, case: CaseSummary, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return case.image_path.rsplit("/", 1)[-1]
        if role == SORT_ROLE:
            return case.image_path.lower()
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbs.get(case.case_id)
        return None


class CaseFilter(QSortFilterProxyModel):
    """Rows whose review state and grade match the chosen filters."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.state: ReviewState | str | None = None  # a ReviewState, ERRORS, FLAGGED, or None for all
        self.grade: int | str | None = None  # 0-4 (AI or reader), DISAGREE, UNGRADED, or None for all
        self.setSortRole(SORT_ROLE)

    def set_filters(self, state: ReviewState | str | None, grade: int | str | None) -> None:
        self.beginFilterChange()
        self.state = ReviewState(state) if state in ReviewState._value2member_map_ else state
        self.grade = grade
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        case: CaseSummary = self.sourceModel().rows[source_row]
        if self.state == ERRORS and not case.error:
            return False
        if self.state == FLAGGED and not case.flags:
            return False
        if isinstance(self.state, ReviewState) and (case.review_state is not self.state or case.error):
            return False
        if self.grade == DISAGREE:
            return None not in (case.ai_grade, case.reader_grade) and case.ai_grade != case.reader_grade
        if self.grade == UNGRADED:
            return case.reader_grade is None
        return self.grade is None or self.grade in (case.ai_grade, case.reader_grade)


class CaseListWidget(QWidget):
    case_selected = Signal(str)  # case_id picked by the person

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseTableModel(self)
        self.proxy = CaseFilter(self)
        self.proxy.setSourceModel(self.model)

        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("All states"), None)
        for state, text in STATE_FILTER_TEXT.items():
            self.state_filter.addItem(self.tr(text), state.value)
        self.state_filter.addItem(self.tr("Errors"), ERRORS)
        self.state_filter.addItem(self.tr("Needs a second look ⚠"), FLAGGED)
        self.grade_filter = QComboBox()
        self.grade_filter.addItem(self.tr("Any grade"), None)
        for grade in range(len(DR_GRADE_NAMES)):
            self.grade_filter.addItem(f"{grade} {grade_name(grade)}", grade)
        self.grade_filter.addItem(self.tr("AI ≠ reader"), DISAGREE)
        self.grade_filter.addItem(self.tr("Not graded"), UNGRADED)
        for combo in (self.state_filter, self.grade_filter):
            combo.currentIndexChanged.connect(self._filters_changed)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Ctrl/Shift+click selects several cases (e.g. both eyes for one report); the current row is the open case.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setIconSize(THUMB_SIZE)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB_SIZE.height() + 6)
        self.table.setShowGrid(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count_label = QLabel()

        filters = QHBoxLayout()
        filters.addWidget(self.state_filter)
        filters.addWidget(self.grade_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self._selecting = False

    def set_cases(self, cases: Sequence[CaseSummary]) -> None:
        self.model.set_cases(cases)
        self._update_count()

    def update_case(self, case: CaseSummary) -> None:
        self.model.update_case(case)
        self._update_count()

    def set_thumbnail(self, case_id: str, image: QImage) -> None:
        self.model.set_thumbnail(case_id, image)

    def set_filters(self, state: ReviewState | str | None = None, grade: int | str | None = None) -> None:
        state = state.value if isinstance(state, ReviewState) else state
        self.state_filter.setCurrentIndex(max(0, self.state_filter.findData(state)))
        self.grade_filter.setCurrentIndex(max(0, self.grade_filter.findData(grade)))

    def visible_case_ids(self) -> list[str]:
        """Case ids in the order shown (after filter and sort): what next/previous walk through."""
        return [self.proxy.index(row, 0).data(CASE_ID_ROLE) for row in range(self.proxy.rowCount())]

    def current_case_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(CASE_ID_ROLE) if index.isValid() else None

    def selected_case_ids(self) -> list[str]:
        """The selected cases, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.index(row, 0).data(CASE_ID_ROLE) for row in rows]

    def select_case(self, case_id: str | None) -> None:
        """Highlight ``case_id`` without announcing it (the caller already opened it)."""
        self._selecting = True
        try:
            selection = self.table.selectionModel()
            row = self.model.row_of(case_id) if case_id is not None else None
            if row is None:
                selection.clearCurrentIndex()
                selection.clearSelection()
                return
            source = self.model.index(row, 0)
            index = self.proxy.mapFromSource(source)
            if index.isValid():
                # A click made it current already: the view applies the click's own selection (Ctrl+click adds
                # to it) after this, so it is left alone here.
                if selection.currentIndex().row() != index.row():
                    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                    selection.setCurrentIndex(index, flags)
                self.table.scrollTo(index)
        finally:
            self._selecting = False

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not self._selecting and current.isValid():
            self.case_selected.emit(current.data(CASE_ID_ROLE))

    def _filters_changed(self) -> None:
        self.proxy.set_filters(self.state_filter.currentData(), self.grade_filter.currentData())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        done = sum(1 for case in self.model.rows if case.review_state is ReviewState.DONE)
        self.count_label.setText(self.tr("{shown} of {total} cases shown · {done} done").format(
            shown=shown, total=total, done=done))
