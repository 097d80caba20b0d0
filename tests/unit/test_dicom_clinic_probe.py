"""What a clinic's DICOM files met (a probe of session 47): reports and DICOMDIRs beside the photos are no cases, files
named by their UIDs are, ISO 2022 IR 58 names read without their escape sequences, the age follows the dates, and
the DICOM report files the patient the PDF prints, a cleared field too."""
from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Callable

import pytest
from pydicom import dcmread, uid

from annotations import messages as file_messages
from annotations.dicom import frame_count, is_dicom_document, looks_like_dicom
from annotations.dicom import messages as dicom_messages
from annotations.dicom.reader import read_patient
from annotations.dicom.report_object import report_dicom_bytes
from annotations.document import PatientInfo
from annotations.image_io import ImageLoadError, is_case_image, is_image_file, load_image, read_image_info
from annotations.patients import detail_differences, other_patients
from annotations.workspace.scan import scan_images
from app.cli import main
from tests.dicom_files import PATIENT, fundus_rgb, without_file_meta, without_preamble, write_dicom

PDF = b"%PDF-1.4\n%%EOF\n"
WANG_ISO_2022 = b"=\x1b$)A\xcd\xf5^\x1b$)A\xd0\xa1\xc3\xf7 "  # =王^小明 in ISO 2022 IR 58 (GB 2312 after ESC $ ) A)


def _iso_2022_name(path: Path) -> Path:
    write_dicom(path, fundus_rgb(), header={"SpecificCharacterSet": ["", "ISO 2022 IR 58"]})
    ds = dcmread(path)
    ds.add_new(0x00100010, "PN", WANG_ISO_2022)  # raw bytes, as the device wrote them
    ds.save_as(path)
    return path


def test_a_report_and_a_dicomdir_beside_the_photos_are_no_cases(tmp_path: Path) -> None:
    photo = write_dicom(tmp_path / "eye.dcm", fundus_rgb())
    report = tmp_path / "report_P-0042_OD.dcm"
    report.write_bytes(report_dicom_bytes(PDF, PatientInfo(), [photo], "Report"))
    dicomdir = write_dicom(tmp_path / "DICOMDIR", fundus_rgb(), sop_class=uid.MediaStorageDirectoryStorage)
    assert is_image_file(report) and is_dicom_document(report) and not is_case_image(report)
    assert is_dicom_document(dicomdir) and not is_dicom_document(photo) and is_case_image(photo)
    for name, sop_class in (("field.dcm", "1.2.840.10008.5.1.4.1.1.80.1"),  # a visual field
                            ("axial.dcm", "1.2.840.10008.5.1.4.1.1.78.7"),  # axial measurements
                            ("stereo.dcm", "1.2.840.10008.5.1.4.1.1.77.1.5.3")):  # a stereo pair's relationship
        write_dicom(tmp_path / name, fundus_rgb(), sop_class=sop_class)
    assert scan_images(tmp_path) == ["eye.dcm"]  # the saved report had been listed as a failed case


def test_a_dicomdir_opened_says_what_it_is(tmp_path: Path) -> None:
    """Named to `analyze` or `report`: its class is in its file meta alone, and "the DICOM object has no pixel data"
    said nothing of a CD's index."""
    dicomdir = write_dicom(tmp_path / "DICOMDIR", fundus_rgb(), sop_class=uid.MediaStorageDirectoryStorage,
                           header={"SOPClassUID": None, "Modality": None, "PixelData": None})
    with pytest.raises(ImageLoadError, match=r"DICOMDIR: the DICOM object has no pixel data \(it is Media Storage "
                                             r"Directory Storage\)"):
        load_image(dicomdir)


def test_a_file_named_by_its_uid_is_a_case(tmp_path: Path) -> None:
    """A CD or PACS export names its files by their UIDs: "no images" was said of a folder of them."""
    named = write_dicom(tmp_path / "1.2.826.0.1.3680043.8.498.77", fundus_rgb())
    (tmp_path / "notes.2024").write_text("not DICOM")
    assert looks_like_dicom(named) and is_case_image(named) and not looks_like_dicom(tmp_path / "notes.2024")
    assert scan_images(tmp_path) == [named.name]
    from annotations.output_names import plan_stems
    series = [f"1.2.826.0.1.3680043.8.498.{n}" for n in (77, 78, 79)]
    assert plan_stems(series, flat=True) == (series, [])  # they differ in their last part alone: kept


