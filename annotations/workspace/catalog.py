"""Keeping the SQLite case index in step with the folder's images and the sidecar's per-case files.

The index is only a cache: every field comes from an image header or a ``case.json``, re-read only when the
file's mtime (and, for images, size) changed since the last sync.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from annotations.dicom import may_be_dicom_name
from annotations.document import ReviewState
from annotations.frames import is_bscan_case_id
from annotations.graded_fields import listed_ai_oct_class, listed_oct_class
from annotations.image_io import ImageLoadError, read_image_info
from annotations.regular_files import refused_by_the_system, unreadable
from annotations.workspace import messages as msg
from annotations.report_kind import modality_kind
from annotations.workspace.codec import modality_from_json, saved_grade
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.scan import case_ids_for, displayable, scan_images
from annotations.workspace.sidecar import CaseFiles
from annotations.workspace.store import HEADER_COLUMNS, IndexStore

log = logging.getLogger(__name__)


SYNC_BATCH = 500  # rows per batch: the first ones reach a waiting window within a fraction of a second


@dataclass
class SyncBatch:
    """Rows to write into the index, and (in the last batch only) the case ids to remove from it."""
    rows: list[dict[str, Any]]
    gone: list[str] = field(default_factory=list)
    done: int = 0  # images looked at so far
    total: int = 0  # images found


def sync_index(index: IndexStore, folder: Path, files: CaseFiles) -> None:
    """New, changed and removed images, and case files saved by someone the index did not hear about."""
    for batch in sync_batches(index.all_cases(), folder, files):
        write_batch(index, batch)


def write_batch(index: IndexStore, batch: SyncBatch) -> None:
    """Write a batch computed earlier; a case saved since then keeps its newer saved fields."""
    current = index.cases_by_id(row["case_id"] for row in batch.rows)
    for row in batch.rows:
        now = current.get(row["case_id"])
        if now is not None and (now.get("revision") or 0) > (row.get("revision") or 0):
            row.update({name: now[name] for name in (*SAVED_FIELDS, "doc_mtime_ns")})
    index.upsert_cases(batch.rows)
    index.remove_cases(batch.gone)


def sync_batches(rows: dict[str, dict[str, Any]], folder: Path, files: CaseFiles,
                 batch_size: int = SYNC_BATCH) -> Iterator[SyncBatch]:
    """What ``sync_index`` writes, in batches in path order, computed from the index's ``rows`` without writing:
    a window runs this on a worker and hands each batch to its storage queue, so the list fills as the scan goes.
    Only new or changed files are read (a header read each); the last batch is always yielded."""
    saved_docs = {case_id: mtime for case_id, mtime in files.saved_case_ids().items()
                  if not is_bscan_case_id(case_id)}  # a volume's B-scans are no rows: the volume is one case
    present: set[str] = set()
    changed: list[dict[str, Any]] = []
    relpaths = scan_images(folder)
    for done, (relpath, case_id) in enumerate(sorted(case_ids_for(relpaths).items()), 1):
        present.add(case_id)
        row = rows.get(case_id) or {"case_id": case_id, "review_state": ReviewState.TODO.value, "revision": 0}
        before = dict(row)
        row["image_path"] = displayable(relpath)
        if row["image_path"] != relpath:
            row.update(image_mtime_ns=None, image_size=None, width=None, height=None,
                       error=msg.NAME_NOT_UTF8.format(path=folder / row["image_path"]))
        else:
            _update_image_fields(folder, row)
        _update_doc_fields(files, row, saved_docs.get(case_id))
        if row != before:
            changed.append(row)
        if len(changed) >= batch_size:
            yield SyncBatch(changed, done=done, total=len(relpaths))
            changed = []
    gone = [case_id for case_id in rows if case_id not in present and case_id not in saved_docs]
    for case_id in saved_docs.keys() - present:  # labels kept although the image went away
        row = rows.get(case_id) or {"case_id": case_id, "image_path": case_id, "review_state": "todo",
                                    "revision": 0}
        before = dict(row)
        _update_doc_fields(files, row, saved_docs[case_id])
        row.update(image_mtime_ns=None, image_size=None,
                   error=msg.IMAGE_GONE.format(path=folder / row["image_path"], folder=files.case_dir(case_id)))
        if row != before:
            changed.append(row)
    yield SyncBatch(changed, gone, done=len(relpaths), total=len(relpaths))


# The index columns summary_fields fills, bar the image path.
SAVED_FIELDS = ("review_state", "ai_grade", "reader_grade", "revision", "patient_id", "patient_name", "eye",
                "reader_lesions", "analysed", "reader_oct_class", "ai_oct_class")


def summary_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The index columns that come from a case.json."""
    ai = data.get("ai") or {}
    patient = data.get("patient") or {}
    return {"image_path": data.get("image_path"), "review_state": data.get("review_state", ReviewState.TODO.value),
            "ai_grade": ai.get("dr_grade"), "reader_grade": (data.get("grade") or {}).get("dr_grade"),
            "revision": int(data.get("revision", 0)), "patient_id": patient.get("patient_id") or "",
            "patient_name": patient.get("name") or "", "eye": patient.get("eye") or "",
            "reader_lesions": ",".join(data.get("reader_lesions") or []),
            "analysed": int(data.get("ai") is not None),  # an OCT scan's result has no DR grade
            "reader_oct_class": _listed_oct_class(data), "ai_oct_class": _listed_ai_oct_class(data)}


