"""Between the report dialog's plain fields (widgets.report_fields, Qt-free) and a ReportInput for the builder."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping, Sequence

from annotations.document import PatientInfo
from annotations.patients import guessed_eye, renamed, reported_age, reported_edited_age, shown_name
from widgets.report_fields import ReportFields

from app.report.model import ClinicSettings, EyeInput, ReportInput
from app.report.text import REPORT_LANGUAGES, ReportText


def fields_from_eyes(eyes: Sequence[EyeInput], reader: str = "", paper: str = "A4",
                     language: str = "en") -> ReportFields:
    """Prefill from the first case's patient record (both eyes belong to one patient); an unrecorded age comes from
    the birth date; an eye is the AI's guess where it is the one guessed_eye prefilled. The diagnosis starts empty:
    the reader's findings print in their own section of the report."""
    patient = eyes[0].doc.patient
    in_language = lambda context, text: ReportText(language).translate(context, text)  # noqa: E731 - Qt if asked
    return ReportFields(patient_name=shown_name(patient, in_language),
                        patient_id=patient.patient_id, age=reported_age(patient), birth_date=patient.birth_date,
                        sex=patient.sex, exam_date=patient.exam_date,
                        eyes=[eye.eye_label for eye in eyes],
                        ai_eyes=[eye.eye_label == guessed_eye(eye.doc) != "" for eye in eyes], reader=reader,
                        paper=paper, language=language)


def untyped_age(fields: ReportFields, recorded: PatientInfo) -> int | None:
    """The age a report of the case whose patient is ``recorded`` prints with ``fields`` where the reader typed none
    in the dialog: the fields' birth date's on their exam date, else its recorded age
    (patients.reported_edited_age)."""
    edited = replace(recorded, birth_date=fields.birth_date, exam_date=fields.exam_date)
    return reported_edited_age(recorded, edited, age_typed=False)


def report_from_fields(fields: ReportFields, eyes: Sequence[EyeInput], clinic: ClinicSettings,
                       program_version: str) -> ReportInput:
    """The report the dialog describes; the cases themselves are not changed."""
    patient = replace(named_patient(fields, eyes[0].doc.patient), patient_id=fields.patient_id, age=fields.age,
                      birth_date=fields.birth_date, sex=fields.sex, exam_date=fields.exam_date)
    labelled = [replace(eye, eye=label) for eye, label in zip(eyes, fields.eyes)]
    return ReportInput(eyes=labelled, patient=patient, reader=fields.reader, diagnosis=fields.diagnosis,
                       recommendation=fields.recommendation, template=fields.template, paper=fields.paper,
                       clinic=clinic, program_version=program_version, language=fields.language)


def named_patient(fields: ReportFields, recorded: PatientInfo) -> PatientInfo:
    """``recorded`` with the dialog's name (patients.renamed): a name left as prefilled, in whichever report language
    (the reader may switch it after), as recorded, so the report shows it in its own; one typed replaces both forms."""
    return renamed(recorded, fields.patient_name, (ReportText(language).translate for language in REPORT_LANGUAGES))


def clinic_from_settings(values: Mapping[str, Any]) -> ClinicSettings:
    """ClinicSettings from the program settings dict; keys that are absent give empty values."""
    return ClinicSettings(name=str(values.get("clinic_name", "")), address=str(values.get("clinic_address", "")),
                          logo_path=str(values.get("clinic_logo", "")),
                          cjk_font_path=str(values.get("report_cjk_font", "")))
