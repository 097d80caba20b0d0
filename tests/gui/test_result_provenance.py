"""What produced the open case's AI result, as a reader sees it: the status bar and the findings name what drew each
class on THAT photo (the candidates model only on a photo large enough for it), also for a result stored before
the window opened; an analysis' warnings are kept with its result, shown in the findings, and "Analyse all" counts
them in one message at its end."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import AIResult
from app.analysis_controller import AnalysisController
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from inference import messages as inference_messages
from tests.unit.test_lesion_candidates import LARGE, fundus_with_dots

WAIT_MS = 120_000  # the first analysis imports torch and loads the shipped models


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))  # the shipped models only
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False, autosave_s=60, reader="tester"))
    return settings


def _window(qtbot, settings: Settings, folder: Path) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=10_000)
    return window


def _open(qtbot, window: MainWindow, name: str) -> None:
    case_id = next(s.case_id for s in window.cases.summaries.values() if s.image_path == name)
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == case_id, timeout=10_000)


def _analyse_all(qtbot, window: MainWindow) -> None:
    window.analysis_actions.choose = lambda title, question, choices: len(choices) - 1  # all of them
    window.analysis_actions.analyze_all()
    window.cases.storage.flush()  # which cases have no result yet is read on the storage worker
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Analyse all done"), timeout=WAIT_MS)
    qtbot.waitUntil(window.is_settled, timeout=WAIT_MS)


def test_the_status_bar_names_what_drew_each_class_on_a_small_and_a_large_photo(qtbot, settings,
                                                                               tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    Image.fromarray(fundus_with_dots(800)).save(folder / "small.png")  # field 720 px: under the candidates' scale
    Image.fromarray(fundus_with_dots(LARGE)).save(folder / "large.png")
    window = _window(qtbot, settings, folder)
    assert window.status.model_label.text() == "model: –"  # not analysed yet
    _analyse_all(qtbot, window)
    assert window.statusBar().currentMessage() == "Analyse all done: 2 case(s) analysed"
    expected = {}
    for name in ("small.png", "large.png"):
        _open(qtbot, window, name)
        label, tip = window.status.model_label.text(), window.findings.lesions.item(0, 0).toolTip()
        expected[name] = label
        assert window.findings.models.text() == label.replace("model: ", "Models: ")  # one list, two places
        # the shipped disc model finds no disc on these drawn photos: the classical finder's disc is named as such
        assert window.cases.doc.ai.findings.lesion_sources["OD"] == "classical-detector"
        if name == "small.png":
            assert "ma-candidates" not in label and "classical lesion detector (MA, disc)" in label, label
            assert tip == "microaneurysm: drawn by classical lesion detector"
        else:  # the classical detector drew no lesion there, only the disc
            # ma-candidates averages its MA with idrid-lesions' CLAHE member: both are named for MA
            assert "ma-candidates 3 (MA)" in label and "classical lesion detector (disc)" in label, label
            assert "idrid-lesions 6 (MA, HE, EX, SE)" in label, label
            assert tip == "microaneurysm: drawn by ma-candidates averaged with idrid-lesions"
    window.close()

    again = _window(qtbot, settings, folder)  # no analysis runs: the stored results name their sources
    for name in ("small.png", "large.png"):
        _open(qtbot, again, name)
        assert again.cases.doc.ai is not None and again.status.model_label.text() == expected[name]
        assert again.status.device_label.text() == "device: cpu"  # kept with the result: it said "–"
    again.close()


def test_analyse_all_counts_the_cases_with_warnings_and_each_case_shows_its_own(qtbot, settings, tmp_path: Path,
                                                                                 monkeypatch) -> None:
    from inference import pipeline

    reduced = inference_messages.ANALYSED_REDUCED.format(width=8000, height=6000, limit=25, work_width=5773,
                                                         work_height=4330)
    monkeypatch.setattr(AnalysisController, "_load_models",  # no model to load: the pipeline below needs none
                        lambda self, settings, state: type("Loaded", (), {"device": "cpu", "models": None}))
    monkeypatch.setattr(pipeline, "analyze", lambda images, *args, **kwargs: [pipeline.AnalysisOutcome(
        "image 0", AIResult(dr_grade=0, warnings=[reduced] if images[0].pixels.mean() > 100 else []))])
    folder = tmp_path / "photos"
    folder.mkdir()
    for name, level in (("a.png", 90), ("b.png", 150), ("c.png", 200)):  # b and c are "analysed reduced"
        Image.fromarray(np.full((40, 60, 3), level, np.uint8)).save(folder / name)
    window = _window(qtbot, settings, folder)
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)
    _analyse_all(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "Analyse all done: 3 case(s) analysed; 2 with warnings, shown in each case's findings")
    assert not any("8000x6000" in message for message in shown), "no case's warning flashed in the status bar"
    assert window.findings.warnings.isHidden()  # a.png, the open case, had none
    _open(qtbot, window, "c.png")  # stored while it was not open
    assert window.findings.warnings.text() == f"Analysis warning: {reduced}"
    assert not window.findings.warnings.isHidden()
    window.close()
