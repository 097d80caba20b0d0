"""The case browser: thumbnail, file name, review state, AI grade and reader grade (an OCT scan: their classes),
patient ID and eye, a ⚠ when the case needs a second look (annotations.consistency; the tool tip says why) and, in
double reading, where the case stands between its readers; a case whose image cannot be read is red, one whose saved
mask or AI file is missing has its name in red, the tool tip saying which; filter by state, flag, grade (an OCT scan:
class) and reading; sort by any column (click its header); select several cases with Ctrl/Shift+click.

The rows are queries on the folder's index (annotations.case_source): sorting and filtering run in SQLite, the order
is read off the GUI thread by the reader the list is given (app.case_listing_reader) and swapped in when it comes,
keeping the selected and the current case, and only the rows on screen are read, a page at a time, so a folder of
100,000 photos sorts and filters without stalling the window. Thumbnails are asked for (``thumbnail_wanted``) when a
row is drawn and kept in a bounded cache; the list never loads images itself."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, Protocol

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractItemModel, QAbstractTableModel, QCoreApplication, QEvent,
                            QItemSelectionModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal,
                            SignalInstance)
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from annotations.bounded_cache import BoundedCache
from annotations.case_listing import CaseListing, ListingRequest
from annotations.case_source import DISAGREE, ERRORS, FLAGGED, UNGRADED, CaseQuery, CaseSource
from annotations.classes import DR_GRADE_NAMES, OCT_CLASSES
from annotations.consistency import GRADES_DIFFER, CaseFlag
from annotations.document import UNGRADABLE, ReviewState
from annotations.graded_fields import listed_kind
from annotations.patients import shown_name
from annotations.reading.disagreement import AWAITING_READERS, CaseState
from annotations.reading.state_names import STATE_NAMES
from annotations.report_kind import ReportKind
from annotations.workspace import CaseSummary
from widgets.clinical_terms import grade_name, oct_class_name, oct_class_short_name
from widgets.domain_messages import shown_message
from widgets.elided_combo import ElidedComboBox
from widgets.shown_lists import shown_items
from widgets.file_name_delegate import FileNameDelegate
from widgets.wrapping_delegate import WrappingDelegate

__all__ = ["CaseListWidget", "CaseTableModel", "DISAGREE", "ERRORS", "FLAGGED", "UNGRADED"]

THUMB_SIZE = QSize(60, 40)
# Texts are marked for pyside6-lupdate in the context of the class that shows them, and translated there.
COLUMNS = (QT_TRANSLATE_NOOP("CaseTableModel", "File"), QT_TRANSLATE_NOOP("CaseTableModel", "State"),
           QT_TRANSLATE_NOOP("CaseTableModel", "AI"), QT_TRANSLATE_NOOP("CaseTableModel", "Reader"),
           QT_TRANSLATE_NOOP("CaseTableModel", "Patient"), "⚠", QT_TRANSLATE_NOOP("CaseTableModel", "Reading"))
SORT_KEYS = ("file", "state", "ai", "reader", "patient", "flags", "reading")
AI_COLUMN, READER_COLUMN, PATIENT_COLUMN, CHECK_COLUMN, READING_COLUMN = 2, 3, 4, 5, 6
# Short of room, these columns give way, the first first (a 1093 px laptop left the photo 264 px beside a list of every
# column): the flag (the state filter finds flagged cases), the patient (the findings dock shows the open case's), the
# reader's grade, the AI's. File, State and Reading stay; dragging the list wider brings them back.
GIVE_WAY_ORDER = (CHECK_COLUMN, PATIENT_COLUMN, READER_COLUMN, AI_COLUMN)
FILTER_SHOWN_CHARACTERS = 6  # a filter's chosen text at the least, before "…"
LONGEST_PATIENT_SHOWN = "0" * 16 + " OD"  # the widest the Patient column grows for: a 16-digit hospital ID
FLAG_COLOUR = "#e65100"
ERROR_COLOUR = "#c62828"  # a row whose image cannot be read; the name of a case whose saved file is missing
STATE_TEXT = {ReviewState.TODO: QT_TRANSLATE_NOOP("CaseTableModel", "to do"),
              ReviewState.IN_PROGRESS: QT_TRANSLATE_NOOP("CaseTableModel", "in progress"),
              ReviewState.DONE: QT_TRANSLATE_NOOP("CaseTableModel", "done")}
STATE_FILTER_TEXT = {ReviewState.TODO: QT_TRANSLATE_NOOP("CaseListWidget", "To do"),
                     ReviewState.IN_PROGRESS: QT_TRANSLATE_NOOP("CaseListWidget", "In progress"),
                     ReviewState.DONE: QT_TRANSLATE_NOOP("CaseListWidget", "Done")}
STATE_COLOUR = {ReviewState.TODO: "#9e9e9e", ReviewState.IN_PROGRESS: "#f9a825", ReviewState.DONE: "#2e7d32"}
READING_COLOUR = {CaseState.NEEDS_READER_1: "#9e9e9e", CaseState.NEEDS_READER_2: "#f9a825",
                  CaseState.AGREED: "#2e7d32", CaseState.NEEDS_ARBITRATION: "#c62828",
                  CaseState.ARBITRATED: "#1565c0", CaseState.REVISED_SINCE_ARBITRATION: "#6a1b9a"}
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_ROWS = 128  # rows read from the index in one query
CACHED_PAGES = 32
CACHED_THUMBNAILS = 512
LAYOUT_SIGNATURE = "QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint"  # the signal with its hint
# The roles a cell answers; the view asks for several more (font, background, check state) at every paint, which
# are turned away before the row's summary is looked up (a repaint follows every listing swap of a folder's scan).
ANSWERED_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole})


def _grade_text(grade: int | str | None) -> str:
    return "–" if grade is None else str(grade)


def reading_text(state: str) -> str:
    """How the list names a double-reading state (CaseState's value), translated: the words the command line prints
    (annotations.reading.state_names)."""
    return QCoreApplication.translate("CaseTableModel", STATE_NAMES[CaseState(state)]) if state else ""


class ListingReader(Protocol):
    """Reads listings off the GUI thread (app.case_listing_reader.CaseListingReader)."""
    listing_read: SignalInstance  # CaseListing, delivered on the GUI thread

    @property
    def busy(self) -> bool: ...

    def request(self, request: ListingRequest) -> None: ...


def framed_thumbnail(image: QImage, ratio: float = 1.0) -> QPixmap:
    """``image`` within THUMB_SIZE, centred on a clear pixmap of that size: every row's name starts at one place (an
    OCT scan's 41 x 40 beside a photo's 60 x 40 moved it, and gave one name more room than the next). ``ratio``: the
    screen's device pixels per point; the pixmap holds that many, so a 2x screen shows the decoded 120 x 80 picture
    (annotations.previews) at its detail, not a 60 x 40 one enlarged and blurred."""
    picture = QPixmap.fromImage(image).scaled(THUMB_SIZE * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation)
    framed = QPixmap(THUMB_SIZE * ratio)
    framed.fill(Qt.GlobalColor.transparent)
    painter = QPainter(framed)
    painter.drawPixmap((framed.width() - picture.width()) // 2, (framed.height() - picture.height()) // 2, picture)
    painter.end()
    framed.setDevicePixelRatio(ratio)
    return framed


class CaseTableModel(QAbstractTableModel):
    """Rows are case ids in the query's order, read by ``reader`` and swapped in when they come (a sort or filter
    moves rows: the selection and the current row follow their cases); each row's summary is read from the index
    when it is drawn."""

    thumbnail_wanted = Signal(str)  # case_id of a drawn row that has no thumbnail yet
    listing_changed = Signal()  # a listing was taken in: new rows, or new counts
    ai_class_listed = Signal()  # the AI column shows an OCT scan's class for the first time in this folder
    patient_listed = Signal(str)  # the Patient column shows a text longer than any before in this folder

    def __init__(self, reader: ListingReader, parent: Any = None) -> None:
        super().__init__(parent)
        self.source: CaseSource | None = None
        self.query = CaseQuery()
        self.ids: list[str] = []
        self.total = self.done = 0  # the folder's cases, and those marked done
        self.last_read_seconds = 0.0  # how long the last listing took to read
        self._reader = reader
        reader.listing_read.connect(self._take)
        self._row_of: dict[str, int] = {}
        self._pages: BoundedCache[int, dict[str, CaseSummary]] = BoundedCache(CACHED_PAGES)
        self._thumbs: BoundedCache[str, QPixmap] = BoundedCache(CACHED_THUMBNAILS)
        self._asked: set[str] = set()
        self.ai_classes_listed = False  # the AI column has shown an OCT class ("Drusen"), wider than a grade
        self._longest_patient = 0  # characters of the longest text the Patient column has shown

    @property
    def pending(self) -> bool:
        """A listing asked for has not been shown yet."""
        return self._reader.busy

    def set_source(self, source: CaseSource | None) -> None:
        """Another folder: no rows until its listing is read."""
        self.beginResetModel()
        self.source = source
        self.ids, self._row_of, self.total, self.done = [], {}, 0, 0
        self._pages.clear()
        self._thumbs.clear()
        self._asked.clear()
        self.ai_classes_listed = False
        self._longest_patient = 0
        self.endResetModel()
        self._request(reorder=True)

    def set_query(self, query: CaseQuery) -> None:
        """Filter or sort; the rows follow when they are read."""
        self.query = query
        self._request(reorder=True)

    def refresh(self) -> None:
        """Read the order again (cases added by a scan, reading states changed)."""
        self._request(reorder=True)

    def refresh_counts(self) -> None:
        """Read the counts again (a case was saved); its row stays where it is."""
        self._request(reorder=False)

    def _request(self, reorder: bool) -> None:
        if self.source is not None:
            self._reader.request(ListingRequest(self.source, self.query, reorder))

    def _take(self, listing: CaseListing) -> None:
        request = listing.request
        if request.source is not self.source:
            return  # a folder closed since
        self.total, self.done, self.last_read_seconds = listing.total, listing.done, listing.seconds
        if listing.ids is not None and listing.row_of is not None and request.query == self.query:
            self._show_order(listing.ids, listing.row_of)
        self.listing_changed.emit()

    def _show_order(self, ids: list[str], row_of: dict[str, int]) -> None:
        """Rows move (a sort, a filter, cases added): persistent indexes (the selection, one per selected row with
        this hint, and the current row) follow their cases; those of cases no longer listed go."""
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
        self.layoutAboutToBeChanged[LAYOUT_SIGNATURE].emit([], hint)
        persistent = self.persistentIndexList()
        cases = [self.ids[index.row()] if 0 <= index.row() < len(self.ids) else None for index in persistent]
        self.ids, self._row_of = ids, row_of
        self._pages.clear()
        self.changePersistentIndexList(persistent, [
            self.index(row_of[case], index.column()) if case in row_of else QModelIndex()
            for case, index in zip(cases, persistent)])
        self.layoutChanged[LAYOUT_SIGNATURE].emit([], hint)

    def summary(self, row: int) -> CaseSummary | None:
        """None for a case the index no longer holds (its photo deleted, found by the folder's scan) until the next
        listing, under way, drops its row."""
        page = row // PAGE_ROWS
        found = self._pages.get(page)
        if found is None and self.source is not None:
            found = self.source.summaries(self.ids[page * PAGE_ROWS:(page + 1) * PAGE_ROWS])
            self._pages.put(page, found)
        return found.get(self.ids[row]) if found is not None else None

    def update_case(self, case: CaseSummary) -> None:
        row = self._row_of.get(case.case_id)
        if row is not None:
            self._pages.discard(row // PAGE_ROWS)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_thumbnail(self, case_id: str, image: QImage, ratio: float = 1.0) -> None:
        self._thumbs.put(case_id, framed_thumbnail(image, ratio))
        row = self._row_of.get(case_id)
        if row is not None:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def state_texts(self, double: bool = False) -> list[str]:
        """What the State column can say, translated (``double``: on an arbiter's list too)."""
        return [*(self.tr(text) for text in STATE_TEXT.values()), self.tr("error"),
                *([self.tr("with readers")] if double else [])]

    def row_of(self, case_id: str) -> int | None:
        return self._row_of.get(case_id)

    def has_thumbnail(self, case_id: str) -> bool:
        return case_id in self._thumbs

    def thumbnail_count(self) -> int:
        return len(self._thumbs)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if section == CHECK_COLUMN else self.tr(COLUMNS[section])  # ⚠ is a symbol
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.set_query(dataclasses.replace(self.query, sort=SORT_KEYS[column],
                                           descending=order == Qt.SortOrder.DescendingOrder))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == CASE_ID_ROLE:
            return self.ids[index.row()]
        if role not in ANSWERED_ROLES:
            return None
        column = index.column()
        case = self.summary(index.row())
        if case is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and (case.error or column == 0):  # the others explain themselves
            return shown_message(case.error) if case.error else "\n".join(
                [case.image_path, *map(shown_message, case.missing_files)])  # each saved file missing named
        if case.error and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ERROR_COLOUR))
        if column == 0:
            return self._file_data(case, role)
        if column == PATIENT_COLUMN:
            return self._patient_data(case, role)
        if column == CHECK_COLUMN:
            return self._check_data(case, role)
        if column == READING_COLUMN:
            return self._reading_data(case, role)
        if column == 1:
            return self._state_data(case, role)
        if listed_kind(case.reader_oct_class, case.ai_oct_class) is ReportKind.OCT:  # a DR grade names no scan
            code = case.ai_oct_class if column == AI_COLUMN else case.reader_oct_class
            if column == AI_COLUMN and code is not None and not self.ai_classes_listed:
                self.ai_classes_listed = True
                self.ai_class_listed.emit()
            return self._oct_class_data(code, role)
        # "U": the reader recorded the photo ungradable, or the AI's quality check found it so (its grade is void)
        grade = case.listed_ai_grade if column == AI_COLUMN else case.listed_reader_grade
        if role == Qt.ItemDataRole.DisplayRole:
            return _grade_text(grade)
        if role == Qt.ItemDataRole.ToolTipRole and grade is not None:
            return grade_name(grade)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    @staticmethod
    def _oct_class_data(code: str | None, role: int) -> Any:
        """An OCT scan's class, where a photo shows its DR grade: in a word ("Drusen", "CNV"), what the code stands
        for in the tool tip; "–" where none was given."""
        if role == Qt.ItemDataRole.DisplayRole:
            return "–" if code is None else oct_class_short_name(code)
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if code is None else oct_class_name(code)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _patient_data(self, case: CaseSummary, role: int) -> Any:
        """The patient ID and eye; the tool tip says them whole (a long ID is elided) with the patient's name, both
        its forms where it has two (patients.shown_name: 王小明 beside Xiaoming Wang), the image header's where the
        case was never saved."""
        shown = " ".join(part for part in (case.case_patient_id, case.case_eye) if part)
        if role == Qt.ItemDataRole.DisplayRole:
            if len(shown) > self._longest_patient:  # rows are read a page at a time: measured as they are shown
                self._longest_patient = len(shown)
                self.patient_listed.emit(shown)
            return shown
        if role == Qt.ItemDataRole.ToolTipRole:
            name = shown_name(case.case_patient_name, QCoreApplication.translate)
            return "\n".join(part for part in (shown, name) if part) or None
        return None

    def _check_data(self, case: CaseSummary, role: int) -> Any:
        flags = case.flags
        if role == Qt.ItemDataRole.DisplayRole:
            return "⚠" if flags else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self._flag_text(flag) for flag in flags) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(FLAG_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _flag_text(self, flag: CaseFlag) -> str:
        if flag.kind == GRADES_DIFFER and flag.case_kind is ReportKind.OCT:
            return self.tr("AI OCT class {ai} differs from reader OCT class {reader}").format(
                ai=oct_class_short_name(str(flag.ai_grade)), reader=oct_class_short_name(str(flag.reader_grade)))
        if flag.kind == GRADES_DIFFER:
            return self.tr("AI grade {ai} differs from reader grade {reader}").format(ai=flag.ai_grade,
                                                                                      reader=flag.reader_grade)
        text = (self.tr("marked done with grade 0 (no DR) but {lesions} painted or boxed") if flag.done
                else self.tr("grade 0 (no DR) but {lesions} painted or boxed"))
        return text.format(lesions=shown_items(flag.lesions))

    def _state_data(self, case: CaseSummary, role: int) -> Any:
        """The review state; on the arbiter's list a case still with its readers awaits them, not the arbiter."""
        awaiting = (self.source is not None and self.source.arbiter and case.review_state is ReviewState.TODO
                    and case.reading_state in AWAITING_READERS)
        if role == Qt.ItemDataRole.DisplayRole:
            if case.error:
                return self.tr("error")
            return self.tr("with readers") if awaiting else self.tr(STATE_TEXT[case.review_state])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STATE_COLOUR[ReviewState.TODO if awaiting else case.review_state]))
        return None

    @staticmethod
    def _reading_data(case: CaseSummary, role: int) -> Any:
        """Where the case stands in double reading; the tool tip says it whole where the column elides it (the rare
        "revised since arbitration", _fit_reading_column), or why it cannot be told (a reader's file unreadable,
        which the status bar says once)."""
        if role == Qt.ItemDataRole.DisplayRole:
            return reading_text(case.reading_state)
        if role == Qt.ItemDataRole.ToolTipRole:
            if case.reading_error and not case.reading_state:
                return shown_message(case.reading_error)
            return reading_text(case.reading_state) or None
        if role == Qt.ItemDataRole.ForegroundRole and case.reading_state:
            return QBrush(QColor(READING_COLOUR[CaseState(case.reading_state)]))
        return None

    def _file_data(self, case: CaseSummary, role: int) -> Any:
        """The photo's name and thumbnail; the name in the error colour while a saved file of the case is missing
        (it opens without it), the tool tip naming each."""
        if role == Qt.ItemDataRole.DisplayRole:
            return case.file_name
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ERROR_COLOUR)) if case.missing_files else None
        if role == Qt.ItemDataRole.DecorationRole:
            thumb = self._thumbs.get(case.case_id)
            if thumb is None and case.case_id not in self._asked and not case.error:
                self._asked.add(case.case_id)  # asked once; a row scrolled back to after eviction asks again
                self.thumbnail_wanted.emit(case.case_id)
            return thumb
        return None

    def forget_asked(self) -> None:
        """Rows drawn again may ask again (their requests were dropped, or their thumbnails evicted)."""
        self._asked = {case_id for case_id in self._asked if case_id in self._thumbs}


