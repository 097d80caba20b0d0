"""A stored result drawn by models the analysis no longer runs (a retrained model the reader went back from, a model an
update replaced) says so in the findings: the lesions shown were the rejected model's, unsaid."""
from __future__ import annotations

from pathlib import Path

from annotations.commands import SetAIResult
from annotations.document import AIResult
from app.settings import Settings, SettingsValues
from inference.model_plan import planned_models
from tests.gui.test_main_window import _window, fundus_folder

RETRAINED = {"name": "retrained-seg-20261205-163944", "version": "1", "sha256": "ee" * 32,
             "task": "lesion-segmentation"}


def test_the_findings_name_the_models_no_longer_used_that_made_the_result(qtbot, tmp_path: Path,
                                                                           monkeypatch) -> None:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False))
    window = _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png",)))
    warnings = window.findings.warnings
    window.cases.execute(SetAIResult(AIResult(dr_grade=2, models=[RETRAINED])))
    assert "Made by retrained-seg-20261205-163944 1, which the analysis no longer uses" in warnings.text()
    current = list(planned_models(window.values.analysis_settings()).values())
    window.cases.execute(SetAIResult(AIResult(dr_grade=2, models=[{**model} for model in current])))
    assert "no longer uses" not in warnings.text()
