"""What a report is made from: the clinic, the patient, one or two eyes (case + image), the reader's words."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import numpy as np

from annotations.document import CaseDocument, PatientInfo
from widgets.clinical_terms import QT_TRANSLATE_NOOP

PAPER_SIZES = ("A4", "Letter")
TEMPLATES = {  # shown in the interface's language (app.report_action)
    "clinical": QT_TRANSLATE_NOOP("ReportTemplates", "Clinical: original, AI overlay, reader overlay and Grad-CAM, "
                                                     "lesion table with quadrants"),
    "summary": QT_TRANSLATE_NOOP("ReportTemplates", "Summary: original and reader overlay, lesion counts, for the "
                                                    "patient's file"),
}


@dataclass
class ClinicSettings:
    """Report header and font choice, kept in the program settings."""

    name: str = ""
    address: str = ""  # may span lines
    logo_path: str = ""  # PNG/JPEG; empty for none
    cjk_font_path: str = ""  # empty: find one on the system, else use the shipped font


@dataclass
class EyeInput:
    """One eye of the report: its case and the source image (RGB uint8), or None when the image cannot be read."""

    doc: CaseDocument
    image: np.ndarray | None
    eye: str = ""  # "OD" / "OS"; empty falls back to the case's patient record
    source_file: str = ""  # the image file, when known (a DICOM source lends its study to a DICOM report)
    # the image a missing image's note names: a volume's own case by its shown B-scan's address (set where the image
    # cannot be read, app.report_controller); empty: the case's image_path
    image_address: str = ""

    @property
    def eye_label(self) -> str:
        return (self.eye or self.doc.patient.eye or "").upper()


@dataclass
class ReportInput:
    eyes: list[EyeInput]
    patient: PatientInfo = field(default_factory=PatientInfo)  # shared by both eyes; ``eye`` is taken per EyeInput
    reader: str = ""
    diagnosis: str = ""
    recommendation: str = ""  # empty: the suggestion from recommendation.suggest()
    template: str = "clinical"
    paper: str = "A4"
    clinic: ClinicSettings = field(default_factory=ClinicSettings)
    program_version: str = ""
    report_date: str = field(default_factory=lambda: _dt.date.today().isoformat())
    language: str = "en"  # the report's own language (app.report.text.REPORT_LANGUAGES), not the interface's

    def __post_init__(self) -> None:
        if not 1 <= len(self.eyes) <= 2:
            raise ValueError(f"a report covers one or two eyes, not {len(self.eyes)}")
        if self.paper not in PAPER_SIZES:
            raise ValueError(f"unknown paper size {self.paper!r}; expected one of {', '.join(PAPER_SIZES)}")
        if self.template not in TEMPLATES:
            raise ValueError(f"unknown report template {self.template!r}; expected one of {', '.join(TEMPLATES)}")
        if len(self.eyes) == 2:
            # Clinical convention: the right eye (OD) on the left of the page, as when facing the patient.
            self.eyes.sort(key=lambda eye: {"OD": 0, "OS": 1}.get(eye.eye_label, 2))
