"""`report` on a DICOM file reads its header once: the pixels, the new case (patient, eye), the B-scan count, the
modality and the DICOM report's study all come from that read. It read the header four times, six with --dicom:
each read is a round trip on a network share."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom import uid

from app.cli import main
from tests.dicom_files import STUDY_UID, counted_header_reads, fundus_rgb, write_dicom
from tests.unit.test_report_pdf import extract_text

VOLUME = np.stack([np.full((64, 96), 20 * i, np.uint8) for i in range(5)])


PHOTO = "Diabetic retinopathy screening report", "Images — OD (right eye) Original"
OCT = "OCT report", "Images — OD (right eye): 'eye.dcm', B-scan 3"  # of the volume's shown B-scan, by its number


@pytest.mark.parametrize("sop_class, pixels, frames, shown", [
    (uid.OphthalmicPhotography8BitImageStorage, fundus_rgb(), False, PHOTO),
    (uid.OphthalmicTomographyImageStorage, VOLUME, True, OCT),
    (uid.SecondaryCaptureImageStorage, fundus_rgb(), False, PHOTO),  # its header says no modality: its pixels do
], ids=["photo", "oct-volume", "secondary-capture"])
def test_a_report_reads_its_dicom_images_header_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     sop_class: str, pixels: np.ndarray, frames: bool,
                                                     shown: tuple[str, str]) -> None:
    source = write_dicom(tmp_path / "eye.dcm", pixels, sop_class, frames=frames,
                         header={"Modality": "OT"} if sop_class == uid.SecondaryCaptureImageStorage else None)
    dcmread = pydicom.dcmread
    reads = counted_header_reads(monkeypatch)
    out, filed = tmp_path / "report.pdf", tmp_path / "report.dcm"
    assert main(["report", str(source), "--out", str(out), "--dicom", str(filed), "--no-analysis"]) == 0
    assert len(reads) == 1, reads
    monkeypatch.setattr(pydicom, "dcmread", dcmread)
    text = " ".join(extract_text(out.read_bytes(), tmp_path).split())
    for expected in ("Patient Jane Q Doe Patient ID P-0042", "Eye OD (right eye)", *shown):  # the header's patient
        assert expected in text, expected
    report = pydicom.dcmread(filed)
    assert report.StudyInstanceUID == STUDY_UID and report.PatientName == "Doe^Jane^Q"  # filed with the image's study
    assert report.SourceInstanceSequence[0].ReferencedSOPInstanceUID == pydicom.dcmread(source).SOPInstanceUID
