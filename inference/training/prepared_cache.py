"""On-disk cache of prepared training images and targets, so memory stays flat in the number of images and a
second run skips the decoding, resizing and target drawing.

One folder per item, ``ROOT/ab/abcdef…/``: ``NAME.npy`` per array (read back memory-mapped) and ``meta.json``
(the small facts the sampler needs: present classes, weak labels, hard-negative centres). The key is the sha256 of
what decides the content: every source file's resolved path, size and modification time, and the preparation
settings (input size, preprocessing, classes, box mode, CACHE_VERSION). ``meta.json`` is written last and every
file atomically, so a crash mid-write leaves a miss, never a half item; processes may fill the cache concurrently.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import platformdirs

from annotations.atomic import atomic_write_bytes, atomic_write_text

CACHE_ENV = "RETINA_REVIEW_CACHE"
CACHE_VERSION = 1  # raise when preparation changes in a way the settings do not show
META_FILE = "meta.json"


def default_cache_dir() -> Path:
    """$RETINA_REVIEW_CACHE, else the platform's user cache folder (~/.cache/RetinaReview/training on Linux)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_cache_path("RetinaReview", appauthor=False) / "training"


def source_stamps(paths: Iterable[Path]) -> list[list[Any]]:
    """[resolved path, size, mtime in ns] per file: a replaced or edited source gives a new key."""
    stamps = []
    for path in paths:
        status = Path(path).stat()
        stamps.append([str(Path(path).resolve()), status.st_size, status.st_mtime_ns])
    return stamps


def cache_key(parts: dict[str, Any]) -> str:
    text = json.dumps({"version": CACHE_VERSION, **parts}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class PreparedCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def meta(self, key: str) -> dict[str, Any] | None:
        """The item's facts, None when the item is not (completely) cached."""
        try:
            return json.loads((self.folder(key) / META_FILE).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None

    def arrays(self, key: str, names: Iterable[str]) -> dict[str, np.ndarray]:
        """Memory-mapped, read-only: pages are read as crops touch them and the OS may drop them again."""
        folder = self.folder(key)
        return {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in names}

    def store(self, key: str, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
        folder = self.folder(key)
        folder.mkdir(parents=True, exist_ok=True)
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
            atomic_write_bytes(folder / f"{name}.npy", buffer.getvalue())
        atomic_write_text(folder / META_FILE, json.dumps(meta))
