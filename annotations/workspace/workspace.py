"""A folder of images opened for review: its sidecar store, crash recovery and the case list.

Layout of ``<folder>/.retinareview/``: ``index.db`` (SQLite, WAL: case index + audit log), ``cases/<id>/``
(per-case files, see sidecar.py), ``autosave/`` (recovery snapshots), ``to-check/`` (the cases recovered and not
checked since: to_check.py), ``lock`` (pid and its start, host and machine id of the owner, renewed while it is held:
lock_renewal).
"""
from __future__ import annotations

import glob
import logging
import math
import os
import sqlite3
import stat
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from annotations.case_names import called_bscans, case_name
from annotations.classes import LESION_CLASSES
from annotations.consistency import CaseFlag, case_flags, reader_lesion_names
from annotations.errors import FileProblem
from annotations.document import UNGRADABLE, CaseDocument, PatientInfo, ReaderGrade, ReviewState, image_file_name
from annotations.formats import voc
from annotations.frames import (bscan_case_id, listed_case_id, name_suffix, own_case_address, shown_frame,
                                split_bscan_case_id, split_frame, with_frame)
from annotations.graded_fields import listed_dr_grade
from annotations.kept_aside import DAMAGED, LINKED, aside_path
from annotations.modality import file_modality, said_modality
from annotations.new_case import new_case
from annotations.os_reasons import os_reason, write_hint
from annotations.patients import case_patient_field
from annotations.progress import NullState, TaskState
from annotations.volume_files import bscan_address, frame_count
from annotations.volume_summary import GradedFields
from annotations.workspace import codec, recovery
from annotations.workspace.catalog import header_current, sync_index
from annotations.workspace.confined import ConfinedFolder, LinkRefused
from annotations.workspace.lock_renewal import LockRenewal
from annotations.workspace.recorded_modality import saved_modality
from annotations.workspace import messages as msg
from annotations.workspace.errors import CaseNotWritten, WorkspaceError
from annotations.workspace.first_pages import MOVE_ACTION, first_pages_left, settle_first_pages
from annotations.workspace.saved_fields import missing_column, missing_files, summary_fields
from annotations.store_folder import SIDECAR_NAME
from annotations.workspace.scan import case_id_for
from annotations.workspace.sidecar import CASE_FILE, CaseFiles, now_iso
from annotations.workspace.store import AuditEntry, IndexStore
from annotations.workspace.to_check import FOLDER as TO_CHECK_DIR, ToCheck
from annotations.workspace.volume_patient import VolumePatients, carried_patient
from annotations.workspace.volume_rows import SavedBscans
from annotations.wording import NAMES_SHOWN, join_named, quote_name

INDEX_FILE = "index.db"
LOCK_FILE = "lock"
CASES_DIR = "cases"  # in the sidecar: a folder of files per saved case (sidecar.CaseFiles)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaseSummary:
    case_id: str
    image_path: str  # relative to the workspace folder, forward slashes
    review_state: ReviewState
    ai_grade: int | None
    reader_grade: int | None
    error: str | None  # why the image cannot be opened; the rest of the folder still works
    saved: bool = False  # the case has saved labels in the sidecar
    patient_id: str | None = None  # as the reader recorded it (saved, or edited since); None: never recorded
    patient_name: str = ""
    patient_ideographic_name: str = ""  # the name's ideographic form beside its alphabetic one (PatientInfo's)
    eye: str | None = None  # "OD", "OS" or "", as the reader recorded it; None: never recorded
    reader_lesions: tuple[str, ...] = ()  # lesion classes the reader painted or boxed, as last saved
    reading_state: str = ""  # in double reading: annotations.reading.disagreement.CaseState's value
    reading_error: str = ""  # why ``reading_state`` cannot be told: a reader's file of the case cannot be read
    analysed: bool = False  # it has an AI result (an OCT scan's has no ``ai_grade``)
    header_patient_id: str = ""  # what its image header (DICOM) carries
    header_eye: str = ""  # the eye its image header (DICOM) records
    header_patient_name: str = ""  # the name its image header (DICOM) carries, and its ideographic form beside it
    header_ideographic_name: str = ""
    frames: int = 1  # how many B-scans its image holds (a DICOM volume's, read with its header by the scan), else 1
    reader_oct_class: str | None = None  # an OCT scan's class as the reader recorded it (listed); None for a photo
    ai_oct_class: str | None = None  # an OCT scan's class as the AI gave it (listed); None for a photo
    reader_ungradable: bool = False  # the reader recorded the photo ungradable (``reader_grade`` is None)
    ai_ungradable: bool = False  # the AI's quality check found the image not gradable
    # what each saved mask or AI file of the case that is missing says (CaseFileMissing's messages): it opens without
    missing_files: tuple[str, ...] = ()

    @property
    def case_patient_id(self) -> str:
        """The patient ID the list shows and links cases by (annotations.patients.case_patient_field)."""
        return case_patient_field(self.patient_id, self.header_patient_id)

    @property
    def case_eye(self) -> str:
        """The eye the list shows (annotations.patients.case_patient_field)."""
        return case_patient_field(self.eye, self.header_eye)

    @property
    def case_patient_name(self) -> PatientInfo:
        """The patient's name the list shows, both its forms (patients.shown_name): the one the reader recorded, else,
        in a case never saved nor edited, the one its image header (DICOM) carries (as case_patient_field)."""
        if self.patient_id is None:
            return PatientInfo(name=self.header_patient_name, ideographic_name=self.header_ideographic_name)
        return PatientInfo(name=self.patient_name, ideographic_name=self.patient_ideographic_name)

    @property
    def file_name(self) -> str:
        return image_file_name(self.image_path)

    @property
    def listed_reader_grade(self) -> int | str | None:
        """The reader's DR grade as the list shows it: UNGRADABLE for a photo recorded ungradable."""
        return listed_dr_grade(self.reader_grade, self.reader_ungradable)

    @property
    def listed_ai_grade(self) -> int | str | None:
        """The AI's DR grade as the list shows it: UNGRADABLE where its quality check found the photo not gradable
        (the models grade one all the same; that grade does not stand: annotations.grading.image_gradable)."""
        return listed_dr_grade(self.ai_grade, self.ai_ungradable)

    @property
    def flags(self) -> list[CaseFlag]:
        """Inconsistencies worth a second look (annotations.consistency)."""
        return case_flags(self.review_state, self.listed_reader_grade, self.listed_ai_grade, self.reader_lesions,
                          self.reader_oct_class, self.ai_oct_class)


# Crash recovery tells it of each snapshot it adopts, before it is saved over the case (as stored, the state the
# autosaved edits started from); what it returns is called once saved. It must not raise. The consensus store of a
# double-read folder notes an arbiter's correction so (annotations.reading.consensus.recovered_save).
RecoveryNote = Callable[["Workspace", CaseDocument], Callable[[], None]]
# The opening tells it of each case it moves to its B-scan 1 (source, target case ids: first_pages), once its folder
# is renamed and before the move is settled, so again after a crash in between: it must do its part once whatever the
# calls. An OSError or WorkspaceError leaves the move to settle at the next open. The consensus store moves its record
# of the case so (annotations.reading.consensus.move_record).
MoveNote = Callable[["Workspace", str, str], None]


