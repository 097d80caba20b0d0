"""The modality saved with a case, read before it is opened: what "Analyse all" analyses a case the window does not
hold as (app.case_pixels.CasePixels.recorded_modalities), as Analyse does the open case. Read from its small
case.json, on the analysis worker as each case comes up."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import numpy as np

from annotations.document import Modality
from annotations.modality import file_modality, guess_modality
from annotations.workspace.recorded_modality import saved_modality
from annotations.workspace.sidecar import CaseFiles

if TYPE_CHECKING:
    from annotations.dicom.reader import DicomHeader


def case_modality(files: CaseFiles | None, case_id: str, image_file: str | os.PathLike,
                  image: np.ndarray | None, header: DicomHeader | None = None) -> Modality:
    """What a case is, as the window takes it when it opens it (app.case_pixels): the modality recorded with it
    (``files`` None: an image of no workspace records none), else what its file and pixels say (annotations.modality).
    It decides what an analysis of it runs as and the kind of report it makes (annotations.report_kind), in the
    window and on the command line alike (`analyze --workspace` reads the recorded one as it plans each photo,
    inference.batch.results, and its worker guesses the others, as the pipeline does). ``header``: a DICOM file's,
    read with ``image``."""
    recorded = saved_modality(files, case_id) if files is not None else None
    return recorded if recorded is not None else guess_modality(image_file, image, header)


def listed_modalities(recorded: Callable[[str], Modality | None], folder: Path,
                      cases: Iterable[tuple[str, str]]) -> Iterator[Modality]:
    """What each of ``cases`` (case id, image path in ``folder``) is analysed as, told without opening it: the
    modality ``recorded`` gives (app.case_pixels.CasePixels.recorded_modalities: the reader's choice, saved or not,
    else the one saved with it), else what its file says (annotations.modality.file_modality: its header or name, else
    its pixels decoded reduced). Read as asked: a folder's models preload unless no case needs them
    (app.model_preload)."""
    for case_id, image_path in cases:
        modality = recorded(case_id)
        yield modality if modality is not None else file_modality(folder / image_path)
