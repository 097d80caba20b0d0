"""F5 on an OCT scan with no OCT model installed (none ships) loaded the photos' models, 15 s on two cores for a
quality check that runs none: it now loads none and says at once that no OCT model is installed. With an OCT
model installed it runs that model."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.test_bscan_aspect import volume_folder
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture

WAIT_MS = 60_000


def _analysed_with_f5(qtbot, window) -> list[object]:
    """The model sets the analysis asked the window's model cache for, as F5 analyses the open B-scan."""
    asked: list[object] = []
    cache = window.analysis.model_cache
    real = cache.get
    cache.get = lambda settings, **kwargs: asked.append(settings) or real(settings, **kwargs)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.cases.doc.ai is not None and not window.analysis.busy, timeout=WAIT_MS)
    return asked


def test_f5_on_an_oct_scan_without_an_oct_model_loads_none_and_says_so_in_chinese(
        qtbot, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chinese_interface: None) -> None:
    window = _window(qtbot, settings, volume_folder(tmp_path, monkeypatch))
    assert _analysed_with_f5(qtbot, window) == []  # the photos' models were loaded for it
    assert window.cases.doc.ai.models == [] and window.cases.doc.ai.quality  # its quality checked
    assert window.findings.ai_grade.text().startswith("OCT：未安装 OCT 模型（默认不附带）")


def test_f5_on_an_oct_scan_runs_the_oct_model_installed(qtbot, settings, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card

    folder = volume_folder(tmp_path, monkeypatch)
    saved_model(Path(os.environ["RETINA_REVIEW_MODELS"]), tiny_classifier_card("oct"))
    window = _window(qtbot, settings, folder)
    assert len(_analysed_with_f5(qtbot, window)) == 1
    assert [model["name"] for model in window.cases.doc.ai.models] == ["tiny-oct"]
    assert window.findings.ai_grade.text().startswith("OCT: ")  # its class
