"""The window's analysis says a photo it could not decode as the pipeline says a photo it could not analyse: the
machine short of memory is no empty "Analysis failed: ", and an error without a message is named by its type."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QWidget

from app.analysis_controller import AnalysisController, AnalysisItem
from app.settings import SettingsValues
from inference.messages import NOT_ENOUGH_MEMORY


@pytest.mark.parametrize("exc, said", [(MemoryError(), NOT_ENOUGH_MEMORY), (ValueError(), "ValueError")])
def test_a_photo_the_window_cannot_decode_is_said_as_the_pipeline_says_it(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: Exception, said: str) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr("app.analysis_controller.load_image_with_header", fail)
    owner = QWidget()
    qtbot.addWidget(owner)
    controller = AnalysisController(SettingsValues(device="cpu"), owner)
    monkeypatch.setattr(controller, "_load_models", lambda *args: SimpleNamespace(device="cpu", models=None))
    failed: list[tuple[str, str]] = []
    controller.case_failed.connect(lambda case_id, error: failed.append((case_id, error)))
    controller.analyze_all([AnalysisItem("a", tmp_path / "a.png")])
    qtbot.waitUntil(lambda: bool(failed) and not controller.busy, timeout=10_000)
    controller.shutdown()
    assert failed == [("a", said)]
