"""A case whose pixels are not at hand (its image cannot be decoded, or a retrain lists it with no modality saved) is
told an OCT scan by the rule the decoded ones follow: a DICOM header that says tomography or photography decides,
read without its pixels; else a name that says OCT, or a volume of B-scans."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import uid

from annotations.document import Modality
from annotations.modality import file_modality, listed_looks_like_oct
from annotations.workspace import Workspace
from inference.training.retrain_modality import fundus_case_ids
from tests.dicom_files import write_dicom

GREY = np.full((40, 120), 90, np.uint8)


def test_a_volume_or_a_name_saying_oct_is_a_scan_and_nothing_else_is() -> None:
    assert listed_looks_like_oct("clinic/vol.dcm", frames=49)
    assert listed_looks_like_oct("OCT/scan.dcm", frames=1)
    assert listed_looks_like_oct("macula_oct.jpg", frames=1)
    assert listed_looks_like_oct("OCT/vol.dcm#frame=3", frames=1)  # a B-scan's address: its volume's file decides
    assert not listed_looks_like_oct("doctor/eye.jpg", frames=1)
    assert not listed_looks_like_oct("clinic/eye.dcm", frames=1)


def cut_short(path: Path) -> Path:
    """Its header whole, its pixels cut short: the image cannot be decoded."""
    path.write_bytes(path.read_bytes()[:-1000])
    return path


def test_a_dicom_header_decides_before_the_name_and_frame_count_even_where_the_pixels_cannot_be_decoded(
        tmp_path: Path) -> None:
    """An OP photo in a folder named OCT was taken for an OCT scan, an OPT scan named as a photo for a photo."""
    (tmp_path / "OCT").mkdir()
    photo = cut_short(write_dicom(tmp_path / "OCT" / "eye.dcm", GREY, uid.SecondaryCaptureImageStorage,
                                  header={"Modality": "OP"}))
    scan = cut_short(write_dicom(tmp_path / "photo.dcm", GREY, uid.OphthalmicTomographyImageStorage))
    photos = write_dicom(tmp_path / "sequence.dcm", np.stack([GREY] * 3), frames=True)  # Ophthalmic Photography
    for path in (photo, scan, photos):
        assert listed_looks_like_oct(path, frames=3 if path is photos else 1) is (path is scan), path.name
    assert listed_looks_like_oct(f"{scan}#frame=1", frames=1)
    assert (file_modality(photo), file_modality(scan)) == (Modality.FUNDUS, Modality.OCT)  # a DicomError before


@pytest.mark.parametrize("content", [b"", b"not a DICOM file at all", b"\0" * 128 + b"DICM" + b"\xff" * 40])
def test_a_header_that_cannot_be_read_says_nothing(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "OCT").mkdir()
    (tmp_path / "OCT" / "scan.dcm").write_bytes(content)
    (tmp_path / "eye.dcm").write_bytes(content)
    assert listed_looks_like_oct(tmp_path / "OCT" / "scan.dcm", frames=1)
    assert not listed_looks_like_oct(tmp_path / "eye.dcm", frames=1)
    assert file_modality(tmp_path / "eye.dcm") is Modality.FUNDUS


def test_a_retrain_learns_from_what_the_headers_of_cases_never_saved_say(tmp_path: Path) -> None:
    (tmp_path / "OCT").mkdir()
    write_dicom(tmp_path / "OCT" / "photo.dcm", GREY, uid.SecondaryCaptureImageStorage, header={"Modality": "OP"})
    write_dicom(tmp_path / "photo_scan.dcm", GREY, uid.SecondaryCaptureImageStorage, header={"Modality": "OPT"})
    workspace = Workspace.open(tmp_path)
    try:
        summaries = {summary.case_id: summary for summary in workspace.cases()}
        fundus = fundus_case_ids(workspace, list(summaries), summaries)
        assert [summaries[case_id].image_path for case_id in fundus] == ["OCT/photo.dcm"]
    finally:
        workspace.close()


def test_a_retrain_takes_a_bscan_for_what_its_reader_recorded_as_the_window_does(tmp_path: Path) -> None:
    """A B-scan is an OCT scan unless its reader set it to fundus (View ▸ Modality): then the window analyses it as a
    photo, and a fundus retrain learns from it too."""
    volume = np.stack([np.full((24, 32), 30 * (n + 1), np.uint8) for n in range(5)])
    write_dicom(tmp_path / "vol.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True)
    workspace = Workspace.open(tmp_path)
    try:
        volume_id = next(summary.case_id for summary in workspace.cases())
        set_to_fundus, left_as_read = (workspace.bscan_case_id(volume_id, number) for number in (1, 5))
        chosen = workspace.load_case(set_to_fundus)
        chosen.modality = Modality.FUNDUS
        workspace.save_case(chosen)
        workspace.save_case(workspace.load_case(left_as_read))  # recorded as what it was taken for: OCT
        never_saved = workspace.bscan_case_id(volume_id, 2)
        assert fundus_case_ids(workspace, [set_to_fundus, never_saved, left_as_read], {}) == [set_to_fundus]
    finally:
        workspace.close()
