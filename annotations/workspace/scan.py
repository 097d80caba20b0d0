"""Finding the images of a workspace folder, and the filesystem-safe case id of each."""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from annotations.formats.photo_modes import PhotoModes
from annotations.formats.photo_sorter import PhotoSorter, photo_by_its_name
from annotations.image_io import is_case_image
from annotations.output_folder import OUTPUTS_MARKER
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.workspace.earlier_outputs import earlier_outputs

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_SLUG = 60
SAID_EVERY_S = 0.1  # how often label_folders says how far its walk got
# what label_folders' walk says (an import of masks, before its first case), shown translated by
# widgets.transfer_progress, as an export's EXPORTING
LOOKING_FOR_LABEL_FOLDERS = "Looking for folders of labels… {count} folder(s) looked into"
# and then, while it reads the headers of files named as masks (PhotoSorter.header_reads: seconds on a share)
CHECKING_FOR_LABEL_FOLDERS = "Looking for folders of labels… {done} of {count} file(s) named as masks checked"

log = logging.getLogger(__name__)


def normalise_relpath(relpath: str) -> str:
    """Forward slashes and NFC, so a folder copied between macOS (NFD names) and Linux keeps its case ids."""
    return unicodedata.normalize("NFC", relpath.replace(os.sep, "/"))


def displayable(relpath: str) -> str:
    """``relpath`` itself, or, for a file name that is not valid UTF-8 (Python keeps its bytes as lone
    surrogates), the name with each such byte shown as U+FFFD: text that can be stored, logged and shown."""
    return relpath.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def case_id_for(relpath: str) -> str:
    """A stable id usable as a file name on every platform: readable ASCII part + hash of the full path.

    Chinese or other non-ASCII names collapse to ``_`` in the readable part; the hash keeps them distinct.
    """
    relpath = normalise_relpath(displayable(relpath))
    return _case_id(relpath, relpath.encode("utf-8"))


