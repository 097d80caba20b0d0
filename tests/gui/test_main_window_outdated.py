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


def test_analyse_all_offers_the_new_cases_with_those_made_by_other_models(qtbot, tmp_path: Path,
                                                                          monkeypatch) -> None:
    from annotations.ai_store import store_ai_result

    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False))
    window = _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png")))
    ids = {s.image_path: s.case_id for s in window.cases.summaries.values()}
    current = [dict(model) for model in planned_models(window.values.analysis_settings()).values()]
    for name, models in (("a.png", [RETRAINED]), ("b.png", current)):  # analysed before; c.png never
        window.cases.storage.submit(store_ai_result, window.cases.workspace, ids[name],
                                    AIResult(dr_grade=1, models=models), "tester",
                                    done=window.cases.rows.stored)
    window.cases.storage.flush()
    qtbot.waitUntil(lambda: sum(s.analysed for s in window.cases.summaries.values()) == 2)
    started: list[list[str]] = []
    monkeypatch.setattr(window.analysis, "analyze_all", lambda items: started.append([i.case_id for i in items]))
    asked: list[tuple[str, list[str]]] = []
    window.analysis_actions.choose = lambda title, question, choices: asked.append((question, choices)) or 1
    window.analysis_actions.analyze_all()
    window.cases.storage.flush()
    qtbot.waitUntil(lambda: bool(started))
    assert asked == [("2 of 3 cases already have an AI result. Analyse only the 1 without one, or all 3 again? 1 of "
                      "the results were made by models the analysis no longer uses.",
                      ["Only the 1 new", "The 1 new and the 1 of other models", "All 3 again"])]
    assert started == [[ids["a.png"], ids["c.png"]]]
