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

from annotations.document import Modality
from annotations.frames import split_frame
from annotations.volume_files import bscan_address
from annotations.wording import QT_TRANSLATE_NOOP, Translate, english, fill, quote_name

# in place of the {image} (or {case}) of a message's template
BSCAN_NAME = QT_TRANSLATE_NOOP("CaseNames", "{image}, B-scan {number}")
FRAME_NAME = QT_TRANSLATE_NOOP("CaseNames", "{image}, frame {number}")  # a multi-frame photo's, not OCT's


def called_bscans(modality: Modality | None) -> bool:
    """Whether a file's frames are called B-scans: an OCT volume's, and where the case's kind is not given (a
    message naming a case by its path alone). A multi-frame fundus photo's are frames (in Chinese 帧): "B 扫描 2"
    named a photo's second frame on the slider and in the report. The one rule for the word."""
    return modality is not Modality.FUNDUS


def _frame_name(modality: Modality | None) -> str:
    return BSCAN_NAME if called_bscans(modality) else FRAME_NAME


def case_name(image_path: str, translate: Translate = english, folder: str | os.PathLike | None = None,
              modality: Modality | None = None) -> str:
    """The case of ``image_path`` (relative to its folder; a B-scan's address, frames.with_frame) as a message names
    it, in ``translate``'s language; a frame by the word its ``modality`` calls it (called_bscans). With ``folder``,
    a volume's own case is named by its B-scan's number (its DICOM header is read: annotations.dicom.bscan_address)."""
    image, number = split_frame(image_path if folder is None else bscan_address(folder, image_path))
    if number is None:
        return quote_name(image)
    return bscan_name(quote_name(image), number, translate, modality)


def bscan_name(image: str, number: int, translate: Translate = english, modality: Modality | None = None) -> str:
    """B-scan (or frame: called_bscans) ``number`` of the volume ``image``, named as said there (quoted in a
    message, its bare file name in the window's title), in ``translate``'s language."""
    return fill(translate("CaseNames", _frame_name(modality)), image=image, number=number)


def bscan_label(number: int, translate: Translate = english, modality: Modality | None = None) -> str:
    """The words that number B-scan (or frame: called_bscans) ``number`` in its name, after its volume's: "B-scan
    3" ("B 扫描 3" in Chinese), which a line should not break (the report's narrow captions keep it whole)."""
    after = translate("CaseNames", _frame_name(modality)).partition("{image}")[2]
    # not the separator after the volume's name; a translation naming the volume last keeps nothing whole
    return re.sub(r"^\W+", "", fill(after, number=number)) if "{number}" in after else ""
