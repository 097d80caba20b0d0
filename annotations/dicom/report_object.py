"""A report PDF as a DICOM Encapsulated PDF object, so a clinic can file it in its archive (PACS) with the study.

When the report was made from DICOM images the object joins their study: it copies the patient and study
identifiers (Study Instance UID, accession number, ...) from the first of them and lists every source image in its
Source Instance Sequence. Otherwise, or where the report's patient ID is not the one their headers record (a
reader's correction: an archive refuses a study of two patients; annotations.patients.files_apart_from_images), it
starts a new study (new UIDs, no accession number). Either way its patient is the one the PDF prints (a name, ID,
birth date or sex the header lacks, or the reader corrected or cleared, is the report's), and it is a new series and
instance of modality DOC.
"""
from __future__ import annotations

import copy
import datetime as _dt
import io
import os
from pathlib import Path
from typing import Sequence

import pydicom
from pydicom import uid
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence as DicomSequence

from annotations.dicom import looks_like_dicom
from annotations.dicom.reader import header_text, read_dicom_header, read_patient
from annotations.frames import split_frame
from annotations.document import PatientInfo
from annotations.patients import files_apart_from_images, read_date

PATIENT_KEYS = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")
STUDY_KEYS = ("StudyInstanceUID", "StudyDate", "StudyTime", "StudyID", "AccessionNumber", "ReferringPhysicianName",
              "StudyDescription")
TYPE2_KEYS = ("PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime", "StudyID",
              "AccessionNumber", "ReferringPhysicianName")  # required to be present, even when empty
_SEX = {"F": "F", "M": "M", "X": "O"}
Source = str | os.PathLike | Dataset  # an image file, or its DICOM header already read


def report_dicom_bytes(pdf: bytes, patient: PatientInfo, sources: Sequence[Source], title: str,
                       manufacturer: str = "RetinaReview") -> bytes:
    """``pdf`` as an Encapsulated PDF object whose Document Title is ``title`` (in the report's language:
    app.report.text.dicom_title); ``sources`` are the report's image files (only the DICOM ones are used), or the
    header of one as it was read with its pixels (not read again)."""
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("the report to encapsulate is not a PDF")
    headers = _source_headers(sources)
    now = _dt.datetime.now()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = uid.EncapsulatedPDFStorage
    meta.MediaStorageSOPInstanceUID = uid.generate_uid()
    meta.TransferSyntaxUID = uid.ExplicitVRLittleEndian
    ds = FileDataset("report.dcm", Dataset(), file_meta=meta, preamble=b"\0" * 128)
    ds.SpecificCharacterSet = "ISO_IR 192"  # UTF-8: names in any script
    ds.SOPClassUID, ds.SOPInstanceUID = uid.EncapsulatedPDFStorage, meta.MediaStorageSOPInstanceUID
    if headers:
        apart = files_apart_from_images(patient.patient_id, _patient_ids(headers))
        _copy(headers[0], ds, PATIENT_KEYS + STUDY_KEYS)
        _report_patient_over_header(ds, headers[0], patient)
        if apart:
            _study_of_its_own(ds)
    else:
        _patient_from_record(ds, patient, now)
    ds.Modality, ds.SeriesInstanceUID, ds.SeriesNumber, ds.InstanceNumber = "DOC", uid.generate_uid(), 1, 1
    ds.Manufacturer, ds.ConversionType = manufacturer, "WSD"  # made on a workstation
    ds.ContentDate, ds.ContentTime = now.strftime("%Y%m%d"), now.strftime("%H%M%S")
    ds.AcquisitionDateTime = now.strftime("%Y%m%d%H%M%S")
    ds.BurnedInAnnotation = "YES"  # the PDF prints the patient's name and ID
    ds.DocumentTitle = title
    ds.ConceptNameCodeSequence = DicomSequence()
    ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
    ds.EncapsulatedDocument = pdf + (b"\0" if len(pdf) % 2 else b"")  # DICOM values have even length
    ds.EncapsulatedDocumentLength = len(pdf)
    if headers:
        ds.SourceInstanceSequence = DicomSequence([_reference(h) for h in headers])
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()


def is_report_object(path: Path) -> bool:
    """Whether ``path`` is a DICOM Encapsulated PDF object (an earlier report), not an image or anything else."""
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["SOPClassUID"])
    except (pydicom.errors.InvalidDicomError, OSError, ValueError, EOFError):
        return False
    return ds.get("SOPClassUID") == uid.EncapsulatedPDFStorage


def read_report_pdf(path: str | os.PathLike) -> bytes:
    """The PDF inside an Encapsulated PDF object, without the padding byte."""
    ds = pydicom.dcmread(path)
    data = bytes(ds.EncapsulatedDocument)
    return data[: int(ds.get("EncapsulatedDocumentLength", len(data)))]


