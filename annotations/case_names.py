"""How a message names a case, wherever it is said (the workspace's save, autosave and recovery messages, Ctrl+S's,
an import's warnings, double reading's messages and dialogs, analysis progress, the report dialog's warnings and
same-patient question, the report's missing-image note, the batch's errors, output-renaming notes, the window's
title): one rule, so a B-scan reads alike everywhere. A case is named by its image's path in the folder, quoted
(wording.quote_name); a B-scan of an OCT volume by the volume's path and its number, as the B-scan bar numbers it:
``'scans/vol.dcm', B-scan 3`` (the volume's own case too, by its shown B-scan's number: it is one B-scan among the
others), never by its address (``vol.dcm#frame=3``, annotations.frames), which is for files and logs."""
from __future__ import annotations

import os
import re

from annotations.dicom import bscan_address
from annotations.frames import split_frame
from annotations.wording import QT_TRANSLATE_NOOP, Translate, english, fill, quote_name

# in place of the {image} (or {case}) of a message's template
BSCAN_NAME = QT_TRANSLATE_NOOP("CaseNames", "{image}, B-scan {number}")


def case_name(image_path: str, translate: Translate = english, folder: str | os.PathLike | None = None) -> str:
    """The case of ``image_path`` (relative to its folder; a B-scan's address, frames.with_frame) as a message names
    it, in ``translate``'s language. With ``folder``, a volume's own case is named by its B-scan's number (its DICOM
    header is read: annotations.dicom.bscan_address)."""
    image, number = split_frame(image_path if folder is None else bscan_address(folder, image_path))
    if number is None:
        return quote_name(image)
    return bscan_name(quote_name(image), number, translate)


def bscan_name(image: str, number: int, translate: Translate = english) -> str:
    """B-scan ``number`` of the volume ``image``, named as said there (quoted in a message, its bare file name in
    the window's title), in ``translate``'s language."""
    return fill(translate("CaseNames", BSCAN_NAME), image=image, number=number)


def bscan_label(number: int, translate: Translate = english) -> str:
    """The words that number B-scan ``number`` in its name, after its volume's: "B-scan 3" ("B 扫描 3" in
    Chinese), which a line should not break (the report's narrow captions keep it whole)."""
    after = translate("CaseNames", BSCAN_NAME).partition("{image}")[2]
    # not the separator after the volume's name; a translation naming the volume last keeps nothing whole
    return re.sub(r"^\W+", "", fill(after, number=number)) if "{number}" in after else ""
