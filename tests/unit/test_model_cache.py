"""The analysis models are loaded once per settings and shared (inference.model_cache): a thread asking while
another loads them waits for those models instead of loading its own copy."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import torch

from annotations.progress import Cancelled
from inference.analysis_settings import AnalysisSettings
from inference.model_cache import ModelCache


class SlowLoad:
    def __init__(self) -> None:
        self.started, self.release = threading.Event(), threading.Event()
        self.loads: list[AnalysisSettings] = []

    def __call__(self, settings: AnalysisSettings) -> object:
        self.loads.append(settings)
        self.started.set()
        assert self.release.wait(10)
        return object()


def test_a_thread_asking_while_another_loads_waits_for_the_same_models() -> None:
    load = SlowLoad()
    cache = ModelCache(load=load)
    got: list[object] = []
    preload = threading.Thread(target=lambda: got.append(cache.get(AnalysisSettings())))
    preload.start()
    assert load.started.wait(10)
    analysis = threading.Thread(target=lambda: got.append(cache.get(AnalysisSettings())))
    analysis.start()
    time.sleep(0.1)
    assert analysis.is_alive() and not cache.holds(AnalysisSettings())  # waiting, not loading a second copy
    load.release.set()
    preload.join(10)
    analysis.join(10)
    assert len(load.loads) == 1 and len(got) == 2 and got[0] is got[1]
    assert cache.holds(AnalysisSettings())


def test_other_settings_load_again_and_a_failed_load_is_tried_again() -> None:
    calls: list[AnalysisSettings] = []

    def load(settings: AnalysisSettings) -> object:
        calls.append(settings)
        if settings.device == "broken":
            raise RuntimeError("no such device")
        return object()

    cache = ModelCache(load=load)
    first = cache.get(AnalysisSettings())
    assert cache.get(AnalysisSettings()) is first and len(calls) == 1
    assert cache.get(AnalysisSettings(models={"lesion-segmentation": "other"})) is not first and len(calls) == 2
    for _ in range(2):
        with pytest.raises(RuntimeError):
            cache.get(AnalysisSettings(device="broken"))
    assert len(calls) == 4 and not cache.holds(AnalysisSettings())


def test_a_threshold_change_loads_nothing_and_applies_to_that_analysis_alone() -> None:
    from inference.analysis_models import AnalysisModels, with_reader_thresholds
    from inference.loading import LoadedModel, ModelSet
    from inference.model_card import ModelCard

    module = torch.nn.Conv2d(3, 2, 1)
    card = ModelCard(name="seg", task="lesion-segmentation", architecture="unet", encoder="resnet18",
                     classes=["EX", "HE"], thresholds={"EX": 0.5, "HE": 0.4})
    loads: list[AnalysisSettings] = []
    cache = ModelCache(load=lambda settings: loads.append(settings) or AnalysisModels(
        ModelSet({"lesion-segmentation": LoadedModel(module, card, Path("seg"))}), torch.device("cpu")))
    lowered = AnalysisSettings(thresholds={"EX": 0.1})
    analysed = with_reader_thresholds(cache.get(lowered), lowered)
    assert cache.holds(AnalysisSettings()) and cache.holds(AnalysisSettings(thresholds={"HE": 0.9}))
    model = analysed.models.get("lesion-segmentation")
    assert model.module is module  # the same weights, not a copy
    assert model.card.thresholds == {"EX": 0.1, "HE": 0.4}  # the reader's replaces the card's, class by class
    later = with_reader_thresholds(cache.get(AnalysisSettings()), AnalysisSettings())
    assert later.models.get("lesion-segmentation").card.thresholds == {"EX": 0.5, "HE": 0.4}  # the card's again
    assert len(loads) == 1


def test_a_thread_waiting_for_another_load_stops_when_cancelled() -> None:
    load = SlowLoad()
    cache = ModelCache(load=load)
    preload = threading.Thread(target=lambda: cache.get(AnalysisSettings()))
    preload.start()
    assert load.started.wait(10)
    cancelled = threading.Event()
    outcome: list[object] = []

    def analysis() -> None:
        try:
            outcome.append(cache.get(AnalysisSettings(), cancelled=cancelled.is_set))
        except Cancelled:
            outcome.append(Cancelled)

    waiting = threading.Thread(target=analysis)
    waiting.start()
    time.sleep(0.2)
    cancelled.set()  # the window closes while the load goes on
    waiting.join(2)
    assert outcome == [Cancelled] and not load.release.is_set()
    load.release.set()
    preload.join(10)
    assert cache.holds(AnalysisSettings()) and len(load.loads) == 1
