"""What the case list shows, read in one go off the GUI thread: the ids a query keeps, in its order, where each one
stands, and the folder's counts. At 100,000 cases reading the order takes a few hundred milliseconds (SQLite sorts,
Python builds the lookup), so the window asks for a listing, goes on, and swaps the result in when it comes.

Requests that arrive while a listing is being read wait, merged into one (``ListingRequest.merged``): a burst of
sort clicks, filter changes, saves or scan batches costs at most one more read.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

from annotations.case_source import CaseQuery, CaseSource
from annotations.document import ReviewState

DONE = CaseQuery(state=ReviewState.DONE.value)


@dataclass(frozen=True, eq=False)  # never compared: a source is a mapping of every case
class ListingRequest:
    source: CaseSource
    query: CaseQuery
    reorder: bool = True  # False: the counts only (a case was saved: its row stays where it is until asked)

    def merged(self, newer: "ListingRequest") -> "ListingRequest":
        """One request that answers this one and ``newer``: the newer query, a new order if either wanted one.
        Another folder's request replaces this one's."""
        if newer.source is not self.source:
            return newer
        return dataclasses.replace(newer, reorder=self.reorder or newer.reorder)


@dataclass(frozen=True, eq=False)
class CaseListing:
    request: ListingRequest
    ids: list[str] | None  # the query's cases in its order; None when only the counts were asked for
    row_of: dict[str, int] | None  # each listed case's row
    total: int  # cases in the folder
    done: int  # of them marked done
    seconds: float  # how long the reading took


def read_listing(request: ListingRequest) -> CaseListing:
    """Read ``request`` from the index (on a worker: the index's connection for long reads)."""
    started = time.perf_counter()
    source = request.source
    ids = source.ids(request.query, worker=True) if request.reorder else None
    row_of = None if ids is None else {case_id: row for row, case_id in enumerate(ids)}
    return CaseListing(request, ids, row_of, source.count(worker=True), source.count(DONE, worker=True),
                       time.perf_counter() - started)
