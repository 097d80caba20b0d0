"""A DICOM file's storage class decides OCT or fundus before its pixels do; a Secondary Capture is judged by pixels."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from pydicom import uid

from annotations.document import Modality
from annotations.modality import guess_modality
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
    grey = np.full((48, 160), 90, np.uint8)
    source = write_dicom(tmp_path / "capture.dcm", grey, uid.SecondaryCaptureImageStorage)
    assert guess_modality(source, np.repeat(grey[..., None], 3, axis=2)) is Modality.OCT
    colour = write_dicom(tmp_path / "photo.dcm", fundus_rgb(), uid.SecondaryCaptureImageStorage)
    assert guess_modality(colour, fundus_rgb()) is Modality.FUNDUS
