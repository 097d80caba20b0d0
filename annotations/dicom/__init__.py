"""DICOM in and out: fundus photographs and OCT volumes as cases (reader), reports as Encapsulated PDF (writer).

Recognising a DICOM file needs no pydicom, so folder scans stay fast; pydicom loads with the first DICOM file read.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from annotations.errors import FileProblem
from annotations.file_answers import FileAnswers
from annotations.frames import split_frame
from annotations.regular_files import open_regular

DICOM_EXTENSIONS: frozenset[str] = frozenset({".dcm", ".dicom"})
PREAMBLE_LENGTH = 128
MARKER = b"DICM"  # after the preamble of a Part 10 file
IMAGE_GROUP = 0x0008  # an image data set's first group (SOP Class UID is in it): where a bare data set starts
# A file without the preamble starts with its file meta: the group's length (UL), else the meta's version (OB)
_META_START = (b"\x02\x00\x00\x00UL", b"\x02\x00\x01\x00OB")
_FIRST_VALUE_MAX = 1024  # bytes: a data set's first value (Specific Character Set, Image Type, SOP Class UID) is short
# Part 10 objects that hold no picture: reports (Encapsulated PDF or CDA, the program's own among them), structured
# reports, presentation states, a CD's DICOMDIR, and what an eye clinic's devices export beside their photos:
# measurements (axial length, refraction: 78.x), visual fields (80.x), a stereo pair's relationship (77.1.5.3), raw
# data and registrations (66.x). Saved beside the photos, each had become a failed case.
DOCUMENT_CLASSES = ("1.2.840.10008.1.3.10", *(f"1.2.840.10008.5.1.4.1.1.{group}" for group in (
    "104", "88", "11", "78", "80", "77.1.5.3", "66")))  # each with the classes under it
FILE_META_READ = 1024  # bytes: the preamble and the file meta's first elements, its SOP class among them
_SOP_CLASS_ELEMENT = b"\x02\x00\x02\x00UI"  # (0002,0002) Media Storage SOP Class UID, explicit VR little endian
TOLD_KEPT = 200_000  # files whose is_dicom_document answer is kept (about 40 MB at most); then read again
_told: FileAnswers[bool] = FileAnswers(TOLD_KEPT)  # path -> holds no picture


def probed_suffix(suffix: str) -> bool:
    """A name's suffix that says nothing of its kind, so the file is opened to tell: none, or digits (a CD or a PACS
    export names its files by their UIDs, "1.2.826.0.1.3680043.8.498.77")."""
    return not suffix or suffix[1:].isdigit()


def may_be_dicom_name(image_path: str) -> bool:
    """Whether a case's image path (a B-scan's address too) may name a DICOM file, from its name alone: a .dcm or
    .dicom name, or one looks_like_dicom would open to tell (no extension, or digits)."""
    suffix = Path(split_frame(image_path)[0]).suffix.lower()
    return suffix in DICOM_EXTENSIONS or probed_suffix(suffix)


def looks_like_dicom(path: str | os.PathLike) -> bool:
    """A .dcm/.dicom name, or a file whose name's suffix says nothing (probed_suffix) that carries the Part 10
    "DICM" marker, or starts as the reader reads one without it (older devices write no preamble; archives keep the
    bare data set, named by its UID): with its file meta, or an image's data set (_starts_as_image_data_set)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in DICOM_EXTENSIONS:
        return True
    if not probed_suffix(suffix) or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(PREAMBLE_LENGTH + len(MARKER))
    except OSError:
        return False
    return head[PREAMBLE_LENGTH:] == MARKER or head.startswith(_META_START) or _starts_as_image_data_set(head)


def _starts_as_image_data_set(head: bytes) -> bool:
    """``head`` starts as data_set_encoding reads a data set, its first element's value of even length and short,
    as a header's first is (its character set, image type or SOP class): not any file whose first bytes are 08 00."""
    encoding = data_set_encoding(head)
    if encoding is None or len(head) < 8:
        return False
    little_endian, explicit = encoding
    length = int.from_bytes(head[6:8], "little" if little_endian else "big") if explicit else \
        int.from_bytes(head[4:8], "little")
    return length % 2 == 0 and length <= _FIRST_VALUE_MAX


def data_set_encoding(first: bytes) -> tuple[bool, bool] | None:
    """How a data set that starts with ``first`` (its first bytes, 6 at least) is encoded, from its first element
    as pydicom guesses it: (little endian, explicit VR) where it starts in group 0008, in either byte order, an
    explicit VR element carrying two capital letters after its tag, as an image's data set does; else None."""
    explicit = len(first) >= 6 and first[4:6].isalpha() and first[4:6].isupper()
    if len(first) >= 6 and int.from_bytes(first[:2], "little") == IMAGE_GROUP:
        return True, explicit
    if explicit and int.from_bytes(first[:2], "big") == IMAGE_GROUP:
        return False, True
    return None


def is_dicom_document(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a Part 10 file of a class that holds no picture (DOCUMENT_CLASSES), told from its
    first bytes without pydicom: no case. A folder's scan asks it of every DICOM file at each look, so a file's
    answer is kept while its size and time stay (one stat, not an open and a read: 100,000 files on a share). A file
    without file meta, or one that cannot be read, is not told so: it is listed, and what is wrong with it said."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISREG(status.st_mode):  # a FIFO named like a DICOM file: opening it waited forever
        return False
    return _told.answer(path, status, lambda: _holds_no_picture(path))


def _holds_no_picture(path: str | os.PathLike) -> bool:
    try:
        with open_regular(path) as handle:  # never waits on a special file swapped in since the stat
            head = handle.read(FILE_META_READ)
    except (FileProblem, OSError):
        return False
    start = PREAMBLE_LENGTH + len(MARKER)
    at = head.find(_SOP_CLASS_ELEMENT, start) if head[PREAMBLE_LENGTH:start] == MARKER else -1
    if at < 0:
        return False
    value = at + len(_SOP_CLASS_ELEMENT) + 2  # after the element's 2-byte length
    length = int.from_bytes(head[value - 2:value], "little")
    sop_class = head[value:value + length].rstrip(b"\0 ").decode("ascii", "replace")
    return any(sop_class == root or sop_class.startswith(root + ".") for root in DOCUMENT_CLASSES)


def frame_count(image_file: str | os.PathLike) -> int:
    """How many frames (B-scans) a file holds: those of a DICOM volume, else 1."""
    if not looks_like_dicom(image_file):
        return 1
    from annotations.dicom.reader import read_dicom_header  # pydicom: with the first DICOM file

    return read_dicom_header(image_file)[1].frames
