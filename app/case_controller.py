"""Owns the open Workspace, the current CaseDocument and its History; switches cases, saves and autosaves.

Every edit goes through ``execute`` (the history), so undo, the unsaved mark and the autosave timer see all
of them. The current case is saved when another case is opened, when the case is marked done, on Ctrl+S and
when the window closes; in between a crash-recovery snapshot is written a few seconds after the last edit.
The case's photo is decoded off the GUI thread by its CaseImageLoader (a quick preview first, ``preview_ready``);
the full pixels arrive through ``pixels_loaded``/``pixels_failed`` and go out as ``image_loaded`` for the canvas.
"""
from __future__ import annotations

import copy
import dataclasses
import os
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from annotations.ai_store import store_ai_result
from annotations.case_source import CaseSource
from annotations.commands import (Change, Command, SetAIResult, SetFindings, SetGrade, SetModality,
                                  SetPatient, SetReviewState)
from annotations.consistency import reader_lesion_names
from annotations.document import AIResult, CaseDocument, Modality, PatientInfo, ReaderGrade, ReviewState
from annotations.frames import listed_case_id
from annotations.grading import grade_from_ai, replaced_reader_values
from annotations.history import History
from annotations.history_cache import HistoryCache
from annotations.image_io import ImageLoadError, is_image_file
from annotations.modality import image_looks_like_oct
from annotations.reading.blind import hides_ai_from, withholds_ai
from annotations.reading.readers import open_as
from annotations.reading.settings import load_settings
from annotations.workspace import CaseSummary, Workspace, WorkspaceError
from app.case_listing_reader import CaseListingReader
from app.folder_listing import FolderListing
from app.image_loader import CaseImageLoader
from app.storage_queue import StorageQueue
from widgets.domain_messages import shown_message

def neighbour(order: Sequence[str], current: str | None, step: int) -> str | None:
    """The case ``step`` places from ``current`` in ``order`` (clamped); the first one when none is current."""
    if not order:
        return None
    if current not in order:
        return order[0]
    index = min(max(order.index(current) + step, 0), len(order) - 1)
    return order[index]