def _source_header(source: Source) -> Dataset | None:
    if isinstance(source, Dataset):
        return source
    path = Path(split_frame(source)[0])  # a B-scan of a volume (annotations.frames) lends the volume's study
    if not looks_like_dicom(path):
        return None
    return read_dicom_header(path)[0]  # read as the case was: a file without preamble or file meta too


TEXT_VRS = frozenset({"PN", "LO", "SH", "ST", "LT", "UT", "CS"})


def _copy(source: Dataset, target: Dataset, keys: Sequence[str]) -> None:
    """The values of ``keys`` in the source; text as it reads (header_text), written in the report's UTF-8: an
    element copied whole kept the source's ISO 2022 escape bytes under a UTF-8 character set."""
    for key in keys:
        if key in source:
            element = copy.deepcopy(source[key])  # the source's own element, changed below, would change it too
            target[key] = element
            if element.VR in TEXT_VRS and element.VM == 1 and element.value is not None:
                setattr(target, key, header_text(element.value))
    for key in TYPE2_KEYS:
        if key not in target:
            setattr(target, key, "")
    if "StudyInstanceUID" not in target:
        target.StudyInstanceUID = uid.generate_uid()


def _report_patient_over_header(ds: Dataset, header: Dataset, patient: PatientInfo) -> None:
    """The report's patient where it says other than the header (as read_patient shows it): what the reader filled
    in, corrected or cleared (a name left out of the printout for anonymity was still filed from the header). Where
    both say the same the header's element stays, so a name keeps its DICOM components and groups (``Doe^Jane``,
    shown as Jane Doe; ``Wang^Xiaoming=王^小明``). The exam date the PDF prints is the study's where the header has
    none (the date of the acquisition)."""
    shown = read_patient(header)
    if (patient.name, patient.ideographic_name) != (shown.name, shown.ideographic_name):
        ds.PatientName = _person_name(patient)
    if patient.patient_id != shown.patient_id:
        ds.PatientID = patient.patient_id
    if patient.birth_date != shown.birth_date:
        ds.PatientBirthDate = _dicom_date(patient.birth_date)
    if patient.sex != shown.sex:
        ds.PatientSex = _SEX.get(patient.sex, "")
    if patient.exam_date and not str(ds.get("StudyDate") or "").strip():
        ds.StudyDate = _dicom_date(patient.exam_date)


def images_patient_ids(sources: Sequence[Source]) -> list[str]:
    """The patient ID each DICOM image among ``sources`` records ("" where none)."""
    return _patient_ids(_source_headers(sources))


def _source_headers(sources: Sequence[Source]) -> list[Dataset]:
    """The headers of the DICOM images among ``sources``, in order."""
    return [header for header in map(_source_header, sources) if header is not None]


def _patient_ids(headers: Sequence[Dataset]) -> list[str]:
    return [read_patient(header).patient_id for header in headers]


def _study_of_its_own(ds: Dataset) -> None:
    """A new study for a report of another patient ID than its images': the images' study, order and issuer of the
    ID are theirs; its date stays the exam's."""
    ds.StudyInstanceUID = uid.generate_uid()
    ds.AccessionNumber, ds.StudyID = "", ""
    if "IssuerOfPatientID" in ds:
        del ds.IssuerOfPatientID


def _patient_from_record(ds: Dataset, patient: PatientInfo, now: _dt.datetime) -> None:
    ds.PatientName = _person_name(patient)
    ds.PatientID = patient.patient_id
    ds.PatientBirthDate = _dicom_date(patient.birth_date)
    ds.PatientSex = _SEX.get(patient.sex, "")
    ds.StudyInstanceUID = uid.generate_uid()
    ds.StudyDate = _dicom_date(patient.exam_date or now.date().isoformat())
    for key in TYPE2_KEYS:
        if key not in ds:
            setattr(ds, key, "")


def _person_name(patient: PatientInfo) -> str:
    """The patient's name as a PN value: its ideographic form in a group of its own (``Xiaoming Wang=王小明``)."""
    return f"{patient.name}={patient.ideographic_name}" if patient.ideographic_name else patient.name


def _dicom_date(text: str) -> str:
    """An ISO date as a DICOM DA (YYYYMMDD); "" (unknown) for text that names no date: a date recorded as typed
    (12/03/1958, which day?) was written as it is, a DA no archive reads."""
    day = read_date(text)
    return day.strftime("%Y%m%d") if day is not None else ""


def _reference(header: Dataset) -> Dataset:
    item = Dataset()
    item.ReferencedSOPClassUID = header.SOPClassUID
    item.ReferencedSOPInstanceUID = header.SOPInstanceUID
    return item
