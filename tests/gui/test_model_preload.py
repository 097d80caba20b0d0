"""The analysis models load in the background when a folder opens, never on the GUI thread, with the state in the
status bar; an analysis asked for meanwhile waits for those models rather than loading its own (app.model_preload)."""
from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from app.model_preload import PRELOAD_ENV
from inference.analysis_models import AnalysisModels
from inference.analysis_settings import AnalysisSettings
from inference.loading import ModelSet
from tests.gui.test_double_reading_gui import window_on
from tests.unit.reading_fixtures import image_folder


class HeldLoad:
    """Stands in for loading the models: records the thread it ran on, and ends when released."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self.devices: list[str] = []  # the settings' device of each load

    def __call__(self, settings: AnalysisSettings) -> AnalysisModels:
        self.threads.append(threading.current_thread())
        self.devices.append(settings.device)
        assert self.release.wait(20)
        return AnalysisModels(ModelSet(), torch.device("cpu"))  # no learned model: the classical detector runs


@pytest.fixture
def held_load(monkeypatch: pytest.MonkeyPatch) -> HeldLoad:
    monkeypatch.setenv(PRELOAD_ENV, "1")
    load = HeldLoad()
    monkeypatch.setattr("inference.model_cache._load_weights", load)
    return load


def test_the_models_load_in_the_background_when_a_folder_opens_and_an_analysis_waits_for_them(
        qtbot, tmp_path: Path, held_load: HeldLoad) -> None:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=False)
    window.show()
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    qtbot.waitUntil(lambda: len(held_load.threads) == 1, timeout=10_000)
    assert held_load.threads[0] is not threading.main_thread()
    assert window.status.loading_label.isVisible()  # "Loading the AI models…"
    assert not window.is_settled()  # a screenshot now would show that line
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)  # the window works meanwhile
    results: list[str] = []
    window.analysis.result_ready.connect(lambda case_id, _result: results.append(case_id))
    window.actions["analyze"].trigger()  # F5 while the models still load: waits for them
    qtbot.waitUntil(lambda: "loading the AI models" in window.status.progress_text.text(), timeout=10_000)
    assert not window.status.loading_label.isVisible()  # said once, by the analysis's progress
    assert results == []
    held_load.release.set()
    qtbot.waitUntil(lambda: results == [window.cases.current_id], timeout=20_000)
    assert len(held_load.threads) == 1  # loaded once, by the preload
    qtbot.waitUntil(lambda: not window.status.loading_label.isVisible(), timeout=10_000)
    assert any(message.startswith("AI models ready on cpu (loaded in") for message in said)


def test_settings_that_change_the_models_load_them_again_in_the_background(
        qtbot, tmp_path: Path, held_load: HeldLoad) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=False)
    held_load.release.set()
    qtbot.waitUntil(lambda: len(held_load.threads) == 1 and not window.preload.busy, timeout=10_000)
    window.apply_settings(replace(window.values, autosave_s=30))  # the models' settings stay: nothing to load
    assert not window.preload.busy and len(held_load.threads) == 1
    window.apply_settings(replace(window.values, thresholds={**window.values.thresholds, "EX": 0.2}))
    assert not window.preload.busy and len(held_load.threads) == 1  # thresholds cut the output: the same weights
    window.apply_settings(replace(window.values, device="cpu"))
    qtbot.waitUntil(lambda: len(held_load.threads) == 2 and not window.preload.busy, timeout=10_000)
    assert held_load.threads[1] is not threading.main_thread()


def test_closing_the_window_while_the_models_load_does_not_wait_for_them(
        qtbot, tmp_path: Path, held_load: HeldLoad) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=False)
    qtbot.waitUntil(lambda: len(held_load.threads) == 1, timeout=10_000)
    window.actions["analyze"].trigger()  # waits for the preload's models
    qtbot.waitUntil(lambda: "loading the AI models" in window.status.progress_text.text(), timeout=10_000)
    loaded: list[object] = []
    window.preload.loaded.connect(loaded.append)
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 2  # it waited 5 s for the load and 5 s for the waiting analysis
    held_load.release.set()  # the load ends after the window closed: dropped
    qtbot.wait(300)
    assert loaded == []


def test_settings_changed_while_the_models_load_are_loaded_once_that_load_ends(
        qtbot, tmp_path: Path, held_load: HeldLoad) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=False)
    qtbot.waitUntil(lambda: len(held_load.threads) == 1, timeout=10_000)
    window.apply_settings(replace(window.values, device="cpu"))  # while the "auto" models load
    held_load.release.set()
    qtbot.waitUntil(lambda: len(held_load.threads) == 2 and not window.preload.busy, timeout=10_000)
    assert held_load.devices == ["auto", "cpu"]
    assert window.analysis.model_cache.holds(window.values.analysis_settings())


def test_the_preload_waits_for_a_running_analysis(qtbot, tmp_path: Path, held_load: HeldLoad) -> None:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=False)
    held_load.release.set()
    qtbot.waitUntil(lambda: len(held_load.threads) == 1 and not window.preload.busy, timeout=10_000)
    batch_may_end = threading.Event()
    window.analysis._job = lambda request, state: batch_may_end.wait(20)  # Analyse all holds its models
    window.actions["analyze_all"].trigger()
    qtbot.waitUntil(lambda: window.analysis.busy, timeout=10_000)
    window.apply_settings(replace(window.values, device="cpu"))
    qtbot.wait(300)
    assert len(held_load.threads) == 1 and not window.preload.busy  # not a second set beside the batch's
    batch_may_end.set()
    qtbot.waitUntil(lambda: held_load.devices == ["auto", "cpu"] and not window.preload.busy, timeout=10_000)


def test_a_folder_of_b_scans_alone_preloads_no_model_and_one_with_a_photo_does(
        qtbot, tmp_path: Path, held_load: HeldLoad) -> None:
    """With no OCT model installed (none ships) an OCT scan's analysis runs none: loading the photos' models when
    such a folder opened took ~14 s of CPU for nothing."""
    from tests.unit.test_oct_runs_load_no_model import _scans

    held_load.release.set()
    folder = tmp_path / "scans"
    _scans(folder, 3)
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=False)
    qtbot.waitUntil(lambda: bool(window.preload.threads()) and not window.preload.busy, timeout=10_000)
    assert held_load.threads == [] and not window.status.loading_label.isVisible()
    _scans(tmp_path / "mixed", 2)
    image_folder(tmp_path / "photo", count=1, width=160, height=120)
    (tmp_path / "photo" / "img0.png").rename(tmp_path / "mixed" / "z_photo.png")  # listed after the scans
    assert window.open_paths([tmp_path / "mixed"])
    qtbot.waitUntil(lambda: len(held_load.threads) == 1 and not window.preload.busy, timeout=10_000)


def test_a_b_scan_the_reader_makes_a_photo_preloads_the_photos_models(
        qtbot, tmp_path: Path, held_load: HeldLoad) -> None:
    """View ▸ Modality ▸ fundus photo on a scan of a folder of B-scans alone: its analysis (F5) runs the photos'
    models, which loaded then, after the key, as the preload had passed over the folder."""
    from tests.unit.test_oct_runs_load_no_model import _scans

    held_load.release.set()
    _scans(tmp_path / "scans", 2)
    window = window_on(qtbot, tmp_path, tmp_path / "scans", "Anna", analyze_on_open=False)
    qtbot.waitUntil(lambda: bool(window.preload.threads()) and not window.preload.busy, timeout=10_000)
    qtbot.waitUntil(lambda: window.actions["modality_fundus"].isEnabled(), timeout=10_000)
    assert held_load.threads == []
    window.actions["modality_fundus"].trigger()
    qtbot.waitUntil(lambda: len(held_load.threads) == 1 and not window.preload.busy, timeout=10_000)
    assert window.analysis.model_cache.holds(window.values.analysis_settings())  # F5 need not wait for them


def test_a_photo_the_reader_makes_a_b_scan_preloads_no_model_before_it_is_saved(
        qtbot, tmp_path: Path, held_load: HeldLoad) -> None:
    """The preload read the modality saved with each case: a photo switched to OCT (View ▸ Modality), not saved yet,
    had the photos' models loaded again for new settings, though its analysis (F5) runs none."""
    from annotations.document import Modality
    from annotations.saved_modality import saved_modality

    held_load.release.set()
    folder = image_folder(tmp_path / "f", count=1, width=160, height=120)
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=False)  # autosave after 60 s
    qtbot.waitUntil(lambda: len(held_load.threads) == 1 and not window.preload.busy, timeout=10_000)
    qtbot.waitUntil(lambda: window.actions["modality_oct"].isEnabled(), timeout=10_000)
    window.actions["modality_oct"].trigger()
    assert window.cases.modality is Modality.OCT
    assert saved_modality(window.cases.workspace.case_files, window.cases.current_id) is not Modality.OCT
    window.apply_settings(replace(window.values, device="cpu"))  # models of other settings: looked at again
    qtbot.waitUntil(lambda: not window.preload.busy, timeout=10_000)
    qtbot.wait(300)
    assert len(held_load.threads) == 1 and not window.preload.busy
    results: list[object] = []
    window.analysis.result_ready.connect(lambda _case_id, result: results.append(result))
    window.actions["analyze"].trigger()
    qtbot.waitUntil(lambda: len(results) == 1, timeout=20_000)
    assert results[0].modality == "oct" and len(held_load.threads) == 1  # F5 loaded none either
