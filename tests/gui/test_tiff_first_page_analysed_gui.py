"""The window's analysis of a multi-page TIFF that is no volume (colour pages) keeps the same warning as `analyze`,
only the TIFF's first page was analysed: the open case's, analysed from the pixels the canvas decoded, and Analyse
all's, from the file."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image
from PySide6.QtWidgets import QWidget

from annotations.document import Modality
from annotations.image_io import load_measured_image
from app.analysis_controller import AnalysisController, AnalysisItem
from app.settings import SettingsValues
from inference.messages import FIRST_PAGE_ANALYSED


@pytest.mark.parametrize("from_canvas", [True, False])
def test_the_windows_analysis_of_a_multi_page_tiff_says_its_first_page_alone_was_analysed(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, from_canvas: bool) -> None:
    pages = [Image.fromarray(np.full((24, 40, 3), 30 + 40 * number, np.uint8)) for number in range(4)]
    pages[0].save(tmp_path / "vol.tif", save_all=True, append_images=pages[1:])
    owner = QWidget()
    qtbot.addWidget(owner)
    controller = AnalysisController(SettingsValues(device="cpu"), owner)
    monkeypatch.setattr(controller, "_load_models", lambda *args: SimpleNamespace(device="cpu", models=None))
    results: list = []
    controller.result_ready.connect(lambda case_id, result: results.append(result))
    controller.case_failed.connect(lambda case_id, error: results.append(error))
    shown = load_measured_image(tmp_path / "vol.tif") if from_canvas else None
    controller.analyze_all([AnalysisItem.in_folder("vol", tmp_path, "vol.tif", shown, modality=Modality.FUNDUS)])
    qtbot.waitUntil(lambda: bool(results) and not controller.busy, timeout=60_000)
    controller.shutdown()
    assert FIRST_PAGE_ANALYSED.format(pages=4) in results[0].warnings