@dataclass
class _SavedState:
    revision: int
    ai_file: str | None
    ai_crc: str | None
    mask_crc: str | None
    fingerprint: str | None  # of the document as saved, once known


class Workspace:
    """Use ``Workspace.open(folder)``; ``close()`` (or ``with``) releases the lock and drops autosaves."""

    def __init__(self, folder: Path, sidecar: Path, reader: str) -> None:
        self.folder = folder
        self.sidecar = sidecar
        self.reader = reader
        self._read_only = False
        self.read_only_reason = ""  # why, one of ``messages``: of no concern to a caller that only reads
        # read-only as another program holds the folder (its lock), not for its medium or a link: the store itself
        # can be written, and takes what every program shares once made (name_key.dataset_name_key)
        self.held_elsewhere = False
        self.messages: list[str] = []
        self.recovered: list[str] = []  # cases whose crash-time edits this open recovered and saved: to be checked
        # those and the cases an earlier open recovered (a command's, or a window closed before its note was read)
        # that nobody has opened to check since (recovery_checked), in the order recovered
        self.to_check: list[str] = []
        self.recovered_message = ""  # what is said of them, one of ``messages``
        # the name the program that crashed holding this store opened it as ("" where none crashed or it gave none):
        # whose edits its snapshots are, whoever opens the store next (another arbiter, a command)
        self.crashed_reader = ""
        self._confined = ConfinedFolder(folder)
        self._files = CaseFiles(sidecar / CASES_DIR, self._confined)
        self._bscans = SavedBscans(self._files)
        self._volume_patients = VolumePatients(self._files)
        self._snapshots = recovery.SnapshotStore(sidecar / "autosave", self._confined)
        self._to_check = ToCheck(sidecar / TO_CHECK_DIR, self._confined)
        self._index: IndexStore | None = None
        self._saved: dict[str, _SavedState] = {}
        self._snapshot_fp: dict[str, str] = {}
        self._unrecovered: set[str] = set()  # snapshots a passing fault (a full disk) kept from recovery: kept on close
        self._save_failed: set[str] = set()  # cases whose last save failed: their snapshots are kept on close too
        self._lock: LockRenewal | None = None  # the lock this workspace holds, kept fresh
        self._write_lock = threading.RLock()
        # called with the reason once the lock is found taken over, from whichever thread found it
        self.taken_over_listeners: list[Callable[[str], None]] = []

    # opening ---------------------------------------------------------------------------------------------
    @classmethod
    def open(cls, folder: str | os.PathLike, reader: str = "", sidecar: str | os.PathLike | None = None,
             scan: bool = True, recovery_note: RecoveryNote | None = None,
             move_note: MoveNote | None = None) -> "Workspace":
        """``sidecar`` (default ``FOLDER/.retinareview``) is another store for the same images: one reader's
        own readings in double reading (annotations.reading.readers); its parent folder must exist. With
        ``scan=False`` the case list is the index as last saved: the window brings it up to date in the
        background (``index_rows`` and ``catalog.sync_batches``). ``recovery_note``: told of each case crash
        recovery saves (RecoveryNote); ``move_note``: of each case moved to its B-scan 1 (MoveNote)."""
        folder = Path(folder).absolute()
        if not folder.is_dir():
            raise WorkspaceError(msg.FOLDER_NOT_FOUND.format(folder=folder))
        ws = cls(folder, folder / SIDECAR_NAME if sidecar is None else Path(sidecar).absolute(), reader)
        started = now_iso()
        try:
            ws._check_sidecar_stays_inside()
            ws._confined.mkdir(ws.sidecar)
            _probe_writable(ws.sidecar)  # a read-only medium says so, whatever lock file it carries
            lock = recovery.acquire_lock(ws.sidecar / LOCK_FILE, started, reader)
        except LinkRefused as exc:
            ws._go_read_only(msg.LINK_READ_ONLY.format(error=exc))
        except OSError as exc:
            ws._go_read_only(msg.CANNOT_WRITE.format(folder=ws.sidecar, error=os_reason(exc)))
        else:
            if lock.acquired:
                ws.crashed_reader = lock.stale.reader if lock.stale is not None else ""
                ws._lock = LockRenewal(ws.sidecar / LOCK_FILE, lock.ours, on_lost=ws._lock_lost)
                ws._lock.start()
            else:
                reader_store = ws.sidecar != folder / SIDECAR_NAME
                ws._go_read_only(_open_elsewhere(lock, ws.sidecar / LOCK_FILE, reader_store))
                ws.held_elsewhere = True
        try:
            ws._open_index()
            if scan:
                ws.refresh()
            if not ws.read_only:
                ws._remove_interrupted_saves()
                ws._recover_snapshots(scan, recovery_note)
            ws._find_to_check()  # named as recovered, before any moves to a B-scan 1
            if not ws.read_only:
                ws._settle_first_pages(scan, move_note)
            else:  # nothing moves: where they show is said
                ws.messages.extend(first_pages_left(ws.folder, ws._require_index(), ws._files))
        except BaseException:
            ws._release_lock()  # nobody got the workspace: its lock and renewal go (its snapshots stay)
            if ws._index is not None:
                ws._index.close()
            raise
        return ws

    def _remove_interrupted_saves(self) -> None:
        """Temp files of case saves cut short, by this lock's holder only, and only those no program could still be
        writing: one whose lock was deleted by hand or taken over writes on until it next checks its lock; one not
        heard from for as long as a lock goes abandoned in is taken for gone. The lock we just made says when now is
        by the store's own clock (a share's, not this computer's), which stamped those files."""
        if self._lock is None:
            return
        try:
            now_ns = os.stat(self.sidecar / LOCK_FILE).st_mtime_ns
        except OSError:
            return
        self._files.remove_interrupted_writes(now_ns - int(self._lock.abandoned_after_s * 1e9))

    def _settle_first_pages(self, scan: bool, note: MoveNote | None) -> None:
        """Labels saved on a TIFF's first page before it opened as a volume moved to its B-scan 1 (first_pages),
        after crash recovery, which adopts an autosave snapshot as the case it was made of."""
        try:
            moves = settle_first_pages(self.folder, self._require_index(), self._files, self._confined, self.reader,
                                       postponed=lambda case_id: os.path.lexists(self._snapshots.path(case_id)),
                                       moved=lambda source, target: self._moved_to_bscan_one(source, target, note))
        except sqlite3.Error as exc:  # the index could not note a move: it is settled at the next open
            log.warning("%s: labels saved on TIFFs' first pages not settled (%s)", self.folder, exc)
            return
        if moves.moved:
            self._saved.clear()  # what is known of saved cases: some moved
            if scan:
                self.refresh()
        self.messages.extend(moves.messages())

    def _moved_to_bscan_one(self, source: str, target: str, note: MoveNote | None) -> None:
        """Case ``source``, a TIFF's, moved to its B-scan 1 ``target`` (first_pages): the patient's details saved with
        it are its volume's, which its own case (``source`` now) holds (volume_patient), else every B-scan would show
        its header's (a TIFF's: none). Written there as a B-scan's correction is, once whatever the calls; then
        ``note`` is told; the recovered cases name it as ``target``."""
        self._saved.pop(source, None)  # what is known of it is of the files just moved
        if not self._files.exists(source) and not self.has_autosave(source):
            patient = codec.patient_from_json(self._files.read_json(target))
            if patient != self._volume_patients.of(source, self.image_file(source), self._header_patient(source)):
                own = self.load_case(source, without_missing=True)
                own.patient = patient
                self._save(own, self.reader, MOVE_ACTION)
        # a case just recovered, or earlier and not checked since, is to be checked where its labels are now
        self.recovered = [target if case_id == source else case_id for case_id in self.recovered]
        self.to_check = [target if case_id == source else case_id for case_id in self.to_check]
        self._to_check.moved(source, target)
        if note is not None:
            note(self, source, target)

    def _check_sidecar_stays_inside(self) -> None:
        """The sidecar, its folders and the files SQLite and the lock open by name are the program's own: not
        links, not even to another place inside the folder (its photos' files would be written and renamed)."""
        for name in ("", CASES_DIR, "autosave", TO_CHECK_DIR):
            path = self.sidecar / name if name else self.sidecar
            if os.path.lexists(path):
                self._confined.check_own_folder(path)
        for name in (INDEX_FILE, f"{INDEX_FILE}-wal", f"{INDEX_FILE}-shm", LOCK_FILE):
            if os.path.lexists(self.sidecar / name):
                self._confined.check_own_file(self.sidecar / name)

    @property
    def read_only(self) -> bool:
        """Nothing may be written: so from the open, or from the moment this program's lock was found taken over
        (its renewals stopped for long, LockRenewal.lost_to): another program writes the folder now."""
        if not self._read_only and self._lock is not None:
            self._lock_kept()  # reads the lock only where a renewal failed or is overdue (after a sleep)
        return self._read_only

    @property
    def taken_over_by(self) -> recovery.LockOwner | None:
        """The program that took this folder over since it was opened (read_only from then on), None while none
        has."""
        lock = self._lock
        return lock.lost_to if lock is not None and self.read_only else None

    def _go_read_only(self, message: str) -> None:
        self._read_only, self.read_only_reason = True, message
        self.messages.append(message)

    def _taken_over(self, lock: LockRenewal) -> None:
        """Go read-only as a folder opened in another program is: its index from now on a copy in memory. After a
        write under way (the write lock): a later one checks again under that lock, and is refused."""
        with self._write_lock:  # also: said once, whichever thread finds it
            if self._read_only:
                return
            self._go_read_only(msg.TAKEN_OVER.format(holder=lock.lost_to.describe(),
                                                     minutes=math.ceil(lock.abandoned_after_s / 60)))
            if self._index is not None:
                self._index.keep_in_memory()

    def _lock_lost(self) -> None:
        """Found by the renewal (its thread) or by a check before a write: read-only from now on, said to the
        listeners at once (the window's title and status bar), not at the next save. Found after the close (a renewal
        left behind on a hung share): the folder is no longer open, nothing to say."""
        lock = self._lock  # read once: the close may let it go meanwhile, on another thread
        if lock is None:
            return
        self._taken_over(lock)
        for listener in list(self.taken_over_listeners):
            listener(self.read_only_reason)

    def _lock_kept(self) -> bool:
        """False once this program's lock was taken over, read-only from then on; the lock is read again first where
        its renewal failed or is overdue (LockRenewal.still_ours), as after the computer slept."""
        return self._lock is None or self._lock.still_ours()  # its on_lost made the workspace read-only

    def _lock_held_for_write(self) -> bool:
        """_lock_kept with the lock read again, just before a write (LockRenewal.held_for_write)."""
        return self._lock is None or self._lock.held_for_write()

    def _refuse_writes(self, image: str) -> None:
        """WorkspaceError naming ``image`` when the folder may not be written."""
        if not self._lock_held_for_write() or self.read_only:
            raise WorkspaceError(msg.NOT_SAVED_READ_ONLY.format(folder=self.folder, image=image,
                                                                reason=self.read_only_reason))

    def _open_index(self) -> None:
        path = self.sidecar / INDEX_FILE
        linked = _hard_linked(path)
        if self.read_only:
            try:
                self._index = IndexStore.in_memory(copy_from=None if linked else path)
            except sqlite3.DatabaseError:
                linked = True
            if linked:
                self._index = IndexStore.in_memory()
                self.messages.append(msg.INDEX_UNREADABLE.format(path=path))
            return
        if linked:
            kept = self._set_index_aside(path, LINKED)
            self._index = IndexStore.open_file(path)
            self.messages.append(msg.INDEX_LINKED.format(path=path, kept=kept.name))
            return
        try:
            self._index = IndexStore.open_file(path)
            return
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                self._index = IndexStore.in_memory()
                self.messages.append(msg.INDEX_LOCKED.format(path=path))
                return
            damaged = exc
        except sqlite3.DatabaseError as exc:
            damaged = exc
        kept = self._set_index_aside(path, DAMAGED)
        self._index = IndexStore.open_file(path)
        self.messages.append(msg.INDEX_DAMAGED.format(path=path, error=damaged, kept=kept.name))

    def _set_index_aside(self, path: Path, why: str) -> Path:
        """The index at ``path`` and its WAL and shared memory renamed aside (kept_aside), for a new one; the name
        it is kept under."""
        kept = aside_path(path, why)
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{path}{suffix}")
            if source.exists():
                self._confined.replace(source, Path(f"{kept}{suffix}"))
        return kept

    # case list -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Bring the case list up to date with the folder and the sidecar (reads only what changed)."""
        sync_index(self._require_index(), self.folder, self._files)

    def cases(self) -> list[CaseSummary]:
        rows = sorted(self._require_index().all_cases().values(), key=lambda r: r["image_path"])
        return [summary_from_row(row) for row in rows]

    @property
    def index(self) -> IndexStore:
        """The case index: listing, sorting and filtering run as queries on it (annotations.workspace.case_source)."""
        return self._require_index()

    @property
    def case_files(self) -> CaseFiles:
        return self._files

    def image_file(self, case_id: str) -> Path:
        """The case's image; for a B-scan of a volume, its address (annotations.frames), which image_io reads."""
        return self.folder / self.image_path(case_id)

    def image_path(self, case_id: str) -> str:
        """The case's image's path in the folder (a B-scan: its address), as messages name it from."""
        return self._row(case_id)["image_path"]

    def listed_size(self, case_id: str) -> tuple[int, int] | None:
        """The (width, height) the folder's scan read from the case's image header (a B-scan's: its volume's frame
        size); None where it read none (an unreadable file) or the case is not listed. From the index: no file is
        read. What the photo can be decoded at while the case's files are read, checked against the document's."""
        row = self._require_index().get_case(listed_case_id(case_id))
        if row is None or row.get("error") is not None or not row.get("width") or not row.get("height"):
            return None
        return row["width"], row["height"]

    def case_address(self, case_id: str) -> str:
        """The case's image as messages name it from (annotations.case_names): image_path, a volume's own case
        addressed by its shown B-scan (frames.own_case_address) with the B-scan count the folder's scan read from its
        header, as the window's CaseController.case_address does; no file is read."""
        row = self._row(case_id)
        return own_case_address(row["image_path"], row.get("frames") or 1)

    def _row(self, case_id: str) -> dict[str, Any]:
        volume_id, number = split_bscan_case_id(case_id)
        row = self._require_index().get_case(volume_id)
        if row is None:
            raise WorkspaceError(msg.NO_CASE.format(case=repr(case_id), folder=self.folder))
        if number is not None:  # a B-scan of a listed volume: a case without a row of its own
            return {"case_id": case_id, "image_path": with_frame(row["image_path"], number)}
        return row

    def header_patient_id(self, case_id: str) -> str:
        """The patient ID the image header of ``case_id`` records (DICOM; a B-scan's, its volume's), "" where none:
        a report of another ID is filed apart from the images' study (annotations.patients.files_apart_from_images)."""
        return (self._row(listed_case_id(case_id)).get("header_patient_id") or "").strip()

    def header_eye(self, case_id: str) -> str:
        """The eye the image header of ``case_id`` records (DICOM laterality; a B-scan's, its volume's), "" where it
        records none: what a report checks the eye it prints against (annotations.patients.eye_disagreements)."""
        return (self._row(listed_case_id(case_id)).get("header_eye") or "").strip()

    # B-scans of a volume ---------------------------------------------------------------------------------
    def bscan_count(self, case_id: str) -> int:
        """How many B-scans the listed case's image holds (1 for a photo); ImageLoadError for an unreadable one. The
        count the folder's scan read (listed_bscan_count), else read again from its header."""
        count = self.listed_bscan_count(case_id)
        return count if count is not None else frame_count(self.image_file(case_id))

    def listed_bscan_count(self, case_id: str) -> int | None:
        """The B-scan count the folder's scan read from the listed case's image header while the file is as it was
        then (one stat, no file opened: the B-scan slider asks at every step, on the GUI thread); None where it must be
        read again (the file changed since, or could not be read: reading it says why)."""
        path, row = self.image_file(case_id), self._require_index().get_case(case_id)
        if row is None or row["error"] is not None:
            return None
        try:
            return row["frames"] if header_current(row, path.stat()) else None
        except OSError:
            return None  # reading it says what is wrong

    def bscan_case_id(self, case_id: str, number: int, count: int | None = None) -> str:
        """The case of B-scan ``number`` (1-based) of the volume listed as ``case_id`` (of ``count`` B-scans, where
        known: bscan_count): the shown (middle) B-scan is the volume's own case, every other one a case of its own
        (annotations.frames)."""
        count = self.bscan_count(case_id) if count is None else count
        if not 1 <= number <= count:
            template = msg.NO_BSCAN if self._frames_are_bscans(case_id) else msg.NO_FRAME
            raise WorkspaceError(template.format(image=quote_name(self.image_path(case_id)), count=count,
                                                 number=number))
        return case_id if number == shown_frame(count) else bscan_case_id(case_id, number)

    def _frames_are_bscans(self, case_id: str) -> bool:
        """Whether a message calls the listed case's frames B-scans (case_names.called_bscans): by what the case is
        recorded as, else what its file says without its pixels. Where neither tells, "frame", DICOM's own word for
        them, which names a photo's too: "B-scan" named a photo series' frames."""
        kind = saved_modality(self._files, case_id) or said_modality(self.image_file(case_id))
        return kind is not None and called_bscans(kind)

    def saved_bscans(self) -> dict[str, list[str]]:
        """Volume case id -> its B-scan cases with saved labels (the volume's own case not included), in order."""
        found: dict[str, list[tuple[int, str]]] = {}
        for case_id in self._files.saved_case_ids():
            volume_id, number = split_bscan_case_id(case_id)
            if number is not None:
                found.setdefault(volume_id, []).append((number, case_id))
        return {volume_id: [case_id for _n, case_id in sorted(bscans)] for volume_id, bscans in found.items()}

    def export_path(self, case_id: str) -> str:
        """The image path an export names the case by: a volume's shown B-scan is addressed by its number too, so
        every exported B-scan of a volume is named alike (``vol_b013``, ``vol_b012``)."""
        row = self._row(case_id)
        return row["image_path"] if row.get("error") is not None else bscan_address(self.folder, row["image_path"])

    def _require_index(self) -> IndexStore:
        if self._index is None:
            raise WorkspaceError(msg.CLOSED.format(folder=self.folder))
        return self._index

    # documents -------------------------------------------------------------------------------------------
    def load_case(self, case_id: str, without_missing: bool = False, state: TaskState = NullState()) -> CaseDocument:
        """The saved document, or a fresh one sized from the image header when nothing was saved yet. A B-scan of a
        volume takes its volume's patient (annotations.workspace.volume_patient). A saved mask or AI file missing
        raises CaseFileMissing, unless ``without_missing`` (the window shows the rest): no pixels are then painted, or
        no AI result is there, and nothing is saved over the missing file until the case is edited or analysed.
        Raises Cancelled before the next of its files once ``state`` is cancelled (the reader moved on)."""
        doc, data = self._loaded(case_id, lambda: self._files.load(case_id, without_missing, state))
        fingerprint = recovery.doc_fingerprint(doc)  # as loaded: a B-scan only looked at is not saved again
        self._saved[case_id] = (_state_from_json(data, fingerprint) if data is not None
                                else _SavedState(0, None, None, None, fingerprint))
        return doc

    def load_case_fields(self, case_id: str) -> CaseDocument:
        """The document load_case gives, less its painted mask and its AI result's arrays, left unread in their files
        (the mask of a 12 MP photo took 50-180 ms to decode): where what is shown of a case is its patient, grades and
        findings (a report's dialog), read_case reading the rest where it is needed. Raises as load_case does, but for
        a mask or AI file that cannot be decoded (not read). Never saved (CaseDocument.fields_only): its pixels are not
        the case's."""
        return self._loaded(case_id, lambda: (self._files.load_fields(case_id), None))[0]

    def read_case(self, case_id: str) -> CaseDocument:
        """The document load_case gives, read for a look only (a report's worker, where load_case_fields left its
        pixels unread): the record of what was saved, which each save is checked against, is left to the case's own
        loads and saves. Raises as load_case does."""
        return self._loaded(case_id, lambda: self._files.load(case_id))[0]

    def _loaded(self, case_id: str, read_saved: Callable[[], tuple[CaseDocument, dict[str, Any] | None]]
                ) -> tuple[CaseDocument, dict[str, Any] | None]:
        """The case's document, by ``read_saved`` where it was saved (with its case.json's content, where read), else
        sized from its image's header; a B-scan's with its volume's patient."""
        row = self._row(case_id)
        saved = self._files.exists(case_id)
        if saved:
            doc, data = read_saved()
        else:  # ImageLoadError names an unreadable image
            doc, data = new_case(case_id, row["image_path"], self.folder / row["image_path"]), None
        self._take_volume_patient(doc, row, made_from_header=not saved)
        return doc, data

    def set_aside_damaged(self, case_id: str, actor: str = "") -> list[Path]:
        """Save the case without its saved mask or AI file that cannot be read (DamagedCaseFile), each copied aside
        first (CaseFiles.without_damaged), so that its grade, boxes, findings and patient open and can be worked on
        again (the photo is analysed again where its AI file was the damaged one). Returns the copies; [] when
        nothing was damaged. Raises DamagedCaseFile for a case.json that cannot be read, WorkspaceError when the
        folder is read-only or a file cannot be read or written."""
        with self._write_lock:
            self._refuse_writes(case_name(self.image_path(case_id), folder=self.folder))
            try:
                doc, copies = self._files.without_damaged(case_id, now_iso())
            except (FileProblem, OSError) as exc:
                raise WorkspaceError(msg.NOT_SET_ASIDE.format(folder=self._files.case_dir(case_id),
                                                              error=exc)) from exc
            if copies:
                self._take_volume_patient(doc, self._row(case_id), made_from_header=False)
                if self.has_autosave(case_id):  # edits recovery could not adopt: kept aside, not dropped by the save
                    self._unrecovered.add(case_id)
                self._save(doc, actor or self.reader, action="set aside damaged")
        return copies

    def _take_volume_patient(self, doc: CaseDocument, row: dict[str, Any], made_from_header: bool) -> None:
        """A B-scan of a volume takes its volume's patient (annotations.workspace.volume_patient); a case of a volume
        made from its header notes the header's, so that its saved B-scans need not read it again."""
        volume_id, number = split_bscan_case_id(doc.case_id)
        if number is None and (row.get("frames") or 1) == 1:
            return  # a photo
        volume_file = self.image_file(volume_id)
        if made_from_header:
            self._volume_patients.note_header(volume_id, volume_file, doc.patient)
        if number is not None:
            volume = self._volume_patients.of(volume_id, volume_file, self._header_patient(volume_id))
            doc.patient = volume or doc.patient  # its own where the volume's cannot be read

    def _header_patient(self, volume_id: str) -> Callable[[], PatientInfo]:
        """What reads the patient the listed volume's header gives (new_case), whatever was saved."""
        image_path = self._row(volume_id)["image_path"]
        return lambda: new_case(volume_id, image_path, self.folder / image_path).patient

    def save_case(self, doc: CaseDocument, actor: str = "", action: str = "save") -> None:
        """Write the case's files atomically, update the index and append to the audit log (``action``:
        e.g. "arbitrate" when an arbiter's choice becomes the consensus)."""
        with self._write_lock:  # checked under it: a lock found lost meanwhile refuses this save too
            self._refuse_writes(self._name(doc))
            self._save(doc, actor or self.reader, action=action)

    def _save(self, doc: CaseDocument, actor: str, action: str) -> None:
        _check_whole(doc)
        index = self._require_index()
        self._check_belongs(doc)
        if not doc.modality_decided:  # a case never saved, never examined: what its file is, not the default
            doc.modality = file_modality(self.image_file(doc.case_id))
        fingerprint = recovery.doc_fingerprint(doc)
        saved = self._saved_state(doc.case_id)
        if saved.revision and saved.fingerprint == fingerprint:
            self._drop_snapshot(doc.case_id)
            return
        previous = self._files.read_json(doc.case_id) if saved.revision else None
        if split_bscan_case_id(doc.case_id)[1] is not None:
            self._carry_patient(doc, previous, actor, action)
        ai_crc = recovery.ai_arrays_crc(doc.ai)
        missing_mask = self._missing_mask_kept(doc, previous)
        meta = {"revision": saved.revision + 1, "saved_at": now_iso(), "saved_by": actor, "ai_crc": ai_crc,
                "mask_crc": recovery.mask_crc(doc.mask), "reader_lesions": reader_lesion_names(doc)}
        if missing_mask is not None:  # its painted lesions are still the case's, once the file is back
            meta["mask_crc"] = previous.get("mask_crc")
            earlier = previous.get("reader_lesions")
            named = {*(earlier if isinstance(earlier, list) else []), *meta["reader_lesions"]}
            meta["reader_lesions"] = [cls.name for cls in LESION_CLASSES if cls.name in named]
        # the grade as first submitted stays what it was, whatever the reader revises or sets back to do later; a
        # case marked done with no grade yet (a slip of D) has none to keep
        submitted = (previous or {}).get(codec.SUBMITTED_GRADE)
        if submitted is None and doc.review_state is ReviewState.DONE and doc.grade != ReaderGrade():
            submitted = doc.grade.to_json()
        if submitted is not None:
            meta[codec.SUBMITTED_GRADE] = submitted
        reuse_ai = saved.ai_file if ai_crc is not None and ai_crc == saved.ai_crc else None
        try:
            data = self._files.save(doc, meta, self._voc_bytes, reuse_ai, missing_mask)
        except OSError as exc:
            self._save_failed.add(doc.case_id)  # its edits' last snapshot is the one copy on disk: kept on close
            this_case = isinstance(exc, PermissionError)  # a file locked by another program, a read-only folder
            raise (CaseNotWritten if this_case else WorkspaceError)(msg.SAVE_FAILED.format(
                folder=self._files.case_dir(doc.case_id), image=self._name(doc), error=os_reason(exc),
                hint=write_hint(exc, action))) from exc
        self._saved[doc.case_id] = _state_from_json(data, fingerprint)
        doc.mask_left_out = missing_mask  # named until painted anew
        entry = AuditEntry(meta["saved_at"], actor, doc.case_id, action, describe_changes(previous, data))
        try:
            index.record_save(self._saved_row(doc, data), entry)
        except sqlite3.Error as exc:
            self.messages.append(msg.INDEX_NOT_UPDATED.format(image=self._name(doc), error=exc))
        self._drop_snapshot(doc.case_id)

    def _missing_mask_kept(self, doc: CaseDocument, previous: dict[str, Any] | None) -> str | None:
        """The saved mask file ``doc`` was loaded without (CaseDocument.mask_left_out: missing then), kept named while
        ``doc`` has no painted pixels: a save of its grade or AI result must not make the case's painted lesions an
        unlabelled case's, and once put back from a backup it is the case's mask again, not a file to sweep; painting
        anew replaces it."""
        return None if previous is None or doc.mask.any() else doc.mask_left_out

    def _carry_patient(self, doc: CaseDocument, previous: dict[str, Any] | None, actor: str, action: str) -> None:
        """A patient the reader changed on B-scan ``doc`` is its volume's: written into the volume's own case first
        (annotations.workspace.volume_patient), so that a failure of either write leaves the B-scan's save to do again
        with its edit. Not while the own case has an autosave snapshot (its save failed, or a crash left it): saving
        it now would make recovery drop that snapshot's edits; its next save or recovery writes its details."""
        volume_id = listed_case_id(doc.case_id)
        volume = self._volume_patients.of(volume_id, self.image_file(volume_id), self._header_patient(volume_id))
        carried = carried_patient(doc, previous, volume)
        if carried is None or self.has_autosave(volume_id):
            return
        own = self.load_case(volume_id, without_missing=True)  # its files missing are kept named or analysed again
        own.patient = replace(carried)
        self._save(own, actor, action)

    def _saved_row(self, doc: CaseDocument, data: dict[str, Any]) -> dict[str, Any]:
        """The index row of ``doc``'s case just saved as ``data``: a photo's from its file; a volume's (its own case
        or one of its B-scans saved) summarises every saved B-scan (annotations.workspace.volume_rows)."""
        listed = listed_case_id(doc.case_id)
        if listed != doc.case_id:
            row = self._require_index().get_case(listed)  # _check_belongs found it
        else:  # a mask kept named while missing (_missing_mask_kept) is still missing
            row = self._require_row_for(doc) | summary_fields(data) | {
                "missing_files": missing_column(self._files.missing_texts(doc.case_id, data, listed=True))}
        if (row.get("frames") or 1) > 1:
            return row | self._bscans.row_columns(listed, row["frames"])
        return row | {"doc_mtime_ns": self._files.files_time(doc.case_id)}

    def note_missing(self, case_id: str, texts: tuple[str, ...]) -> None:
        """What reading the listed case found missing of its saved files (CaseFileMissing.listed; () none), into its
        row: the list marks it from the index, where the folder's scan has not looked since (a file deleted or put
        back meanwhile, or a file system that keeps no folder times: CaseFiles.files_time)."""
        self._require_index().set_missing_files(case_id, missing_column(texts))

    def volume_bscans(self, case_id: str) -> dict[str, GradedFields]:
        """The listed volume's saved B-scans' fields that its row summarises (its own case among them), by case id;
        none for a photo. One stat a B-scan, its file read once a version: the window asks at each edit."""
        row = self._require_index().get_case(case_id)
        frames = (row.get("frames") or 1) if row is not None else 1
        if frames == 1:
            return {}
        return {member: fields for member, (_m, fields) in self._bscans.of_volume(case_id, frames).items()
                if fields is not None}

    def _check_belongs(self, doc: CaseDocument) -> None:
        """A B-scan's document is saved only under its own volume's case and address."""
        volume_id, number = split_bscan_case_id(doc.case_id)
        if number is None:
            return
        volume = self._require_index().get_case(volume_id)
        if volume is None or doc.image_path != with_frame(volume["image_path"], number):
            # the stored address, as written: it is what does not fit (named as a B-scan, it would read as one); a
            # photo's frames, or a file's whose kind is not known yet, are frames (case_names.called_bscans)
            template = msg.NOT_A_BSCAN if doc.modality_decided and called_bscans(doc.modality) else msg.NOT_A_FRAME
            raise WorkspaceError(template.format(case=repr(doc.case_id), image=doc.image_path, folder=self.folder))

    def _require_row_for(self, doc: CaseDocument) -> dict[str, Any]:
        row = self._require_index().get_case(doc.case_id)
        if row is not None:
            return row
        if doc.case_id != case_id_for(doc.image_path):
            raise WorkspaceError(msg.NOT_OURS.format(case=repr(doc.case_id), folder=self.folder))
        return {"case_id": doc.case_id, "image_path": doc.image_path, "width": doc.width, "height": doc.height}

    def _name(self, doc: CaseDocument) -> str:
        """``doc``'s case as a message names it (a volume's own case by its B-scan's number)."""
        return case_name(doc.image_path, folder=self.folder)

    def _voc_bytes(self, doc: CaseDocument) -> bytes:
        return voc.voc_bytes(voc.annotation_from_case(doc, self.folder / doc.image_path))

    def voc_beside_image(self, doc: CaseDocument) -> Path:
        """Where labelImg looks for the case's boxes: ``x.xml`` next to ``x.jpg``; ``vol_b012.xml`` next to
        ``vol.dcm`` for its B-scan 12."""
        file, number = split_frame(doc.image_path)
        xml = (self.folder / file).with_suffix(".xml")
        return xml if number is None else xml.with_name(f"{xml.stem}{name_suffix(number)}.xml")

    def write_voc_beside_image(self, doc: CaseDocument) -> Path:
        """labelImg's layout (``voc_beside_image``), written only where the folder stays inside the workspace
        (LinkRefused otherwise; OSError when it cannot be written). A link there is the person's, never replaced
        (LinkRefused naming it, as ConfinedFolder.check_own_file refuses any link in place of a file the program
        makes), even one to the file an import read: the save put a copy in its place. Another file there is
        replaced only when it is the one this case last wrote or imported there: a labelImg file never imported,
        another image's of the same name (a.jpg and a.png) or one edited since are refused (WorkspaceError naming
        it)."""
        self._refuse_writes(self._name(doc))
        xml = self._confined.check_own_file(self.voc_beside_image(doc))  # first: importing it would not help
        if os.path.lexists(xml) and not self._files.beside_known(doc.case_id, xml):
            raise WorkspaceError(msg.BESIDE_NOT_OURS.format(file=xml, image=self._name(doc)))
        data = voc.voc_bytes(voc.annotation_from_case(doc, self.folder / doc.image_path))
        self._confined.write_bytes(xml, data)
        self._files.note_beside(doc.case_id, data)
        return xml

    def adopt_voc_beside_image(self, doc: CaseDocument, label_file: Path, first_page: bool = False) -> None:
        """An import read the whole of ``label_file`` into ``doc``: if it is the case's labelImg file, saving with
        "Save VOC next to images" may replace it from now on (unless it is a link there: write_voc_beside_image),
        and the window no longer says it was never imported (labelimg_files). ``first_page``: ``doc`` is a TIFF
        volume's B-scan 1, given the labels named for its file (``vol.xml``: its first page's, labelImg's)."""
        xml = (self.folder / split_frame(doc.image_path)[0]).with_suffix(".xml") if first_page \
            else self.voc_beside_image(doc)
        if xml.is_file() and label_file.is_file() and os.path.samefile(xml, label_file):
            self._files.note_beside(doc.case_id, xml.read_bytes())

    def _saved_state(self, case_id: str) -> _SavedState:
        if case_id not in self._saved:
            try:
                data = self._files.read_json(case_id)
            except FileNotFoundError:
                return _SavedState(0, None, None, None, None)
            self._saved[case_id] = _state_from_json(data, None)
        return self._saved[case_id]

    # autosave and recovery -------------------------------------------------------------------------------
    def autosave(self, doc: CaseDocument) -> bool:
        """Write a recovery snapshot when ``doc`` differs from both the saved files and the last snapshot.

        Returns whether a snapshot was written. A read-only workspace writes nothing; one whose lock was taken over
        since it opened says why (WorkspaceError): the edits are now nowhere but in the window.
        """
        with self._write_lock:
            if not self._lock_held_for_write():
                raise WorkspaceError(self.read_only_reason)
            if self.read_only:
                return False
            _check_whole(doc)
            fingerprint = recovery.doc_fingerprint(doc)
            saved = self._saved_state(doc.case_id)
            if saved.fingerprint == fingerprint:
                self._drop_snapshot(doc.case_id)
                return False
            if self._snapshot_fp.get(doc.case_id) == fingerprint:
                return False
            self._set_aside_unrecovered(doc.case_id)
            try:
                self._snapshots.write(doc, saved.revision, now_iso(), saved.ai_file, saved.ai_crc)
            except OSError as exc:
                raise WorkspaceError(msg.AUTOSAVE_FAILED.format(
                    path=self._snapshots.path(doc.case_id), image=self._name(doc), error=os_reason(exc))) from exc
            self._snapshot_fp[doc.case_id] = fingerprint
            return True

    def has_autosave(self, case_id: str) -> bool:
        return self._snapshots.path(case_id).is_file()

    def _drop_snapshot(self, case_id: str) -> None:
        self._save_failed.discard(case_id)
        if case_id in self._unrecovered:
            self._set_aside_unrecovered(case_id)
            return
        self._snapshots.remove(case_id)
        self._snapshot_fp.pop(case_id, None)

    def _set_aside_unrecovered(self, case_id: str) -> None:
        """A snapshot recovery could not adopt (a full disk) is about to be replaced or dropped by this session's
        work on the case: kept aside instead, so the crash's edits are never lost unseen."""
        if case_id in self._unrecovered:
            self._unrecovered.discard(case_id)
            self._quarantine_snapshot(case_id, WorkspaceError(msg.SNAPSHOT_SUPERSEDED))

    def _recover_snapshots(self, scan: bool = True, note: RecoveryNote | None = None) -> None:
        self._snapshots.remove_stray_temp_files()
        self._to_check.remove_stray_temp_files()
        for case_id in self._snapshots.case_ids():
            saved_note: Callable[[], None] | None = None
            image = case_id  # what a snapshot whose header cannot be read is called
            try:
                header = self._snapshots.read_header(case_id)
                saved = self._saved_state(case_id)
                if int(header["base_revision"]) != saved.revision:
                    self._drop_snapshot(case_id)  # the case was saved after this snapshot: nothing to recover
                    continue
                image = case_name(str(header["doc"]["image_path"]), folder=self.folder)  # for what is said of it
                ai_arrays = self._files.read_ai_arrays(case_id, header.get("ai_file"))
                snapshot = self._snapshots.read(case_id, ai_arrays)
                if snapshot.doc.case_id != case_id or snapshot.doc.image_path != self._listed_photo(snapshot.doc):
                    # adopted only as the case it is named for, of the photo that case is
                    raise WorkspaceError(msg.NOT_OURS.format(case=repr(snapshot.doc.case_id), folder=self.folder))
                saved_note = note(self, snapshot.doc) if note is not None else None
                self._save(snapshot.doc, "autosave-recovery", action="recover")
            except WorkspaceError as exc:
                if isinstance(exc.__cause__, OSError) and not isinstance(exc, LinkRefused):
                    self.messages.append(msg.NOT_RECOVERED.format(image=image, error=exc))  # a full disk passes
                    self._unrecovered.add(case_id)
                    continue
                self._quarantine_snapshot(case_id, exc)
            except Exception as exc:  # noqa: BLE001 - any damage, even one that fools a decoder, costs one snapshot
                self._quarantine_snapshot(case_id, exc)
            else:
                self.recovered.append(case_id)
                self._note_to_check(case_id, image)
                if saved_note is not None:
                    saved_note()
        if self.recovered and scan:
            self.refresh()

    def _note_to_check(self, case_id: str, image: str) -> None:
        """``case_id`` (``image``) holds a crash's edits just recovered: to check until a person opens it, whoever
        opened the store (a command at night) and whenever its note is read."""
        try:
            self._to_check.note(case_id)
        except (OSError, WorkspaceError) as exc:  # its edits are saved: this open's note names it still
            log.warning("%s: not noted as to check after its recovery (%s)", image, exc)

    def _find_to_check(self) -> None:
        """The cases recovered after a crash and not checked since (``to_check``), and what is said of them."""
        try:
            to_check = self._to_check.cases()
        except OSError as exc:
            log.warning("%s: the cases to check after a crash cannot be read (%s)", self.folder, exc)
            to_check = []
        self.to_check = list(dict.fromkeys(to_check + self.recovered))  # as recovered now where none could be noted
        if self.to_check:
            names = [self._called(case_id) for case_id in self.to_check[:NAMES_SHOWN]]
            images, crashed = join_named(names, len(self.to_check)), self.crashed_reader.strip()
            if crashed and set(self.to_check) == set(self.recovered):  # each to check is this crash's: whose
                self.recovered_message = msg.RECOVERED_OF.format(reader=crashed, count=len(self.to_check),
                                                                 images=images)
            else:
                self.recovered_message = msg.RECOVERED.format(count=len(self.to_check), images=images)
            self.messages.append(self.recovered_message)

    def recovery_checked(self, case_id: str) -> None:
        """A person opened ``case_id`` to check the edits a crash's recovery saved into it: no longer to check."""
        if case_id in self.to_check and not self.read_only:
            with self._write_lock:
                self._to_check.checked(case_id)

    def _called(self, case_id: str) -> str:
        """``case_id`` as a message names it; its id where the index lists it no more."""
        try:
            return case_name(self.case_address(case_id), folder=self.folder)
        except WorkspaceError:
            return repr(case_id)

    def _listed_photo(self, doc: CaseDocument) -> str:
        """The image path the index lists for ``doc``'s case; its own where the index has no row (a B-scan, whose
        address _save checks) or cannot be read (the save then says so)."""
        try:
            row = self._require_index().get_case(doc.case_id)
        except sqlite3.Error:
            row = None
        return doc.image_path if row is None else row["image_path"]

    def _quarantine_snapshot(self, case_id: str, problem: Exception) -> None:
        """Keep an unrecoverable snapshot under a new name and say so, so that it is not retried on every open."""
        path = self._snapshots.path(case_id)
        try:
            kept = self._snapshots.quarantine(case_id, now_iso())
        except (OSError, WorkspaceError) as exc:
            self.messages.append(msg.SNAPSHOT_STUCK.format(path=path, problem=problem, error=exc))
            return
        self._snapshot_fp.pop(case_id, None)
        problem = str(problem) or type(problem).__name__  # MemoryError says nothing else
        log.warning("%s: autosave snapshot cannot be recovered: %s", path, problem)
        self.messages.append(msg.SNAPSHOT_KEPT.format(path=path, problem=problem, kept=kept.name))

    # audit and closing -----------------------------------------------------------------------------------
    def audit_log(self, case_id: str | None = None) -> list[AuditEntry]:
        return self._require_index().audit_log(case_id)

    def close(self) -> None:
        """Release the workspace. This session's autosave snapshots are dropped (the caller saved or chose to
        discard); one that recovery could not adopt yet (a full disk), or of a case whose last save failed, stays
        for the next open, which recovers it."""
        if self._index is None:
            return
        if not self.read_only:
            for case_id in set(self._snapshots.case_ids()) - self._unrecovered - self._save_failed:
                try:
                    self._drop_snapshot(case_id)
                except LinkRefused as exc:  # the folder became a link since the open: leave it, still close
                    log.warning("%s", exc)
        self._index.close()
        self._index = None
        self._release_lock()

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.stop()
            recovery.release_lock(self._lock.path)
            self._lock = None

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _open_elsewhere(lock: recovery.LockResult, path: Path, reader_store: bool) -> str:
    """Why the workspace opened read-only: who holds it and, where their lock goes by itself once no longer
    renewed (another computer's), in how many minutes at most it could be opened for editing again. A reader's own
    store (``reader_store``) held under a reader name is that reader's: whoever typed the same name is told so."""
    named = reader_store and bool(lock.holder.reader)
    if lock.free_in is None:
        return (msg.READER_IN_USE if named else msg.OPEN_ELSEWHERE).format(holder=lock.holder.describe(), lock=path)
    minutes = max(1, math.ceil(lock.free_in / 60))
    return (msg.READER_IN_USE_RENEWED if named else msg.OPEN_ELSEWHERE_RENEWED).format(
        holder=lock.holder.describe(), minutes=minutes, lock=path)


