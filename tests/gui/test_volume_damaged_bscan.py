"""A volume whose middle B-scan (its own case, shown first) does not decode is not listed as a file that cannot be
read: its other B-scans open, and Analyse all takes every one of them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.bscan_scope import with_bscans
from annotations.case_scopes import analysis_scope
from app.main_window import MainWindow
from tests.dicom_files import write_undecodable_volume
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    images = tmp_path / "images"
    images.mkdir()
    Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(images / "a_photo.png")
    write_undecodable_volume(images / "b_volume.dcm")  # 7 B-scans, B-scan 4 damaged
    return images


def _volume(window: MainWindow) -> str:
    return next(s.case_id for s in window.cases.summaries.values() if s.image_path == "b_volume.dcm")


def _to_analyse(window: MainWindow) -> list[str]:
    """The images Analyse all would take, as it reads them (AnalysisActions.analyze_all)."""
    facts = with_bscans(window.cases.workspace, window.cases.summaries.facts(worker=True))
    return [fact.image_path for fact in analysis_scope(facts, False).readable]


def test_a_volumes_damaged_middle_bscan_leaves_its_others_to_open_and_analyse(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    with qtbot.waitSignal(window.cases.case_failed, timeout=10_000):
        window.cases.select_case(_volume(window))  # opens on B-scan 4, which does not decode
    assert window.bscans.bar.isVisible() and window.bscans.bar.label.text() == "B-scan 4 / 7"
    assert window.cases.summaries[_volume(window)].error is None
    assert _to_analyse(window) == ["a_photo.png", *(f"b_volume.dcm#frame={n}" for n in range(1, 8))]
    window.bscans.bar.slider.setValue(3)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.close()