def test_a_file_without_preamble_named_without_an_extension_or_by_its_uid_is_a_case(tmp_path: Path) -> None:
    """An older device's file without the preamble, or an archive's bare data set named by its UID: it opens named
    .dcm, but such names were left out of the folder without a word."""
    without_preamble(write_dicom(tmp_path / "IM000001", fundus_rgb()))
    without_file_meta(write_dicom(tmp_path / "1.2.826.0.1.3680043.8.498.78", fundus_rgb(), laterality="L"))
    (tmp_path / "notes").write_bytes(b"\x08\x00 not DICOM" * 20)  # starts as group 0008, no element follows
    (tmp_path / "picture").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))  # a JPEG without its extension
    assert scan_images(tmp_path) == ["1.2.826.0.1.3680043.8.498.78", "IM000001"]
    assert read_image_info(tmp_path / "1.2.826.0.1.3680043.8.498.78").eye == "OS"
    assert load_image(tmp_path / "IM000001").shape == (48, 64, 3)


def test_a_name_in_iso_2022_ir_58_reads_without_its_escape_sequences(tmp_path: Path) -> None:
    path = _iso_2022_name(tmp_path / "wang.dcm")
    assert read_patient(dcmread(path)).name == "王小明"
    report = dcmread(io.BytesIO(report_dicom_bytes(PDF, read_patient(dcmread(path)), [path], "Report")))
    assert "\x1b" not in str(report.PatientName) and report.PatientName.ideographic == "王^小明"


def test_the_age_is_the_dates_where_the_header_has_both(tmp_path: Path) -> None:
    """A device's PatientAge is often the difference of the years: 78 was printed beside a 1 July birthday on 30
    June, at 77."""
    path = write_dicom(tmp_path / "a.dcm", fundus_rgb(), header={"PatientAge": "078Y", "PatientBirthDate": "19450701",
                                                                 "StudyDate": "20230630"})
    assert read_patient(dcmread(path)).age == 77
    path = write_dicom(tmp_path / "b.dcm", fundus_rgb(), header={"PatientAge": "078Y", "PatientBirthDate": None})
    assert read_patient(dcmread(path)).age == 78  # no birth date: the header's age
    path = write_dicom(tmp_path / "c.dcm", fundus_rgb(), header={"PatientAge": "077Y", "PatientBirthDate": "19450101",
                                                                 "StudyDate": "20230630"})
    assert read_patient(dcmread(path)).age == 77  # an anonymiser's 1 January: the header's age stands


@pytest.mark.parametrize("birth", ["18500615", "18500101", None], ids=["dated", "first-of-january", "no-birth-date"])
def test_a_stated_age_no_patient_has_is_no_age_as_the_dates_give_none(tmp_path: Path, birth: str | None) -> None:
    """A birth date of 1850 gave no age (patients.age_on, the panel's, over MAX_AGE) but the header's PatientAge
    "174Y" stood in its place, printed in the report: the stated age goes through the same rule."""
    path = write_dicom(tmp_path / "a.dcm", fundus_rgb(), header={"PatientAge": "174Y", "PatientBirthDate": birth,
                                                                 "StudyDate": "20240601"})
    assert read_patient(dcmread(path)).age is None
    path = write_dicom(tmp_path / "b.dcm", fundus_rgb(), header={"PatientAge": "074Y", "PatientBirthDate": birth,
                                                                 "StudyDate": "20240601"})
    assert read_patient(dcmread(path)).age == 74  # dates no patient has (date_checks says so): an age possible stands


@pytest.mark.filterwarnings("ignore:Invalid value for VR")  # pydicom's, of values DICOM asks readers to take
@pytest.mark.parametrize("header, birth, exam, age", [
    ({"PatientBirthDate": "1960.02.15", "StudyDate": "2024.01.10"}, "1960-02-15", "2024-01-10", 63),  # ACR-NEMA's
    ({"PatientBirthDate": None, "PatientAge": "45Y"}, "", "2024-01-10", 45),
    ({"PatientBirthDate": None, "PatientAge": "45"}, "", "2024-01-10", 45),
    ({"PatientBirthDate": None, "PatientAge": "030M"}, "", "2024-01-10", 2),
    ({"PatientBirthDate": None, "PatientAge": "1960.0215"}, "", "2024-01-10", None),
], ids=["dotted-dates", "age-unpadded", "age-without-unit", "age-in-months", "no-age"])
def test_dates_and_ages_as_devices_write_them_are_read(tmp_path: Path, header: dict[str, str | None], birth: str,
                                                       exam: str, age: int | None) -> None:
    """The birth and exam dates, and the age, were left empty: only YYYYMMDD and "045Y" were read."""
    patient = read_patient(dcmread(write_dicom(tmp_path / "eye.dcm", fundus_rgb(), header=header)))
    assert (patient.birth_date, patient.exam_date, patient.age) == (birth, exam, age)


