"""On-disk cache of prepared training images and targets, so memory stays flat in the number of images and a
second run skips the decoding, resizing and target drawing.

One folder per item, ``ROOT/ab/abcdef…/``: ``NAME.npy`` per array (read back memory-mapped) and ``meta.json``
(the small facts the sampler needs: present classes, weak labels, hard-negative centres). The key is the sha256 of
what decides the content: every source file's resolved path, size and modification time, and the preparation
settings (input size, preprocessing, classes, box mode, CACHE_VERSION). ``meta.json`` is written last and every
file atomically, so a crash mid-write leaves a miss, never a half item; processes may fill the cache concurrently.

The cache is bounded: reading an item touches its ``meta.json``, and ``evict`` (after a run has prepared its
images) removes the least recently used items until the folder holds at most its limit. An item used within
RECENT_USE_S is never removed, so the images of this run, and of another run training from the same cache, stay.

Only the cache's own files are ever removed: the folder must be one the program made (its CACHEDIR.TAG, the
cross-tool mark of a cache, written when it was new or empty), items are the ``ab/abcdef…`` folders of 64-hex keys,
and of those only ``.npy`` arrays, ``meta.json`` and temp files left by a crash go. ``--cache-dir`` pointed at a
folder of photos is refused before anything is written: eviction had removed every file two levels down.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import platformdirs

from annotations.atomic import atomic_write_bytes, atomic_write_text
from annotations.file_manager_files import FILE_MANAGER_FILE
from inference.dataset import DataError
from inference.training import messages as msg

CACHE_ENV = "RETINA_REVIEW_CACHE"
CACHE_VERSION = 2  # raise when preparation changes in a way the settings do not show (2: per-class box targets)
META_FILE = "meta.json"
DEFAULT_LIMIT_BYTES = 20 * 2**30  # about 8,000 lesion images at 640 px, 25,000 grading images at 512 px
RECENT_USE_S = 3600.0  # an item read within the last hour may belong to a run still training
CACHE_TAG = "CACHEDIR.TAG"  # https://bford.info/cachedir/: backup tools skip the folder too
_TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
_TAG_TEXT = f"{_TAG_SIGNATURE}\n# RetinaReview's prepared training images: removed as needed, safe to delete.\n"
_PREFIX = re.compile(r"[0-9a-f]{2}")
_ITEM = re.compile(r"[0-9a-f]{64}")
# no person's files: the tag, hidden files (the tag's temp file while another rank writes it) and a file manager's
_NOT_A_PERSONS = re.compile(rf"CACHEDIR\.TAG|\..*|{FILE_MANAGER_FILE.pattern}", re.IGNORECASE)
_OWN_FILE = re.compile(r"(.+\.npy|meta\.json|\..+\.tmp)")  # arrays, facts, atomic writes' leftovers


def default_cache_dir() -> Path:
    """$RETINA_REVIEW_CACHE, else the platform's user cache folder (~/.cache/RetinaReview/training on Linux)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_cache_path("RetinaReview", appauthor=False) / "training"


