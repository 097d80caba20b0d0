"""`retina-review report` takes a B-scan of an OCT volume by the address the grades CSV's Image path column writes
(``oct_vol.dcm#frame=2``, annotations.frames), as it takes a photo by its path."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from pydicom import uid

from annotations.document import ReaderGrade
from annotations.workspace import Workspace
from app.cli import main
from tests.dicom_files import write_dicom
from tests.unit.test_report_pdf import extract_text


def graded_volume(folder: Path) -> Path:
    """A volume of 5 B-scans in ``folder``, its B-scan 2 (not the shown one, 3) classed DRUSEN by the reader."""
    pixels = np.random.default_rng(0).integers(0, 255, (5, 32, 48), dtype=np.uint8)
    volume = write_dicom(folder / "oct_vol.dcm", pixels, sop_class=uid.OphthalmicTomographyImageStorage, frames=True)
    with Workspace.open(folder) as ws:
        (case,) = ws.cases()
        doc = ws.load_case(ws.bscan_case_id(case.case_id, 2))
        doc.grade = ReaderGrade(oct_class="DRUSEN")
        ws.save_case(doc)
    return volume


def exported_image_path(folder: Path, out: Path) -> str:
    assert main(["export", str(folder), "--format", "csv", "--out", str(out)]) == 0
    (table,) = out.glob("*.csv")
    (row,) = csv.DictReader(table.open(encoding="utf-8-sig"))
    return row["Image path"]


def report_text(inputs: list[str], tmp_path: Path, *options: str) -> str:
    out = tmp_path / "report.pdf"
    assert main(["report", *inputs, "--out", str(out), "--no-analysis", "--overwrite", *options]) == 0
    return extract_text(out.read_bytes(), tmp_path).replace(" ", "")  # a heading may wrap


def test_a_b_scan_is_reported_by_the_image_path_the_csv_export_writes(tmp_path: Path) -> None:
    """`report --workspace F "oct_vol.dcm#frame=2"` was refused: no case of F had this id or image path."""
    folder = tmp_path / "ws"
    folder.mkdir()
    graded_volume(folder)
    address = exported_image_path(folder, tmp_path / "csv")
    assert address == "oct_vol.dcm#frame=2"
    text = report_text([address], tmp_path, "--workspace", str(folder))
    assert "'oct_vol.dcm',B-scan2" in text and "Drusen" in text


def test_a_b_scan_is_reported_by_its_volumes_path_and_number_without_a_workspace_named(tmp_path: Path) -> None:
    """The address of a volume's file on disk reports that B-scan with the case its folder saved, as a photo's path
    does: the folder is found though only the B-scan's case, not the volume's own, was saved."""
    folder = tmp_path / "ws"
    folder.mkdir()
    volume = graded_volume(folder)
    text = report_text([f"{volume}#frame=2"], tmp_path)
    assert "'oct_vol.dcm',B-scan2" in text and "Drusen" in text
    assert "Drusen" not in report_text([str(volume)], tmp_path)  # the volume alone: its own case, B-scan 3


def test_a_b_scan_the_volume_does_not_have_is_refused_naming_its_count(tmp_path: Path, capsys) -> None:
    """Refused as the workspace refuses it, or as the file's reader does; not as no such case or image file."""
    folder = tmp_path / "ws"
    folder.mkdir()
    volume = graded_volume(folder)
    bare = write_dicom(tmp_path / "bare.dcm", np.zeros((5, 32, 48), np.uint8),
                       sop_class=uid.OphthalmicTomographyImageStorage, frames=True)  # in no folder of saved cases
    for inputs, options, said in ((["oct_vol.dcm#frame=9"], ["--workspace", str(folder)],
                                   "'oct_vol.dcm' has 5 B-scan(s), not 9"),
                                  # its folder found by B-scan 2's saved case
                                  ([f"{volume}#frame=9"], [], "'oct_vol.dcm' has 5 B-scan(s), not 9"),
                                  ([f"{bare}#frame=9"], [], f"{bare}: it has 5 frame(s); frame 9 does not exist")):
        assert main(["report", *inputs, *options, "--out", str(tmp_path / "r.pdf"), "--no-analysis"]) == 2
        assert said in capsys.readouterr().err


def test_a_b_scans_volume_is_refused_as_an_output_as_the_original_it_is(tmp_path: Path, capsys) -> None:
    """As a photo given is: it was refused only as no DICOM report the program wrote."""
    volume = graded_volume(tmp_path)
    assert main(["report", f"{volume}#frame=2", "--dicom", str(volume), "--overwrite", "--no-analysis"]) == 2
    assert f"{volume}: is an original image" in capsys.readouterr().err


def test_a_b_scan_of_a_folder_never_opened_is_read_from_its_volume(tmp_path: Path) -> None:
    """As a photo's path there is: the folder's store is not made."""
    pixels = np.random.default_rng(1).integers(0, 255, (5, 32, 48), dtype=np.uint8)
    write_dicom(tmp_path / "oct_vol.dcm", pixels, sop_class=uid.OphthalmicTomographyImageStorage, frames=True)
    assert "'oct_vol.dcm',B-scan4" in report_text(["oct_vol.dcm#frame=4"], tmp_path, "--workspace", str(tmp_path))
    assert not (tmp_path / ".retinareview").exists()


def test_a_report_of_a_bscan_warns_of_a_more_severe_class_on_another_bscan(tmp_path: Path, capsys) -> None:
    """The volume's middle B-scan classed NORMAL, printed while B-scan 2 records DRUSEN: the report's "routine
    follow-up" must not leave the command line unsaid."""
    folder = tmp_path / "ws"
    folder.mkdir()
    volume = graded_volume(folder)
    with Workspace.open(folder) as ws:
        (case,) = ws.cases()
        doc = ws.load_case(case.case_id)
        doc.grade = ReaderGrade(oct_class="NORMAL")
        ws.save_case(doc)
    capsys.readouterr()
    report_text([str(volume)], tmp_path)
    assert ("'oct_vol.dcm', B-scan 3: B-scan(s) 2 of the same volume record Drusen, more severe than the class this "
            "report prints; it shows this B-scan alone") in capsys.readouterr().err
    report_text([f"{volume}#frame=2"], tmp_path)  # the more severe B-scan printed: nothing left out
    assert "more severe" not in capsys.readouterr().err
