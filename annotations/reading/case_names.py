"""The command line names a case its readers read by the image their readings hold (read_case_name), as every
message names a case (annotations.case_names)."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from annotations.case_names import case_name
from annotations.reading.readers import ReaderStore, saved_json


def read_case_name(folder: Path, case_id: str, readers: Sequence[ReaderStore]) -> str:
    """A case of ``folder`` that ``readers`` read, named (case_name) by the image path their saved readings hold; its
    id where none holds one (a reading deleted since it was listed)."""
    for store in readers:
        image_path = (saved_json(store, case_id) or {}).get("image_path")
        if image_path:
            return case_name(str(image_path), folder=folder)
    return case_id