class CaseController(QObject):
    workspace_opened = Signal(object)  # Workspace
    workspace_closed = Signal()
    cases_changed = Signal(object)  # CaseSource of a newly opened folder (its cases so far)
    cases_added = Signal()  # the folder's scan listed more cases (or changed some)
    scan_progress = Signal(int, int)  # images looked at, images found
    scan_finished = Signal()
    summary_changed = Signal(object)  # one CaseSummary after its grade/state/AI result changed
    case_opened = Signal(object, object)  # CaseDocument, History; the pixels are to be loaded from image_path
    case_failed = Signal(str, str)  # case_id, message naming the file and what to do
    preview_ready = Signal(str, object, int, int)  # case_id, reduced RGB array or None, full width, height
    image_loaded = Signal(str, object)  # case_id, RGB uint8 array
    thumbnail_ready = Signal(str, object)  # case_id, small RGB uint8 array
    modality_changed = Signal(object)  # Modality of the current case as recorded (detected or chosen)
    document_changed = Signal(object)  # annotations.commands.Change
    dirty_changed = Signal(bool)
    message = Signal(str)  # something the person should read (status bar / dialog)
    about_to_save = Signal()
    saved = Signal(str)  # case_id, once its save is written

    def __init__(self, reader: str = "", autosave_s: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.workspace: Workspace | None = None
        self.doc: CaseDocument | None = None
        self.history: History | None = None
        self.image: np.ndarray | None = None
        self.summaries: CaseSource | dict[str, CaseSummary] = {}
        self.only: set[str] | None = None  # the image paths the open folder was limited to (files opened), if any
        self.double_reading = False
        self.histories = HistoryCache()  # of the other cases, so undo survives a case switch
        self.current_id: str | None = None
        self.blind_ai = False  # a reader in blind double reading: no AI result until they submit the case
        self.oct_override: bool | None = None  # the user's menu choice; None = detect per unsaved image
        # Asked (title, question) before the reader's own grade is replaced; the window shows a dialog.
        self.confirm: Callable[[str, str], bool] = lambda title, question: False
        self._detected_oct = False
        self._was_dirty = False
        self._pixels_pending = False
        self.storage = StorageQueue(self)  # every change to stored data goes through it, in order
        self.storage.failed.connect(self.message)
        self.listing = FolderListing(self.storage, self)
        self.listings = CaseListingReader(self)  # the case list's order and counts, read off the GUI thread
        self._images = CaseImageLoader(self)
        self._images.preview.connect(self.preview_ready)
        self._images.loaded.connect(self.pixels_loaded)
        self._images.failed.connect(self.pixels_failed)
        self.listing.rows_changed.connect(self.cases_added)
        self.listing.progress.connect(self.scan_progress)
        self.listing.finished.connect(self.scan_finished)
        self.listing.thumbnail_ready.connect(self.thumbnail_ready)
        self.saved.connect(self.listing.update_reading_state)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.timeout.connect(self.autosave_now)
        self.set_autosave_interval(autosave_s)

    # workspace --------------------------------------------------------------------------------------------
    def open_paths(self, paths: Sequence[str | os.PathLike]) -> bool:
        """A folder, or image files of one folder (the list then shows only those); False with a message."""
        paths = [Path(p).absolute() for p in paths]
        if not paths:
            return False
        missing = [p for p in paths if not p.exists()]
        if missing:
            self.message.emit(self.tr("{path}: not found; check the path and open it again").format(path=missing[0]))
            return False
        if len(paths) == 1 and paths[0].is_dir():
            return self.open_workspace(paths[0])
        files = [p for p in paths if p.is_file()]
        if len(files) != len(paths) or not all(is_image_file(p) for p in files):
            odd = next(p for p in paths if not (p.is_file() and is_image_file(p)))
            self.message.emit(self.tr("{path}: open one folder, or image files (JPEG, PNG, TIFF, BMP) of one folder")
                              .format(path=odd))
            return False
        folders = {p.parent for p in files}
        if len(folders) > 1:
            self.message.emit(self.tr("{count} folders given: open image files from one folder at a time")
                              .format(count=len(folders)))
            return False
        folder = folders.pop()
        only = {p.relative_to(folder).as_posix() for p in files}  # as spelled on disk: NFC and NFD twins differ
        return self.open_workspace(folder, only)

    def open_workspace(self, folder: str | os.PathLike, only: set[str] | None = None) -> bool:
        """Open ``folder``; with ``only`` (image paths relative to it), list just those cases."""
        self.close_workspace()
        try:  # the index as last saved lists the folder at once; the scan brings it up to date in the background
            workspace = open_as(Path(folder), self.reader, scan=False)  # a reader's own store in double reading
            self.double_reading = load_settings(workspace.folder).double
        except (WorkspaceError, OSError) as exc:
            self.message.emit(str(exc))
            return False
        self.workspace = workspace
        self.blind_ai = hides_ai_from(workspace.folder, workspace.sidecar)
        self.summaries = CaseSource(workspace.index, only)
        self.only = only
        self.workspace_opened.emit(workspace)
        self.cases_changed.emit(self.summaries)
        for text in workspace.messages:
            self.message.emit(text)
        self.listing.start(workspace, self.summaries, self.double_reading)
        return True

    @property
    def busy(self) -> bool:
        """The folder is still being listed (scanned, or its list read), or stored data is still being written."""
        return self.listing.scanning or self.listings.busy or self.storage.busy

    def same_patient(self, doc: CaseDocument) -> list[CaseSummary]:
        """The other cases of the folder with ``doc``'s patient ID (a query on the index)."""
        if not isinstance(self.summaries, CaseSource):
            return []
        # A B-scan's own volume is not another case of the patient.
        return self.summaries.same_patient(doc.patient.patient_id, besides=listed_case_id(doc.case_id))

    def request_thumbnail(self, case_id: str) -> None:
        summary = self.summaries.get(case_id) if self.workspace is not None else None
        if summary is not None and not summary.error:
            self.listing.request_thumbnail(case_id, self.workspace.folder / summary.image_path)

    def _start_thumbnails(self) -> None:
        self.listing.allow_thumbnails()

    def close_workspace(self) -> None:
        if self.workspace is None:
            return
        self.save()
        self._close_case()
        self.listing.stop()
        self.storage.flush()  # every save and index write of this folder lands before it closes
        self.histories.clear()
        self.workspace.close()
        self.workspace = None
        self.summaries = {}
        self.workspace_closed.emit()

    def shutdown(self) -> None:
        self.close_workspace()
        self.listing.shutdown()
        self.listings.shutdown()
        self._images.shutdown()
        self.storage.shutdown()

    # case switching ---------------------------------------------------------------------------------------
    def select_case(self, case_id: str) -> None:
        """Save the current case, then open ``case_id``: the document now, its pixels when decoded."""
        if case_id == self.current_id or self.workspace is None:
            return
        self.save(wait=False)
        self._close_case()
        self.current_id = case_id
        summary = self.summaries.get(case_id)
        if summary is not None and summary.error:
            self.case_failed.emit(case_id, summary.error)
            self._start_thumbnails()
            return
        history = self.histories.take(case_id)
        if history is None:
            self.storage.flush()  # a queued save of this case lands before its files are read
            try:
                history = History(self.workspace.load_case(case_id))
            except (ImageLoadError, WorkspaceError, OSError, ValueError) as exc:
                self.case_failed.emit(case_id, str(exc))
                self._start_thumbnails()
                return
        doc = history.doc
        if self.ai_hidden(case_id, doc):
            doc.ai = None  # e.g. analysed before the folder went blind
        self.doc, self.history = doc, history
        self.history.add_listener(self._on_change)
        self.history.add_stack_listener(self._on_stack)
        self._was_dirty = self.is_dirty
        self._pixels_pending = True
        self.case_opened.emit(doc, self.history)
        self._images.open(case_id, self.workspace.image_file(case_id))  # a B-scan: its address in the volume
        self.dirty_changed.emit(self._was_dirty)

    def reopen_case(self) -> None:
        """Open the current case again from the store, after something else saved it (an arbitration)."""
        case_id = self.current_id
        if case_id is None:
            return
        self._close_case()
        self.histories.take(case_id)  # the kept history holds the document as it was before that save
        self.select_case(case_id)
        if self.doc is not None:
            self._update_summary(self.doc, saved=True)

    def image_path(self) -> Path | None:
        """The image file of the open case."""
        if self.workspace is None or self.current_id is None:
            return None
        return self.workspace.image_file(self.current_id)

    def _close_case(self) -> None:
        self._autosave.stop()
        if self.history is not None and self.current_id is not None:
            self.history.remove_listener(self._on_change)
            self.history.remove_stack_listener(self._on_stack)
            self.histories.put(self.current_id, self.history)
        self._pixels_pending = False
        self.doc = self.history = self.image = None
        self.current_id = None

    def pixels_loaded(self, case_id: str | None, image: np.ndarray) -> None:
        """The open case's pixels, decoded; decides fundus or OCT from them."""
        if self.doc is None or case_id != self.current_id or image.shape[:2] != (self.doc.height, self.doc.width):
            return  # a stale decode of another case
        self._pixels_pending = False
        self.image = image
        self._detected_oct = image_looks_like_oct(self.doc.image_path, image)
        summary = self.summaries.get(case_id)
        if self.oct_override is not None:  # the reader's menu choice holds for every case opened under it
            self._record_modality(self.oct_override)
        elif summary is not None and not summary.saved:  # a saved case keeps the modality recorded with it
            self._record_modality(self._detected_oct)
        self.image_loaded.emit(self.doc.case_id, image)
        self.modality_changed.emit(self.modality)
        self._start_thumbnails()

    def pixels_failed(self, case_id: str | None, error: str) -> None:
        """The open case's image could not be decoded: mark that case only."""
        if case_id is None or case_id != self.current_id:
            return
        self._pixels_pending = False
        if case_id in self.summaries:
            self.summaries[case_id] = dataclasses.replace(self.summaries[case_id], error=error)
            self.summary_changed.emit(self.summaries[case_id])
        self.case_failed.emit(case_id, error)
        self._start_thumbnails()

    @property
    def loading(self) -> bool:
        """The open case's pixels are still being decoded."""
        return self._pixels_pending

    @property
    def modality(self) -> Modality:
        """The open case's recorded modality (what the view, tools and analysis follow)."""
        if self.doc is not None:
            return self.doc.modality
        return Modality.OCT if self.oct_override else Modality.FUNDUS

    def set_oct_override(self, value: bool | None) -> None:
        """The reader's menu choice: OCT (True), fundus (False) or detect from the image (None); recorded on the
        open case as an undoable step."""
        self.oct_override = value
        if self.image is not None:
            self._record_modality(self._detected_oct if value is None else value)
        self.modality_changed.emit(self.modality)

    def _record_modality(self, oct_scan: bool) -> None:
        modality = Modality.OCT if oct_scan else Modality.FUNDUS
        if self.doc is not None and self.doc.modality is not modality:
            self.execute(SetModality(modality))

    # edits --------------------------------------------------------------------------------------------------
    def execute(self, command: Command) -> bool:
        if self.history is None:
            return False
        self.history.execute(command)
        return True

    def undo(self) -> None:
        if self.history is not None:
            self.history.undo()

    def redo(self) -> None:
        if self.history is not None:
            self.history.redo()

    def set_grade(self, grade: ReaderGrade) -> None:
        if self.doc is not None and grade != self.doc.grade:
            self.execute(SetGrade(grade))

    def set_findings(self, text: str) -> None:
        if self.doc is not None and text != self.doc.findings_text:
            self.execute(SetFindings(text))

    def set_patient(self, patient: PatientInfo) -> None:
        if self.doc is not None and patient != self.doc.patient:
            self.execute(SetPatient(patient))

    def set_review_state(self, state: ReviewState) -> None:
        if self.doc is not None and state != self.doc.review_state:
            self.execute(SetReviewState(state))

    def accept_ai_grade(self) -> bool:
        """Copy the AI's DR grade (or OCT class) into the reader's grade; False when there is none, or when it
        would replace a grade the reader set and ``confirm`` says no."""
        if self.doc is None:
            return False
        grade = grade_from_ai(self.doc.grade, self.doc.ai, self.modality is Modality.OCT)
        if grade is None:
            return False
        replaced = replaced_reader_values(self.doc.grade, grade)
        question = self.tr("You graded this case yourself. Accepting the AI grade changes {values}.\n\n"
                           "Replace your grade with the AI's?").format(values=", ".join(replaced))
        if replaced and not self.confirm(self.tr("Replace your grade?"), question):
            return False
        self.set_grade(grade)
        return True

    def mark_done(self) -> None:
        self.set_review_state(ReviewState.DONE)
        self.save(wait=False)

    def ai_hidden(self, case_id: str, doc: CaseDocument | None = None) -> bool:
        """Blind double reading keeps the AI's result from a reader until they submit the case (mark it done)."""
        if doc is None and case_id == self.current_id:
            doc = self.doc
        state = doc.review_state if doc is not None else getattr(self.summaries.get(case_id), "review_state", None)
        return withholds_ai(self.blind_ai, state)

    def apply_ai_result(self, case_id: str, result: AIResult) -> None:
        """Store an analysis result: through the history for the open case, saved directly for the others."""
        if self.ai_hidden(case_id):
            return  # the reader works blind until they submit this case
        if case_id == self.current_id and self.history is not None:
            self.history.execute(SetAIResult(result))
            return
        if self.workspace is None or self.workspace.read_only or case_id not in self.summaries:
            return
        kept = self.histories.get(case_id)
        if kept is not None:  # a kept history takes the result, or its undo steps would not match its document
            kept.execute(SetAIResult(result))
            kept.mark_clean()
            self.storage.submit(self.workspace.save_case, copy.deepcopy(kept.doc), self.reader,
                                done=lambda _: self._stored(kept.doc), failed=self._store_failed(kept))
        else:
            self.storage.submit(store_ai_result, self.workspace, case_id, result, self.reader,
                                done=self._stored, failed=self._store_failed(None))

    def _stored(self, doc: CaseDocument) -> None:
        self._mark_saved(doc.case_id)
        self._update_summary(doc, saved=True)

    def _store_failed(self, history: History | None) -> Callable[[str], None]:
        def failed(error: str) -> None:
            if history is not None:
                history.forget_clean()
            self.message.emit(error)
        return failed

    # saving -----------------------------------------------------------------------------------------------
    @property
    def is_dirty(self) -> bool:
        return self.history is not None and not self.history.is_clean

    def save(self, wait: bool = True) -> bool:
        """Save the open case when it changed, through the storage queue. With ``wait`` (Ctrl+S, before an export
        reads the files) until it is written: False, with a message naming the file, when that failed. Without
        (switching cases, marking done) the window goes on at once; a failure comes back as a message and the case
        is marked unsaved again, its edits kept in its history."""
        self.about_to_save.emit()  # panels commit edits still being typed
        if self.workspace is None or self.doc is None or self.history is None or self.history.is_clean:
            return True
        workspace, history, doc = self.workspace, self.history, copy.deepcopy(self.doc)  # later edits wait
        outcome: list[bool] = []
        already_said = len(workspace.messages)

        def written(_: object) -> None:
            outcome.append(True)
            for text in workspace.messages[already_said:]:  # saved, with a caveat (e.g. the index was locked)
                self.message.emit(text)
            self._mark_saved(doc.case_id)
            if self.doc is not None and self.doc.case_id == doc.case_id:
                self._update_summary(self.doc, saved=True)
            else:
                self._update_summary(doc, saved=True)
            self.saved.emit(doc.case_id)

        def failed(error: str) -> None:
            outcome.append(False)
            history.forget_clean()
            self.message.emit(error)

        self._autosave.stop()
        history.mark_clean()
        self._on_stack()
        self.storage.submit(workspace.save_case, doc, self.reader, done=written, failed=failed)
        if wait:
            self.storage.flush()
        return not outcome or outcome[0]

    def flush(self) -> None:
        """Wait until every queued change to stored data is written (and its outcome reported)."""
        self.storage.flush()

    def autosave_now(self) -> None:
        if self.workspace is not None and self.doc is not None and self.is_dirty:
            self.storage.submit(self.workspace.autosave, copy.deepcopy(self.doc),
                                failed=self._autosave_failed)

    def _autosave_failed(self, error: str) -> None:
        self.message.emit(self.tr("Autosave failed: {error}").format(error=shown_message(error)))

    def set_autosave_interval(self, seconds: int) -> None:
        self._autosave.setInterval(max(1, int(seconds)) * 1000)

    def _on_change(self, change: Change) -> None:
        if change.kind in ("grade", "review", "ai", "patient") and self.doc is not None:
            self._update_summary(self.doc)
        self.document_changed.emit(change)
        if change.kind == "modality":
            self.modality_changed.emit(self.modality)

    def _on_stack(self) -> None:
        dirty = self.is_dirty
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)
        if dirty:
            self._autosave.start()

    def _mark_saved(self, case_id: str) -> None:
        summary = self.summaries.get(case_id)
        if summary is not None and not summary.saved:
            self.summaries[case_id] = dataclasses.replace(summary, saved=True)

    def _update_summary(self, doc: CaseDocument, saved: bool = False) -> None:
        """The list row of ``doc``; the reader's lesions (a pass over the mask) are re-read when it was saved."""
        old = self.summaries.get(doc.case_id)
        if old is None:
            return
        lesions = tuple(reader_lesion_names(doc)) if saved else old.reader_lesions
        new = dataclasses.replace(old, review_state=doc.review_state, reader_grade=doc.grade.dr_grade,
                                  ai_grade=doc.ai.dr_grade if doc.ai is not None else None, analysed=doc.ai is not None,
                                  patient_id=doc.patient.patient_id, patient_name=doc.patient.name,
                                  eye=doc.patient.eye, reader_lesions=lesions)
        if new != old:
            self.summaries[doc.case_id] = new
            self.summary_changed.emit(new)
