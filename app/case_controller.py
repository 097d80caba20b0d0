"""Owns the open Workspace, the current CaseDocument and its History; opens folders and switches cases.

A folder's store is opened on the storage worker (its index's integrity check reads the whole file), so the window
keeps running while a 100,000-case folder opens; the workspace is handed over once opened and checked.

Every edit goes through ``execute`` (the history), so undo, the unsaved mark and the autosave timer see all
of them; the reader's grade, findings, patient and review state are set by ``edits`` (app.case_edits), and the
case list's rows follow the cases through ``rows`` (app.case_rows). The current case is saved when another case
is opened, when the case is marked done, on Ctrl+S and when the window closes (``saver``, app.case_saver: also the
autosave and the unsaved mark). A folder closes once every case's edits are saved or snapshotted, or the person
chose to lose those that are neither (``close_workspace``, ``ask_unsafe``). Analysis results are kept by
``ai_results`` (app.ai_results). A case's saved files are read on the storage worker (app.case_reading), its photo
decoded off the GUI thread (``pixels``, app.case_pixels: a quick preview first, ``preview_ready``, then
``image_loaded`` for the canvas), and its pixels decide fundus or OCT unless the reader chose.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from annotations import case_names
from annotations.case_source import CaseSource
from annotations.commands import Change, Command
from annotations.document import AIResult, CaseDocument, Modality, PatientInfo
from annotations.frames import listed_case_id, own_case_address, split_bscan_case_id, with_frame
from annotations.history import Action, History
from annotations.history_cache import HistoryCache
from annotations.image_io import ImageLoadError, MeasuredImage
from annotations.pixel_spacing import PixelSpacing
from annotations.reading.disagreement import CaseState
from annotations.reading.opening import OpenedFolder, open_folder
from annotations.reading.readers import holds_consensus
from annotations.step_layers import step_layers
from annotations.workspace import CaseSummary, Workspace, WorkspaceError
from annotations.workspace.errors import DamagedCaseFile
from annotations.wording import join_clauses, join_items
from app.ai_results import AIResultKeeper
from app.analysis_controller import AnalysisItem
from app.bscan_counts import BScanCounts
from app.case_edits import CaseEdits
from app.case_listing_reader import CaseListingReader
from app.case_pixels import CasePixels
from app.case_reading import PendingCase, ReadCase, read_unless_cancelled
from app.case_rows import CaseRows
from app.edit_failures import failure_text
from app.case_saver import CaseSaver, save_or_snapshot, snapshot_instead
from app.folder_listing import FolderListing
from app.said_once import SaidOnce
from app.storage_queue import StorageQueue
from widgets.domain_messages import shown_message
from widgets.unsaved_edits_box import CloseChoice


class _PendingOpen:
    """A folder whose store the storage worker is opening; cancelled when another folder is opened or the window
    closes first (a store opened anyway is closed again, on the worker, before the next folder's store opens)."""

    def __init__(self, folder: Path, only: set[str] | None) -> None:
        self.folder, self.only = folder, only
        self.cancelled = False
        self.opened: OpenedFolder | None = None  # set on the worker; read there by the job closing it again
        self.earlier_messages: list[str] = []  # of cancelled opens of this folder (recovery, a rebuilt index)


def _open_unless_cancelled(pending: _PendingOpen, person: str) -> OpenedFolder | None:
    if not pending.cancelled:
        pending.opened = open_folder(pending.folder, person)
    return pending.opened


def _close_cancelled(pending: _PendingOpen) -> list[str]:
    """Close the store a cancelled open opened anyway, before the next open runs: its lock, held by this very
    process, would otherwise open the next store of the same folder read-only. Returns what that store had to say."""
    if pending.opened is None:
        return []
    pending.opened.workspace.close()
    return list(pending.opened.workspace.messages)


def close_without_them(_unsafe: dict[str, str]) -> CloseChoice:
    """CaseController.ask_unsafe with nobody to ask: the folder closes, the edits it could not keep lost."""
    return CloseChoice.DISCARD


class CaseController(QObject):
    opening = Signal(object)  # Path of the folder whose store is being opened, None once that has ended
    workspace_opened = Signal(object)  # Workspace
    # the open folder is to close, may_close said so: work nobody waits for is given up before its saves are waited
    # for (unsafe_edits); the unsaved-edits question may still keep the folder open
    workspace_to_close = Signal()
    workspace_closing = Signal()  # the open folder closes, nothing can keep it now: its saves are waited for next
    workspace_closed = Signal()
    folder_taken_over = Signal(object, str)  # Workspace, why it is read-only now: another program took its lock over
    cases_changed = Signal(object)  # CaseSource of a newly opened folder (its cases so far)
    cases_added = Signal()  # the folder's scan listed more cases (or changed some)
    scan_progress = Signal(int, int)  # images looked at, images found
    scan_finished = Signal()
    summary_changed = Signal(object)  # one CaseSummary after its grade/state/AI result changed
    # case_id about to be read from the store (not from a kept history: in the consensus window, one with unsaved
    # edits); a job queued now runs first
    case_loading = Signal(str)
    case_opened = Signal(object, object)  # CaseDocument, History; the pixels are to be loaded from image_path
    case_failed = Signal(str, str)  # case_id, message naming the file and what to do
    preview_ready = Signal(str, object, int, int)  # case_id, reduced RGB array or None, full width, height
    image_loaded = Signal(str, object)  # case_id, RGB uint8 array
    thumbnail_ready = Signal(str, object)  # case_id, small RGB uint8 array
    modality_changed = Signal(object)  # Modality of the current case as recorded (detected or chosen)
    document_changed = Signal(object)  # annotations.commands.Change
    layers_stepped = Signal(list)  # an undo, redo or history row changed these layers (annotations.step_layers)
    dirty_changed = Signal(bool)
    message = Signal(str)  # something the person should read (status bar / dialog)
    about_to_save = Signal(bool)  # whether the open case has changes to save (CaseSaver.about_to_save)
    typing_due = Signal()  # the panels commit what is still being typed: commit_typing
    saved = Signal(str)  # case_id, once its save is written

    def __init__(self, reader: str = "", autosave_s: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.workspace: Workspace | None = None
        self.doc: CaseDocument | None = None
        self.history: History | None = None
        self.summaries: CaseSource | dict[str, CaseSummary] = {}
        self.only: set[str] | None = None  # the image paths the open folder was limited to (files opened), if any
        self.double_reading = False
        self.histories = HistoryCache()  # of the other cases, so undo survives a case switch
        self.current_id: str | None = None
        self.open_error: str | None = None  # why the open case cannot be shown (case_failed's message)
        self.open_patient: PatientInfo | None = None  # whose file it is, where its header says so (ImageLoadError)
        self.open_damaged = False  # it cannot be shown for a saved mask or AI file that is damaged (set_aside_damaged)
        self._pending: _PendingOpen | None = None
        self._reading: PendingCase | None = None  # the case being read from the store to open (select_case)
        self.blind_ai = False  # a reader in blind double reading: no AI result until they submit the case
        # Asked (title, question) before the reader's own grade is replaced; the window shows a dialog.
        self.confirm: Callable[[str, str], bool] = lambda title, question: False
        # Asked before the folder closes with edits neither saved nor snapshotted (case_id -> the save's error); the
        # window shows a dialog. Nobody to ask (tests, a screenshot): closed without them, their errors said.
        self.ask_unsafe: Callable[[dict[str, str]], CloseChoice] = close_without_them
        # Asked first when the folder is to close and the person can be asked: False keeps it open (the window asks
        # whether to stop an "Analyse all" running on it: app.analysis_closing).
        self.may_close: Callable[[], bool] = lambda: True
        self.storage = StorageQueue(self)  # every change to stored data goes through it, in order
        self.storage.failed.connect(self.message)
        # Failures of the work repeated on the open folder (listing, settling, corrections' notes, readers' watch): once
        self.folder_failures = SaidOnce(self.message.emit)
        self.listing = FolderListing(self.storage, self.folder_failures, self)
        self.listings = CaseListingReader(self)  # the case list's order and counts, read off the GUI thread
        self.pixels = CasePixels(self)  # the open case's pixels, decoded off the GUI thread, and its modality
        self.ai_results = AIResultKeeper(self)  # analysis results, kept per case (or withheld while reading blind)
        self.bscan_counts = BScanCounts(self)  # each listed case's B-scans, read off the GUI thread where not listed
        self.rows = CaseRows(self)  # the case list's rows kept in step with the cases
        self.edits = CaseEdits(self)  # the reader's grade, findings, patient and review state
        self.listing.rows_changed.connect(self.cases_added)
        self.listing.progress.connect(self.scan_progress)
        self.listing.finished.connect(self.scan_finished)
        self.listing.thumbnail_ready.connect(self.thumbnail_ready)
        self.saved.connect(self.listing.update_reading_state)
        self.case_failed.connect(self._note_failure)
        self.saver = CaseSaver(self, autosave_s)  # saving, autosave and the unsaved mark
        for source, relay in ((self.saver.about_to_save, self.about_to_save), (self.saver.saved, self.saved),
                              (self.saver.dirty_changed, self.dirty_changed), (self.saver.message, self.message)):
            source.connect(relay)

    def commit_typing(self) -> None:
        """Have the panels commit what is still being typed (a grade, findings, patient details), before a save or
        before a report is made from the case: the one signal every such panel listens to."""
        self.typing_due.emit()

    # workspace --------------------------------------------------------------------------------------------
    def open_workspace(self, folder: str | os.PathLike, only: set[str] | None = None) -> bool:
        """Start opening ``folder``; with ``only`` (image paths relative to it), list just those cases. Its store
        (lock, the index's integrity check, crash recovery: annotations.reading.opening) is opened on the storage
        worker, after every write of the folder open before, and the window keeps running meanwhile; then
        ``workspace_opened``, or a message saying why the folder cannot be opened. False, opening nothing, when
        the person keeps the open folder open: edits of it could not be saved (close_workspace)."""
        if not self.close_workspace():
            return False
        pending = _PendingOpen(Path(folder).absolute(), only)
        self._pending = pending
        self.opening.emit(pending.folder)
        self.storage.submit(_open_unless_cancelled, pending, self.reader,  # a reader's own store in double reading
                            done=lambda opened: self._opened(pending, opened),
                            failed=lambda error: self._open_failed(pending, error))
        return True

    def rescan(self) -> bool:
        """Look at the open folder again, as its opening did, with the open case left open: photos added since (a
        fundus camera saving into it) are listed, photos gone are dropped, and headers the system failed to read (a
        share away) are read again. False when no folder is open, or it is still being opened or listed."""
        if self.workspace is None or self._pending is not None or self.listing.scanning:
            return False
        self.listing.start(self.workspace, self.summaries, self.double_reading)
        if self.current_id is not None:  # else the first case listed opens first, as when the folder opened
            self.listing.allow_thumbnails()
        return True

    def _opened(self, pending: _PendingOpen, opened: OpenedFolder | None) -> None:
        if opened is None or pending is not self._pending:
            return  # cancelled: another folder was asked for meanwhile, or the window closed (_close_cancelled)
        self._end_opening()
        # The index as last saved lists the folder at once; the scan brings it up to date in the background.
        workspace, only = opened.workspace, pending.only
        self.workspace, self.double_reading, self.blind_ai = workspace, opened.double, opened.blind_ai
        self.folder_failures.new_folder()
        self.summaries = CaseSource(workspace.index, only, opened.blind_ai, opened.arbiter)
        self.only = only
        workspace.taken_over_listeners.append(lambda reason: self.folder_taken_over.emit(workspace, reason))
        self.workspace_opened.emit(workspace)
        self.cases_changed.emit(self.summaries)
        # Once each: a cancelled open of this folder and this one may both have found it open elsewhere. What a note
        # over the photo says whole is not said again cut short here, nor gone in 15 s beside it: why the folder is
        # read-only (app.read_only_note), which cases crash recovery saved (app.recovered_note).
        noted = {workspace.read_only_reason, workspace.recovered_message}
        for text in dict.fromkeys(pending.earlier_messages + workspace.messages):
            if text not in noted:
                self.message.emit(text)
        self.listing.start(workspace, self.summaries, self.double_reading)

    def _open_failed(self, pending: _PendingOpen, error: str) -> None:
        if pending is self._pending:
            self._end_opening()
            self.message.emit(error)

    def _cancel_opening(self, pending: _PendingOpen) -> None:
        pending.cancelled = True  # too late if its open already runs: then _close_cancelled closes its store
        self._end_opening()
        self.storage.submit(_close_cancelled, pending, done=lambda said: self._pass_on_messages(pending, said))

    def _pass_on_messages(self, cancelled: _PendingOpen, said: list[str]) -> None:
        """A cancelled open's messages (crash recovery done) are the reader's when the same folder is opened again:
        that open finds nothing left to recover."""
        if self._pending is not None and self._pending.folder == cancelled.folder:
            self._pending.earlier_messages += cancelled.earlier_messages + said

    def _end_opening(self) -> None:
        self._pending = None
        self.opening.emit(None)

    @property
    def holds_consensus(self) -> bool:
        """This window holds the open folder's consensus (the arbiter's window of a double-read folder)."""
        return self.workspace is not None and holds_consensus(self.workspace, self.double_reading)

    @property
    def busy(self) -> bool:
        """The folder is still being opened or listed (scanned, or its list read), or stored data is still being
        written."""
        return self._pending is not None or self.listing.scanning or self.listings.busy or self.storage.busy

    def close_workspace(self, ask: bool = True) -> bool:
        """Close the open folder (or cancel the one still opening), its edits written first (unsafe_edits). Where
        some could be neither saved nor snapshotted, ``ask`` asks the person (ask_unsafe): False, with nothing
        closed and the edits still held, when they keep the folder open. Closed without them, each one's error is
        said. Before that, ``ask`` asks ``may_close``: False, nothing closed, when it says so."""
        if self.workspace is not None:
            if ask and not self.may_close():
                return False
            self.workspace_to_close.emit()
            unsafe = self.unsafe_edits()
            while unsafe and ask:
                choice = self.ask_unsafe(unsafe)
                if choice is CloseChoice.CANCEL:
                    return False
                if choice is CloseChoice.DISCARD:
                    break
                unsafe = self.unsafe_edits()
            for error in unsafe.values():
                self.message.emit(error)
        if self._pending is not None:
            self._cancel_opening(self._pending)
        if self.workspace is None:
            return True
        self.workspace_closing.emit()  # e.g. an export dialog closed: its exports read the store that closes
        self._close_case()
        self.listing.stop()
        self.storage.flush()  # every save and index write of this folder lands before it closes
        self.listings.stop()  # and the case list's read of its index (the flush's writes may have asked for one)
        self.histories.clear()
        self.workspace.close()
        self.workspace = None
        self.summaries = {}
        self.workspace_closed.emit()
        return True

    def unsafe_edits(self) -> dict[str, str]:
        """Write the open folder's edits not on disk, waiting until written: the open case's (save) and those of
        cases whose save failed earlier (a share away, a full disk: it may be back). A case whose save fails is put
        in an autosave snapshot, which the next opening recovers (Workspace keeps it on closing). Returns the cases
        neither wrote, each with its save's error naming the file: closing the folder now would lose their edits."""
        workspace = self.workspace
        if workspace is None:
            return {}
        unsafe: dict[str, str] = {}

        def neither(case_id: str) -> Callable[[str], None]:
            return lambda error: unsafe.__setitem__(case_id, error)

        queued = False
        if not self.save() and self.doc is not None:  # the saver said why; the case stays open, unsaved
            self.storage.submit(snapshot_instead, workspace, self.ai_results.to_store(self.doc), self.saver.error or "",
                                failed=neither(self.doc.case_id))
            queued = True
        for case_id, history in self.histories.unsaved():
            doc = self.ai_results.to_store(history.doc)
            self.storage.submit(save_or_snapshot, workspace, doc, self.reader, failed=neither(case_id),
                                done=lambda saved, history=history, doc=doc: self._kept_written(history, doc, saved))
            queued = True
        if queued:  # only then: the queue may hold long work that the folder's closing gives up (workspace_to_close)
            self.storage.flush()
        return unsafe

    def _kept_written(self, history: History, doc: CaseDocument, saved: bool) -> None:
        """A kept case's edits, whose save had failed, are written: saved (its history and row say so from now on),
        or only snapshotted (still to save)."""
        if not saved:
            return
        history.mark_clean()
        self.rows.stored(doc)
        self.saved.emit(doc.case_id)

    def shutdown(self) -> None:
        self.close_workspace(ask=False)  # the window asked before (closeEvent); code that shuts down waits on nobody
        self.listing.shutdown()
        self.listings.shutdown()
        self.pixels.shutdown()
        self.storage.shutdown()

    # case switching ---------------------------------------------------------------------------------------
    def select_case(self, case_id: str, reopened: bool = False) -> None:
        """Save the current case, then open ``case_id``: a history kept of it at once, else its document once the
        storage worker has read it (case_reading: after the queued saves, off the GUI thread), then its pixels when
        decoded (their decode starts beside the read, at the size listed: CasePixels.decode_ahead). Until the
        document is in, the case has none: nothing can be edited (``execute`` refuses). ``reopened``: opened again
        after something else saved it (reopen_case), its row then read as saved."""
        if case_id == self.current_id or self.workspace is None:
            return
        self.save(wait=False)
        self._close_case()
        self.current_id = case_id
        summary = self.summaries.get(case_id)
        # a row listed with an error goes by the read, kept history or not: whether its image is still missing is
        # looked at there, off the GUI thread (read_unless_cancelled)
        listed_error = summary.error if summary is not None else None
        kept = self.histories.get(case_id)
        if kept is not None and not listed_error and not (kept.is_clean and self.holds_consensus):
            self._show(self.histories.take(case_id), reopened)
            return
        # e.g. the arbiter's window stores its agreed reading first, and a kept history of the case as stored
        # before without unsaved edits is dropped (stored_elsewhere): it is read from the store, as when first
        # opened; other windows open a kept history at once
        self.case_loading.emit(case_id)
        pending = self._reading = PendingCase(case_id, reopened, listed_error)
        self.storage.submit(read_unless_cancelled, pending, self.workspace,
                            done=lambda read: self._case_read(pending, read),
                            failed=lambda error: self._case_read(pending, ReadCase(error=WorkspaceError(error))))
        size = self.workspace.listed_size(case_id)  # its photo meanwhile: on a share, each takes seconds
        if size is not None:
            self.pixels.decode_ahead(case_id, self.workspace.image_file(case_id), size)

    def _case_read(self, pending: PendingCase, read: ReadCase | None) -> None:
        """The read of ``pending`` arrived: it opens unless the reader has left it (a stale read is dropped). A
        kept history the jobs queued before it left in place (no agreed reading stored over it) opens instead. One
        whose mask or AI file is missing opens without it (its photo, grade and boxes are all there is to show;
        without its AI result it shows as not analysed), saying so, one message naming each file missing: Try again
        would only read the same absence."""
        if read is None or pending is not self._reading:
            return
        self._reading = None
        case_id = pending.case_id
        history = None if read.listed else self.histories.take(case_id)  # a kept one stays kept, as its case fails
        if history is None and read.error is not None:
            assert self.workspace is not None
            self.open_damaged = isinstance(read.error, DamagedCaseFile) and read.error.part is not None \
                and not self.workspace.read_only  # it saves the case without the file
            self.open_patient = read.error.patient if isinstance(read.error, ImageLoadError) else None
            self.pixels.forget()  # its photo's decode started ahead: no photo shows for a case that cannot open
            self.pixels.fail(case_id, str(read.error))
            self.listing.allow_thumbnails()
            return
        if history is None:
            assert read.doc is not None
            self.rows.files_missing(case_id, read.missing.listed if read.missing else ())  # put back since the scan
            if read.missing is not None:
                # each in the interface's language, then joined: the joined English would read as the AI file's
                # message alone, the mask's inside it as its path, left in English
                self.message.emit(join_clauses((shown_message(text) for text in read.missing.texts),
                                               QCoreApplication.translate))
            history = History(read.doc)
        self._show(history, pending.reopened)

    def _show(self, history: History, reopened: bool) -> None:
        """The open case's document and history are in: shown, edited from now on, its pixels decoded next."""
        assert self.workspace is not None
        doc = history.doc
        self.ai_results.withhold(doc)  # e.g. analysed before the folder went blind
        self.doc, self.history = doc, history
        self.history.add_listener(self._on_change)
        self.history.add_failure_listener(self._on_failure)
        self.saver.follow(self.history)
        self.case_opened.emit(doc, self.history)
        self.pixels.load(doc, self.workspace.image_file(doc.case_id))  # a B-scan: its address in the volume
        self.dirty_changed.emit(self.is_dirty)
        if reopened:
            self.rows.update(doc, saved=True)

    def reopen_case(self) -> None:
        """Open the current case again from the store, after something else saved it (an arbitration)."""
        case_id = self.current_id
        if case_id is None:
            return
        self._close_case()
        self.histories.take(case_id)  # the kept history holds the document as it was before that save
        self.select_case(case_id, reopened=True)

    def case_image(self, case_id: str) -> str:
        """The image of ``case_id`` as the list holds it (a B-scan: its address in its volume, annotations.frames),
        whether or not it is the open case; the case id itself for a case the list does not hold."""
        volume, number = split_bscan_case_id(case_id)
        summary = self.summaries.get(volume)
        if summary is None:
            return case_id
        return summary.image_path if number is None else with_frame(summary.image_path, number)

    def case_name(self, case_id: str) -> str:
        """``case_id`` as messages name it (annotations.case_names: its image's path in the open folder, quoted; a
        B-scan by its volume's and its number, a volume's own case by its shown B-scan's), from case_address: no
        file is read."""
        return case_names.case_name(self.case_address(case_id), QCoreApplication.translate)

    def case_address(self, case_id: str) -> str:
        """The image of ``case_id`` as messages name it from (case_image; a volume's own case addressed by its shown
        B-scan, annotations.frames). A volume's B-scan count is its row's, which the folder's scan read from its
        header: no file is read here, on the GUI thread (4 opens of a volume on a network share for each message
        naming it)."""
        image, summary = self.case_image(case_id), self.summaries.get(case_id)
        if summary is not None:  # a listed case: a volume's own case by its shown B-scan
            image = own_case_address(image, summary.frames)
        return image

    def analysis_item(self, case_id: str, source: Path | None = None, stored: AIResult | None = None) -> AnalysisItem:
        """``case_id`` of the open folder to analyse from ``source`` (by default the open case's pixels, with the pixel
        size its file records, else its image file), with the open case's modality, named in progress as messages
        name it (case_address)."""
        assert self.workspace is not None
        if source is None:
            source = MeasuredImage(self.image, self.pixel_spacing) if self.image is not None \
                else self.workspace.image_file(case_id)
        return AnalysisItem.in_folder(case_id, self.workspace.folder, self.case_image(case_id), source, self.modality,
                                      stored, self.case_address(case_id))

    def stored_elsewhere(self, case_ids: set[str]) -> None:
        """Something else stored these cases (the agreed reading settled, an arbitration stored once the arbiter
        moved on): the open one is shown anew unless it has unsaved edits, and kept histories without any are
        dropped (they hold the cases as stored before; an analysis result arriving for one would save it back), the
        rows of the others read from the index again (not as this window saved them before)."""
        for case_id in case_ids:
            kept = self.histories.get(case_id)
            if case_id == self.current_id and self.doc is not None:
                if self.doc.case_id == case_id and not self.is_dirty:
                    self.reopen_case()
            elif kept is None or kept.is_clean:  # also of the case select_case is opening: it reads the store then
                self.histories.take(case_id)
                self.rows.stored_elsewhere({case_id})

    def agreed_settled(self, workspace: Workspace, case_ids: set[str] | None = None) -> None:
        """A settling (settle_agreed) stored agreed cases of ``workspace`` as the consensus: ``case_ids``, or when
        it does not say which, every case the list knows agreed; they are shown anew (stored_elsewhere) and their
        rows read done with the agreed grade. The one step after every settling of the window's store (the arbiter's
        list, an export, a retrain)."""
        if workspace is not self.workspace or not self.holds_consensus:
            return  # a reader's window: the consensus was stored in the main store, not in this one
        if case_ids is None:
            case_ids = {case_id for case_id, state in self.listing.reading_states.items() if state is CaseState.AGREED}
        self.stored_elsewhere(case_ids)
        self.listing.rows_changed.emit()

    def settling_ended(self, workspace: Workspace, stored: int | None) -> None:
        """A settling queued before an export or a retrain (annotations.queued_work) ended, having stored ``stored``
        agreed cases (None: a Cancel stopped it, maybe after storing some): those it may have stored are shown anew."""
        if stored != 0:
            self.agreed_settled(workspace)

    def try_again(self) -> None:
        """Open the current case again after it could not be shown (its share connected again, its file copied)."""
        case_id = self.current_id
        if case_id is not None and self.open_error is not None:
            self._close_case()
            self.select_case(case_id)

    def set_aside_damaged(self) -> None:
        """Open the current case without its damaged mask or AI file, a copy of the file kept beside it
        (Workspace.set_aside_damaged): its grade, boxes, findings and patient are worked on again."""
        case_id = self.current_id
        if case_id is None or not self.open_damaged or self.workspace is None:
            return
        self.storage.flush()  # no save of it is queued (it never opened), but the store's jobs stay in order
        try:
            copies = self.workspace.set_aside_damaged(case_id)
        except WorkspaceError as exc:
            self.message.emit(str(exc))
            return
        if copies:
            files = join_items([str(path) for path in copies], QCoreApplication.translate)
            self.message.emit(self.tr("Kept the damaged file(s) aside as {files}; {case} opens without them").format(
                files=files, case=self.case_name(case_id)))
        self.reopen_case()

    def _note_failure(self, case_id: str, message: str) -> None:
        if case_id == self.current_id:
            self.open_error = message

    def _close_case(self) -> None:
        if self._reading is not None:  # its read, when it comes, is stale
            self._reading.cancelled = True
            self._reading = None
        self.open_error, self.open_damaged, self.open_patient = None, False, None
        self.edits.end_typing()  # its step is this history's: typing on return (a failed save kept it) is a new one
        self.saver.follow(None)
        if self.history is not None and self.current_id is not None:
            self.history.remove_listener(self._on_change)
            self.history.remove_failure_listener(self._on_failure)
            self.histories.put(self.current_id, self.history)
        self.pixels.forget()
        self.doc = self.history = None
        self.current_id = None
        self.ai_results.release_left_cases()  # this case's unless kept; keeping it may have pushed older ones out

    @property
    def image(self) -> np.ndarray | None:
        """The open case's pixels, once decoded (CasePixels)."""
        return self.pixels.image

    @property
    def pixel_spacing(self) -> PixelSpacing | None:
        """The size of the open case's pixels as its image's file records it, once decoded (CasePixels)."""
        return self.pixels.pixel_spacing

    @property
    def loading(self) -> bool:
        """The open case is still being read from the store, or its pixels decoded."""
        return self._reading is not None or self.pixels.pending

    @property
    def modality(self) -> Modality:
        """The open case's recorded modality (what the view, tools and analysis follow)."""
        return self.pixels.modality

    # edits --------------------------------------------------------------------------------------------------
    def execute(self, command: Command) -> bool:
        if self.history is None:
            return False
        self.history.execute(command)
        return True

    # Undo, redo and a move in the history panel first record what is still being typed (commit_typing): Undo
    # clicked within the typing pause takes the typing back, not the step before it; Redo finds the redo steps gone,
    # as after any new edit.
    def undo(self) -> None:
        if self.history is not None and not self.history.group_open:  # a drag's steps: its tool takes them back
            self.commit_typing()
            self._walk(self.history, self.history.undo)

    def redo(self) -> None:
        if self.history is not None and not self.history.group_open:
            self.commit_typing()
            self._walk(self.history, self.history.redo)

    def go_to(self, position: int) -> None:
        """Undo or redo until ``position`` steps are applied (a row of the history panel). A row of an undone step
        that recording the typing took away with the redo steps names no state any more: nothing moves."""
        history = self.history
        if history is None or history.group_open:
            return
        before, redo_step = history.position, history.redo_step
        self.commit_typing()
        if position > before and history.redo_step is not redo_step:
            return
        self._walk(history, lambda: history.go_to(min(position, len(history.entries))))  # typed back: the step went

    def _walk(self, history: History, walk: Callable[[], object]) -> None:
        """Undo or redo steps by ``walk``, saying which layers the steps walked changed (layers_stepped)."""
        before, steps = history.position, history.steps
        walk()
        walked = steps[min(before, history.position):max(before, history.position)]
        layers = step_layers(walked, history.doc) if walked else []
        if layers:
            self.layers_stepped.emit(layers)

    def _share_patient(self, doc: CaseDocument) -> None:
        """An OCT volume has one patient (annotations.workspace.volume_patient): the B-scans kept with their histories
        take the details just recorded (or undone) on ``doc``, so that none shows or saves back the ones before. The
        others read them from the volume's own case, which the save of ``doc`` writes before they are opened."""
        volume = listed_case_id(doc.case_id)
        for case_id in self.histories.case_ids():
            if case_id != doc.case_id and listed_case_id(case_id) == volume:
                self.histories.get(case_id).doc.patient = dataclasses.replace(doc.patient)

    # saving and the list's rows ---------------------------------------------------------------------------
    @property
    def is_dirty(self) -> bool:
        return self.history is not None and not self.history.is_clean

    def save(self, wait: bool = True) -> bool:
        """Save the open case when it changed (CaseSaver.save); with ``wait`` until written: False if that failed."""
        return self.saver.save(wait)

    def flush(self) -> None:
        """Wait until every queued change to stored data is written (and its outcome reported)."""
        self.storage.flush()

    def _on_failure(self, action: Action, step: str, error: Exception) -> None:
        self.message.emit(failure_text(action, step, error))

    def _on_change(self, change: Change) -> None:
        if change.kind == "patient" and self.doc is not None:
            self._share_patient(self.doc)
        # what the case's row lists (a grade or an OCT class: by the modality)
        if change.kind in ("grade", "review", "ai", "patient", "modality") and self.doc is not None:
            self.rows.update(self.doc)
        self.document_changed.emit(change)
        if change.kind == "modality":
            self.modality_changed.emit(self.modality)
