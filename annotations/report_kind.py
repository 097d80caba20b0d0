"""What kind of report a case's part of a report is: a DR screening of a fundus photo (DR grade, lesion overlays,
lesion table, ICDR sentence) or an OCT B-scan's (OCT class, the scan and its Grad-CAM). The case's recorded
modality decides (annotations.modality decided it, or the reader chose it), as it decides the findings panel; the
report's title, sections, recommendation and the report dialog's warnings all ask here."""
from __future__ import annotations

from enum import Enum

from annotations.classes import LESION_CLASSES
from annotations.document import CaseDocument, Modality


class ReportKind(str, Enum):
    DR = "dr"
    OCT = "oct"


def report_kind(doc: CaseDocument) -> ReportKind:
    return modality_kind(doc.modality)


def modality_kind(modality: Modality) -> ReportKind:
    """The kind of a case of ``modality``, also where only its saved case file is read (no document)."""
    return ReportKind.OCT if modality is Modality.OCT else ReportKind.DR


def shows_lesions(doc: CaseDocument) -> bool:
    """Whether the case's part of a report shows lesion overlays, their colour key, the lesion table and the ICDR
    sentence: a DR report always; an OCT report only where the case has lesion marks (painted, or analysed as a
    photo, before it was marked OCT), so none are left out of the report."""
    if report_kind(doc) is ReportKind.DR:
        return True
    ai_mask = doc.ai.mask if doc.ai is not None else None
    return (bool(doc.mask.any()) or any(box.label in LESION_CLASSES for box in doc.boxes)
            or (ai_mask is not None and bool(ai_mask.any())))
