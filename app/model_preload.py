"""Loads the analysis models in the background when a folder opens (once its first case shows), so the first
analysis or reveal of a session does not wait minutes for them (torch and the models: 2 minutes on a loaded machine,
the window looking stuck). They load on a worker of their own, never on the GUI thread, into the analysis'
ModelCache: an analysis asked for meanwhile waits there for these models instead of loading its own. ``loading``
drives the status bar.

RETINA_REVIEW_PRELOAD=0 turns it off (the tests do: their windows mostly never analyse)."""
from __future__ import annotations

import logging
import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.analysis_controller import AnalysisController, ModelInfo
from app.tasks import TaskRunner, WorkerState
from inference.analysis_settings import AnalysisSettings

if TYPE_CHECKING:
    from app.case_controller import CaseController

log = logging.getLogger(__name__)

PRELOAD_ENV = "RETINA_REVIEW_PRELOAD"


class ModelPreload(QObject):
    loading = Signal(bool)  # True when the load starts, False when it ended (loaded or failed)
    loaded = Signal(object, float)  # ModelInfo, seconds it took

    def __init__(self, cases: "CaseController", analysis: AnalysisController) -> None:
        super().__init__(analysis)
        self.analysis = analysis
        self.runner = TaskRunner("model preload", self)
        # once the folder's first case is on the screen: loading them alongside its decoding slowed both (2-3 s
        # later to the first result on a busy 2-core machine, bench first_result)
        self._after_first_case = False
        cases.workspace_opened.connect(self._folder_opened)
        cases.image_loaded.connect(lambda _case, _image: self._first_case_shown())
        cases.case_failed.connect(lambda _case, _message: self._first_case_shown())

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def _folder_opened(self, _workspace: object) -> None:
        self._after_first_case = True

    def _first_case_shown(self) -> None:
        if self._after_first_case:
            self._after_first_case = False
            self.start()

    def start(self) -> None:
        """Load the models of the current settings unless they are loaded or loading already."""
        settings = self.analysis.values.analysis_settings()
        if os.environ.get(PRELOAD_ENV, "1") == "0" or self.busy or self.analysis.model_cache.holds(settings):
            return
        task = self.runner.run(self._load, settings, name="load models")
        self.loading.emit(True)
        task.finished.connect(lambda outcome: self._on_loaded(*outcome))
        task.failed.connect(lambda error: log.warning("models not loaded in advance: %s", error))  # said on use
        task.ended.connect(lambda: self.loading.emit(False))

    def _on_loaded(self, info: ModelInfo, seconds: float) -> None:
        self.analysis.models_ready.emit(info)
        self.loaded.emit(info, seconds)

    def _load(self, settings: AnalysisSettings, state: WorkerState) -> tuple[ModelInfo, float]:
        """On the preload's worker."""
        started = time.perf_counter()
        models = self.analysis.model_cache.get(settings)
        return ModelInfo(str(models.device)), time.perf_counter() - started

    def shutdown(self) -> None:
        self.runner.shutdown()
