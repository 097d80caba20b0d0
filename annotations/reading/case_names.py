"""How double reading names a case in what it says (the settling's and the corrections' messages, the arbitration
dialog's title and its action's tool tip, the notes of an export and of a recovery): one rule, so a B-scan reads
alike everywhere. A case is named by its image's path in the folder, quoted (wording.quote_name); a B-scan of an
OCT volume by the volume's path and its number, as the B-scan bar numbers it: ``'scans/vol.dcm', B-scan 3`` (the
volume's own case too, by its shown B-scan's number: it is one B-scan among the others). The command line names a
case its readers read by the image their readings hold (read_case_name)."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from annotations.dicom import bscan_address
from annotations.frames import split_frame
from annotations.reading import messages as msg
from annotations.reading.readers import ReaderStore, saved_json
from annotations.wording import Translate, english, fill, quote_name


def case_name(image_path: str, translate: Translate = english, folder: Path | None = None) -> str:
    """The case of ``image_path`` (relative to its folder; a B-scan's address, frames.with_frame) as a message names
    it, in ``translate``'s language. With ``folder``, a volume's own case is named by its B-scan's number (its DICOM
    header is read: annotations.dicom.bscan_address)."""
    image, number = split_frame(image_path if folder is None else bscan_address(folder, image_path))
    if number is None:
        return quote_name(image)
    return fill(translate("CaseNames", msg.BSCAN_NAME), image=quote_name(image), number=number)


def read_case_name(folder: Path, case_id: str, readers: Sequence[ReaderStore]) -> str:
    """A case of ``folder`` that ``readers`` read, named (case_name) by the image path their saved readings hold; its
    id where none holds one (a reading deleted since it was listed)."""
    for store in readers:
        image_path = (saved_json(store, case_id) or {}).get("image_path")
        if image_path:
            return case_name(str(image_path), folder=folder)
    return case_id
