"""An OCT volume's row in the index summarises its B-scans' saved files (annotations.volume_summary), so the case
list, its filters and its "N done" count see what any B-scan holds. A B-scan has no row of its own: each save of one
rewrites its volume's row (Workspace), and the folder's scan reads a volume's B-scans again when any of their files
changed (catalog.sync_batches). Only the B-scans of volumes are read: a photo's row is its one case.json as before.
"""
from __future__ import annotations

import os
import threading
from typing import Any, Iterable, Mapping

from annotations.document import ReviewState
from annotations.frames import listed_case_id, member_case_ids
from annotations.volume_summary import GradedFields, volume_fields
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.saved_fields import summary_fields
from annotations.workspace.sidecar import CaseFiles


def graded_from_columns(columns: Mapping[str, Any]) -> GradedFields:
    """A row's (or a B-scan's summary_fields') folded columns as GradedFields."""
    lesions = tuple(name for name in (columns.get("reader_lesions") or "").split(",") if name)
    return GradedFields(ReviewState(columns.get("review_state") or ReviewState.TODO.value),
                        columns.get("reader_grade"), columns.get("ai_grade"), columns.get("reader_oct_class"),
                        columns.get("ai_oct_class"), lesions, bool(columns.get("analysed")),
                        bool(columns.get("reader_ungradable")), bool(columns.get("ai_ungradable")))


def folded_columns(bscans: Iterable[GradedFields]) -> dict[str, Any]:
    """The index columns of a volume's row from its B-scans' fields."""
    found = volume_fields(bscans)
    return {"review_state": found.review_state.value, "reader_grade": found.reader_grade,
            "ai_grade": found.ai_grade, "reader_oct_class": found.reader_oct_class,
            "ai_oct_class": found.ai_oct_class, "reader_lesions": ",".join(found.reader_lesions),
            "analysed": int(found.analysed), "reader_ungradable": int(found.reader_ungradable),
            "ai_ungradable": int(found.ai_ungradable)}


def saved_by_row(saved: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """``saved`` (case id -> its case.json's mtime, CaseFiles.saved_case_ids) grouped by the row each is listed in:
    a photo's alone, a volume's own case with its B-scans'."""
    rows: dict[str, dict[str, int]] = {}
    for case_id, mtime in saved.items():
        rows.setdefault(listed_case_id(case_id), {})[case_id] = mtime
    return rows


def files_stamp(mtimes: Iterable[int]) -> int:
    """A row's ``doc_mtime_ns``, which tells the scan whether its saved files changed since the index read them: a
    case's own case.json's mtime; with B-scans, the newest of its files' plus one for each beyond the first, so a
    B-scan saved or removed, or a row written before volumes summarised their B-scans, is read again."""
    found = list(mtimes)
    return max(found) + len(found) - 1


def read_graded(files: CaseFiles, case_id: str) -> GradedFields | None:
    """A saved B-scan's fields; None when its file is damaged (opening that B-scan says so)."""
    try:
        return graded_from_columns(summary_fields(files.read_json(case_id)))
    except (OSError, ValueError, WorkspaceError):
        return None


class SavedBscans:
    """The saved fields of each B-scan of the volumes saved or asked about, each read once per saved version of its
    file (a save replaces case.json by a new file: its mtime, inode and size tell the versions apart, as
    CaseFiles.saved_case_versions). Thread-safe: the storage worker saves while the window asks."""

    def __init__(self, files: CaseFiles) -> None:
        self._files = files
        self._known: dict[str, tuple[tuple[int, int, int], GradedFields | None]] = {}
        self._lock = threading.Lock()

    def of_volume(self, volume_id: str, frames: int) -> dict[str, tuple[int, GradedFields | None]]:
        """Each saved B-scan's (mtime, fields) of the volume listed as ``volume_id`` with ``frames`` B-scans."""
        found = {}
        for case_id in member_case_ids(volume_id, frames):
            try:
                stat = os.stat(self._files.case_file(case_id))
            except OSError:
                continue  # never saved
            version = (stat.st_mtime_ns, stat.st_ino, stat.st_size)
            with self._lock:
                known = self._known.get(case_id)
            if known is None or known[0] != version:
                known = version, read_graded(self._files, case_id)
                with self._lock:
                    self._known[case_id] = known
            found[case_id] = stat.st_mtime_ns, known[1]
        return found

    def row_columns(self, volume_id: str, frames: int) -> dict[str, Any]:
        """The folded columns and ``doc_mtime_ns`` (files_stamp) of the volume's row, from its saved B-scans."""
        saved = self.of_volume(volume_id, frames)
        times = [self._files.files_time(case_id, m) if case_id == volume_id else m  # as the scan stamps its own
                 for case_id, (m, _f) in saved.items()]
        return folded_columns(f for _m, f in saved.values() if f is not None) | {
            "doc_mtime_ns": files_stamp(times) if saved else None}

