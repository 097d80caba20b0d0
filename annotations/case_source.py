"""The case list of an open folder as queries on its index: which cases, in which order, and each one's summary.

A folder of 100,000 photos is listed, sorted and filtered by SQLite (ORDER BY / WHERE over the index) and only the
rows on screen are turned into CaseSummary objects, so no step walks every case in Python on the GUI thread.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from annotations.case_scopes import CaseFacts, counts_as_done
from annotations.classes import DR_GRADE_NAMES, OCT_CLASSES
from annotations.consistency import FLAG_COUNT_SQL, flag_count_sql, grades_differ_sql
from annotations.document import UNGRADABLE, ReviewState
from annotations.graded_fields import listed_dr_grade_sql, listed_name_sql
from annotations.patients import patient_key
from annotations.reading.arbiter_list import (arbiter_grade_sql, arbiter_review_state_sql, arbiter_review_state,
                                             unsettled_done)
from annotations.reading.blind import withholds_ai
from annotations.reading.disagreement import AWAITING_READERS, CaseState
from annotations.workspace.store import IndexStore
from annotations.workspace.workspace import CaseSummary, summary_from_row

# Filters beyond a review state or a grade.
ERRORS = "errors"
FLAGGED = "flagged"
DISAGREE = "disagree"
UNGRADED = "ungraded"

NOT_READ = CaseState.NEEDS_READER_1.value  # what a case nobody saved needs
_READING = f"COALESCE(rs.state, '{NOT_READ}')"
_ARBITER_REVIEW = arbiter_review_state_sql("c.review_state", _READING)  # the review state on the arbiter's list
# the reader's grade (UNGRADABLE for a photo recorded ungradable) and class
_READER_GRADES = (listed_dr_grade_sql("c.reader_grade", "c.reader_ungradable"), "c.reader_oct_class")
# the reader's grade and class on the arbiter's list
_ARBITER_GRADES = (arbiter_grade_sql(_READER_GRADES[0], "c.review_state", _READING),
                   arbiter_grade_sql(_READER_GRADES[1], "c.review_state", _READING))


def _reader_grades(arbiter: bool) -> tuple[str, str]:
    """The SQL of the reader's grade and class as the list shows them (``arbiter``: the arbiter's list)."""
    return _ARBITER_GRADES if arbiter else _READER_GRADES


def _state_order(review: str) -> str:
    return f"CASE {review} " + " ".join(
        f"WHEN '{state.value}' THEN {rank}" for rank, state in enumerate(ReviewState)) + " END"


def shown_ai_grade_sql(blind_ai: bool, column: str = "c.ai_grade") -> str:
    """The AI grade (``column``: or an OCT scan's AI class) the list may show, filter and sort by: under blind AI none
    before the reader submits the case (annotations.reading.blind), or the order and the filters would tell it."""
    return f"(CASE WHEN c.review_state = '{ReviewState.DONE.value}' THEN {column} END)" if blind_ai else column


def _named_sort(grade: str, oct_class: str, ai_oct_class: str) -> str:
    """One side's grade as it names the case (``ai_oct_class``: the AI's class the list may show): none first, then
    photos by their DR grade, the ungradable ones (UNGRADABLE) together after grade 4, then OCT scans by their
    class's code (SQLite sorts numbers before text: as text, "U" sorted after the classes, away from the photos)."""
    name = listed_name_sql(grade, oct_class, "c.reader_oct_class", ai_oct_class)
    return f"(CASE {name} WHEN '{UNGRADABLE}' THEN {len(DR_GRADE_NAMES)} ELSE COALESCE({name}, -1) END)"


def _ai_grades(blind_ai: bool) -> tuple[str, str]:
    """The SQL of the AI's grade (UNGRADABLE where its quality check found the photo not gradable) and class as the
    list shows them: under blind AI none before the reader submits the case (shown_ai_grade_sql)."""
    return (listed_dr_grade_sql(shown_ai_grade_sql(blind_ai), shown_ai_grade_sql(blind_ai, "c.ai_ungradable")),
            shown_ai_grade_sql(blind_ai, "c.ai_oct_class"))


_READING_ORDER = f"CASE {_READING} " + " ".join(
    f"WHEN '{state.value}' THEN {rank}" for rank, state in enumerate(CaseState)) + " END"
