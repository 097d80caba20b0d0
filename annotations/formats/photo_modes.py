"""Whether the header of a file named as a mask says a photo's colours (masks.has_photo_mode: photo_sorter's
``histeq/P1_HE.png``), or that of a PNG named as a photo in a folder of labels says no indexed label
(masks.has_class_palette: an indexed export's ``masks/P1.png``), read once per version of the file: a folder's index
remembers each answer with the file's size and mtime (annotations.workspace.store), which change whenever its
content, and so its header, can. On a share a header read takes 20 ms: 412 of a screening folder's took 9 s at every
open and rescan. A command that sorts the same files as several trees (`analyze`: the folders named, then each among
those beside it) shares its reads among them (PhotoModes.within)."""
from __future__ import annotations

import os
from pathlib import PurePath
from typing import Mapping, NamedTuple

from annotations.formats.masks import class_mask_parts, has_class_palette, has_photo_mode


class ModeSeen(NamedTuple):
    """A file's header read as a photo's (``photo``) or not, while it had this size and mtime."""
    mtime_ns: int
    size: int
    photo: bool


class PhotoModes:
    """The header modes a walk of ``root`` needs (photo_sorter.PhotoSorter), each file's read only where ``known``
    (by path relative to ``root``, forward slashes: what a walk before saw) does not hold it at the file's size and
    mtime. ``seen``: what this walk used, read or known, to remember."""

    def __init__(self, root: str | os.PathLike = "", known: Mapping[str, ModeSeen] | None = None) -> None:
        self._root = root
        self._known = known or {}
        self._read: dict[str, ModeSeen] = {}  # by absolute path: shared with within()'s
        self.seen: dict[str, ModeSeen] = {}

    def within(self, root: str | os.PathLike) -> PhotoModes:
        """The modes of a walk of ``root`` (another tree of the same files), sharing the headers either reads."""
        modes = PhotoModes(root)
        modes._read = self._read
        return modes

    def photo(self, folder: str | os.PathLike, name: str) -> bool:
        """Whether the header of ``name`` in ``folder`` (relative to the root) says a photo: a colour photo's where
        ``name`` is a mask's, anything but an indexed label's where it is a photo's (_says_photo). A file that
        cannot be found counts as none, and is not remembered (a share away: the next walk asks again)."""
        relpath = PurePath(folder, name).as_posix()
        if relpath in self.seen:
            return self.seen[relpath].photo
        path = os.path.join(self._root, folder, name)
        try:
            stat = os.stat(path)  # before the read: a file changed meanwhile is read again next time
        except OSError:
            return False
        key = os.path.abspath(path)
        seen = next((seen for seen in (self._known.get(relpath), self._read.get(key))
                     if seen is not None and (seen.mtime_ns, seen.size) == (stat.st_mtime_ns, stat.st_size)), None)
        if seen is None:
            seen = ModeSeen(stat.st_mtime_ns, stat.st_size, _says_photo(path, name))
        self.seen[relpath] = self._read[key] = seen
        return seen.photo


def _says_photo(path: str, name: str) -> bool:
    """A file named as a mask is a photo by a colour photo's mode (a mask may be grey or a palette); one named as a
    photo unless it holds the class palette (a grey photo is one). A name asks one question: one answer remembered."""
    return has_photo_mode(path) if class_mask_parts(name) else not has_class_palette(path)
