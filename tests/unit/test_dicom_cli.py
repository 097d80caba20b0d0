"""`retina-review analyze` and `report` take DICOM files like photos; the report shows the header's patient."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from pydicom import uid

from app.cli import main
from tests.dicom_files import write_dicom
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import synthetic_fundus
from tests.unit.test_report_pdf import extract_text


def test_analyze_reads_dicom_files_and_folders(tmp_path: Path, no_installed_models: None) -> None:  # noqa: F811
    folder = tmp_path / "dicom"
    folder.mkdir()
    write_dicom(folder / "photo.dcm", synthetic_fundus(160, 120), syntax=uid.JPEGBaseline8Bit)
    write_dicom(folder / "IM0002", synthetic_fundus(131, 97, seed=1))
    (folder / "broken.dcm").write_bytes(b"not dicom at all")
    out = tmp_path / "out"
    assert main(["analyze", str(folder), "--out", str(out), "--device", "cpu"]) == 1  # broken.dcm fails alone
    for stem, (width, height) in (("photo", (160, 120)), ("IM0002", (131, 97))):
        report = json.loads((out / f"{stem}.json").read_text())
        assert report["image_size"] == {"width": width, "height": height}
        assert "gradable" in report["quality"]
    assert not (out / "broken.json").exists()


def test_report_on_a_dicom_file_carries_its_patient(tmp_path: Path) -> None:
    source = write_dicom(tmp_path / "eye.dcm", synthetic_fundus(128, 96))
    out = tmp_path / "report.pdf"
    assert main(["report", str(source), "--out", str(out), "--no-analysis"]) == 0
    text = extract_text(out.read_bytes(), tmp_path)
    for expected in ("Jane Q Doe", "P-0042", "OD (right eye)", "female", "10 Jan 2024"):
        assert expected in text, expected


def test_an_oct_volume_is_analysed_as_oct_on_its_middle_b_scan(tmp_path: Path,
                                                        no_installed_models: None) -> None:  # noqa: F811
    volume = np.stack([np.full((64, 96), 20 * i, np.uint8) for i in range(5)])
    source = write_dicom(tmp_path / "oct.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True)
    assert main(["analyze", str(source), "--out", str(tmp_path / "out"), "--device", "cpu"]) == 0  # no --oct
    report = json.loads((tmp_path / "out" / "oct.json").read_text())
    assert report["image_size"] == {"width": 96, "height": 64}
    assert report["quality"]["reason"].startswith("OCT scan"), report["quality"]
