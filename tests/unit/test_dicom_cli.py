"""`retina-review analyze` and `report` take DICOM files like photos; the report shows the header's patient."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import uid

from annotations.workspace import Workspace
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


def test_analyze_into_a_workspace_analyses_every_b_scan_of_a_volume_as_analyse_all_does(
        tmp_path: Path, no_installed_models: None, capsys) -> None:  # noqa: F811, ANN001
    volume = np.stack([np.full((64, 96), 20 * i, np.uint8) for i in range(5)])
    folder = tmp_path / "scans"
    folder.mkdir()
    source = write_dicom(folder / "oct.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True)
    Workspace.open(folder).close()  # the folder as the window leaves it
    assert main(["analyze", str(source), "--workspace", str(folder), "--out", str(tmp_path / "out"),
                 "--device", "cpu"]) == 0
    printed = capsys.readouterr()
    assert "5 of 5 images analysed" in printed.out and "5 AI result(s) stored" in printed.out
    for number in range(1, 6):
        assert f"{number}/5 'oct.dcm', B-scan {number}" in printed.err  # progress per B-scan
        report = json.loads((tmp_path / "out" / f"oct_b{number:03d}.json").read_text())
        assert report["quality"]["reason"].startswith("OCT scan"), report["quality"]
    with Workspace.open(folder) as workspace:
        volume_case = workspace.cases()[0].case_id
        for number in range(1, 6):
            stored = workspace.load_case(workspace.bscan_case_id(volume_case, number)).ai
            assert stored is not None and stored.quality == json.loads(
                (tmp_path / "out" / f"oct_b{number:03d}.json").read_text())["quality"], number


def test_analyze_progress_names_each_case_by_its_path_in_the_workspace_and_a_file_alone_by_its_name(
        tmp_path: Path, no_installed_models: None, capsys) -> None:  # noqa: F811, ANN001
    folder = tmp_path / "cases"
    for side in ("left", "right"):
        (folder / side).mkdir(parents=True)
        Image.fromarray(synthetic_fundus(80, 60)).save(folder / side / "img0.png")
    (folder / "scans").mkdir()
    bscans = np.stack([np.full((64, 96), 20 * i, np.uint8) for i in range(3)])
    volume = write_dicom(folder / "scans" / "oct.dcm", bscans, uid.OphthalmicTomographyImageStorage, frames=True)
    Workspace.open(folder).close()
    inputs = [str(folder / name) for name in ("left", "right", "scans")]
    assert main(["analyze", *inputs, "--workspace", str(folder), "--device", "cpu"]) == 0
    said = capsys.readouterr().err
    for name in ("1/5 'left/img0.png'", "2/5 'right/img0.png'", "3/5 'scans/oct.dcm', B-scan 1",
                 "4/5 'scans/oct.dcm', B-scan 2", "5/5 'scans/oct.dcm', B-scan 3"):
        assert name in said, name
    assert main(["analyze", str(volume), "--out", str(tmp_path / "out"), "--device", "cpu"]) == 0
    said = capsys.readouterr().err
    assert "'oct.dcm', B-scan 2" in said and "'scans/" not in said  # alone: by its name, and its shown B-scan


def test_a_volume_given_twice_is_analysed_once_and_named_by_its_b_scans(
        tmp_path: Path, no_installed_models: None, capsys) -> None:  # noqa: F811, ANN001
    folder = tmp_path / "cases"
    (folder / "scans").mkdir(parents=True)
    bscans = np.stack([np.full((64, 96), 20 * i, np.uint8) for i in range(3)])
    volume = write_dicom(folder / "scans" / "oct.dcm", bscans, uid.OphthalmicTomographyImageStorage, frames=True)
    Workspace.open(folder).close()
    assert main(["analyze", str(folder / "scans"), str(volume), "--workspace", str(folder), "--device", "cpu"]) == 0
    progress = [line for line in capsys.readouterr().err.splitlines() if line.startswith("analyze")]
    assert "3/3 'scans/oct.dcm', B-scan 3" in progress[-1]  # by its folder and as the file: each B-scan once
    assert not [line for line in progress if "#frame=" in line], progress


def test_a_b_scan_that_fails_is_named_by_its_volume_as_given_and_its_number_not_by_its_address(
        tmp_path: Path, no_installed_models: None, capsys) -> None:  # noqa: F811, ANN001
    folder = tmp_path / "cases"
    folder.mkdir()
    bscans = np.random.default_rng(0).integers(0, 255, (3, 64, 96), dtype=np.uint8)
    volume = write_dicom(folder / "oct.dcm", bscans, uid.OphthalmicTomographyImageStorage, syntax=uid.RLELossless,
                         frames=True)
    Workspace.open(folder).close()
    before = volume.stat()
    data = bytearray(volume.read_bytes())
    headers = [at for at in range(len(data)) if data[at:at + 8] == bytes([1, 0, 0, 0, 64, 0, 0, 0])]
    data[headers[2]] = 3  # B-scan 3's RLE header claims 3 segments: only it fails to decode
    volume.write_bytes(bytes(data))
    os.utime(volume, ns=(before.st_atime_ns, before.st_mtime_ns))  # the catalogue still takes it as scanned
    assert main(["analyze", str(volume), "--workspace", str(folder), "--device", "cpu"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: '{volume}', B-scan 3: the pixel data"), errors


def test_a_b_scans_output_name_that_another_photo_already_has_is_planned_apart_before_anything_is_analysed(
        tmp_path: Path, no_installed_models: None, capsys) -> None:  # noqa: F811, ANN001
    volume = np.stack([np.full((64, 96), 20 * i, np.uint8) for i in range(3)])
    folder = tmp_path / "scans"
    folder.mkdir()
    source = write_dicom(folder / "oct.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True)
    photo = folder / "oct_b001.png"
    Image.fromarray(synthetic_fundus(80, 60)).save(photo)
    Workspace.open(folder).close()
    out = tmp_path / "out"
    assert main(["analyze", str(source), str(photo), "--workspace", str(folder), "--out", str(out),
                 "--device", "cpu"]) == 0
    printed = capsys.readouterr()
    assert "4 of 4 images analysed" in printed.out and "4 AI result(s) stored" in printed.out
    note = next(line for line in printed.err.splitlines() if line.startswith("note:"))
    assert f"'{source}', B-scan 1 -> 'oct_b001_" in note and f"'{photo}' -> 'oct_b001_" in note, note  # by the rule
    assert "#frame=" not in note, note
    reports = [json.loads(path.read_text()) for path in sorted(out.glob("*.json"))]
    assert len(reports) == 4 and not (out / "oct_b001.json").exists()
    assert sorted(report["image_size"]["width"] for report in reports) == [80, 96, 96, 96]  # the photo's kept too


def test_analyze_help_says_a_volume_writes_one_output_per_b_scan_into_a_workspace(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    assert "STEM_bNNN.*" in " ".join(capsys.readouterr().out.split())


def test_a_report_on_a_b_scan_of_a_volume_names_that_b_scan(tmp_path: Path) -> None:
    """By its case id in the workspace, or by the volume's file (its shown, middle B-scan): the PDF said neither."""
    folder = tmp_path / "scans"
    folder.mkdir()
    volume = np.stack([np.full((64, 96), 20 * i, np.uint8) for i in range(7)])
    write_dicom(folder / "oct.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True)
    with Workspace.open(folder) as ws:
        bscan = ws.bscan_case_id(ws.cases()[0].case_id, 2)
    for given, expected in (([bscan, "--workspace", str(folder)], "'oct.dcm', B-scan 2"),
                            ([str(folder / "oct.dcm")], "'oct.dcm', B-scan 4")):
        out = tmp_path / "report.pdf"
        assert main(["report", *given, "--out", str(out), "--no-analysis", "--overwrite"]) == 0
        assert f"Images — OD (right eye): {expected}" in " ".join(extract_text(out.read_bytes(), tmp_path).split())


def test_a_grey_capture_whose_modality_tag_says_photo_is_analysed_as_a_photo_alone_and_into_a_workspace(
        tmp_path: Path, no_installed_models: None) -> None:  # noqa: F811
    """A probe's grey RGB capture of Modality OP (40x60) was analysed as an OCT scan."""
    folder = tmp_path / "cases"
    folder.mkdir()
    grey = np.full((40, 60, 3), 90, np.uint8)
    source = write_dicom(folder / "photo.dcm", grey, uid.SecondaryCaptureImageStorage, header={"Modality": "OP"})
    Workspace.open(folder).close()
    for into in ([], ["--workspace", str(folder)]):
        out = tmp_path / f"out{len(into)}"
        assert main(["analyze", str(source), *into, "--out", str(out), "--device", "cpu"]) == 0
        reason = json.loads((out / "photo.json").read_text())["quality"]["reason"]
        assert not reason.startswith("OCT scan"), (into, reason)
