"""Loads the analysis models in the background when a folder opens (once its first case shows), so the first
analysis or reveal of a session does not wait minutes for them (torch and the models: 2 minutes on a loaded machine,
the window looking stuck). They load on a worker of their own, never on the GUI thread, into the analysis'
ModelCache: an analysis asked for meanwhile waits there for these models instead of loading its own. ``loading``
drives the status bar. The load runs on a daemon thread the window never waits for (a load cannot be stopped: the
window closes at once and a load ending after it is dropped; the process then leaves without finalising Python under
it, app.process_exit). Settings changed during a load are loaded once it
ends; none starts while an analysis runs (it would hold its models while the new ones load), but after it. A folder
of OCT scans alone, with no OCT model installed (none ships), loads none: their analysis runs none
(inference.model_plan.loads_models; loading the photos' took ~14 s of CPU for nothing). Each case counts as the
analysis takes it, as the reader chose it in View ▸ Modality, saved or not; a scan chosen as a photo there has them
load then, before F5.

RETINA_REVIEW_PRELOAD=0 turns it off (the tests do: their windows mostly never analyse)."""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import TYPE_CHECKING, Callable, Iterable

from PySide6.QtCore import QObject, Qt, Signal

from annotations.case_source import CaseSource
from annotations.document import Modality
from annotations.progress import Cancelled
from annotations.saved_modality import listed_modalities
from app.analysis_controller import AnalysisController, ModelInfo
from inference.analysis_settings import AnalysisSettings
from inference.model_plan import any_loads_models

if TYPE_CHECKING:
    from app.case_controller import CaseController

log = logging.getLogger(__name__)

PRELOAD_ENV = "RETINA_REVIEW_PRELOAD"


class ModelPreload(QObject):
    loading = Signal(bool)  # True when the load starts, False when it ended (loaded or failed)
    loaded = Signal(object, float)  # ModelInfo, seconds it took
    # from the loading thread: (ModelInfo, seconds), or None with the error (none: no listed case needs the models)
    _ended = Signal(object, str)
    _began = Signal()  # from the loading thread: the models load (the folder's cases need them)

    def __init__(self, cases: "CaseController", analysis: AnalysisController) -> None:
        super().__init__(analysis)
        self.cases, self.analysis = cases, analysis
        self._loading = False
        self._again = False  # asked while loading or while an analysis ran: start once that ends
        self._closed = False
        self._thread: threading.Thread | None = None
        self._ended.connect(self._on_ended, Qt.ConnectionType.QueuedConnection)
        self._began.connect(lambda: self.loading.emit(True), Qt.ConnectionType.QueuedConnection)
        analysis.busy_changed.connect(lambda busy: None if busy else self._start_if_asked())
        # once the folder's first case is on the screen: loading them alongside its decoding slowed both (2-3 s
        # later to the first result on a busy 2-core machine, bench first_result)
        self._after_first_case = False
        cases.workspace_opened.connect(self._folder_opened)
        # the cases listed when the first one shows may be the first of many: once all are, they are looked at again
        self._skipped = False  # the last look found no case that needs the models
        cases.scan_finished.connect(self._listed)
        cases.image_loaded.connect(lambda _case, _image: self._first_case_shown())
        cases.case_failed.connect(lambda _case, _message: self._first_case_shown())
        cases.modality_changed.connect(self._modality_shown)

    @property
    def busy(self) -> bool:
        return self._loading

    def _folder_opened(self, _workspace: object) -> None:
        self._after_first_case = True
        self._skipped = False

    def _listed(self) -> None:
        if self._loading:
            self._again = True
        elif self._skipped:
            self.start()

    def _modality_shown(self, modality: Modality) -> None:
        """The open case is now shown as ``modality`` (opened, or chosen in View ▸ Modality): where the folder's
        scans had the preload load nothing, a photo among them may need the models."""
        if self._skipped and modality is not Modality.OCT:
            self.start()

    def _first_case_shown(self) -> None:
        if self._after_first_case:
            self._after_first_case = False
            self.start()

    def start(self) -> None:
        """Load the models of the current settings unless they are loaded; while a load or an analysis runs, once
        it ends."""
        if os.environ.get(PRELOAD_ENV, "1") == "0" or self._closed:
            return
        if self._loading or self.analysis.busy:
            self._again = True
            return
        settings = self.analysis.values.analysis_settings()
        if self.analysis.model_cache.holds(settings):
            return
        self._loading = True
        self._thread = threading.Thread(target=self._load, args=(settings, self._modalities()), name="model preload",
                                        daemon=True)
        self._thread.start()

    def _modalities(self) -> Callable[[], Iterable[Modality]]:
        """What the open folder's cases are analysed as (the reader's choices as they are now, saved or not), read on
        the preload's thread as far as it asks; without a folder, a photo's (the models load)."""
        workspace, source = self.cases.workspace, self.cases.summaries
        if workspace is None or not isinstance(source, CaseSource):
            return lambda: [Modality.FUNDUS]
        recorded, folder = self.cases.pixels.recorded_modalities(), workspace.folder
        return lambda: listed_modalities(recorded, folder, ((fact.case_id, fact.image_path)
                                                            for fact in source.facts(worker=True)))

    def _start_if_asked(self) -> None:
        if self._again:
            self._again = False
            self.start()

    def _load(self, settings: AnalysisSettings, modalities: Callable[[], Iterable[Modality]]) -> None:
        """On the preload's own thread."""
        started = time.perf_counter()
        try:
            if not any_loads_models(modalities(), settings):
                log.info("models not loaded in advance: the folder's cases are OCT scans and no OCT model is installed")
                self._ended.emit(None, "")
                return
            self._began.emit()
            models = self.analysis.model_cache.get(settings, cancelled=lambda: self._closed)
            outcome, error = (ModelInfo(str(models.device)), time.perf_counter() - started), ""
        except Cancelled:
            return  # the window closed while an analysis loaded them
        except Exception as exc:  # noqa: BLE001 - said when an analysis asks for them
            outcome, error = None, str(exc) or type(exc).__name__
        if not self._closed:
            self._ended.emit(outcome, error)

    def _on_ended(self, outcome: tuple[ModelInfo, float] | None, error: str) -> None:
        if self._closed:
            return  # a load that ended after the window closed touches nothing
        self._loading = False
        self._skipped = outcome is None and not error
        self.loading.emit(False)
        if outcome is None and error:
            log.warning("models not loaded in advance: %s", error)
        elif outcome is not None:
            self.analysis.models_ready.emit(outcome[0])
            self.loaded.emit(*outcome)
        self._start_if_asked()

    def threads(self) -> list[threading.Thread]:
        """The load's thread once one started (it may have ended): app.process_exit asks whether it still runs."""
        return [] if self._thread is None else [self._thread]

    def shutdown(self) -> None:
        """Not waiting for a load under way: it touches no folder, and its end is dropped."""
        self._closed = True
