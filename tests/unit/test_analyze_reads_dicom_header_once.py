"""`analyze` of a DICOM file reads its header once: the frame's pixels, its size and what it is (photo or OCT, by its
storage class) come from that read. It read the header three times per file (its size, its pixels, its modality):
each read is a round trip on a network share."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import uid

from annotations.document import Modality
from annotations.progress import NullState
from inference.loading import ModelSet
from inference.pipeline import PipelineOptions, analyze
from tests.dicom_files import counted_header_reads, fundus_rgb, write_dicom

VOLUME = np.stack([np.full((64, 96), 20 * i, np.uint8) for i in range(5)])


@pytest.mark.parametrize("sop_class, pixels, frames, modality", [
    (uid.OphthalmicPhotography8BitImageStorage, fundus_rgb(), False, Modality.FUNDUS),
    (uid.OphthalmicTomographyImageStorage, VOLUME, True, Modality.OCT),
], ids=["photo", "oct-volume"])
def test_analyze_reads_a_dicom_files_header_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sop_class: str,
                                                 pixels: np.ndarray, frames: bool, modality: Modality) -> None:
    source = write_dicom(tmp_path / "eye.dcm", pixels, sop_class, frames=frames)
    reads = counted_header_reads(monkeypatch)
    [outcome] = analyze([source], ModelSet(), NullState(), "cpu", PipelineOptions(modality=None))
    assert outcome.error is None and outcome.result is not None
    assert outcome.result.modality == modality.value  # as its header says, from the read its pixels came from
    assert len(reads) == 1, reads
