"""Addressing one B-scan of an OCT volume: the one place that spells a frame-qualified image path and case id.

A multi-frame DICOM (an OCT volume) is one listed case, and each of its B-scans is a case of its own with its own
labels, grade and history. B-scan ``number`` (1-based, as DICOM numbers frames and as the window shows it) of
``scans/vol.dcm`` is addressed as the image path ``scans/vol.dcm#frame=12``; every image reader (image_io,
dicom) splits that address here and decodes only that frame. The middle B-scan, the one a volume showed before
B-scans had cases of their own, stays the volume's own case (``shown_frame``), so folders labelled then keep
their labels. The other B-scans' case ids are the volume's id with ``+b012`` appended: case ids of images never
contain ``+`` (workspace.scan), so the catalog tells a B-scan's labels from a listed case's by the id alone.

A file whose own name ends in ``#frame=N`` is read as that file (the address form applies only to a path that
does not exist as it is spelled).
"""
from __future__ import annotations

import os
import re

_ADDRESS = re.compile(r"^(?P<file>.+)#frame=(?P<number>[1-9][0-9]{0,5})$", re.DOTALL)
_BSCAN_ID = re.compile(r"^(?P<volume>.+)\+b(?P<number>[0-9]{3,6})$", re.DOTALL)
_BSCAN_NAME = re.compile(r"^(?P<volume>.+)_b(?P<number>[0-9]{3,6})$", re.DOTALL)


def with_frame(image_path: str, number: int) -> str:
    """The address of B-scan ``number`` (1-based) of ``image_path``."""
    if number < 1:
        raise ValueError(f"B-scan numbers start at 1, not {number}")
    return f"{image_path}#frame={number}"


def split_frame(path: str | os.PathLike) -> tuple[str, int | None]:
    """The file and the B-scan number an address names; ``(path, None)`` for a plain path (the file's shown frame).
    An absolute path that exists as spelled is a plain path whatever its name."""
    text = os.fspath(path)
    match = _ADDRESS.match(text)
    if match is None or (os.path.isabs(text) and os.path.lexists(text)):
        return text, None
    return match["file"], int(match["number"])


def shown_frame(frame_count: int) -> int:
    """The B-scan a volume shows as its own case: the middle one (1-based)."""
    return frame_count // 2 + 1


def own_case_address(image_path: str, frame_count: int) -> str:
    """The image of a listed case as messages and exports name it: a volume's own case (``image_path``, of
    ``frame_count`` B-scans) addressed by its shown B-scan's number, as its other B-scans are; an image of one frame
    as it is."""
    return with_frame(image_path, shown_frame(frame_count)) if frame_count > 1 else image_path


def every_address(image_path: str, frame_count: int) -> list[str]:
    """Every name a label file may be given for a listed image (label_import's targets): the image's own, and each
    B-scan's of a volume of ``frame_count`` B-scans."""
    return [image_path, *(with_frame(image_path, number) for number in range(1, frame_count + 1) if frame_count > 1)]


def bscan_case_id(volume_case_id: str, number: int) -> str:
    """The case id of B-scan ``number`` of a volume other than its shown one (that one is the volume's own case)."""
    return f"{volume_case_id}+b{number:03d}"


def member_case_ids(volume_case_id: str, frame_count: int) -> list[str]:
    """The case ids of every B-scan of a volume of ``frame_count`` B-scans, in order (its shown one its own id)."""
    shown = shown_frame(frame_count)
    return [volume_case_id if n == shown else bscan_case_id(volume_case_id, n) for n in range(1, frame_count + 1)]


def split_bscan_case_id(case_id: str) -> tuple[str, int | None]:
    """The volume's case id and the B-scan number of a B-scan case id; ``(case_id, None)`` for a listed case."""
    match = _BSCAN_ID.match(case_id)
    if match is None or int(match["number"]) < 1:
        return case_id, None
    return match["volume"], int(match["number"])


def listed_case_id(case_id: str) -> str:
    """The case list's row for ``case_id``: a B-scan's volume, else the case itself."""
    return split_bscan_case_id(case_id)[0]


def is_bscan_case_id(case_id: str) -> bool:
    return split_bscan_case_id(case_id)[1] is not None


def name_suffix(number: int) -> str:
    """What an export adds to the volume's output name for B-scan ``number``: ``vol`` -> ``vol_b012``."""
    return f"_b{number:03d}"


def split_name_suffix(stem: str) -> tuple[str, int | None]:
    """The volume's stem and the B-scan number a name_suffix gives: ``vol_b012`` -> ``("vol", 12)``; ``(stem, None)``
    for any other stem."""
    match = _BSCAN_NAME.match(stem)
    if match is None or int(match["number"]) < 1:
        return stem, None
    return match["volume"], int(match["number"])
