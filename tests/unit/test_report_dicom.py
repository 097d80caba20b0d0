"""`retina-review report --dicom`: the PDF as an Encapsulated PDF object in the source study, read back."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pydicom import dcmread, uid

from annotations.dicom.reader import read_patient
from annotations.dicom.report_object import read_report_pdf, report_dicom_bytes
from annotations.document import PatientInfo
from app.cli import main
from tests.dicom_files import PATIENT, STUDY_UID, write_dicom
from tests.unit.test_inference_fixtures import synthetic_fundus
from tests.unit.test_report_cli import _image
from tests.unit.test_report_pdf import extract_text


def test_a_report_on_dicom_images_joins_their_study(tmp_path: Path) -> None:
    right = write_dicom(tmp_path / "right.dcm", synthetic_fundus(128, 96))
    left = write_dicom(tmp_path / "left.dcm", synthetic_fundus(128, 96, seed=1), laterality="L")
    pdf_file, dicom_file = tmp_path / "report.pdf", tmp_path / "report.dcm"
    assert main(["report", str(right), str(left), "--out", str(pdf_file), "--dicom", str(dicom_file),
                 "--no-analysis"]) == 0
    report = dcmread(dicom_file)
    assert report.SOPClassUID == uid.EncapsulatedPDFStorage and report.Modality == "DOC"
    assert report.file_meta.TransferSyntaxUID == uid.ExplicitVRLittleEndian
    assert report.StudyInstanceUID == STUDY_UID
    for key in ("PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "AccessionNumber", "StudyID"):
        assert report.get(key) == PATIENT[key], key
    assert str(report.PatientName) == PATIENT["PatientName"]
    sources = {dcmread(p).SOPInstanceUID for p in (right, left)}
    assert {item.ReferencedSOPInstanceUID for item in report.SourceInstanceSequence} == sources
    assert report.SeriesInstanceUID not in {dcmread(p).SeriesInstanceUID for p in (right, left)}
    assert report.MIMETypeOfEncapsulatedDocument == "application/pdf"
    pdf = read_report_pdf(dicom_file)
    assert pdf == pdf_file.read_bytes() and pdf.startswith(b"%PDF-")
    text = extract_text(pdf, tmp_path)
    assert "Jane Q Doe" in text and "OD (right eye)" in text and "OS (left eye)" in text


def test_a_report_on_photos_starts_a_new_study_with_the_given_patient(tmp_path: Path) -> None:
    photo = _image(tmp_path / "eye.png")
    uids = set()
    for run in range(2):
        out = tmp_path / f"report{run}.dcm"
        assert main(["report", str(photo), "--dicom", str(out), "--no-analysis", "--patient-name", "李华",
                     "--patient-id", "P9", "--sex", "M", "--exam-date", "2024-03-01"]) == 0
        report = dcmread(out)
        assert (str(report.PatientName), report.PatientID, report.PatientSex, report.StudyDate) == (
            "李华", "P9", "M", "20240301")
        assert "SourceInstanceSequence" not in report and read_report_pdf(out).startswith(b"%PDF-")
        uids.add(report.StudyInstanceUID)
    assert len(uids) == 2 and not (tmp_path / "report0.pdf").exists()


def test_odd_length_pdfs_come_back_byte_for_byte(tmp_path: Path) -> None:
    pdf = b"%PDF-1.4 odd"
    (tmp_path / "r.dcm").write_bytes(report_dicom_bytes(pdf, PatientInfo(name="A"), [], "Report"))
    assert read_report_pdf(tmp_path / "r.dcm") == pdf
    with pytest.raises(ValueError, match="not a PDF"):
        report_dicom_bytes(b"<html>", PatientInfo(), [], "Report")


def test_report_needs_somewhere_to_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(_image(tmp_path / "eye.png")), "--no-analysis"]) == 2
    assert "--dicom" in capsys.readouterr().err


ENCAPSULATED_PDF_TYPE_1 = (  # PS3.3 A.45.1: the modules of the Encapsulated PDF IOD, attributes that need a value
    "SOPClassUID", "SOPInstanceUID", "StudyInstanceUID", "Modality", "SeriesInstanceUID", "SeriesNumber",
    "InstanceNumber", "ConversionType", "BurnedInAnnotation", "MIMETypeOfEncapsulatedDocument",
    "EncapsulatedDocument")
ENCAPSULATED_PDF_TYPE_2 = (  # ... and those that must be present, empty or not
    "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime", "ReferringPhysicianName",
    "StudyID", "AccessionNumber", "Manufacturer", "ContentDate", "ContentTime", "AcquisitionDateTime",
    "DocumentTitle", "ConceptNameCodeSequence")


def test_a_chinese_patients_report_round_trips_in_utf8_with_every_mandatory_attribute(tmp_path: Path) -> None:
    source = write_dicom(tmp_path / "eye.dcm", synthetic_fundus(128, 96), header={
        "SpecificCharacterSet": "GB18030", "PatientName": "王^小明", "PatientID": "CN-001"})
    photo = _image(tmp_path / "photo.png")
    shown = read_patient(dcmread(source))
    assert (shown.name, shown.patient_id, shown.sex) == ("王小明", "CN-001", "F")
    for image, extra in ((source, []), (photo, ["--patient-name", "王小明", "--patient-id", "CN-001", "--sex", "F"])):
        out = tmp_path / f"{image.stem}-report.dcm"
        assert main(["report", str(image), "--dicom", str(out), "--no-analysis", *extra]) == 0
        report = dcmread(out)
        assert report.SpecificCharacterSet == "ISO_IR 192" and out.read_bytes().count("王".encode()) == 1
        for key in ENCAPSULATED_PDF_TYPE_1:
            assert report.get(key) not in (None, ""), key
        for key in ENCAPSULATED_PDF_TYPE_2:
            assert key in report, key
        again = read_patient(report)
        assert (again.name, again.patient_id, again.sex) == (shown.name, shown.patient_id, shown.sex), image
        assert "王小明" in extract_text(read_report_pdf(out), tmp_path)
    assert str(dcmread(tmp_path / "eye-report.dcm").PatientName) == "王^小明"  # the header's components kept


def test_a_reports_dicom_object_names_the_patient_its_pdf_prints(tmp_path: Path) -> None:
    """A header without the patient's name and ID, and a sex the reader corrected: the archive's object carried the
    header's (empty name and ID, F) while the PDF in it printed 张三, Z-9, male."""
    source = write_dicom(tmp_path / "eye.dcm", synthetic_fundus(128, 96),
                         header={"PatientName": None, "PatientID": None})
    out = tmp_path / "report.dcm"
    assert main(["report", str(source), "--dicom", str(out), "--no-analysis", "--patient-name", "张三",
                 "--patient-id", "Z-9", "--sex", "M"]) == 0
    report = dcmread(out)
    assert (str(report.PatientName), report.PatientID, report.PatientSex) == ("张三", "Z-9", "M")
    assert report.PatientBirthDate == PATIENT["PatientBirthDate"] and report.StudyInstanceUID == STUDY_UID
    assert "张三" in extract_text(read_report_pdf(out), tmp_path)