SORT_KEYS = {
    "file": "c.image_path COLLATE NOCASE",
    "state": _state_order("c.review_state"),
    # as "reader": photos by the AI's DR grade, then OCT scans by the AI's class
    "ai": _named_sort(*_ai_grades(False), "c.ai_oct_class"),
    # photos by their DR grade, then OCT scans by their class (a scan's DR grade from before it was marked OCT does
    # not place it: graded_fields.listed_name)
    "reader": _named_sort(*_READER_GRADES, "c.ai_oct_class"),
    # Patients as they are linked (annotations.patients.patient_key: "p-7" beside "P-7"), each one's eyes in order.
    # CHAR(1) sorts below every character a patient ID holds (a space too), so "p" still sorts before "p 7".
    "patient": "COALESCE(c.patient_key, '') || CHAR(1) || case_patient_field(c.eye, c.header_eye)",
    "flags": FLAG_COUNT_SQL,
    "reading": _READING_ORDER,
}


@dataclass(frozen=True)
class CaseQuery:
    state: str | None = None  # a ReviewState value, ERRORS, FLAGGED, or None for all
    # 0-4 or UNGRADABLE (the AI's or the reader's DR grade of a photo), an OCT class (of a scan),
    # DISAGREE, UNGRADED, or None for all
    grade: int | str | None = None
    reading: str | None = None  # a CaseState value (double reading), or None for all
    sort: str = "file"  # a key of SORT_KEYS
    descending: bool = False


def _flag_count_sql(blind_ai: bool, arbiter: bool) -> str:
    """How many ⚠ flags a case has, over the AI's and the reader's grades as the list shows them (CaseSource._as_shown
    gives each row's flags from the same)."""
    return flag_count_sql(*_ai_grades(blind_ai), *_reader_grades(arbiter))


def grade_filter_value(grade: int | str) -> int | str:
    """A grade filter's value as the list names it: an OCT class's code, UNGRADABLE, or a DR grade's number."""
    return grade if grade in OCT_CLASSES or grade == UNGRADABLE else int(grade)


def where_clause(query: CaseQuery, blind_ai: bool = False, arbiter: bool = False) -> tuple[str, list[Any]]:
    """The SQL condition (over ``cases c`` and ``reading_states rs``) that keeps the cases ``query`` asks for.
    ``arbiter``: the consensus's list in double reading, whose "to do" leaves out the cases still with the readers
    and holds those whose readings disagree (annotations.reading.arbiter_list)."""
    parts: list[str] = []
    params: list[Any] = []
    ai_oct_class = _ai_grades(blind_ai)[1]
    # each side as it names the case: a photo by its DR grade, an OCT scan by its class (graded_fields.listed_name)
    reader, ai = (listed_name_sql(grade, oct_class, "c.reader_oct_class", ai_oct_class)
                  for grade, oct_class in (_reader_grades(arbiter), _ai_grades(blind_ai)))
    if query.state == ERRORS:  # an image that cannot be read, or a case whose saved mask or AI file is missing
        parts.append("(c.error IS NOT NULL OR c.missing_files IS NOT NULL)")
    elif query.state == FLAGGED:
        parts.append(f"{_flag_count_sql(blind_ai, arbiter)} > 0")
    elif query.state is not None:
        parts.append(f"{_ARBITER_REVIEW if arbiter else 'c.review_state'} = ? AND c.error IS NULL")
        params.append(ReviewState(query.state).value)
        if arbiter and query.state == ReviewState.TODO.value:
            parts.append(f"{_READING} NOT IN ({', '.join('?' for _ in AWAITING_READERS)})")
            params += [state.value for state in AWAITING_READERS]
    if query.grade == DISAGREE:
        parts.append(grades_differ_sql(reader, ai))
    elif query.grade == UNGRADED:
        parts.append(f"{reader} IS NULL")
    elif query.grade is not None:  # a DR grade keeps photos, an OCT class scans
        parts.append(f"({ai} = ? OR {reader} = ?)")
        params += [grade_filter_value(query.grade)] * 2
    if query.reading is not None:
        parts.append(f"{_READING} = ?")
        params.append(CaseState(query.reading).value)
    return " AND ".join(parts) or "1", params


