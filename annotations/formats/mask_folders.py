"""Folders holding one lesion class's masks, each named as its photo (DDR's ``label/EX/007.tif`` of
``image/007.jpg``): the one rule by which the window's folder scan (photo_sorter), the import of per-class masks and
training's loader know them by their names.

FGADR's ``*_Masks/`` (its Hemohedge is sic), e-ophtha's ``Annotation_MA/<patient>/`` (which names its photos' folders
MA/ and EX/: only the mask folder's long name is looked for a level up), and DDR's ``label/EX/``: a class's short name
counts only in a folder of labels or masks (LABEL_FOLDER), as a clinic may call a folder of photos "MA"; never "OD", a
clinic's right eyes' (``Labelled/OD/P001.jpg`` beside ``Labelled/OS/P001.jpg``).
"""
from __future__ import annotations

import os
import re
from pathlib import PurePath

from annotations.classes import LesionClass

MASK_FOLDERS: dict[str, LesionClass | None] = {
    "microaneurysms_masks": LesionClass.MA, "hemohedge_masks": LesionClass.HE, "hardexudate_masks": LesionClass.EX,
    "softexudate_masks": LesionClass.SE,
    "irma_masks": None, "neovascularization_masks": None}  # FGADR's classes we do not segment: neither mask nor photo
SHORT_MASK_FOLDERS: dict[str, LesionClass] = {"ma": LesionClass.MA, "he": LesionClass.HE, "ex": LesionClass.EX,
                                              "se": LesionClass.SE}
LABEL_FOLDER = re.compile(r"label|mask|groundtruth|ground truth", re.IGNORECASE)
PATIENT_MASK_FOLDERS: dict[str, LesionClass] = {"annotation_ma": LesionClass.MA, "annotation_ex": LesionClass.EX}


def folder_class(folder: str | os.PathLike) -> tuple[bool, LesionClass | None]:
    """Whether ``folder`` is named as one class's folder of masks (its last names decide, case-insensitive; ``.`` is
    none), and the class (None: one we do not segment)."""
    names = [name.lower() for name in PurePath(folder).parts]
    if names and names[-1] in MASK_FOLDERS:
        return True, MASK_FOLDERS[names[-1]]
    if len(names) > 1 and names[-1] in SHORT_MASK_FOLDERS and LABEL_FOLDER.search(names[-2]):
        return True, SHORT_MASK_FOLDERS[names[-1]]
    if len(names) > 1 and names[-2] in PATIENT_MASK_FOLDERS:
        return True, PATIENT_MASK_FOLDERS[names[-2]]
    return False, None
