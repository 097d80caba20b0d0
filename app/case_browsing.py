"""The case list in step with the open folder: listed as soon as it opens and refreshed while its scan goes on
(a few times a second at most), the case last open there (else the first) opened, a folder found empty said so,
a listing the person stopped said so, the folder rescanned on request (Ctrl+R), and D/A stepping through the cases
in the list's order. Every way to a row (a click, D/A, the folder opened) opens a volume on the B-scan open last in
it (open_row)."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from annotations.case_names import case_name
from annotations.case_source import CaseSource
from annotations.frames import listed_case_id, split_frame
from annotations.last_bscans import LastBScans, bscan_case
from widgets.qimage_convert import rgb_to_qimage

if TYPE_CHECKING:
    from annotations.document import CaseDocument
    from annotations.history import History
    from annotations.workspace.catalog import SyncBatch
    from app.main_window import MainWindow

LIST_REFRESH_MS = 400


def neighbour(order: Sequence[str], current: str | None, step: int) -> str | None:
    """The case ``step`` places from ``current`` in ``order`` (clamped); the first one when none is current."""
    if not order:
        return None
    if current not in order:
        return order[0]
    index = min(max(order.index(current) + step, 0), len(order) - 1)
    return order[index]


class CaseBrowsing(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.cases = cases = window.cases
        self.case_list = case_list = window.case_list
        self._refresh_timer = QTimer(self, singleShot=True, interval=LIST_REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh_list)
        self._rescanning = False  # a rescan asked for (Ctrl+R) is under way: its end is said
        self._last_bscans = LastBScans()  # of the open folder, this run
        self._asked: tuple[str, object] | None = None  # the row whose B-scan the storage worker is finding (open_row)
        case_list.case_selected.connect(self.open_row)
        cases.case_opened.connect(self._remember_case)
        case_list.listed.connect(self._on_listed)
        cases.cases_changed.connect(self._on_cases)
        cases.cases_added.connect(self._on_cases_added)
        cases.workspace_closed.connect(self._on_workspace_closed)
        cases.scan_finished.connect(self._on_scan_finished)
        case_list.thumbnail_wanted.connect(cases.rows.request_thumbnail)
        cases.summary_changed.connect(case_list.update_case)
        cases.thumbnail_ready.connect(lambda case_id, rgb: case_list.set_thumbnail(case_id, rgb_to_qimage(rgb)))

    def rescan(self) -> None:
        """Ctrl+R: the open folder looked at again (CaseController.rescan), said when done; rows on screen ask for
        their thumbnails again, since the listing's restart dropped the requests it held."""
        if self.cases.rescan():
            self._rescanning = True
            self.case_list.model.forget_asked()
            self.window.show_message(self.tr("Rescanning the folder…"))
        elif self.cases.workspace is not None:
            self.window.show_message(self.tr("The folder is still being listed; rescan it once that is done."))

    def _remember_case(self, doc: CaseDocument, history: History) -> None:
        """Where the reader is, to come back to: a B-scan, not only its volume (each B-scan is a case of its own)."""
        self._last_bscans.opened(doc.case_id)
        if self.cases.workspace is not None:
            self.window.settings.save_last_case(self.cases.workspace.folder, doc.case_id)

    def open_row(self, case_id: str) -> None:
        """Open the listed case ``case_id``; a volume on the B-scan open last in it (this run, or when its folder was
        left), else on its own case, the middle B-scan: one never visited, or no longer holding that B-scan. Which
        case that B-scan is follows from the volume's B-scan count: the one the folder's scan read, where the file is
        as it was then (a stat), else read from its header: both by the storage worker (last_bscans.bscan_case), not
        on the GUI thread, where each froze the window on a share slow or away; it opens then, unless another case was
        opened, or another row asked for, meanwhile."""
        number, workspace, cases = self._last_bscans.number(case_id), self.cases.workspace, self.cases
        self._asked = None
        if number is None or workspace is None:
            cases.select_case(case_id)
            return
        asked = self._asked = (case_id, cases.current_id)

        def found(target: str) -> None:
            if self._asked is asked and self._row_asked() is not None and cases.workspace is workspace:
                self._asked = None
                cases.select_case(target)
        cases.storage.submit(bscan_case, workspace, case_id, number, done=found)

    def _row_asked(self) -> str | None:
        """The row open_row is finding the B-scan of, while no case was opened since it asked."""
        asked = self._asked
        return asked[0] if asked is not None and asked[1] == self.cases.current_id else None

    def step_case(self, step: int) -> None:
        current = self._row_asked() or self.cases.current_id  # D held: on from the row asked for, not the one open
        target = neighbour(self.case_list.visible_case_ids(), current and listed_case_id(current), step)
        if target is not None:
            self.open_row(target)  # a volume on its B-scan open last (so at the list's end, the one open stays)

    def _on_cases(self, source: CaseSource) -> None:
        self.case_list.set_double_reading(self.cases.double_reading)
        self.case_list.set_source(source)  # listed when read (_on_listed)
        self.window.update_title()

    def _on_workspace_closed(self) -> None:
        self._refresh_timer.stop()
        self._rescanning = False
        self._last_bscans.clear()  # case ids are the folder's
        self._asked = None
        self.case_list.set_source(None)  # its index is closed

    def _on_cases_added(self) -> None:
        """A scan batch was written: the first one is listed at once (its first case opens); later ones a few
        times a second."""
        if self.cases.current_id is None:
            self.case_list.refresh()
        elif not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _refresh_list(self) -> None:
        """Re-read the list's order (on a worker); the next refresh waits several times as long as the last
        reading took, so that reading a 100,000-case list leaves the CPU mostly to the scan."""
        self.case_list.refresh()
        self._refresh_timer.setInterval(max(LIST_REFRESH_MS, int(self.case_list.last_read_seconds * 5000)))

    def _on_listed(self) -> None:
        """The list shows a new listing: the case open when the folder was last left opens (a B-scan: its volume's
        row, on that B-scan), else the first; a folder found empty says so. The open case's row, listed again (a
        filter that hid it cleared), is highlighted again: no row was, though the case was open."""
        if self.cases.workspace is None:
            return
        if self.cases.current_id is not None:
            row = listed_case_id(self.cases.current_id)
            if self.case_list.current_case_id() != row:
                self.case_list.select_case(row)
            return
        order = self.case_list.visible_case_ids()
        if order:
            last = self.window.settings.last_case(self.cases.workspace.folder)
            self._last_bscans.opened(last)  # also after a crash: the case open then, however many were recovered
            row = listed_case_id(last)
            self.open_row(row if row in order else order[0])  # where the reader left off
        elif not self.cases.listing.scanning and self.cases.listing.stopped_at is None:  # stopped: not all seen
            self.window.display.show_notice(self.tr("No images in this folder (JPEG, PNG, TIFF or BMP)."))

    def _on_scan_finished(self) -> None:
        self._refresh_timer.stop()
        self._refresh_timer.setInterval(LIST_REFRESH_MS)
        self.case_list.refresh()
        stopped = self.cases.listing.stopped_at
        if stopped is not None:
            self.window.show_message(self._stopped_text(stopped))
        elif self._rescanning and self.cases.workspace is not None:
            said = self.tr("Folder rescanned: {folder}").format(folder=self.cases.workspace.folder)
            doc = self.cases.doc
            if doc is not None and not os.path.lexists(self.cases.workspace.folder / split_frame(doc.image_path)[0]):
                # dropped from the list while it stays open: its edits are saved and exported all the same
                image = case_name(doc.image_path, QCoreApplication.translate)
                said += " " + self.tr("The open photo {image} is no longer in the folder, nor listed; it stays open, "
                                      "and what you record on it is kept with the folder and exported.").format(
                    image=image)
            self.window.show_message(said)
        self._rescanning = False

    def _stopped_text(self, stopped: SyncBatch) -> str:
        """The listing the person stopped (its last batch): how far it got, and how to list the rest. Checked, not
        listed: the list also holds what an earlier listing of the folder found, kept as it was for the photos not
        checked again (those gone since are dropped once every photo is found: catalog.sync_batches). Stopped
        before, the list is the earlier listing's, photos gone since and all. Every photo checked: it stopped
        while the readers' states were read (FolderListing)."""
        if stopped.walking and stopped.done:  # a first listing, which checks each photo as it is found
            return self.tr("Listing stopped while the photos were being found: the {checked} found first are listed; "
                           "File ▸ Rescan folder (Ctrl+R) lists them all").format(checked=stopped.done)
        if stopped.walking and self.case_list.visible_case_ids():
            return self.tr("Listing stopped while the photos were being found: the list shows the folder as last "
                           "listed, which may include photos removed since; File ▸ Rescan folder (Ctrl+R) lists it "
                           "anew")
        if stopped.walking:
            return self.tr("Listing stopped while the photos were being found; File ▸ Rescan folder (Ctrl+R) lists "
                           "them")
        if stopped.done < stopped.total:
            return self.tr("Listing stopped part-way: {checked} of {found} photos checked; File ▸ Rescan folder "
                           "(Ctrl+R) checks them all").format(checked=stopped.done, found=stopped.total)
        return self.tr("Listing stopped part-way: every photo checked, not yet every case's Reading; File ▸ Rescan "
                       "folder (Ctrl+R) reads them all")