def test_a_field_cleared_for_the_printout_is_cleared_in_the_filed_report_and_the_exam_date_is_the_studys(
        tmp_path: Path) -> None:
    photo = write_dicom(tmp_path / "eye.dcm", fundus_rgb(), header={"StudyDate": "", "AcquisitionDate": "20240505"})
    patient = read_patient(dcmread(photo))
    assert patient.exam_date == "2024-05-05"
    cleared = dataclasses.replace(patient, name="", birth_date="")
    report = dcmread(io.BytesIO(report_dicom_bytes(PDF, cleared, [photo], "Report")))
    assert str(report.PatientName) == "" and report.PatientBirthDate == ""  # the header's Doe^Jane^Q was filed
    assert report.PatientID == PATIENT["PatientID"] and report.StudyDate == "20240505"


def test_a_reports_cases_name_one_patient_or_say_what_differs() -> None:
    wang, wang_again = PatientInfo(patient_id="P-1", name="王小明"), PatientInfo(patient_id=" p-1 ", name="王晓明")
    assert other_patients([wang, wang_again, PatientInfo()]) == []
    assert other_patients([wang, PatientInfo(patient_id="P-2")]) == ["P-1", "P-2"]
    smith, doe = PatientInfo(name="John  Smith"), PatientInfo(name="Jane Doe")  # no IDs: the names tell them apart
    assert other_patients([smith, doe]) == ["Jane Doe", "John  Smith"]
    assert other_patients([smith, PatientInfo(patient_id="P-7", name="john smith")]) == []
    assert other_patients([PatientInfo(patient_id="P1", name="Jane Doe"), smith]) == ["Jane Doe", "John  Smith"]
    assert detail_differences([wang, wang_again]) == ["name 王小明 vs 王晓明"]
    assert detail_differences([wang, PatientInfo(patient_id="P-1", sex="F")]) == []  # one side records none


def test_the_command_line_warns_of_two_eyes_recording_different_details(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture) -> None:
    right = write_dicom(tmp_path / "right.dcm", fundus_rgb(96, 128))
    left = write_dicom(tmp_path / "left.dcm", fundus_rgb(96, 128), laterality="L",
                       header={"PatientBirthDate": "19600210"})
    assert main(["report", str(right), str(left), "--out", str(tmp_path / "r.pdf"), "--no-analysis"]) == 0
    assert "different patient details (birth date 1960-02-15 vs 1960-02-10)" in capsys.readouterr().err
    assert main(["report", str(right), str(left), "--out", str(tmp_path / "r2.pdf"), "--no-analysis",
                 "--birth-date", "1960-02-10", "--exam-date", "2024-01-10"]) == 0
    assert "different patient details" not in capsys.readouterr().err  # the date given is the one printed


@pytest.mark.parametrize("content", [b"\0" * 200, b"\xff\xd8\xff\xe0 a JPEG named .dcm"], ids=["zeros", "a-jpeg"])
def test_a_file_that_is_no_dicom_file_says_why_in_a_marked_reason(tmp_path: Path, content: bytes) -> None:
    """Its reason is a template the interface translates: "(no DICM marker, …)" was left English in Chinese."""
    path = tmp_path / "eye.dcm"
    path.write_bytes(content)
    with pytest.raises(ImageLoadError) as caught:
        load_image(path)
    said = [dicom_messages.NOT_PART_10.format(error=reason) for reason in file_messages.DECODER_REASONS]
    assert "eye.dcm" in str(caught.value) and any(reason in str(caught.value) for reason in said)


@pytest.mark.parametrize("read", [load_image, read_image_info, frame_count])
def test_an_empty_dicom_file_is_said_empty_as_an_empty_photo_is(tmp_path: Path, read: Callable[[Path], object]
                                                                ) -> None:
    """A failed copy (0 bytes) named .dcm was said "not a DICOM Part 10 file (no DICM marker, ...)" and to be
    exported from the device again, where copying it again is the cure."""
    errors = []
    for name, reader in (("eye.dcm", read), ("eye.jpg", load_image)):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(ImageLoadError) as caught:
            reader(tmp_path / name)
        errors.append(caught.value)
    dicom, photo = errors
    assert (dicom.reason, dicom.hint) == (photo.reason, photo.hint) == (file_messages.EMPTY_FILE,
                                                                        file_messages.RECOPY_FROM_SOURCE)
    assert str(dicom).startswith(f"{tmp_path / 'eye.dcm'}: ")