def cache_key(parts: dict[str, Any]) -> str:
    text = json.dumps({"version": CACHE_VERSION, **parts}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedItem:
    folder: Path
    size: int  # bytes of its files
    last_used: float  # the newest modification time of its files (a read touches meta.json)


@dataclass(frozen=True)
class Eviction:
    removed: int  # items
    freed: int  # bytes
    kept: int  # bytes left in the cache


class PreparedCache:
    def __init__(self, root: Path, limit_bytes: int | None = None) -> None:
        self.root = Path(root)
        self.limit_bytes = DEFAULT_LIMIT_BYTES if limit_bytes is None else limit_bytes
        self._claimed = False

    def claim(self) -> None:
        """Make sure the folder is this cache before anything is written or removed in it: tagged already, new,
        empty or an earlier version's untagged cache (only ``ab`` key folders) is tagged; anything else is refused."""
        if self._claimed:
            return
        tag = self.root / CACHE_TAG
        with contextlib.suppress(OSError):
            if tag.is_file() and not tag.is_symlink() and tag.read_text(encoding="utf-8").startswith(_TAG_SIGNATURE):
                self._claimed = True
                return
        if self.root.exists() and not self.root.is_dir():
            raise DataError(msg.CACHE_IS_FILE.format(folder=self.root))
        try:  # a link to a scratch disk is followed: what it leads to is checked
            entries = list(os.scandir(self.root)) if self.root.is_dir() else []
        except OSError:
            entries = []
        strangers = [entry.name for entry in entries if not (_PREFIX.fullmatch(entry.name) and entry.is_dir(
            follow_symlinks=False) or _NOT_A_PERSONS.fullmatch(entry.name))]
        if strangers:
            raise DataError(msg.NOT_A_CACHE.format(folder=self.root, name=sorted(strangers)[0]))
        self.root.mkdir(parents=True, exist_ok=True)
        atomic_write_text(tag, _TAG_TEXT)
        self._claimed = True

    def folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def meta(self, key: str) -> dict[str, Any] | None:
        """The item's facts, None when the item is not (completely) cached; a found item counts as used."""
        path = self.folder(key) / META_FILE
        try:
            facts = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
        _touch(path)
        return facts

    def arrays(self, key: str, names: Iterable[str]) -> dict[str, np.ndarray]:
        """Memory-mapped, read-only: pages are read as crops touch them and the OS may drop them again."""
        folder = self.folder(key)
        _touch(folder / META_FILE)
        try:
            return {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in names}
        except FileNotFoundError as exc:  # removed by another run's eviction after an hour unread
            raise DataError(msg.PREPARED_EVICTED.format(path=exc.filename)) from exc

    def store(self, key: str, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
        self.claim()
        folder = self.folder(key)
        folder.mkdir(parents=True, exist_ok=True)
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
            atomic_write_bytes(folder / f"{name}.npy", buffer.getvalue())
        atomic_write_text(folder / META_FILE, json.dumps(meta))

    def mark_used(self, keys: Iterable[str]) -> None:
        """Count the items as used now (a run's images once it has prepared them all, however long that took)."""
        for key in keys:
            _touch(self.folder(key) / META_FILE)

    def items(self) -> list[CachedItem]:
        """Every item folder, complete or left half-written by a crash, with its own files; links and other names
        are neither followed nor counted."""
        found = []
        for prefix in _subfolders(self.root, _PREFIX):
            for folder in _subfolders(Path(prefix.path), _ITEM):
                if not folder.name.startswith(prefix.name):
                    continue
                with contextlib.suppress(OSError):  # removed meanwhile by another process
                    files = [entry.stat(follow_symlinks=False) for entry in _own_files(Path(folder.path))]
                    found.append(CachedItem(Path(folder.path), sum(f.st_size for f in files),
                                            max((f.st_mtime for f in files), default=0.0)))
        return found

    def evict(self) -> Eviction:
        """Remove the least recently used items until the cache holds at most ``limit_bytes``, never one used in
        the last RECENT_USE_S (the cache then stays above its limit until those are older)."""
        self.claim()
        items = sorted(self.items(), key=lambda item: item.last_used)
        total, removed, freed = sum(item.size for item in items), 0, 0
        recent = time.time() - RECENT_USE_S
        for item in items:
            if total <= self.limit_bytes or item.last_used > recent:
                break  # the rest were used more recently still
            _remove_item(item.folder)
            total, removed, freed = total - item.size, removed + 1, freed + item.size
        return Eviction(removed, freed, total)


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only cache is still read
        os.utime(path)


def _subfolders(folder: Path, named: re.Pattern[str]) -> list[os.DirEntry]:
    try:
        return [entry for entry in os.scandir(folder) if named.fullmatch(entry.name)
                and entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _own_files(folder: Path, links_too: bool = False) -> list[os.DirEntry]:
    """The item's files by their names; ``links_too``: links so named as well (removing one leaves its target)."""
    return [entry for entry in os.scandir(folder) if _OWN_FILE.fullmatch(entry.name)
            and (entry.is_file(follow_symlinks=False) or links_too and entry.is_symlink())]


def _remove_item(folder: Path) -> None:
    """meta.json first: a reader then sees a miss, never an item without its arrays. Any other file stays, and
    with it the folder."""
    try:
        names = sorted((entry.name for entry in _own_files(folder, links_too=True)), key=lambda name: name != META_FILE)
    except OSError:  # gone already
        return
    for name in names:
        with contextlib.suppress(OSError):  # another process removing it too
            (folder / name).unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()
