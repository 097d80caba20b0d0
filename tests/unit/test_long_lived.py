"""The analysis models' load keeps full garbage collections out while it runs and freezes what it made: each full
collection during the load walked every object made so far (3-4 of 25-150 ms as the window opened its first case),
the window waiting for the GIL. The young generations' collections still run: the cycles the load drops (the real
load's first leaves ~20 MB of tensors in them) would otherwise be frozen with it, never freed."""
from __future__ import annotations

import gc
import weakref

import pytest

from app.long_lived import loading_long_lived
from inference.analysis_settings import AnalysisSettings
from inference.model_cache import ModelCache


class Payload:
    """Something a library drops in a reference cycle while it loads (a frame that holds itself, and its tensors)."""

    def __init__(self) -> None:
        self.itself = self


def test_a_load_runs_without_full_collections_frees_the_cycles_it_drops_and_freezes_what_it_made(
        monkeypatch: pytest.MonkeyPatch) -> None:
    generations: list[int] = []
    dropped: list[weakref.ref] = []
    restored: list[int] = []  # the frozen count when full collections may run again

    def load(_settings: AnalysisSettings) -> object:
        dropped.append(weakref.ref(Payload()))
        made = [[index] for index in range(200_000)]  # a library's objects, tracked by the collector
        return made

    def counted(phase: str, info: dict) -> None:
        if phase == "start":
            generations.append(info["generation"])

    thresholds, set_threshold = gc.get_threshold(), gc.set_threshold

    def watched(*values: int) -> None:
        if values == thresholds:
            restored.append(gc.get_freeze_count())
        set_threshold(*values)

    monkeypatch.setattr(gc, "set_threshold", watched)
    frozen = gc.get_freeze_count()
    gc.callbacks.append(counted)
    try:
        models = ModelCache(loading=loading_long_lived, load=load).get(AnalysisSettings(device="cpu"))
    finally:
        gc.callbacks.remove(counted)
        gc.unfreeze()
    assert dropped[0]() is None  # collected while the load ran: not frozen with what it made
    assert generations and 2 not in generations  # young collections ran, no full one
    assert gc.get_threshold() == thresholds and restored and restored[0] >= frozen + len(models)


def test_a_load_that_fails_gives_the_collector_back() -> None:
    def load(_settings: AnalysisSettings) -> object:
        raise ValueError("no such model")

    thresholds = gc.get_threshold()
    try:
        with pytest.raises(ValueError):
            ModelCache(loading=loading_long_lived, load=load).get(AnalysisSettings(device="cpu"))
        assert gc.isenabled() and gc.get_threshold() == thresholds
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("first_ends_first", [True, False])
def test_overlapping_loads_give_the_thresholds_back(first_ends_first: bool) -> None:
    thresholds = gc.get_threshold()
    first, second = loading_long_lived(), loading_long_lived()
    try:
        first.__enter__()
        second.__enter__()  # on another thread: not nested, so either may end first
        for load in (first, second) if first_ends_first else (second, first):
            load.__exit__(None, None, None)
        assert gc.get_threshold() == thresholds
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