def _listed_oct_class(data: dict[str, Any]) -> str | None:
    """graded_fields.listed_oct_class of a case file; None for a grade or modality this version cannot read (a later
    version's): the case is still listed, and opening it says what is wrong."""
    try:
        return listed_oct_class(saved_grade(data))
    except (TypeError, ValueError):
        return None


def _listed_ai_oct_class(data: dict[str, Any]) -> str | None:
    """graded_fields.listed_ai_oct_class of a case file; None for a modality or OCT probabilities this version cannot
    read (as _listed_oct_class)."""
    try:
        return listed_ai_oct_class((data.get("ai") or {}).get("oct_probs"), modality_kind(modality_from_json(data)))
    except (TypeError, ValueError, AttributeError):
        return None


def header_current(row: dict[str, Any], stat: os.stat_result) -> bool:
    """Whether what the scan read from the image's header (its size and store.HEADER_COLUMNS) still describes the
    file: the row's stamps are the file's, and no header column is unread (store.HEADER_COLUMNS says why)."""
    unread = any(row.get(name) is None for name in HEADER_COLUMNS)
    return row.get("image_mtime_ns") == stat.st_mtime_ns and row.get("image_size") == stat.st_size and not unread


_UNREADABLE = dict(HEADER_COLUMNS)  # read, so that a broken file is not read again until it changes


def _update_image_fields(folder: Path, row: dict[str, Any]) -> None:
    path = folder / row["image_path"]
    try:
        stat = path.stat()
    except OSError as exc:
        row.update(image_mtime_ns=None, image_size=None, error=str(unreadable(path, exc)))
        return
    if not may_be_dicom_name(row["image_path"]):  # a photo's header holds none: 100,000 photos are not read again
        row.update({name: row.get(name) or nothing for name, nothing in HEADER_COLUMNS.items()})
    if header_current(row, stat):
        return
    row.update(image_mtime_ns=stat.st_mtime_ns, image_size=stat.st_size)
    try:
        info = read_image_info(path)
    except ImageLoadError as exc:
        log.warning("%s", exc)  # once per new or changed file: the index remembers it until the file changes,
        row.update(width=None, height=None, error=str(exc), **_UNREADABLE)
        if refused_by_the_system(exc):  # but for a read the system failed (a share away): the next scan tries again
            row.update(image_mtime_ns=None, image_size=None)
    except Exception as exc:  # noqa: BLE001 - a decoder defect met by one file fails that case, not the folder
        log.exception("%s: reading the image header failed", path)
        row.update(width=None, height=None, **_UNREADABLE,
                   error=msg.HEADER_DEFECT.format(path=path, error=f"{type(exc).__name__}: {exc}"))
    else:
        row.update(width=info.width, height=info.height, error=None, header_patient_id=info.patient_id,
                   header_eye=info.eye, frames=info.frames)


def _update_doc_fields(files: CaseFiles, row: dict[str, Any], doc_mtime_ns: int | None) -> None:
    if doc_mtime_ns is None or row.get("doc_mtime_ns") == doc_mtime_ns:
        return
    try:
        data = files.read_json(row["case_id"])
    except (WorkspaceError, FileNotFoundError) as exc:
        row["error"] = str(exc)
        return
    image_path = row.get("image_path")
    row.update(summary_fields(data), doc_mtime_ns=doc_mtime_ns)
    if image_path and image_path != row["case_id"]:
        row["image_path"] = image_path  # the scan's spelling of the path wins over the saved one
