"""A case never saved: a fresh document sized from its image's header, which for a DICOM file also gives the
patient and the modality. Its modality is left undecided where the header does not say (annotations.dicom.reader.
header_modality): only the file's name or pixels can tell (CaseDocument.modality_decided), and nothing here decodes
pixels."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from annotations.dicom import looks_like_dicom
from annotations.document import CaseDocument, Modality
from annotations.frames import split_frame
from annotations.image_io import read_image_info

if TYPE_CHECKING:
    from annotations.dicom.reader import DicomHeader


def new_case(case_id: str, image_path: str, image_file: str | os.PathLike,
             header: DicomHeader | None = None) -> CaseDocument:
    """The case of ``image_file`` (it may address one B-scan of a volume, annotations.frames) before anything was
    saved; ImageLoadError names an unreadable file. A DICOM file's case takes the patient (name, ID, birth date,
    sex, exam date, eye) and the modality (decided where it says tomography or photography) its header records,
    read with the size: one read of the header (a B-scan never saved opens so on the GUI thread at each step of the
    slider), none where ``header`` is the one its pixels were read with."""
    file, number = split_frame(image_file)
    if not looks_like_dicom(file):
        info = read_image_info(image_file)
        return CaseDocument(case_id=case_id, image_path=image_path, width=info.width, height=info.height,
                            modality_decided=False)
    from annotations.dicom.reader import read_new_case  # pydicom: with the first DICOM file

    info, patient, modality = read_new_case(file, number, header)
    return CaseDocument(case_id=case_id, image_path=image_path, width=info.width, height=info.height,
                        patient=patient, modality=modality or Modality.FUNDUS, modality_decided=modality is not None)
