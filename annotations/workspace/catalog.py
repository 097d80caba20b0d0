"""Keeping the SQLite case index in step with the folder's images and the sidecar's per-case files.

The index is only a cache: every field comes from an image header or a ``case.json``, re-read only when the
file's mtime (and, for images, size) changed since the last sync.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generator, Iterator, Mapping

from annotations.dicom import may_be_dicom_name
from annotations.document import ReviewState
from annotations.formats.photo_modes import ModeSeen, PhotoModes
from annotations.image_io import TIFF_SUFFIXES, ImageLoadError, read_image_info
from annotations.progress import Cancelled, NullState, TaskState
from annotations.regular_files import refused_by_the_system, unreadable
from annotations.workspace import messages as msg
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.saved_fields import SAVED_FIELDS, missing_column, summary_fields
from annotations.workspace.scan import HeadersRead, case_ids_for, displayable, own_case_id, walk_images
from annotations.workspace.sidecar import CaseFiles
from annotations.workspace.store import HEADER_COLUMNS, OWN_SUMMARY_SINCE_COLUMNS, SUMMARY_SINCE_COLUMNS, IndexStore
from annotations.workspace.volume_rows import (files_stamp, folded_columns, graded_from_columns, read_graded,
                                               saved_by_row)

log = logging.getLogger(__name__)


SYNC_BATCH = 500  # rows per batch: the first ones reach a waiting window within a fraction of a second


@dataclass
class SyncBatch:
    """Rows to write into the index, and (in the last batch of a scan that found every image) the case ids to remove
    from it."""
    rows: list[dict[str, Any]]
    gone: list[str] = field(default_factory=list)
    done: int = 0  # images looked at so far
    total: int = 0  # images found (so far, while ``walking``)
    # the folder's images are still being found: none looked at yet, but in a first listing, which looks at each as
    # it is found (sync_batches)
    walking: bool = False
    stopped: bool = False  # the last batch of a scan stopped part-way: the images after ``done`` not looked at
    # while ``walking``, the headers of files named as masks looked at (photo_sorter), of how many: (0, 0) before
    headers: tuple[int, int] = (0, 0)
    # in the last batch, the header modes the walk saw (photo_modes), to remember: all it needs, unless ``walking``
    photo_modes: dict[str, ModeSeen] | None = None


class _Ticker:
    """Due once every ``seconds``; never with None."""

    def __init__(self, seconds: float | None) -> None:
        self._seconds, self._last = seconds, time.monotonic()

    def due(self, now_too: bool = False) -> bool:
        """``now_too``: due now, however long since the last time (but never with None)."""
        now = time.monotonic()
        if self._seconds is None or (now - self._last < self._seconds and not now_too):
            return False
        self._last = now
        return True


def sync_index(index: IndexStore, folder: Path, files: CaseFiles) -> None:
    """New, changed and removed images, and case files saved by someone the index did not hear about."""
    for batch in sync_batches(index.all_cases(), folder, files, known_modes=index.photo_modes()):
        write_batch(index, batch)


def write_batch(index: IndexStore, batch: SyncBatch) -> None:
    """Write a batch computed earlier; a case saved since then keeps its newer saved fields, and the files it found
    missing (a save painting anew clears the mark a stale batch would bring back)."""
    current = index.cases_by_id(row["case_id"] for row in batch.rows)
    for row in batch.rows:
        now = current.get(row["case_id"])
        if now is not None and _saved_since(now, row):
            row.update({name: now[name] for name in (*SAVED_FIELDS, "missing_files", "doc_mtime_ns")})
    index.upsert_cases(batch.rows)
    index.remove_cases(batch.gone)
    if batch.photo_modes is not None:
        index.remember_photo_modes(batch.photo_modes, whole=not batch.walking)


def _saved_since(now: dict[str, Any], row: dict[str, Any]) -> bool:
    """Whether the index's row was saved after the batch read it: a save raises its revision, a save of one of a
    volume's B-scans its files' stamp (volume_rows.files_stamp)."""
    return ((now.get("revision") or 0, now.get("doc_mtime_ns") or 0)
            > (row.get("revision") or 0, row.get("doc_mtime_ns") or 0))


def sync_batches(rows: dict[str, dict[str, Any]], folder: Path, files: CaseFiles, batch_size: int = SYNC_BATCH,
                 state: TaskState = NullState(), progress_s: float | None = None,
                 known_modes: Mapping[str, ModeSeen] | None = None) -> Iterator[SyncBatch]:
    """What ``sync_index`` writes, in batches in path order (a first listing's, with no ``rows``: as the walk finds
    the photos), computed from the index's ``rows`` without writing: a window runs this on a worker and hands each
    batch to its storage queue, so the list fills as the scan goes. Only new or changed files are read (a header
    read each); the last batch is always yielded. ``progress_s``: a batch (maybe empty) also once that many seconds
    passed without one, while the images are found too, and once they are all found, so the progress moves on a
    folder where nothing changed. Once ``state`` is cancelled (checked before each saved case's folder and each file)
    the scan stops: its last batch holds the rows changed so far and says ``stopped``; stopped in the header reads,
    once every image was found, it also drops the cases whose image went away (a list kept them as if nothing had
    changed), else it removes nothing. ``known_modes``: the header modes of files named as masks the index remembers
    (IndexStore.photo_modes): only those of new or changed files are read, and the last batch carries them all
    (``photo_modes``)."""
    saved = saved_by_row(files.saved_case_ids())  # a volume's B-scans are no rows: their volume's row holds them
    own_saved = {case_id for case_id in saved if case_id in saved[case_id]}  # a case with its own labels
    for case_id in own_saved:  # a file of it deleted or put back: its row says which are missing (missing_column)
        if state.is_cancelled():  # a look at each saved case's folder: minutes of them on a slow share
            yield SyncBatch([], walking=True, stopped=True)
            return
        saved[case_id][case_id] = files.files_time(case_id, saved[case_id][case_id])
    ticker = _Ticker(progress_s)
    modes = PhotoModes(folder, known_modes)
    # A first listing (the index lists none) checks each photo as the walk finds it: the list shows the first ones
    # at once, not after the walk's header reads (seconds on a share). Else the list shows the earlier listing
    # meanwhile, and the photos are checked once all are found, so that a stop drops those gone since.
    check = _Check(rows, folder, files, saved, as_found=not rows)
    relpaths = yield from _walk(folder, state, ticker, modes, check, batch_size)
    if relpaths is None:
        return
    seen = _storable(modes)
    if progress_s is not None:  # how many there are, said before the first header read (which may hang on a share)
        yield SyncBatch(check.take(), done=check.done, total=len(relpaths))
    found = case_ids_for(relpaths)
    present = set(found.values())
    for relpath, case_id in sorted(found.items()):
        if relpath in check.checked:
            continue
        if state.is_cancelled():
            gone_rows, gone = _gone(rows, present, own_saved, saved, folder, files)
            yield SyncBatch(check.take() + gone_rows, gone, done=check.done, total=len(relpaths), stopped=True,
                            photo_modes=seen)
            return
        check.row(relpath, case_id)
        if check.waiting >= batch_size or ticker.due():
            yield SyncBatch(check.take(), done=check.done, total=len(relpaths))
    gone_rows, gone = _gone(rows, present, own_saved, saved, folder, files)
    yield SyncBatch(check.take() + gone_rows, gone, done=len(relpaths), total=len(relpaths), photo_modes=seen)


class _Check:
    """Each found photo's row, from the index's ``rows``, its image's header and its saved files, kept for the next
    batch where it changed. ``as_found``: photos are checked as the walk finds them (a first listing), each whose
    case id is its own at once (scan.own_case_id), the others once all are found."""

    def __init__(self, rows: dict[str, dict[str, Any]], folder: Path, files: CaseFiles,
                 saved: dict[str, dict[str, int]], as_found: bool) -> None:
        self._rows, self._folder, self._files, self._saved, self._as_found = rows, folder, files, saved, as_found
        self._changed: list[dict[str, Any]] = []
        self.checked: set[str] = set()  # the paths checked

    @property
    def done(self) -> int:
        return len(self.checked)

    @property
    def waiting(self) -> int:
        """Rows changed since the last batch."""
        return len(self._changed)

    def take(self) -> list[dict[str, Any]]:
        """The rows changed since the last batch, for the next."""
        changed, self._changed = self._changed, []
        return changed

    def found(self, relpath: str) -> None:
        """The walk found ``relpath``: checked now where checked as found and its id is its own."""
        case_id = own_case_id(relpath) if self._as_found else None
        if case_id is not None:
            self.row(relpath, case_id)

    def row(self, relpath: str, case_id: str) -> None:
        row = self._rows.get(case_id) or {"case_id": case_id, "review_state": ReviewState.TODO.value, "revision": 0}
        before = dict(row)
        row["image_path"] = displayable(relpath)
        if row["image_path"] != relpath:
            row.update(image_mtime_ns=None, image_size=None, width=None, height=None,
                       error=msg.NAME_NOT_UTF8.format(path=self._folder / row["image_path"]))
        else:
            _update_image_fields(self._folder, row)
        _update_doc_fields(self._files, row, self._saved.get(case_id))
        self.checked.add(relpath)
        if row != before:
            self._changed.append(row)


def _gone(rows: dict[str, dict[str, Any]], present: set[str], own_saved: set[str], saved: dict[str, dict[str, int]],
          folder: Path, files: CaseFiles) -> tuple[list[dict[str, Any]], list[str]]:
    """The cases whose image is no longer among those ``present``: the rows of those with labels of their own,
    kept and saying their image went away (or, still there, is no case: scan.scan_images), and the ids of the
    others, to remove."""
    changed: list[dict[str, Any]] = []
    for case_id in own_saved - present:  # labels kept although the image went away
        row = rows.get(case_id) or {"case_id": case_id, "image_path": case_id, "review_state": "todo",
                                    "revision": 0}
        before = dict(row)
        _update_doc_fields(files, row, saved[case_id])
        path = folder / row["image_path"]
        said = msg.NOT_LISTED if path.is_file() else msg.IMAGE_GONE  # a mask beside its photo, listed by older versions
        row.update(image_mtime_ns=None, image_size=None, error=said.format(path=path, folder=files.case_dir(case_id)))
        if row != before:
            changed.append(row)
    return changed, [case_id for case_id in rows if case_id not in present and case_id not in own_saved]


def _walk(folder: Path, state: TaskState, ticker: _Ticker, modes: PhotoModes, check: _Check,
          batch_size: int) -> Generator[SyncBatch, None, list[str] | None]:
    """The images of ``folder`` (scan.walk_images), each handed to ``check`` as found, with a batch saying how many
    were found (and the rows checked meanwhile) each time ``ticker`` is due or ``batch_size`` rows changed, and once
    the headers of files named as masks are to be read, how many (the first may hang on a share); None once ``state``
    is cancelled, after a batch saying the scan stopped, with the rows checked and the modes read so far."""
    relpaths: list[str] = []
    try:
        for found in walk_images(folder, state, modes):
            if isinstance(found, HeadersRead):
                if found.total and ticker.due(now_too=not found.done):
                    yield SyncBatch(check.take(), done=check.done, total=len(relpaths), walking=True,
                                    headers=(found.done, found.total))
                continue
            relpaths.append(found)
            check.found(found)
            if check.waiting >= batch_size or ticker.due():
                yield SyncBatch(check.take(), done=check.done, total=len(relpaths), walking=True)
    except Cancelled:
        yield SyncBatch(check.take(), done=check.done, total=len(relpaths), walking=True, stopped=True,
                        photo_modes=_storable(modes))
        return None
    return relpaths


def _storable(modes: PhotoModes) -> dict[str, ModeSeen]:
    """The modes ``modes`` saw, but of names that are not valid UTF-8 (scan.displayable), which no index holds."""
    return {path: seen for path, seen in modes.seen.items() if displayable(path) == path}


def header_current(row: dict[str, Any], stat: os.stat_result) -> bool:
    """Whether what the scan read from the image's header (its size and store.HEADER_COLUMNS) still describes the
    file: the row's stamps are the file's, and no header column is unread (store.HEADER_COLUMNS says why)."""
    unread = any(row.get(name) is None for name in HEADER_COLUMNS)
    return row.get("image_mtime_ns") == stat.st_mtime_ns and row.get("image_size") == stat.st_size and not unread


_UNREADABLE = dict(HEADER_COLUMNS)  # read, so that a broken file is not read again until it changes


def _header_told(image_path: str) -> bool:
    """Whether the header of a case's image may hold what store.HEADER_COLUMNS keep: a DICOM file's (its patient, its
    frames), and a TIFF's (a TIFF volume's page count, annotations.tiff_volume)."""
    return may_be_dicom_name(image_path) or Path(image_path).suffix.lower() in TIFF_SUFFIXES


def _update_image_fields(folder: Path, row: dict[str, Any]) -> None:
    path = folder / row["image_path"]
    try:
        stat = path.stat()
    except OSError as exc:
        row.update(image_mtime_ns=None, image_size=None, error=str(unreadable(path, exc)))
        return
    if not _header_told(row["image_path"]):  # a photo's header holds none: 100,000 photos are not read again
        row.update({name: row.get(name) or nothing for name, nothing in HEADER_COLUMNS.items()})
    if header_current(row, stat):
        return
    row.update(image_mtime_ns=stat.st_mtime_ns, image_size=stat.st_size)
    try:
        info = read_image_info(path)
    except ImageLoadError as exc:
        log.warning("%s", exc)  # once per new or changed file: the index remembers it until the file changes,
        row.update(width=None, height=None, error=str(exc), **_UNREADABLE)
        if exc.patient is not None:  # a file refused for its encoding lists whose it is, as its header says
            row.update(header_patient_id=exc.patient.patient_id, header_eye=exc.patient.eye,
                       header_patient_name=exc.patient.name, header_ideographic_name=exc.patient.ideographic_name)
        if refused_by_the_system(exc):  # but for a read the system failed (a share away): the next scan tries again
            row.update(image_mtime_ns=None, image_size=None)
    except Exception as exc:  # noqa: BLE001 - a decoder defect met by one file fails that case, not the folder
        log.exception("%s: reading the image header failed", path)
        row.update(width=None, height=None, **_UNREADABLE,
                   error=msg.HEADER_DEFECT.format(path=path, error=f"{type(exc).__name__}: {exc}"))
    else:
        row.update(width=info.width, height=info.height, error=None, header_patient_id=info.patient_id,
                   header_eye=info.eye, frames=info.frames, header_patient_name=info.patient_name,
                   header_ideographic_name=info.ideographic_name)


def _update_doc_fields(files: CaseFiles, row: dict[str, Any], saved: Mapping[str, int] | None) -> None:
    """``saved``: the row's saved files and their mtimes (volume_rows.saved_by_row), read again when they changed: a
    case's own case.json, and a volume's B-scans', which its row summarises."""
    stamp = files_stamp(saved.values()) if saved else None
    case_id = row["case_id"]
    own = OWN_SUMMARY_SINCE_COLUMNS if saved and case_id in saved else ()
    unread = any(row.get(name) is None for name in (*SUMMARY_SINCE_COLUMNS, *own))  # an older build rewrote the row
    if stamp is None or (row.get("doc_mtime_ns") == stamp and not unread):
        return
    graded = []
    if case_id in saved:
        try:
            data = files.read_json(case_id)
            missing = files.missing_texts(case_id, data, listed=True)  # DamagedCaseFile where its file names are
        except (WorkspaceError, FileNotFoundError) as exc:
            row["error"] = str(exc)
            return
        image_path = row.get("image_path")
        row.update(summary_fields(data), missing_files=missing_column(missing))
        if image_path and image_path != case_id:
            row["image_path"] = image_path  # the scan's spelling of the path wins over the saved one
        graded.append(graded_from_columns(row))
    bscans = [found for member in sorted(saved) if member != case_id
              if (found := read_graded(files, member)) is not None]
    if bscans:
        row.update(folded_columns(graded + bscans))
    row["doc_mtime_ns"] = stamp
