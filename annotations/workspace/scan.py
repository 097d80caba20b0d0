"""Finding the images of a workspace folder, and the filesystem-safe case id of each."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from annotations.image_io import is_image_file
from annotations.output_folder import OUTPUTS_MARKER

SIDECAR_NAME = ".retinareview"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_SLUG = 60


def normalise_relpath(relpath: str) -> str:
    """Forward slashes and NFC, so a folder copied between macOS (NFD names) and Linux keeps its case ids."""
    return unicodedata.normalize("NFC", relpath.replace(os.sep, "/"))


def case_id_for(relpath: str) -> str:
    """A stable id usable as a file name on every platform: readable ASCII part + hash of the full path.

    Chinese or other non-ASCII names collapse to ``_`` in the readable part; the hash keeps them distinct.
    """
    relpath = normalise_relpath(relpath)
    slug = _UNSAFE.sub("_", relpath.replace("/", "__")).strip("._")[:_MAX_SLUG] or "image"
    digest = hashlib.sha1(relpath.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}"


def scan_images(folder: Path) -> list[str]:
    """Relative paths (forward slashes, sorted) of every image under ``folder``.

    Sub-folders are included; hidden folders (the sidecar among them) and output folders (OUTPUTS_MARKER) are
    skipped; symlinked folders are followed once each, so a link pointing back up the tree cannot loop.
    """
    found: list[str] = []
    seen_dirs: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        stat = os.stat(root)
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add(key)
        if root != str(folder) and os.path.isfile(os.path.join(root, OUTPUTS_MARKER)):
            dirs[:] = []  # an export or analysis folder inside the opened one: outputs, not cases
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_root = os.path.relpath(root, folder)
        for name in files:
            if name.startswith(".") or not is_image_file(os.path.join(root, name)):
                continue
            rel = name if rel_root == "." else os.path.join(rel_root, name)
            found.append(normalise_relpath(rel))
    return sorted(found)
