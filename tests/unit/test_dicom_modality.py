"""A DICOM file's storage class or Modality tag decides OCT or fundus before its name or pixels do; a Secondary
Capture whose Modality tag says neither is judged by name and pixels."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from pydicom import uid

from annotations.document import Modality
from annotations.modality import file_modality, guess_modality
from annotations.new_case import new_case
from tests.dicom_files import fundus_rgb, write_dicom
from tests.unit.test_inference_fixtures import synthetic_fundus


def test_a_tomography_volume_is_judged_by_its_header_before_its_pixels(tmp_path: Path) -> None:
    volume = np.stack([synthetic_fundus(96, 64, seed=i)[..., 0] for i in range(3)])
    source = write_dicom(tmp_path / "scan.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True)
    assert guess_modality(source, fundus_rgb(64, 96)) is Modality.OCT


def test_a_grey_red_free_photo_stays_a_fundus_photo(tmp_path: Path) -> None:
    grey = np.full((48, 64), 90, np.uint8)
    source = write_dicom(tmp_path / "redfree.dcm", grey)  # Ophthalmic Photography 8 bit
    assert guess_modality(source, np.repeat(grey[..., None], 3, axis=2)) is Modality.FUNDUS


def test_a_secondary_capture_is_judged_by_its_pixels(tmp_path: Path) -> None:
    grey = b_scan_like()
    other = {"Modality": "OT"}
    source = write_dicom(tmp_path / "capture.dcm", grey, uid.SecondaryCaptureImageStorage, header=other)
    assert guess_modality(source, np.repeat(grey[..., None], 3, axis=2)) is Modality.OCT
    colour = write_dicom(tmp_path / "photo.dcm", fundus_rgb(), uid.SecondaryCaptureImageStorage, header=other)
    assert guess_modality(colour, fundus_rgb()) is Modality.FUNDUS


def b_scan_like(height: int = 40, width: int = 120) -> np.ndarray:
    """Grey and wide, as the pixel rules take a B-scan."""
    return np.tile(np.linspace(0, 200, height, dtype=np.uint8)[:, None], (1, width))


def test_a_capture_whose_modality_tag_says_photo_or_tomography_is_that_whatever_its_name_and_pixels(
        tmp_path: Path) -> None:
    """A probe's grey RGB Secondary Capture of Modality OP (Ophthalmic Photography) was analysed as an OCT scan."""
    folder = tmp_path / "OCT"  # a name that says OCT
    folder.mkdir()
    grey = np.repeat(b_scan_like()[..., None], 3, axis=2)
    for tag in ("OP", "XC"):
        photo = write_dicom(folder / f"photo_{tag}.dcm", grey, uid.SecondaryCaptureImageStorage,
                            header={"Modality": tag})
        assert guess_modality(photo, grey) is Modality.FUNDUS, tag
        assert file_modality(photo) is Modality.FUNDUS, tag
        doc = new_case("c", photo.name, photo)  # never saved: the header decides it
        assert doc.modality is Modality.FUNDUS and doc.modality_decided, tag
    scan = write_dicom(tmp_path / "scan.dcm", fundus_rgb(), uid.SecondaryCaptureImageStorage,
                       header={"Modality": "OPT"})
    assert guess_modality(scan, fundus_rgb()) is Modality.OCT and file_modality(scan) is Modality.OCT
    assert new_case("s", scan.name, scan).modality_decided

