"""The one rule for "an output of ours" among the single files the program writes (a report, a screenshot): the
program marks each as it writes it, and replaces an existing file of that name only where it carries the mark of
its kind, whatever it is asked (--overwrite, a save dialog's "replace?"): a photo, a person's referral letter or
picture under that name is never one of ours (output_folder.refuse_other_kind applies it).

The marks: a report PDF's Creator and a screenshot's Software text (a PNG's tEXt chunk, a JPEG's comment; Qt
writes no text into the other formats, so a screenshot in those can never be replaced) read ``RetinaReview
VERSION`` (``program_mark``). A file saved before the program marked it is not provably its own: deleting it first
is how it is replaced.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

from PIL import Image, UnidentifiedImageError

from annotations import messages as msg

PROGRAM_MARK = "RetinaReview"
SCREENSHOT_MARK_KEY = "Software"  # the image text key a screenshot's mark is written under (PNG's own keyword)
_LARGEST = 64 * 2**20  # bytes: a file larger than this is no report or screenshot of the program's


class SingleKind(NamedTuple):
    """What a single output (a report) replaces when asked to: only a file ``holds`` says is of its kind (an earlier
    report), never another (a photo named as the report, a person's document); ``problem`` says so."""

    holds: Callable[[Path], bool]
    problem: str


def program_mark(version: str) -> str:
    """The mark the program writes into a report or a screenshot: its name and ``version``."""
    return f"{PROGRAM_MARK} {version}"


def _is_own_report_pdf(data: bytes) -> bool:
    # reportlab writes the Info dictionary uncompressed, an ASCII Creator as a literal string
    return data.startswith(b"%PDF-") and f"/Creator ({PROGRAM_MARK} ".encode("ascii") in data


def _is_own_report(path: Path) -> bool:
    """An earlier report: a PDF the program wrote (a person's referral letter is a PDF too)."""
    return path.stat().st_size <= _LARGEST and _is_own_report_pdf(path.read_bytes())


def _is_own_dicom_report(path: Path) -> bool:
    """An earlier DICOM report: an Encapsulated PDF object holding a PDF the program wrote."""
    from annotations.dicom.report_object import is_report_object, read_report_pdf  # pydicom: loaded when needed

    try:
        return path.stat().st_size <= _LARGEST and is_report_object(path) and \
            _is_own_report_pdf(read_report_pdf(path))
    except (AttributeError, KeyError, ValueError):  # an Encapsulated PDF object without its document
        return False


def _is_own_screenshot(path: Path) -> bool:
    """An earlier screenshot: an image whose text says the program wrote it (a photo or a person's picture is an
    image too). Only the header is read, where Qt writes the text."""
    if path.stat().st_size > _LARGEST:
        return False
    try:
        with Image.open(path, formats=("PNG", "JPEG")) as image:  # the formats Qt writes the text into
            texts = _mark_texts(image)
    except (UnidentifiedImageError, Image.DecompressionBombError, SyntaxError, ValueError):
        return False
    return any(text.startswith(f"{PROGRAM_MARK} ") for text in texts)


def _mark_texts(image: Image.Image) -> list[str]:
    """The texts an image holds under SCREENSHOT_MARK_KEY: a PNG's text chunk, a JPEG's comments ("KEY: TEXT")."""
    if image.format == "JPEG":
        comments = (content.decode("latin-1") for marker, content in image.applist if marker == "COM")
        return [text for key, _, text in (comment.partition(": ") for comment in comments)
                if key == SCREENSHOT_MARK_KEY]
    text = image.info.get(SCREENSHOT_MARK_KEY)
    return [text] if isinstance(text, str) else []


PDF_REPORT = SingleKind(_is_own_report, msg.NOT_OWN_REPORT)
DICOM_REPORT = SingleKind(_is_own_dicom_report, msg.NOT_OWN_DICOM_REPORT)
SCREENSHOT = SingleKind(_is_own_screenshot, msg.NOT_OWN_SCREENSHOT)
