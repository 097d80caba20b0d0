"""The analysis models' load keeps the garbage collector out while it runs and freezes what it made: each full
collection during the load walked every object made so far (3-4 of 25-150 ms as the window opened its first case),
the window waiting for the GIL; none of it was garbage."""
from __future__ import annotations

import gc

import pytest

from app.long_lived import loading_long_lived
from inference.analysis_settings import AnalysisSettings
from inference.model_cache import ModelCache


def test_a_load_runs_without_collections_and_what_it_made_is_frozen() -> None:
    seen = []

    def load(_settings: AnalysisSettings) -> object:
        made = [[index] for index in range(50_000)]  # a library's objects, tracked by the collector
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return made

    frozen = gc.get_freeze_count()
    try:
        models = ModelCache(loading=loading_long_lived, load=load).get(AnalysisSettings(device="cpu"))
        assert seen == [(False, frozen)] and gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(models)
    finally:
        gc.unfreeze()


def test_a_load_that_fails_gives_the_collector_back() -> None:
    def load(_settings: AnalysisSettings) -> object:
        raise ValueError("no such model")

    try:
        with pytest.raises(ValueError):
            ModelCache(loading=loading_long_lived, load=load).get(AnalysisSettings(device="cpu"))
        assert gc.isenabled()
    finally:
        gc.unfreeze()