def _hard_linked(index: Path) -> bool:
    """Whether the index's database, WAL or shared memory file has other names on its disk (a hard link: a backup's
    snapshot of the folder, or one put there): SQLite writes them in place, which would change the file under those
    names too (its first open truncates the shared memory file, whatever it held)."""
    for suffix in ("", "-wal", "-shm"):
        try:
            found = os.lstat(f"{index}{suffix}")
        except OSError:
            continue
        if stat.S_ISREG(found.st_mode) and found.st_nlink > 1:
            return True
    return False


def _probe_writable(folder: Path) -> None:
    """Raise OSError unless a file can be created in ``folder`` (cheaper to learn now than at the first save)."""
    fd, name = tempfile.mkstemp(prefix=".write-probe.", dir=folder)
    os.close(fd)
    os.unlink(name)


def summary_from_row(row: dict[str, Any]) -> CaseSummary:
    lesions = tuple(name for name in (row["reader_lesions"] or "").split(",") if name)
    return CaseSummary(row["case_id"], row["image_path"], ReviewState(row["review_state"]), row["ai_grade"],
                       row["reader_grade"], row["error"], saved=bool(row["revision"]),
                       patient_id=row["patient_id"], patient_name=row["patient_name"] or "",
                       patient_ideographic_name=row["patient_ideographic_name"] or "",
                       eye=row["eye"], reader_lesions=lesions, analysed=bool(row["analysed"]),
                       header_patient_id=row["header_patient_id"] or "", header_eye=row["header_eye"] or "",
                       header_patient_name=row["header_patient_name"] or "",
                       header_ideographic_name=row["header_ideographic_name"] or "",
                       frames=row["frames"] or 1, reader_oct_class=row["reader_oct_class"],
                       ai_oct_class=row["ai_oct_class"], reader_ungradable=bool(row["reader_ungradable"]),
                       ai_ungradable=bool(row["ai_ungradable"]), missing_files=missing_files(row))


