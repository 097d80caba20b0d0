"""Help > About's facts: the models listed are those an analysis runs, the text for support names them all."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from app import about_facts as facts_module
from app.about_facts import COMPONENTS, about_facts, support_text
from inference.analysis_settings import AnalysisSettings
from inference.model_plan import planned_models


@pytest.fixture
def no_user_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("RETINA_REVIEW_LOG_DIR", str(tmp_path / "logs"))
    return tmp_path


def test_the_models_listed_are_those_an_analysis_records(no_user_models: Path) -> None:
    settings = AnalysisSettings()
    facts = about_facts(settings, "settings.ini")
    listed = {model.task: (model.name, model.version) for model in facts.models}
    assert listed == {task: (summary["name"], summary["version"])
                      for task, summary in planned_models(settings).items()}
    assert listed["lesion-segmentation"][0] == "idrid-lesions"
    assert all(model.limits for model in facts.models)  # every bundled card says what it was not tested for


def test_the_support_text_names_version_models_libraries_and_places(no_user_models: Path) -> None:
    facts = about_facts(AnalysisSettings(), "/home/r/.config/RetinaReview.conf")
    text = support_text(facts)
    assert text.startswith(f"RetinaReview {facts.version}\n")
    for model in facts.models:
        assert f"  {model.task}: {model.name} version {model.version}\n" in text
    for _, shown, _ in COMPONENTS:
        assert f"  {shown} " in text
    assert f"Log file: {no_user_models / 'logs' / 'retina-review.log'}\n" in text
    assert f"User models: {no_user_models / 'models'}\n" in text
    assert "Settings: /home/r/.config/RetinaReview.conf\n" in text


def test_every_dependency_the_program_installs_is_listed_with_its_licence() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    required = {re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower()
                for spec in pyproject["project"]["dependencies"]}
    assert required <= {name.lower() for name, _, _ in COMPONENTS}
    assert all(licence for _, _, licence in COMPONENTS)


def test_a_library_that_is_not_installed_says_so(no_user_models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = facts_module.installed_version
    monkeypatch.setattr(facts_module, "installed_version", lambda name: "" if name == "ray" else real(name))
    text = support_text(about_facts(AnalysisSettings(), "s.ini"))
    assert "  Ray (optional: analyze --engine ray) not installed\n" in text
    assert f"  PyTorch {real('torch')}\n" in text


def test_the_version_is_the_one_version_and_reports_give(no_user_models: Path) -> None:
    from app import __version__
    from app.cli import build_parser

    assert about_facts(AnalysisSettings(), "s.ini").version == __version__
    assert f"%(prog)s {__version__}" in [action.version for action in build_parser()._actions
                                         if getattr(action, "version", None)]
