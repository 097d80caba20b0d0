"""The window's analysis (Analyse all, Analyse) of a DICOM case whose modality is not known yet decides it from the
header its pixels were decoded by: it read the header again for the modality, a round trip on a network share."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import uid

from app.analysis_controller import AnalysisController, AnalysisItem
from app.settings import SettingsValues
from tests.dicom_files import counted_header_reads, write_dicom


def test_an_analysis_reads_a_dicom_cases_header_once(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    volume = np.stack([np.full((40, 60), 30 * (n + 1), np.uint8) for n in range(3)])
    scan = write_dicom(tmp_path / "scan.dcm", volume, uid.OphthalmicTomographyImageStorage, frames=True)
    reads = counted_header_reads(monkeypatch)
    controller = AnalysisController(SettingsValues(device="cpu"))
    ended: list[object] = []
    controller.result_ready.connect(lambda case_id, result: ended.append(result))
    controller.case_failed.connect(lambda case_id, error: ended.append(error))
    controller.analyze_all([AnalysisItem("scan", scan)])  # its modality unknown: an OCT scan, by its header
    qtbot.waitUntil(lambda: bool(ended) and not controller.busy, timeout=60_000)
    controller.shutdown()
    assert len(reads) == 1, reads
    assert [result.modality for result in ended] == ["oct"]  # as its header says
