"""Reads the case list's listings (annotations.case_listing) on a worker, one at a time: the window never waits for
the order of 100,000 cases. A request made while one is read waits, merged with any other waiting one; a read once
started always delivers, so a steady stream of requests (a scan's batches) cannot keep the list from updating.
A read that fails delivers nothing; the runner logs why. Closing the folder stops the reader first (``stop``), so no
read meets a closed index."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotations.case_listing import CaseListing, ListingRequest, read_listing
from app.tasks import TaskRunner


def _read(request: ListingRequest, state: object) -> CaseListing:
    return read_listing(request)


class CaseListingReader(QObject):
    listing_read = Signal(object)  # CaseListing, on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = TaskRunner("case-listing", self)
        self._waiting: ListingRequest | None = None
        self._reading = False

    @property
    def busy(self) -> bool:
        """A listing is being read or waits to be."""
        return self._reading or self._waiting is not None

    def request(self, request: ListingRequest) -> None:
        if self._reading:
            self._waiting = request if self._waiting is None else self._waiting.merged(request)
            return
        self._reading = True
        task = self._runner.run(_read, request, name="case listing")
        task.finished.connect(self.listing_read)
        task.ended.connect(self._read_next)

    def _read_next(self) -> None:
        self._reading = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self.request(waiting)

    def stop(self) -> None:
        """Drop the waiting request and wait for the read in progress, its listing dropped: the folder closes."""
        self._waiting = None
        self._runner.stop()

    def shutdown(self) -> None:
        self._waiting = None
        self._runner.shutdown()