def case_ids_for(relpaths: list[str]) -> dict[str, str]:
    """The case id of each scanned path. Names that differ only in Unicode normalisation (``é`` as one code point
    or two) are two files on Linux: the one already in NFC (else the first) keeps the portable id, each other
    one gets an id hashed from its exact bytes, so no photo hides another."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for relpath in sorted(relpaths, key=lambda p: (normalise_relpath(p) != p, p)):
        case_id = case_id_for(relpath)
        if case_id in taken:
            case_id = _case_id(normalise_relpath(displayable(relpath)),
                               b"exact:" + relpath.encode("utf-8", "surrogateescape"))
        taken.add(case_id)
        ids[relpath] = case_id
    return ids


def own_case_id(relpath: str) -> str | None:
    """The case id of a scanned path that no other path can take from it (case_ids_for), known before the others are
    found: one in NFC and valid UTF-8, with no U+FFFD (which another name's undecodable bytes are shown as); None for
    any other, whose id waits until the walk has found them all."""
    if normalise_relpath(relpath) != relpath or "\ufffd" in displayable(relpath):
        return None
    return case_id_for(relpath)


def _case_id(relpath: str, key: bytes) -> str:
    slug = _UNSAFE.sub("_", relpath.replace("/", "__")).strip("._")[:_MAX_SLUG] or "image"
    return f"{slug}-{hashlib.sha1(key).hexdigest()[:10]}"


def scan_images(folder: Path, modes: PhotoModes | None = None) -> list[str]:
    """Relative paths (forward slashes, sorted, spelled exactly as on disk) of every image under ``folder``.

    DICOM objects that hold no picture (is_case_image: a report saved beside the photos, a DICOMDIR) are left out,
    and so are lesion masks kept beside their photos or in a folder of labels (photo_sorter: ``IDRiD_01_MA.tif``,
    and ``masks/IDRiD_01_MA.png`` or ``labels/IDRiD_01_MA.png`` beside ``images/``, are IDRiD_01.jpg's).
    Sub-folders are included; hidden folders (the sidecar among them) and output folders (skipped_folder) are
    skipped; a symlinked folder is followed once, and only when it stays inside ``folder`` (a link to ``/`` must
    not scan the whole disk). Names that are not valid UTF-8 are returned too (see ``displayable``): the catalog
    lists them with an error. ``modes``: as walk_images'.
    """
    return sorted(find_images(folder, modes=modes))


@dataclass(frozen=True)
class HeadersRead:
    """How far walk_images got in looking at the headers of files named as masks (PhotoSorter.header_reads): ``done``
    of ``total``."""
    done: int
    total: int


def find_images(folder: Path, state: TaskState = NullState(), modes: PhotoModes | None = None) -> Iterator[str]:
    """scan_images' paths as the walk finds them, unsorted; raises Cancelled before the next file or folder once
    ``state`` is cancelled (a folder on a slow share takes minutes to walk). The photos of a folder of labels only
    (PhotoSorter) come last, once every photo they may belong to is found. ``modes``: as walk_images'."""
    return (found for found in walk_images(folder, state, modes) if isinstance(found, str))


def walk_images(folder: Path, state: TaskState = NullState(), modes: PhotoModes | None = None
                ) -> Iterator[str | HeadersRead]:
    """find_images' paths, and between the last folder walked and the photos of folders of labels, how far the
    look at the headers of files named as masks got (HeadersRead, before each and after the last): a listing's
    progress moves while they are read. ``modes``: those read, and those a walk before read (PhotoModes, of
    ``folder``: PhotoModes.within)."""
    sorter: PhotoSorter[str] = PhotoSorter(folder, state, modes)
    for rel_root, images in _walk(folder, state):
        found = []
        for name in images:  # each a photo by its name listed at once, before the folder's next file is looked at
            found.append(name)
            if photo_by_its_name(rel_root, name):
                yield _relpath(rel_root, name)
        later = [name for name in sorter.photos(rel_root, found) if not photo_by_its_name(rel_root, name)]
        yield from _relpaths(rel_root, later, state)
    for done, total in sorter.header_reads():
        yield HeadersRead(done, total)
    for rel_root, photos in sorter.held_photos().items():
        yield from _relpaths(rel_root, photos, state)


def label_folders(folder: Path, state: TaskState = NullState(), modes: PhotoModes | None = None) -> list[str]:
    """The folders of labels under ``folder`` that the scan leaves out of the cases (PhotoSorter.label_folders:
    ``labels/`` beside ``images/``, IDRiD's ``2. All Segmentation Groundtruths/…/1. Microaneurysms``), relative to it
    with forward slashes ("." for ``folder`` itself), walked as scan_images walks it. ``state`` hears how many
    folders it has looked into (LOOKING_FOR_LABEL_FOLDERS), then how many headers (CHECKING_FOR_LABEL_FOLDERS): a
    big tree takes seconds, before any case's progress. ``modes``: as walk_images'."""
    sorter: PhotoSorter[str] = PhotoSorter(folder, state, modes)
    said = 0.0

    def say(first: bool, message: str) -> None:  # thousands of folders or files: a few words a second
        nonlocal said
        if first or time.monotonic() - said >= SAID_EVERY_S:
            state.progress(0.0, message)
            said = time.monotonic()

    for number, (rel_root, images) in enumerate(_walk(folder, state), 1):
        say(number == 1, LOOKING_FOR_LABEL_FOLDERS.format(count=number))
        sorter.photos(rel_root, list(images))
    for done, total in sorter.header_reads():  # held_photos below reads none again
        if total:
            say(done == 0, CHECKING_FOR_LABEL_FOLDERS.format(done=done, count=total))
    return sorted(rel_root.replace(os.sep, "/") for rel_root in sorter.label_folders())


def _walk(folder: Path, state: TaskState) -> Iterator[tuple[str, Iterator[str]]]:
    """Each folder the scan looks into (relative to ``folder``, "." for itself) with the names of its images, in
    path order, each told an image as it is asked for (_images): to be taken before the next folder."""
    real_root = os.path.realpath(folder)
    seen_dirs: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        check_cancelled(state)
        stat = os.stat(root)
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add(key)
        dirs[:] = sorted(d for d in dirs if not skipped_folder(os.path.join(root, d))
                         and _stays_inside(os.path.join(root, d), real_root))
        yield os.path.relpath(root, folder), _images(root, sorted(files), state)


def _images(root: str, names: list[str], state: TaskState) -> Iterator[str]:
    for name in names:
        check_cancelled(state)  # is_case_image may read the file (a DICOM file, or one without its extension)
        if not name.startswith(".") and is_case_image(os.path.join(root, name)):
            yield name


def _relpaths(rel_root: str, names: list[str], state: TaskState) -> Iterator[str]:
    for name in names:
        check_cancelled(state)  # a stop asked while the caller took the photo before (the folder's were found)
        yield _relpath(rel_root, name)


def _relpath(rel_root: str, name: str) -> str:
    rel = name if rel_root == "." else os.path.join(rel_root, name)
    return rel.replace(os.sep, "/")


def skipped_folder(path: str | os.PathLike) -> bool:
    """A sub-folder the scan does not look into: a hidden one (the sidecar among them), or an export or analysis
    folder inside the opened one (OUTPUTS_MARKER, or one an earlier version wrote unmarked: earlier_outputs):
    outputs, not cases."""
    return skipped_whatever_it_holds(path) or earlier_outputs(path)


def skipped_whatever_it_holds(path: str | os.PathLike) -> bool:
    """A sub-folder skipped_folder skips whatever is written into it (a screenshot may go there): a hidden or marked
    one, not one an earlier version wrote, listed again once it holds an image of another kind."""
    return os.path.basename(path).startswith(".") or os.path.isfile(os.path.join(path, OUTPUTS_MARKER))


def _stays_inside(path: str, real_root: str) -> bool:
    if not os.path.islink(path):
        return True
    real = os.path.realpath(path)
    if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep):
        return True
    log.info("%s: not scanned, the link leads out of the folder (to %s)", path, real)
    return False