def test_a_corrected_patient_id_is_filed_as_a_study_of_its_own_and_said(tmp_path: Path, capsys) -> None:
    """The camera filed the photo under a mistyped ID; the reader reports it under the right one. In the images'
    study, the archive would hold one study of two patients, which it refuses or quarantines: the report starts its
    own study (no accession number or issuer of the images' ID), still pointing at the images."""
    source = write_dicom(tmp_path / "eye.dcm", synthetic_fundus(128, 96), header={"IssuerOfPatientID": "CAMERA"})
    out = tmp_path / "report.dcm"
    assert main(["report", str(source), "--dicom", str(out), "--no-analysis", "--patient-id", "RIGHT-1"]) == 0
    assert f"not the one in the images' DICOM header ({PATIENT['PatientID']})" in capsys.readouterr().err
    report = dcmread(out)
    assert report.PatientID == "RIGHT-1" and report.StudyInstanceUID != STUDY_UID
    assert report.AccessionNumber == "" and report.StudyID == "" and "IssuerOfPatientID" not in report
    assert report.StudyDate == PATIENT["StudyDate"] and str(report.PatientName) == PATIENT["PatientName"]
    assert [item.ReferencedSOPInstanceUID for item in report.SourceInstanceSequence] == [dcmread(source).SOPInstanceUID]
    same = tmp_path / "same.dcm"  # the header's own ID, given again: the images' study, nothing said
    assert main(["report", str(source), "--dicom", str(same), "--no-analysis", "--patient-id",
                 PATIENT["PatientID"]]) == 0
    assert "DICOM header" not in capsys.readouterr().err
    assert dcmread(same).StudyInstanceUID == STUDY_UID and dcmread(same).IssuerOfPatientID == "CAMERA"


def test_the_report_dialog_warns_before_a_corrected_id_is_filed_apart() -> None:
    from annotations.document import CaseDocument
    from annotations.patients import report_warnings

    doc = CaseDocument(case_id="c", image_path="eye.dcm", width=10, height=10)

    def warned(patient_id: str, header_ids: list[str]) -> bool:
        return any("DICOM header" in warning for warning in report_warnings(
            [doc], ["eye.dcm"], [False], patient_id=patient_id, header_ids=header_ids))
    assert warned("RIGHT-1", ["TYPO-1"]) and warned("", ["TYPO-1"])  # corrected, or cleared for the printout
    assert not warned("TYPO-1", ["TYPO-1"]) and not warned("RIGHT-1", [""]) and not warned("RIGHT-1", [])


@pytest.mark.parametrize("on_dicom", [False, True])
def test_a_date_that_names_no_day_is_filed_as_unknown_not_as_typed(tmp_path: Path, on_dicom: bool) -> None:
    """A birth or exam date recorded as typed (12/03/1958: which day?) went into the DA elements as it was, values no
    archive reads; the report's PDF still prints it as typed."""
    undated = {"StudyDate": None}  # the exam date is then the report's
    files = [write_dicom(tmp_path / "eye.dcm", synthetic_fundus(64, 48), header=undated)] if on_dicom else []
    patient = PatientInfo(patient_id=PATIENT["PatientID"], birth_date="12/03/1958", exam_date="1/12/2026")
    report = dcmread(BytesIO(report_dicom_bytes(b"%PDF-1.4 r", patient, files, "Report")))
    assert (report.PatientBirthDate, report.StudyDate) == ("", "")
    patient = PatientInfo(patient_id=PATIENT["PatientID"], birth_date="1958-03-12", exam_date="2026-12-01")
    report = dcmread(BytesIO(report_dicom_bytes(b"%PDF-1.4 r", patient, files, "Report")))
    assert (report.PatientBirthDate, report.StudyDate) == ("19580312", "20261201")