def _reading_states_shown() -> list[str]:
    """The Reading column's texts its width is fitted to: all but the rare "revised since arbitration", elided first."""
    return [reading_text(state.value) for state in CaseState if state is not CaseState.REVISED_SINCE_ARBITRATION]


class CaseListWidget(QWidget):
    case_selected = Signal(str)  # case_id picked by the person
    thumbnail_wanted = Signal(str)  # case_id of a row on screen without a thumbnail
    listed = Signal()  # a listing asked for is shown (rows in their order, counts)
    columns_refitted = Signal()  # a column's width changed with what it shows: so may least_width()

    def __init__(self, reader: ListingReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseTableModel(reader, self)
        self.model.thumbnail_wanted.connect(self.thumbnail_wanted)
        self.model.listing_changed.connect(self._listing_changed)
        # queued: the column is widened after the paint that asked for the class, not during it
        self.model.ai_class_listed.connect(self._fit_ai_column, Qt.ConnectionType.QueuedConnection)
        self.model.patient_listed.connect(self._fit_patient_column, Qt.ConnectionType.QueuedConnection)
        self.model.layoutAboutToBeChanged.connect(self._note_current_on_screen)
        self.model.layoutChanged.connect(self._keep_current_on_screen)
        self._current_on_screen = False

        self.state_filter = ElidedComboBox()
        self.state_filter.addItem(self.tr("All states"), None)
        for state, text in STATE_FILTER_TEXT.items():
            self.state_filter.addItem(self.tr(text), state.value)
        self.state_filter.addItem(self.tr("Errors"), ERRORS)
        self.state_filter.addItem(self.tr("Needs a second look ⚠"), FLAGGED)
        self.grade_filter = ElidedComboBox()
        self.grade_filter.addItem(self.tr("Any grade or class"), None)  # DR grades and OCT classes both below
        for grade in range(len(DR_GRADE_NAMES)):
            self.grade_filter.addItem(f"{grade} {grade_name(grade)}", grade)
        self.grade_filter.addItem(f"{UNGRADABLE} {grade_name(UNGRADABLE)}", UNGRADABLE)  # the reader's or the AI's
        self.grade_filter.insertSeparator(self.grade_filter.count())  # photos' grades above, OCT scans' classes below
        for code in OCT_CLASSES:
            self.grade_filter.addItem(oct_class_short_name(code), code)
        self.grade_filter.insertSeparator(self.grade_filter.count())
        self.grade_filter.addItem(self.tr("AI ≠ reader"), DISAGREE)
        self.grade_filter.addItem(self.tr("Not graded"), UNGRADED)
        self.reading_filter = ElidedComboBox()
        self.reading_filter.addItem(self.tr("Any reading"), None)
        for state in CaseState:
            self.reading_filter.addItem(reading_text(state.value), state.value)
        for combo in (self.state_filter, self.grade_filter, self.reading_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
            # a narrow list cuts the chosen filter short with "…" (whole in its tooltip), not the list's columns
            combo.view().setMinimumWidth(combo.sizeHint().width())
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(FILTER_SHOWN_CHARACTERS)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list: cell by cell it opened the next case unasked
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Ctrl/Shift+click selects several cases (e.g. both eyes for one report); the current row is the open case.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setIconSize(THUMB_SIZE)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # rows need no measuring
        self.table.verticalHeader().setDefaultSectionSize(THUMB_SIZE.height() + 6)
        self.table.setShowGrid(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # a reading state too long for a narrow column goes on a second line (the row has room), not elided
        self.table.setItemDelegateForColumn(READING_COLUMN, WrappingDelegate(self.table))
        self.table.setItemDelegateForColumn(0, FileNameDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in self._column_widths().items():  # from the texts: measuring rows would read them all
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # spare width goes to the file names
        self._fitting_reading = False
        self._reading_dragged = False  # the reader's own width of the Reading column stands
        self._given_way: dict[int, int] = {}  # a column hidden for want of room: the width it had
        header.sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)  # the room the columns share
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.verticalScrollBar().valueChanged.connect(lambda _: self.model.forget_asked())
        self.count_label = QLabel()

        filters = QHBoxLayout()
        filters.addWidget(self.state_filter)
        filters.addWidget(self.grade_filter)
        filters.addWidget(self.reading_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self._selecting = False
        self.set_double_reading(False)

    def _column_widths(self, double: bool = False) -> dict[int, int]:
        """Each column as wide as its header and the longest text it shows (the file's: a typical name beside its
        thumbnail; ``double``: in a folder read by two readers)."""
        metrics = self.table.fontMetrics()
        grades = ["4", *map(oct_class_short_name, OCT_CLASSES)]  # a photo's DR grade, an OCT scan's class
        # The AI column takes a class's width only once it shows one: a folder of photos keeps it for file names.
        longest = {0: ["photo_0000.jpg"], 1: self.model.state_texts(double),
                   AI_COLUMN: grades if self.model.ai_classes_listed else ["4"], READER_COLUMN: grades,
                   4: ["P-0000 OD"],
                   5: ["⚠"], READING_COLUMN: [reading_text(state.value) for state in CaseState]}
        widths = {column: 14 + max(metrics.horizontalAdvance(text) for text in
                                   [*texts, str(self.model.headerData(column, Qt.Orientation.Horizontal))])
                  for column, texts in longest.items()}
        widths[0] += THUMB_SIZE.width()
        return widths

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _section_resized(self, column: int, old: int, new: int) -> None:
        if column == READING_COLUMN and not self._fitting_reading and old and new:  # 0: hidden or shown, not dragged
            self._reading_dragged = True

    def _fit_columns(self) -> None:
        """The columns that give way to the room (GIVE_WAY_ORDER), then the Reading column in what the others leave."""
        self._give_way()
        self._fit_reading_column()

    def _give_way(self) -> None:
        """Hide the columns of GIVE_WAY_ORDER, the first first, until the rest fit the list whole; show them again when
        the list is wide enough."""
        giving = []
        for column in GIVE_WAY_ORDER:
            if self._width_with(giving) <= self.table.width():
                break
            giving.append(column)
        header = self.table.horizontalHeader()
        for column in GIVE_WAY_ORDER:
            if column in giving and column not in self._given_way:
                self._given_way[column] = header.sectionSize(column)
                header.hideSection(column)
            elif column not in giving and column in self._given_way:
                header.showSection(column)
                header.resizeSection(column, self._given_way.pop(column))
        hidden = [str(self.model.headerData(column, Qt.Orientation.Horizontal)) for column in GIVE_WAY_ORDER
                  if column in self._given_way]
        header.setToolTip(self.tr("Hidden for want of room: {columns}; drag the list's edge to show them").format(
            columns=shown_items(hidden)) if hidden else "")

    def _column_width(self, column: int) -> int:
        """A column's width, also while it gives way (the width it had, and will have again)."""
        return self._given_way.get(column) or self.table.horizontalHeader().sectionSize(column)

    def _resize_column(self, column: int, width: int) -> None:
        """Widen ``column`` to what it shows, also while it gives way (as wide once it shows again)."""
        if column in self._given_way:
            self._given_way[column] = width
        else:
            self.table.horizontalHeader().resizeSection(column, width)

    def _width_with(self, hidden: Iterable[int]) -> int:
        """The list's width with every column whole but the ``hidden`` ones and File, whose name is elided in its
        middle ("photo…jpg"), and room for a scroll bar."""
        header, hidden = self.table.horizontalHeader(), set(hidden)
        middle = sum(self._column_width(column) for column in range(1, READING_COLUMN)
                     if column not in hidden and (column in self._given_way or not header.isSectionHidden(column)))
        reading = 0 if header.isSectionHidden(READING_COLUMN) else self._narrowest_reading_width()
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        return self._least_file_width() + middle + reading + frame

    def _fit_reading_column(self) -> None:
        """The Reading and File columns share what the others leave (the File column stretches into the rest).
        Short of room, the Reading column first elides the rare "revised since arbitration", then the File column
        gives up its typical name down to one elided in its middle ("photo…jpg"), then the Reading column narrows
        down to its header or a state's longest word, its states wrapped onto a second line. Its long states took the
        whole list a third of the window wide, leaving the thumbnail alone; keeping a whole name first cut "reader 1
        done" (now "needs reader 2") to "rea…one" at 1600 px; elided, a 10-digit patient ID left "need…er 1"."""
        header = self.table.horizontalHeader()
        if self._reading_dragged or header.isSectionHidden(READING_COLUMN):
            return
        wanted = self._column_widths(double=True)
        room = self.table.viewport().width() - self._middle_columns_width()
        way_through = 14 + max(map(self.table.fontMetrics().horizontalAdvance, _reading_states_shown()))
        width = min(wanted[READING_COLUMN], max(room - wanted[0], min(way_through, room - self._least_file_width())))
        self._fitting_reading = True
        header.resizeSection(READING_COLUMN, max(self._narrowest_reading_width(), width))
        self._fitting_reading = False

    def _middle_columns_width(self) -> int:
        """The columns shown between the File and the Reading column."""
        header = self.table.horizontalHeader()
        return sum(header.sectionSize(column) for column in range(1, READING_COLUMN)
                   if not header.isSectionHidden(column))

    def _least_file_width(self) -> int:
        """The File column at its narrowest: the thumbnail and a name elided in its middle."""
        return THUMB_SIZE.width() + 14 + self.table.fontMetrics().horizontalAdvance("photo…jpg")

    def _narrowest_reading_width(self) -> int:
        """The Reading column at its narrowest: its header or a state's longest word (they wrap onto a second line)."""
        return 14 + max(map(self.table.fontMetrics().horizontalAdvance, [
            str(self.model.headerData(READING_COLUMN, Qt.Orientation.Horizontal)),
            *" ".join(_reading_states_shown()).split()]))

    def least_width(self) -> int:
        """The narrowest this list shows every column whole but the File one, and that one's names elided in their
        middle ("photo…jpg"), with room for a scroll bar: the window's rule gives it this much where the photo keeps
        as much (a third of a 1280-pixel window left the File column "im…ng" in double reading in Chinese)."""
        return self._width_with(())

    def floor_width(self) -> int:
        """The narrowest this list shows File, State and (in double reading) Reading whole, every column of
        GIVE_WAY_ORDER hidden: the window's rule gives it this much whatever the photo is left."""
        return self._width_with(GIVE_WAY_ORDER)

    def set_source(self, source: CaseSource | None) -> None:
        """The cases of a newly opened folder (None: no folder); listed when read."""
        self.model.set_source(source)
        self._resize_column(PATIENT_COLUMN, self._column_widths()[PATIENT_COLUMN])
        self._fit_ai_column()
        self._update_count()

    def _fit_ai_column(self) -> None:
        """As wide as what the AI column shows: a grade, or once an OCT scan's class is listed, its name."""
        self._resize_column(AI_COLUMN, self._column_widths()[AI_COLUMN])
        self._fit_columns()
        self.columns_refitted.emit()

    def _fit_patient_column(self, text: str) -> None:
        """Wide enough for ``text``, the longest patient ID and eye listed so far, up to a 16-character ID: elided in
        its middle, "ZS-1…1 OD" could be another patient's ID. The File column gives up the room, then the Reading
        column (in double reading at a 1600 px window a 10-digit ID puts "needs arbitration" on two lines): an ID read
        wrong names another patient, a reading state on two lines only reads worse."""
        metrics = self.table.fontMetrics()
        width = 14 + min(metrics.horizontalAdvance(text), metrics.horizontalAdvance(LONGEST_PATIENT_SHOWN))
        if width > self._column_width(PATIENT_COLUMN):
            self._resize_column(PATIENT_COLUMN, width)
            self._fit_columns()
            self.columns_refitted.emit()

    def refresh(self) -> None:
        """The index gained or changed cases (a scan batch): read the order again, keeping the selection."""
        self.model.refresh()

    def refresh_counts(self) -> None:
        """A case was saved: read the counts again."""
        self.model.refresh_counts()

    @property
    def pending(self) -> bool:
        """What was last asked of the list (a sort, a filter, a refresh) is still being read."""
        return self.model.pending

    @property
    def last_read_seconds(self) -> float:
        return self.model.last_read_seconds

    def set_double_reading(self, double: bool) -> None:
        """The Reading column and its filter are shown only for a folder read by two readers."""
        self.table.setColumnHidden(READING_COLUMN, not double)
        self.table.horizontalHeader().resizeSection(1, self._column_widths(double)[1])  # room for "with readers"
        self._fit_columns()  # in what the wider State column leaves
        self.reading_filter.setVisible(double)
        self.columns_refitted.emit()
        if not double and self.reading_filter.currentIndex() != 0:
            self.reading_filter.setCurrentIndex(0)

    def update_case(self, case: CaseSummary) -> None:
        self.model.update_case(case)

    def set_thumbnail(self, case_id: str, image: QImage) -> None:
        self.model.set_thumbnail(case_id, image, self.table.devicePixelRatioF())

    def set_filters(self, state: ReviewState | str | None = None, grade: int | str | None = None,
                    reading: str | None = None) -> None:
        state = state.value if isinstance(state, ReviewState) else state
        self.state_filter.setCurrentIndex(max(0, self.state_filter.findData(state)))
        self.grade_filter.setCurrentIndex(max(0, self.grade_filter.findData(grade)))
        self.reading_filter.setCurrentIndex(max(0, self.reading_filter.findData(reading)))

    def visible_case_ids(self) -> list[str]:
        """Case ids in the order shown (after filter and sort): what next/previous walk through."""
        return list(self.model.ids)

    def current_case_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(CASE_ID_ROLE) if index.isValid() else None

    def selected_case_ids(self) -> list[str]:
        """The selected cases, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.ids[row] for row in rows]

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
            index = self.model.index(row, 0)
            # A click made it current already: the view applies the click's own selection (Ctrl+click adds to it)
            # after this, so it is left alone here.
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
        self.model.set_query(dataclasses.replace(
            self.model.query, state=self.state_filter.currentData(), grade=self.grade_filter.currentData(),
            reading=self.reading_filter.currentData()))

    def _note_current_on_screen(self, *_: Any) -> None:
        index = self.table.currentIndex()
        self._current_on_screen = index.isValid() and self.table.viewport().rect().intersects(
            self.table.visualRect(index))

    def _keep_current_on_screen(self, *_: Any) -> None:
        """The case the person was looking at stays in sight when rows move under it."""
        index = self.table.currentIndex()
        if self._current_on_screen and index.isValid():
            self.table.scrollTo(index)

    def _listing_changed(self) -> None:
        self._update_count()
        self.listed.emit()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{shown} of {total} cases shown · {done} done").format(
            shown=self.model.rowCount(), total=self.model.total, done=self.model.done))
