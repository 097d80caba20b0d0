"""What a report is made from: the clinic, the patient, one or two eyes (case + image), the reader's words; the
templates a report is made with."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np

from annotations.document import CaseDocument, PatientInfo
from annotations.pixel_spacing import PixelSpacing
from annotations.reading.report_grading import DoubleReading
from annotations.report_kind import ReportKind, report_kind, shows_lesions
from annotations.volume_summary import GradedFields
from widgets.clinical_terms import QT_TRANSLATE_NOOP

from app.report.text import DEFAULT_LANGUAGE

# The first of each is the default (ReportInput, the report command).
PAPER_SIZES = ("A4", "Letter")
TEMPLATES = ("clinical", "summary")
# Each template named by what it gives for the kinds of report its eyes make (annotations.report_kind): an OCT
# B-scan has no lesion overlays or lesion table to offer. Shown in the interface's language (app.report_action).
TEMPLATE_NAMES: dict[frozenset[ReportKind], dict[str, str]] = {
    frozenset({ReportKind.DR}): {
        "clinical": QT_TRANSLATE_NOOP("ReportTemplates", "Clinical: original, AI overlay, reader overlay and "
                                                         "Grad-CAM, lesion table with quadrants"),
        "summary": QT_TRANSLATE_NOOP("ReportTemplates", "Summary: original and reader overlay, lesion counts, for "
                                                        "the patient's file"),
    },
    frozenset({ReportKind.OCT}): {
        "clinical": QT_TRANSLATE_NOOP("ReportTemplates", "Clinical: B-scan and its Grad-CAM, the AI's OCT class with "
                                                         "its probabilities"),
        "summary": QT_TRANSLATE_NOOP("ReportTemplates", "Summary: B-scan, the AI's OCT class with its probabilities, "
                                                        "for the patient's file"),
    },
    frozenset({ReportKind.DR, ReportKind.OCT}): {
        "clinical": QT_TRANSLATE_NOOP("ReportTemplates", "Clinical: photo with AI overlay, reader overlay, Grad-CAM "
                                                         "and lesion table with quadrants; B-scan with its Grad-CAM"),
        "summary": QT_TRANSLATE_NOOP("ReportTemplates", "Summary: photo with reader overlay and lesion counts; "
                                                        "B-scan; for the patient's file"),
    },
}


# The same where an OCT scan has lesion marks (painted, or from an analysis as a photo): its part of the report shows
# them as a photo's does, overlays and lesion table (annotations.report_kind.shows_lesions).
MARKED_SCAN_TEMPLATE_NAMES: dict[frozenset[ReportKind], dict[str, str]] = {
    frozenset({ReportKind.OCT}): {
        "clinical": QT_TRANSLATE_NOOP("ReportTemplates", "Clinical: B-scan with AI overlay, reader overlay and "
                                                         "Grad-CAM, lesion table with quadrants, the AI's OCT class "
                                                         "with its probabilities"),
        "summary": QT_TRANSLATE_NOOP("ReportTemplates", "Summary: B-scan with reader overlay and lesion counts, the "
                                                        "AI's OCT class with its probabilities, for the patient's "
                                                        "file"),
    },
    frozenset({ReportKind.DR, ReportKind.OCT}): {
        "clinical": QT_TRANSLATE_NOOP("ReportTemplates", "Clinical: photo and B-scan, each with AI overlay, reader "
                                                         "overlay, Grad-CAM and lesion table with quadrants; the "
                                                         "B-scan's OCT class"),
        "summary": QT_TRANSLATE_NOOP("ReportTemplates", "Summary: photo and B-scan, each with reader overlay and "
                                                        "lesion counts; for the patient's file"),
    },
}


def template_names(docs: Iterable[CaseDocument]) -> dict[str, str]:
    """Each template (TEMPLATES) by what it gives for a report of these cases, in English."""
    docs = list(docs)
    marked = any(report_kind(doc) is ReportKind.OCT and shows_lesions(doc) for doc in docs)
    return (MARKED_SCAN_TEMPLATE_NAMES if marked else TEMPLATE_NAMES)[frozenset(report_kind(doc) for doc in docs)]


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
    # "OD" / "OS" as the report prints it; "" prints the eye as not recorded (chosen so in the report dialog);
    # None: the eye the case's patient record has
    eye: str | None = None
    source_file: str = ""  # the image file, when known (a DICOM source lends its study to a DICOM report)
    # its DICOM header (a pydicom Dataset) as read with its pixels (app.report.sources, app.report_controller), where
    # kept: the DICOM report takes the study from it, not from another read of the file (dicom_source)
    source_header: Any = None
    # the image as messages name it from (annotations.case_names): a B-scan's address, a volume's own case by its
    # shown B-scan's (app.report_controller, app.report.sources); empty: the case's image_path
    image_address: str = ""
    double_reading: DoubleReading | None = None  # who graded it in double reading; None in single reading
    header_eye: str = ""  # the eye its image header (DICOM laterality) records: the eye printed is checked against it
    header_patient_id: str = ""  # the patient ID its image header (DICOM) records (patients.files_apart_from_images)
    pixel_spacing: PixelSpacing | None = None  # as its image's file records it
    true_shape: bool = False  # a B-scan printed to that size (View ▸ B-scan at true shape), else its pixels square
    # a B-scan's: the other B-scans of its volume as saved, by number (annotations.volume_severity warns of a more
    # severe class among them); empty for a photo, or where they are not read
    other_bscans: dict[int, GradedFields] = field(default_factory=dict)
    # its labels hold a crash's edits recovered from autosave that nobody has opened to check (Workspace.to_check)
    recovered_unchecked: bool = False

    @property
    def eye_label(self) -> str:
        return ((self.doc.patient.eye if self.eye is None else self.eye) or "").upper()

    @property
    def unsettled(self) -> bool:
        """Its grade is no consensus of a double reading: a reader's own, or one its readers have not settled."""
        return self.double_reading is not None and not self.double_reading.settled

    @property
    def address(self) -> str:
        """The image the report shows, as its headings and notes name it: a B-scan by its volume and number."""
        return self.image_address or self.doc.image_path

    @property
    def dicom_source(self) -> Any:
        """What a DICOM report takes this image's study from (annotations.dicom.report_object.Source): its header as
        read with its pixels, else its file (none is "")."""
        return self.source_file if self.source_header is None else self.source_header


@dataclass
class ReportInput:
    eyes: list[EyeInput]
    patient: PatientInfo = field(default_factory=PatientInfo)  # shared by both eyes; ``eye`` is taken per EyeInput
    reader: str = ""
    diagnosis: str = ""
    recommendation: str = ""  # empty: the suggestion from recommendation.suggest()
    template: str = TEMPLATES[0]
    paper: str = PAPER_SIZES[0]
    clinic: ClinicSettings = field(default_factory=ClinicSettings)
    program_version: str = ""
    report_date: str = field(default_factory=lambda: _dt.date.today().isoformat())
    language: str = DEFAULT_LANGUAGE  # the report's own language (REPORT_LANGUAGES), not the interface's

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
