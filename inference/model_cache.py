"""The analysis models of the latest settings, loaded once and shared by the threads that ask for them: the window
loads them in the background when a folder opens, and an analysis asked for meanwhile waits for those models on its
own worker instead of loading a second copy. They are kept by what their weights depend on (device, models), with
their cards' own thresholds: each analysis applies the reader's (analysis_models.with_reader_thresholds), so moving
a threshold loads nothing. torch is imported by the first load, on the thread that loads."""
from __future__ import annotations

import copy
import threading
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Callable

from annotations.progress import Cancelled
from inference.analysis_settings import AnalysisSettings

if TYPE_CHECKING:
    from inference.analysis_models import AnalysisModels

LOCK_POLL_S = 0.1  # how often a thread waiting for another's load asks whether it was cancelled


def _load_weights(settings: AnalysisSettings) -> "AnalysisModels":
    from inference.analysis_models import load_models  # torch: on the thread that loads

    return load_models(settings)


class ModelCache:
    def __init__(self, loading: Callable[[], AbstractContextManager[object]] = nullcontext,
                 load: Callable[[AnalysisSettings], "AnalysisModels"] | None = None) -> None:
        """``load`` turns settings into models (default: inference.analysis_models.load_models); a load runs in
        ``loading()``, on the loading thread (the window keeps full garbage collections out of it and freezes what it
        made: app.long_lived)."""
        self._loading, self._load = loading, load if load is not None else _load_weights
        self._lock = threading.Lock()
        self._loaded: tuple[AnalysisSettings, AnalysisModels] | None = None

    def holds(self, settings: AnalysisSettings) -> bool:
        """The models for ``settings`` are loaded (a load under way does not count); its thresholds do not matter."""
        loaded = self._loaded
        return loaded is not None and loaded[0] == settings.weights_key()

    def get(self, settings: AnalysisSettings, cancelled: Callable[[], bool] = lambda: False) -> "AnalysisModels":
        """The models for ``settings`` (their cards' own thresholds): those loaded, else loaded now, or waited for while
        another thread loads them; a wait ends with Cancelled once ``cancelled()`` (a load itself cannot be stopped).
        The previous settings' models are let go first, so two sets are never held at once. Raises what the loading
        raises (ModelError, DeviceError); the next call tries again."""
        while not self._lock.acquire(timeout=LOCK_POLL_S):
            if cancelled():
                raise Cancelled()
        try:
            if not self.holds(settings):
                self._loaded = None
                with self._loading():
                    self._loaded = (copy.deepcopy(settings.weights_key()), self._load(settings))
            return self._loaded[1]
        finally:
            self._lock.release()