def _check_whole(doc: CaseDocument) -> None:
    """A document read without its pixels (load_case_fields) is never written: its blank mask would replace what
    was painted. A slip in the program, never the person's."""
    if doc.fields_only:
        raise ValueError(f"{doc.image_path}: a case read without its painted mask is never saved")


def _state_from_json(data: dict[str, Any], fingerprint: str | None) -> _SavedState:
    return _SavedState(int(data.get("revision", 0)), (data.get("files") or {}).get("ai"), data.get("ai_crc"),
                       data.get("mask_crc"), fingerprint)


_TRACKED = ("review_state", "grade", "findings_text", "patient", "modality", "rejected_candidates",
            "dismissed_imports", "ai")


def describe_changes(previous: dict[str, Any] | None, current: dict[str, Any]) -> str:
    """A short audit text: which parts changed between two saved versions of a case."""
    if previous is None:
        mask = "painted" if current["files"].get("mask") else "empty"
        return f"first save: {len(current.get('boxes', []))} box(es), mask {mask}"
    parts = [key for key in _TRACKED if previous.get(key) != current.get(key)]
    if previous.get("review_state") != current.get("review_state"):
        parts[parts.index("review_state")] = f"review {previous.get('review_state')}->{current['review_state']}"
    old_grade, new_grade = _audited_grade(previous), _audited_grade(current)
    if old_grade != new_grade:
        parts[parts.index("grade")] = f"grade {old_grade}->{new_grade}"
    if previous.get("boxes") != current.get("boxes"):
        parts.append(f"boxes {len(previous.get('boxes', []))}->{len(current.get('boxes', []))}")
    if previous.get("mask_crc") != current.get("mask_crc"):
        parts.append("mask")
    if previous.get("ai_crc") != current.get("ai_crc") and "ai" not in parts:
        parts.append("ai maps")
    return "changed: " + ", ".join(parts) if parts else "saved without changes"


def _audited_grade(data: dict[str, Any]) -> int | str | None:
    """The DR grade an audit text names: UNGRADABLE for a photo the reader recorded ungradable."""
    grade = data.get("grade") or {}
    return UNGRADABLE if grade.get("ungradable") else grade.get("dr_grade")


def has_saved_case(sidecar: Path, image_path: str) -> bool:
    """Whether the store ``sidecar`` (a folder's main one, or a reader's) holds saved labels of the image at
    ``image_path`` in its folder, from its files' existence: nothing scanned, locked or written. An OCT volume's (or
    one B-scan's address, annotations.frames) are any of its B-scans' cases: a report of the volume's shown B-scan,
    whose own case was never saved, was made without the folder, so it said nothing of the DME another B-scan
    records (annotations.volume_severity)."""
    volume_id = case_id_for(split_frame(image_path)[0])
    cases = sidecar / CASES_DIR
    return os.path.lexists(cases / volume_id / CASE_FILE) or any(
        split_bscan_case_id(found.name)[0] == volume_id and os.path.lexists(found / CASE_FILE)
        for found in cases.glob(glob.escape(volume_id) + "?*"))
