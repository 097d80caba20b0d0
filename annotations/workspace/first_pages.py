"""Labels saved on a TIFF of grey B-scans before such a TIFF opened as a volume (annotations.tiff_volume): it opened
then as one picture, its first page, so what its case holds was drawn, graded and analysed on page 1; its case is its
middle B-scan's now (annotations.frames). An index written before notes its TIFFs' cases as it is upgraded
(store.INDEX_VERSION: IndexStore.first_page_cases); once the folder is opened for editing, each of them that is a
volume now moves to its B-scan 1's case, every file of it together, and the audit log says so.

A move is two steps, each atomic, and the case stays noted until both are done, so a crash at any point leaves it to
the next open: case.json is rewritten in place as B-scan 1's (its case id and image address; a save's atomic write),
then the case's folder is renamed to B-scan 1's. A case.json already rewritten is only renamed. A case that cannot be
moved now (its B-scan 1 has labels of its own, a file cannot be read or written, its image cannot be read) stays
noted, and the message says which file and why. A read-only opening moves nothing: it says where they show until one
for editing moves them (first_pages_left).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from annotations.case_names import case_name
from annotations.errors import FileProblem
from annotations.frames import bscan_case_id, shown_frame, with_frame
from annotations.image_types import ImageLoadError
from annotations.os_reasons import os_reason
from annotations.regular_files import read_regular_bytes
from annotations.volume_files import frame_count
from annotations.workspace import codec
from annotations.workspace import messages as msg
from annotations.workspace.confined import ConfinedFolder
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.sidecar import CASE_FILE, MAX_CASE_JSON_BYTES, CaseFiles, now_iso
from annotations.workspace.store import AuditEntry, IndexStore
from annotations.wording import join_items

MOVE_ACTION = "move to B-scan 1"  # the audit log's action, under both case ids
_MOVE_DETAIL = "labels saved on page 1 of {image} while it opened as one picture: case {source} moved to {target}"


class _NotMoved(Exception):
    """Why a case cannot be moved now (FIRST_PAGE_NOT_MOVED's {error})."""


@dataclass
class FirstPageMoves:
    """What settle_first_pages did: the images whose labels moved, and what each case it could not move says."""

    moved: list[str] = field(default_factory=list)  # the TIFFs' image paths
    not_moved: list[str] = field(default_factory=list)

    def messages(self) -> list[str]:
        """What the opening says: the moves once, then each case left."""
        said = [msg.FIRST_PAGES_MOVED.format(images=join_items(case_name(p) for p in self.moved))] if self.moved else []
        return said + self.not_moved


def settle_first_pages(folder: Path, index: IndexStore, files: CaseFiles, confined: ConfinedFolder, actor: str,
                       postponed: Callable[[str], bool], moved: Callable[[str, str], object]) -> FirstPageMoves:
    """Move each noted case (IndexStore.first_page_cases) of a TIFF that is a volume now to its B-scan 1's case; a
    noted case of a TIFF that is none, or that holds nothing saved, is settled as it is. ``postponed``: whether a case
    is left for now (an autosave snapshot of it not recovered yet: it must be recovered where it was made). ``moved``:
    told of each move (source, target case ids; workspace.MoveNote) before it is settled."""
    done = FirstPageMoves()
    for case_id in index.first_page_cases():
        row = index.get_case(case_id)
        target = bscan_case_id(case_id, 1)
        if row is None or postponed(case_id):
            continue  # its image gone: noted until it is back
        image = row["image_path"]
        if not files.exists(case_id) and not os.path.lexists(files.case_dir(target)):
            index.first_page_settled(case_id)  # nothing saved on it: nothing to move
            continue
        pages = _pages(folder / image)
        if pages is None:
            continue  # it opens as no picture, where no label can show: tried again at the next open
        if pages < 2:
            index.first_page_settled(case_id)  # a TIFF that is no volume still opens as its first page
            continue
        try:
            if files.exists(case_id):  # else moved already, and a crash came before it was settled
                _move(files, confined, case_id, target, with_frame(image, 1))
        except _NotMoved as exc:
            done.not_moved.append(msg.FIRST_PAGE_NOT_MOVED.format(image=case_name(image), error=exc,
                                                                  number=shown_frame(pages)))
            continue
        try:
            moved(case_id, target)
        except (OSError, WorkspaceError):
            continue  # its labels are where they belong: the rest is done at the next open
        detail = _MOVE_DETAIL.format(image=image, source=case_id, target=target)
        when = now_iso()
        index.first_page_settled(case_id, [AuditEntry(when, actor, case_id, MOVE_ACTION, detail),
                                           AuditEntry(when, actor, target, MOVE_ACTION, detail)])
        done.moved.append(image)
    return done


def first_pages_left(folder: Path, index: IndexStore, files: CaseFiles) -> list[str]:
    """What a read-only opening says of each noted case whose TIFF is a volume now: its labels, not moved (only an
    opening for editing moves them), show on the middle B-scan, whose case it is now."""
    said = []
    for case_id in index.first_page_cases():
        row = index.get_case(case_id)
        if row is None or not files.exists(case_id):
            continue  # its image gone, or moved already by an opening a crash cut short: nothing shows on it
        pages = _pages(folder / row["image_path"])
        if pages is not None and pages >= 2:
            said.append(msg.FIRST_PAGE_LEFT.format(image=case_name(row["image_path"]), number=shown_frame(pages)))
    return said


def _pages(path: Path) -> int | None:
    """How many B-scans the TIFF at ``path`` opens as (1: its first page only); None where it opens as no picture."""
    try:
        return frame_count(path)
    except (ImageLoadError, OSError, ValueError):
        return None


def _move(files: CaseFiles, confined: ConfinedFolder, case_id: str, target: str, address: str) -> None:
    """Rewrite ``case_id``'s case.json as ``target``'s, B-scan ``address``'s (unless a crash left it so), then rename
    its folder to ``target``'s. _NotMoved where either cannot be done."""
    source_dir, target_dir = files.case_dir(case_id), files.case_dir(target)
    if os.path.lexists(target_dir):
        raise _NotMoved(msg.BSCAN_ONE_TAKEN)
    path = source_dir / CASE_FILE
    try:
        data = json.loads(read_regular_bytes(path, MAX_CASE_JSON_BYTES, "a case file").decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError(msg.NO_FIELDS)
        if data.get("case_id", case_id) not in (case_id, target):
            raise ValueError(msg.OTHER_CASE.format(path=path, other=repr(data["case_id"]), case=repr(case_id)))
        if data.get("case_id") != target:
            confined.write_text(path, codec.dumps(data | {"case_id": target, "image_path": address}))
        confined.replace(source_dir, target_dir)
    except OSError as exc:
        raise _NotMoved(os_reason(exc)) from exc
    except (FileProblem, WorkspaceError, ValueError) as exc:  # a link, a damaged case.json: named by its message
        raise _NotMoved(str(exc)) from exc