def order_clause(query: CaseQuery, blind_ai: bool = False, arbiter: bool = False) -> str:
    direction = "DESC" if query.descending else "ASC"
    if query.sort == "file":
        return f"{SORT_KEYS['file']} {direction}"  # straight from the index on the path, no sort step
    key = SORT_KEYS[query.sort]
    if arbiter and query.sort == "state":
        key = _state_order(_ARBITER_REVIEW)
    elif arbiter and query.sort == "reader":
        key = _named_sort(*_ARBITER_GRADES, "c.ai_oct_class")
    if blind_ai and query.sort in ("ai", "reader"):  # by what the reader may see of the AI's
        ai_oct_class = _ai_grades(blind_ai)[1]
        key = {"ai": _named_sort(*_ai_grades(blind_ai), ai_oct_class),
               "reader": _named_sort(*_READER_GRADES, ai_oct_class)}[query.sort]
    if query.sort == "flags" and (blind_ai or arbiter):
        key = _flag_count_sql(blind_ai, arbiter)
    return f"{key} {direction}, {SORT_KEYS['file']} {direction}"


class CaseSource(Mapping[str, CaseSummary]):
    """The cases of an open workspace by id (``only``: just these image paths), backed by its index. Summaries
    of cases edited but not yet saved are kept in memory over the index (``update``). ``blind_ai``: a blind reader's
    list, which shows no AI grade of a case they have not submitted. ``arbiter``: the consensus's list in double
    reading, whose cases still with the readers are not the arbiter's to do."""

    def __init__(self, index: IndexStore, only: set[str] | None = None, blind_ai: bool = False,
                 arbiter: bool = False) -> None:
        self._index = index
        self._only = only
        self._blind_ai = blind_ai
        self.arbiter = arbiter
        self._edited: dict[str, CaseSummary] = {}
        self._reading: dict[str, str] = {}
        self._reading_errors: dict[str, str] = {}  # case id -> why its reading state cannot be told
        self._all_read = False  # the folder's reading states are in: a case without one needs its first reader

    def ids(self, query: CaseQuery = CaseQuery(), worker: bool = False) -> list[str]:
        """Case ids matching ``query``, in its order; ``worker``: read by a worker, on the index's connection for
        long reads (IndexStore)."""
        where, params = where_clause(query, self._blind_ai, self.arbiter)
        ids = self._index.case_ids(where, params, order_clause(query, self._blind_ai, self.arbiter), worker=worker)
        if self._only is None:
            return ids
        paths = self._index.cases_by_id(ids, worker)
        return [case_id for case_id in ids if paths[case_id]["image_path"] in self._only]

    def count(self, query: CaseQuery = CaseQuery(), worker: bool = False) -> int:
        if self._only is not None:
            return len(self.ids(query, worker))
        return self._index.count_cases(*where_clause(query, self._blind_ai, self.arbiter), worker=worker)

    def same_patient(self, patient_id: str, besides: str = "") -> list[CaseSummary]:
        """The cases (other than ``besides``) whose patient ID names the same patient (annotations.patients)."""
        key = patient_key(patient_id)
        if not key:
            return []
        ids = [c for c in self._index.case_ids("c.patient_key = ?", [key]) if c != besides]  # indexed
        found = self.summaries(ids)
        return [found[c] for c in ids if self._only is None or found[c].image_path in self._only]

    def summaries(self, case_ids: list[str]) -> dict[str, CaseSummary]:
        """The summaries of ``case_ids`` in one query (a page of the list)."""
        rows = self._index.cases_by_id(case_ids)
        found = {case_id: self._as_shown(summary_from_row(row)) for case_id, row in rows.items()}
        # an edited case's files missing as the index knows them (only a read of its files tells: a scan, a save)
        found.update({c: self._as_shown(dataclasses.replace(self._edited[c], missing_files=found[c].missing_files)
                                        if c in found else self._edited[c]) for c in case_ids if c in self._edited})
        return found

    def done_ids(self) -> list[str]:
        """The ids of ``done_case_ids(self.facts())`` without reading every case: the index's done cases with the
        edits not yet saved over them (the cases edited since the folder opened), quick on the GUI thread."""
        edited = {case_id: summary for case_id, summary in self._edited.items()
                  if self._only is None or summary.image_path in self._only}
        listed = self.ids(CaseQuery(state=ReviewState.DONE.value))
        kept = [case_id for case_id in listed if case_id not in edited or counts_as_done(edited[case_id])]
        known = set(listed)
        added = sorted((s for c, s in edited.items() if counts_as_done(s) and c not in known),
                       key=lambda summary: summary.image_path.lower())
        return kept + [summary.case_id for summary in added]  # file order but for the newly done ones, after

    def facts(self, worker: bool = False) -> list[CaseFacts]:
        """What a whole-folder action decides on, for every listed case in file order, edits not yet saved (and
        decode errors, which only the window knows) included. Reads every case: call it on a worker."""
        edited = dict(self._edited)  # one copy: the GUI thread may add to it meanwhile
        found = []
        for case_id, image_path, state, ai_grade, analysed, error in self._index.case_facts(worker):
            if self._only is not None and image_path not in self._only:
                continue
            summary = edited.get(case_id)
            found.append(CaseFacts(case_id, image_path, ReviewState(state), ai_grade, bool(analysed), error)
                         if summary is None else CaseFacts(case_id, image_path, summary.review_state,
                                                           summary.ai_grade, summary.analysed, summary.error))
        return found

    def update(self, summary: CaseSummary) -> None:  # type: ignore[override] - one summary, not a mapping
        """Show ``summary`` for its case from now on (an edit not yet saved, or a decode error)."""
        self._edited[summary.case_id] = summary

    def __setitem__(self, case_id: str, summary: CaseSummary) -> None:
        self.update(summary)

    def reread(self, case_ids: Iterable[str]) -> None:
        """These cases were stored by something other than their edits here (the agreed reading settled): their
        rows come from the index again, not from what was saved here before (a decode error stays: only the window
        knows it)."""
        for case_id in case_ids:
            edited = self._edited.pop(case_id, None)
            if edited is not None and edited.error:
                row = self._index.cases_by_id([case_id]).get(case_id)
                self._edited[case_id] = (dataclasses.replace(summary_from_row(row), error=edited.error)
                                         if row is not None else edited)

    def set_reading_states(self, states: Mapping[str, CaseState], replace_all: bool = True,
                           unknown: Mapping[str, str] | None = None) -> None:
        """Where double-read cases stand (annotations.reading.consensus.folder_states, or one case's state_of);
        ``unknown``: cases whose state cannot be told, each with why (consensus.states_of's unreadable), shown with
        none rather than as needing reader 1, unless ``states`` holds theirs (a volume's other B-scans)."""
        unknown = {case_id: why for case_id, why in (unknown or {}).items() if case_id not in states}
        values = {case_id: "" for case_id in unknown} | {case_id: CaseState(state).value
                                                          for case_id, state in states.items()}
        kept = {} if replace_all else {case_id: why for case_id, why in self._reading_errors.items()
                                       if case_id not in values}
        self._reading_errors = kept | unknown
        self._reading = values if replace_all else self._reading | values
        self._all_read = self._all_read or replace_all
        self._index.set_reading_states(values, replace_all)

    def _as_shown(self, summary: CaseSummary) -> CaseSummary:
        """With its reading state, and without an AI grade its blind reader may not see yet."""
        # Unknown ("") until read: "needs reader 1" on every row would misstate cases both readers finished.
        state = self._reading.get(summary.case_id, NOT_READ if self._all_read else "")
        error = self._reading_errors.get(summary.case_id, "")
        if (summary.reading_state, summary.reading_error) != (state, error):
            summary = dataclasses.replace(summary, reading_state=state, reading_error=error)
        if self.arbiter and unsettled_done(summary.review_state, state):  # no consensus, and no grade of one
            summary = dataclasses.replace(summary, review_state=arbiter_review_state(summary.review_state, state),
                                          reader_grade=None, reader_ungradable=False, reader_oct_class=None)
        if (summary.ai_grade, summary.ai_oct_class, summary.ai_ungradable) != (None, None, False) and withholds_ai(
                self._blind_ai, summary.review_state):
            summary = dataclasses.replace(summary, ai_grade=None, ai_oct_class=None, ai_ungradable=False)
        return summary

    def __getitem__(self, case_id: str) -> CaseSummary:
        found = self.summaries([case_id]).get(case_id)
        if found is None or (self._only is not None and found.image_path not in self._only):
            raise KeyError(case_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids())

    def __len__(self) -> int:
        return self.count()

    def values(self) -> list[CaseSummary]:  # type: ignore[override] - one query instead of one per case
        ids = self.ids()
        found = self.summaries(ids)
        return [found[case_id] for case_id in ids]
