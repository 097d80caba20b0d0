"""Runs inference.pipeline.analyze on the background worker, for the open case or for the whole folder.

Only app/ talks to inference. torch is imported on a worker (the models' preload when a folder opens, else the first
analysis), so the window opens without waiting for it. Models are loaded once per device and choice of models and kept
(inference.model_cache); the reader's thresholds are applied per analysis. A single-case job belongs to the case it was
started for: switching case cancels it. A result published before a cancel is kept (the person's Cancel, a case switch,
the next job's start, unless that job analyses the same case again): it is stored for its own case (app.ai_results),
never shown on another, and not analysed again later. "Analyse all" is not cancelled by browsing; its results are handed
over one image at a time, and its end is announced with a tally (how many cases had warnings: each result keeps its own,
shown with the case). Closing the folder stops every job (``folder_closed``). A blind reader's submission reveals the AI
(``reveal_case``): that result is owed to the case's store, so browsing does not cancel it and a job started meanwhile
only puts it off until the worker is free again; a folder closed first keeps it for its next opening
(app.owed_reveal_keeper). A reveal stays owed until its result (or its own case's error) arrives: the person's Cancel
and a failed job only put it off.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from annotations.case_names import case_name
from annotations.document import AIResult, Modality
from annotations.image_io import MeasuredImage, load_image_with_header
from annotations.modality import guess_modality
from annotations.progress import SubState, check_cancelled
from app.long_lived import loading_long_lived
from app.pipeline_progress import PIPELINE_PROGRESS
from app.settings import SettingsValues
from app.tasks import Task, TaskRunner, WorkerState
from inference.analysis_settings import AnalysisSettings
from inference.model_cache import ModelCache
from inference.model_card import CANDIDATE_TASKS
from inference.model_plan import cut_at_planned_thresholds, loads_models, made_by_planned_models, planned_models

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # torch loads on the worker, the first time an analysis runs
    from annotations.dicom.reader import DicomHeader
    from inference.analysis_models import AnalysisModels


@dataclass
class AnalysisItem:
    case_id: str
    # a file, or pixels already decoded for the canvas (with the pixel size their file records: a calibrated photo's
    # findings are measured by it)
    source: Path | np.ndarray | MeasuredImage
    modality: Modality | None = None  # None: decide from the image
    # A result kept from before, handed over instead of analysing while the models that made it are still those the
    # analysis would run (a blind reader's stored result, revealed on submission).
    stored: AIResult | None = None
    # Its image in the opened folder as messages name the case from (annotations.case_names; a B-scan by its
    # address, a volume's own case by its shown B-scan's: CaseController.case_address), by which progress names it
    # without reading the file; without it, by its case id. Made by in_folder.
    named: str | None = None
    # Its image file where ``source`` is the pixels decoded for the canvas: what the file says beyond them (file_notes)
    file: Path | None = None

    @classmethod
    def in_folder(cls, case_id: str, folder: Path, image_path: str,
                  source: Path | np.ndarray | MeasuredImage | None = None,
                  modality: Modality | None = None, stored: AIResult | None = None,
                  address: str | None = None) -> "AnalysisItem":
        """The case whose image is ``image_path`` in the opened ``folder``, analysed from ``source`` (pixels already
        decoded), else from that file; named in progress by ``address`` (a volume's own case by its shown B-scan's,
        CaseController.case_address), by default by ``image_path`` (a B-scan's is its address)."""
        file = folder / image_path
        return cls(case_id, file if source is None else source, modality, stored, address or image_path,
                   None if source is None else file)


@dataclass
class ModelInfo:
    device: str


@dataclass
class CaseOutcome:
    case_id: str
    result: AIResult | None
    error: str | None = None


@dataclass
class BatchTally:
    """How an "Analyse all" went, counted as its cases' outcomes arrive."""

    total: int = 0  # the cases it analyses
    analysed: int = 0
    failed: int = 0
    warned: int = 0  # analysed cases whose result carries warnings
    cancelled: bool = False

    def add(self, item: Any) -> None:
        if not isinstance(item, CaseOutcome):
            return  # the ModelInfo published first
        if item.result is None:
            self.failed += 1
            return
        self.analysed += 1
        self.warned += bool(item.result.warnings)


@dataclass
class _Request:
    items: Sequence[AnalysisItem]  # a folder's: made one at a time (app.folder_items)
    values: SettingsValues


class AnalysisController(QObject):
    result_ready = Signal(str, object)  # case_id, AIResult
    case_failed = Signal(str, str)  # case_id ("" when a whole batch failed), message
    batch_ended = Signal(object)  # BatchTally of an "Analyse all" that finished or was cancelled
    models_ready = Signal(object)  # ModelInfo: for the status bar
    progress = Signal(float, str)
    busy_changed = Signal(bool)
    owed_changed = Signal()  # a reveal came owed, or was delivered or failed its case (not: its folder closed)
    job_started = Signal()
    cancelling = Signal()  # the person's Cancel reached a running job: it ends at its next check

    def __init__(self, values: SettingsValues, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.values = values
        self.runner = TaskRunner("analysis", self)
        self.runner.busy_changed.connect(self.busy_changed)
        self._job_case: str | None = None  # case of the running single-case job; None for a batch
        self._batch_waiting: set[str] = set()  # the running "Analyse all"'s cases not delivered yet
        self._owed: dict[str, AnalysisItem] = {}  # revealed cases whose result has not arrived yet, newest last
        self._job_owed = False  # the running job is the owed reveals'
        # their job was cancelled or failed: they wait for the next job's end, a new reveal or the folder's next
        # opening instead of running again at once (Cancel would do nothing; a failure would repeat)
        self._owed_held = False
        self._tally = BatchTally()  # the latest "Analyse all"'s
        self.runner.busy_changed.connect(self._run_owed_when_idle)
        # shared with the models' preload (app.model_preload): an analysis asked for while it runs waits for it
        self.model_cache = ModelCache(loading=loading_long_lived)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    @property
    def batch_running(self) -> bool:
        return self.runner.current is not None and self._job_case is None and not self._job_owed

    def running_batch(self) -> BatchTally | None:
        """How far the "Analyse all" running has got; None when none runs, or it is being cancelled already."""
        task = self.runner.current
        return self._tally if self.batch_running and not task.is_cancelled else None

    def analysing(self, case_id: str) -> bool:
        """A job is analysing this case, or will come to it (an "Analyse all" that has not yet, a reveal owed): its
        result is on the way."""
        return self.runner.current is not None and (self._job_case == case_id or case_id in self._owed
                                                    or case_id in self._batch_waiting)

    def owes(self, case_id: str) -> bool:
        """A reveal of this case is under way or waiting: its result is coming, no other analysis is needed."""
        return case_id in self._owed

    def owed(self) -> list[AnalysisItem]:
        """The reveals owed, oldest first."""
        return list(self._owed.values())

    def analyze_case(self, item: AnalysisItem) -> Task:
        """Analyse one case now (cancelling whatever ran before)."""
        return self._start([item], item.case_id, f"analyse {item.case_id}")

    def analyze_all(self, items: Sequence[AnalysisItem]) -> Task:
        """Analyse ``items`` one after the other; ``progress`` names each ("3/12 'b.png': …") for the status bar."""
        return self._start(items, None, "analyse all")

    def reveal_case(self, item: AnalysisItem) -> None:
        """A blind reader submitted ``item``'s case: its AI (``item.stored`` while current, else a new analysis) is
        owed to the case's store whatever the reader does next. Browsing does not cancel it, and a job started
        meanwhile (the next case's analysis) goes first and puts it off; during "Analyse all" it waits for the end.
        The newest reveal runs first: it is the case on the screen."""
        self._owed.pop(item.case_id, None)
        self._owed[item.case_id] = item
        self.owed_changed.emit()
        if not self.batch_running:
            self._start_owed()

    def case_switched(self, case_id: str | None) -> None:
        """Stop a single-case job that belongs to another case; a batch and the owed reveals go on. Its result
        finished before the switch is kept, stored for its case."""
        if self.runner.current is not None and self._job_case is not None and self._job_case != case_id:
            self.runner.cancel(keep_published=True)

    def cancel(self) -> None:
        """The person's Cancel: the running job stops (a batch's owed reveals then run). A result finished as it
        landed is kept and stored as any other (it was dropped, and analysed again later). The reveals stay owed (and
        kept in the folder's store); when theirs is the job cancelled, they wait as after a failure."""
        if self._job_owed:
            self._owed_held = True
        if self.runner.current is not None:
            self.runner.cancel(keep_published=True)
            self.cancelling.emit()

    def folder_closed(self) -> None:
        """The folder the jobs' cases belong to closed: forget the owed reveals (its store keeps them,
        app.owed_reveal_keeper) and stop whatever job runs, an "Analyse all" too. A case of the folder opened next
        may have the same id (case ids come from the image's path in its folder): a result arriving later would be
        stored on that other photo."""
        self._owed.clear()
        self.runner.cancel()

    def shutdown(self) -> None:
        self._owed.clear()
        self.runner.shutdown()

    def _start_owed(self) -> None:
        self._start(list(reversed(self._owed.values())), None, "reveal", owed=True)

    def _hold_owed(self) -> None:
        self._owed_held = True

    def _run_owed_when_idle(self, busy: bool) -> None:
        if not busy and self._owed and not self._owed_held:
            self._start_owed()

    def _start(self, items: Sequence[AnalysisItem], case_id: str | None, name: str, owed: bool = False) -> Task:
        request = _Request(items, self.values)
        # an "Analyse all"'s cases not delivered yet, by their ids (FolderItems makes its items on the worker)
        self._batch_waiting = set(getattr(items, "case_ids", None) or [item.case_id for item in items]) \
            if case_id is None and not owed else set()
        # the job cancelled for it keeps the results it finished, each stored for its own case; not when this one
        # analyses that very case again (other settings): the earlier result would stand if this one failed
        again = case_id is not None and self.runner.current is not None and case_id == self._job_case
        task = self.runner.run(self._job, request, name=name, keep_published=not again)
        self._job_case, self._job_owed, self._owed_held = case_id, owed, False
        self.job_started.emit()
        task.progress.connect(self.progress)
        task.partial.connect(self._on_partial)
        task.failed.connect(lambda error: self.case_failed.emit(case_id or "", error))
        if owed:  # failed as a whole (no model loads): said once, kept owed, not tried again and again
            task.failed.connect(lambda _: self._hold_owed())
        elif case_id is None:
            tally = self._tally = BatchTally(total=len(items))
            task.partial.connect(tally.add)
            task.finished.connect(lambda _: self.batch_ended.emit(tally))
            task.cancelled.connect(lambda: self.batch_ended.emit(replace(tally, cancelled=True)))
        return task

    def _on_partial(self, item: Any) -> None:
        if isinstance(item, ModelInfo):
            self.models_ready.emit(item)
            return
        owed = self._owed.pop(item.case_id, None) is not None  # delivered, whichever job analysed it
        self._batch_waiting.discard(item.case_id)
        if item.error is not None:
            self.case_failed.emit(item.case_id, item.error)
        else:
            self.result_ready.emit(item.case_id, item.result)
        if owed:  # after the result went to be stored: the reveal is forgotten once its result is kept
            self.owed_changed.emit()

    # on the worker thread -----------------------------------------------------------------------------------
    def _job(self, request: _Request, state: WorkerState) -> int:
        """Its own texts are translated here (QCoreApplication.translate is thread-safe); the pipeline's stay
        English, as inference/ knows no Qt."""
        settings = request.values.analysis_settings()
        models: AnalysisModels | None = None  # loaded for the first item whose analysis runs a model
        loads = functools.cache(lambda modality: loads_models(modality, settings))  # cards read once a job
        count = len(request.items)
        for index, item in enumerate(request.items):
            check_cancelled(state)
            name = item.source.name if isinstance(item.source, Path) else item.case_id
            if item.stored is not None:
                try:
                    current = self._still_current(item, settings)
                except Exception as exc:  # noqa: BLE001 - a damaged stored result (its thresholds): not current
                    log.warning("%s (case %s): its stored AI result cannot be compared with the analysis planned "
                                "now (%s); analysing it afresh", name, item.case_id, exc)
                    current = False
                if current:
                    state.publish(CaseOutcome(item.case_id, item.stored))
                    continue
            from inference.pipeline import PipelineOptions, analyze, file_notes, image_failure
            sub = SubState(state, index / count, (index + 1) / count)
            shown = _shown_name(item)
            label = f"{index + 1}/{count} {shown}" if count > 1 else shown
            try:
                measured, header = _decoded(item.source)
            except Exception as exc:  # noqa: BLE001 - a bad image fails its case only, said as the pipeline says it
                state.publish(CaseOutcome(item.case_id, None, image_failure(str(item.source), exc)))
                continue
            modality = item.modality or self._modality(item, measured.pixels, header)
            if not loads(modality):  # an OCT scan without an OCT model: no photo's model loaded
                used = self._no_models(settings)
            else:
                if models is None:
                    if not self.model_cache.holds(settings):  # loading, or waiting for the preload that loads them
                        state.progress(index / count, QCoreApplication.translate("AnalysisController",
                                                                                 "loading the AI models…"))
                    models = self._load_models(settings, state)
                    state.publish(ModelInfo(str(models.device)))
                used = models
            analysing = QCoreApplication.translate("AnalysisController", "{image}: analysing")
            sub.progress(0.0, analysing.format(image=label))
            # the result keeps the probability maps (reduced) so the reader can show a class's as a heat map
            outcome = analyze([measured], used.models, _Prefixed(sub, label), used.device,
                              PipelineOptions(modality=modality, store_probabilities=True))[0]
            file = item.source if isinstance(item.source, Path) else item.file
            if outcome.result is not None and file is not None:  # decoded here: the pipeline was given pixels
                outcome.result.warnings += file_notes(file)
            state.publish(CaseOutcome(item.case_id, outcome.result, outcome.error))
        state.progress(1.0, QCoreApplication.translate("AnalysisController", "analysis done"))
        return count

    @staticmethod
    def _still_current(item: AnalysisItem, settings: AnalysisSettings) -> bool:
        """The item's stored result came from the models the analysis would run now (read from their cards) and its
        masks were cut at the thresholds it would cut them at now (the reader's may have changed since). A stale one
        is analysed again rather than re-cut from its kept probability maps: those are reduced, and the findings,
        the lesion counts and an ICDR grade follow from the masks, so only a new analysis makes them agree. The
        photo's field of view is measured only for a result the candidates models are missing from."""
        def field_diameter() -> float:
            from inference.preprocess import field_diameter as diameter, find_fov  # torch: on the worker
            try:
                image = _decoded(item.source)[0].pixels
            except Exception:  # noqa: BLE001 - analysed then, which fails this case with the loader's message
                return float("inf")
            return diameter(image, find_fov(image))

        stored, oct_scan = item.stored, item.modality is Modality.OCT
        if not made_by_planned_models(stored.models, planned_models(settings), oct_scan, field_diameter):
            return False
        candidates_ran = any(model.get("task") in CANDIDATE_TASKS for model in stored.models)
        return oct_scan or cut_at_planned_thresholds(stored.mask_thresholds, settings, candidates_ran)

    @staticmethod
    def _modality(item: AnalysisItem, image: np.ndarray, header: DicomHeader | None) -> Modality:
        return guess_modality(item.source if isinstance(item.source, Path) else Path(item.case_id), image, header)

    def _load_models(self, settings: AnalysisSettings, state: WorkerState) -> AnalysisModels:
        """Loaded once per settings and kept while they stay the same (torch loads on the worker); the models'
        objects are walked by no full garbage collection while they serve; the reader's thresholds are applied for
        this analysis alone (a threshold moved loads nothing). Waiting for the preload's load is cancelled with the
        job (the window closing does not wait for it)."""
        from inference.analysis_models import with_reader_thresholds  # torch: on the worker

        return with_reader_thresholds(self.model_cache.get(settings, cancelled=state.is_cancelled), settings)

    @staticmethod
    def _no_models(settings: AnalysisSettings) -> AnalysisModels:
        from inference.analysis_models import no_models  # torch: on the worker

        return no_models(settings)


def _decoded(source: Path | np.ndarray | MeasuredImage) -> tuple[MeasuredImage, DicomHeader | None]:
    """An item's pixels and the pixel size their file records, decoded from its file where they were not yet, and
    a DICOM file's header as they were decoded by (what it is is read from it, not from another read)."""
    if isinstance(source, MeasuredImage):
        return source, None
    return (MeasuredImage(source), None) if isinstance(source, np.ndarray) else load_image_with_header(source)


def _shown_name(item: AnalysisItem) -> str:
    """The case as progress names it: by its path in the opened folder, a B-scan by its volume's and its number
    (annotations.case_names), never by its address; an item without its image's path by its case id."""
    return item.case_id if item.named is None else case_name(item.named, QCoreApplication.translate)


class _Prefixed:
    """Progress messages name the image, so the status bar says which one of a batch is being analysed; the
    pipeline's own words are translated (on the worker: QCoreApplication.translate is thread-safe)."""

    def __init__(self, state: SubState, label: str) -> None:
        self._state, self._label = state, label

    def progress(self, fraction: float, message: str = "") -> None:
        joined = QCoreApplication.translate("AnalysisController", "{image}: {step}")  # Chinese joins with ：
        self._state.progress(fraction, joined.format(image=self._label, step=PIPELINE_PROGRESS(message))
                             if message else self._label)

    def is_cancelled(self) -> bool:
        return self._state.is_cancelled()

