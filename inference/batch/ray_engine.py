"""The batch on a Ray cluster: actors that load the models once (on a GPU when the cluster has them) analyse the
photos the driver sends them, as bytes (a volume's once for all its B-scans), so workers need no shared folder;
they return encoded files and results for the driver's one writer. The per-photo work is the local engine's, so
the results are the same.

Ray is an optional dependency (``pip install retina-review[cluster]``), imported only here and only when used.
"""
from __future__ import annotations

import os
import signal
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Sequence

from annotations.errors import FileProblem
from annotations.frames import split_frame, with_frame
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.regular_files import read_regular_bytes
from annotations.wording import join_items
from inference.analysis_models import assemble_models
from inference.batch import messages as msg
from inference.batch.photo import BatchRecipe, PhotoReport, PhotoTask, named_error, report_for, task_options
from inference.batch.worker_plan import actor_device, plan_workers
from inference.pipeline import analyze_loaded, load_for_analysis, prepare_device
from inference.registry import ModelRegistry

ACTOR_START_TIMEOUT_S = 300  # starting Python, torch and the models on a busy node takes a while
PHOTOS_IN_FLIGHT_PER_WORKER = 2  # the next photo's bytes travel while the current one is analysed
MAX_PHOTO_BYTES = 1 << 30


class RayUnavailable(RuntimeError):
    pass


class PhotoAnalyst:
    """One Ray actor: the models are assembled once, in __init__, with the batch's settings, on the GPU Ray gave
    the actor when it has one."""

    def __init__(self, recipe: BatchRecipe) -> None:
        self.recipe = recipe
        device = actor_device(recipe.settings.device, import_ray().get_gpu_ids())
        assembled = assemble_models(replace(recipe.settings, device=device), ModelRegistry())
        self.models = assembled.models
        self.target = prepare_device(assembled.device, self.models)

    def device(self) -> str:
        return str(self.target)

    def analyze(self, task: PhotoTask, data: bytes, file: str, number: int | None) -> PhotoReport:
        """Analyse the contents of ``file`` (the photo, or the volume of B-scan ``number``: the driver splits the
        address, as only its machine has the file) under the file's own name, in a temporary folder of this worker."""
        with tempfile.TemporaryDirectory(prefix="retina-review-") as folder:
            copy = Path(folder) / Path(file).name
            copy.write_bytes(data)
            options = task_options(self.recipe, task)
            loaded = load_for_analysis(copy if number is None else with_frame(str(copy), number), 0, options)
            loaded.source = task.source  # the name the results carry and the modality is guessed from
            outcome, self.target = analyze_loaded(loaded, self.models, NullState(), self.target, options,
                                                  keep_images=True)
            if outcome.error:
                outcome.error = outcome.error.replace(str(copy), file)
            return report_for(outcome, task, self.recipe)


def import_ray() -> Any:
    try:
        import ray  # optional, heavy: only the Ray engine needs it
    except ImportError as exc:
        raise RayUnavailable(msg.NO_RAY) from exc
    return ray


def run_ray(tasks: Sequence[PhotoTask], recipe: BatchRecipe, on_report: Callable[[PhotoReport], None],
            state: TaskState | None = None, address: str | None = None, workers: int | None = None,
            log: Callable[[str], None] = lambda _: None, gpus_per_worker: float | None = None) -> None:
    """Shard ``tasks`` over actors on the cluster at ``address`` (None: RAY_ADDRESS, a cluster started with `ray
    start` on this machine, else a Ray started here for this batch); ``workers`` and ``gpus_per_worker`` as
    worker_plan.plan_workers takes them (ValueError for GPUs a cluster lacks). ``on_report`` runs in this thread,
    once per photo, in the order photos finish. Ctrl+C (KeyboardInterrupt) or a cancelled ``state`` stops the
    actors and is raised; reports handed over before are kept. A Ray started here is shut down at the end."""
    ray = import_ray()
    state = state or NullState()
    started_here = not ray.is_initialized()
    if started_here:
        _join(ray, address)
    actors: list[Any] = []
    try:
        actors = _start_actors(ray, recipe, workers, gpus_per_worker, log)
        _shard(ray, tasks, actors, on_report, state)
    finally:
        for actor in actors:
            ray.kill(actor)  # also interrupts photos still running after Ctrl+C
        if started_here:
            ray.shutdown()


def _join(ray: Any, address: str | None) -> None:
    """ray.init, keeping the caller's SIGTERM handler: Ray's replaces it with an exit on the spot, so a scheduler's
    SIGTERM left the command's summary unsaid (`analyze` stops on it as on Ctrl+C: app.stop_signals)."""
    main_thread = threading.current_thread() is threading.main_thread()
    handler = signal.getsignal(signal.SIGTERM) if main_thread else None
    try:
        ray.init(address=address, include_dashboard=False, logging_level="WARNING", log_to_driver=False)
    except ConnectionError as exc:  # Ray sends a token to an address given explicitly only when told to
        if address and "RAY_AUTH_MODE" not in os.environ:
            raise ConnectionError(msg.NO_TOKEN.format(error=exc)) from exc
        raise
    finally:
        if handler is not None:
            signal.signal(signal.SIGTERM, handler)


def _start_actors(ray: Any, recipe: BatchRecipe, workers: int | None, gpus_per_worker: float | None,
                  log: Callable[[str], None]) -> list[Any]:
    """The plan's actors (worker_plan.plan_workers); those not placed within ACTOR_START_TIMEOUT_S (nodes smaller
    than asked) are given up, so the batch never waits on them."""
    resources = ray.cluster_resources()
    plan = plan_workers(resources, workers, gpus_per_worker, recipe.settings.device)
    remote = ray.remote(PhotoAnalyst).options(max_restarts=1, num_cpus=plan.cpus, num_gpus=plan.gpus)
    started = {actor.device.remote(): actor for actor in (remote.remote(recipe) for _ in range(plan.count))}
    ready, late = ray.wait(list(started), num_returns=len(started), timeout=ACTOR_START_TIMEOUT_S)
    if not ready:  # a busy cluster: wait for one
        ready, late = ray.wait(late, num_returns=1)
    for ref in late:
        ray.kill(started[ref])
    devices = ray.get(ready)  # a worker that could not load the models raises here, once
    said = msg.RAY_CLUSTER_LATE if late else msg.RAY_CLUSTER
    log(said.format(cpus=f"{resources.get('CPU', 0):g}", gpus=f"{resources.get('GPU', 0):g}", placed=len(ready),
                    workers=plan.describe(), devices=join_items(sorted(set(devices)))))
    return [started[ref] for ref in ready]


def _shard(ray: Any, tasks: Sequence[PhotoTask], actors: list[Any], on_report: Callable[[PhotoReport], None],
           state: TaskState) -> None:
    pending = list(reversed(tasks))
    running: dict[Any, tuple[Any, PhotoTask]] = {}  # result ref -> (actor, task)
    load = {id(actor): 0 for actor in actors}
    sent: dict[str, Any] = {}  # the file last read -> its bytes in Ray's object store, shared by a volume's B-scans
    done = 0

    def submit(actor: Any) -> None:
        while pending and load[id(actor)] < PHOTOS_IN_FLIGHT_PER_WORKER:
            task = pending.pop()
            file, number = split_frame(task.source)  # a B-scan: its volume's file
            if file not in sent:
                try:
                    data = read_regular_bytes(file, MAX_PHOTO_BYTES)
                except (OSError, ValueError, FileProblem) as exc:  # unreadable here: reported like any failed photo
                    on_report(PhotoReport(task.source, error=named_error(task.source, str(exc))))
                    continue
                sent.clear()  # a volume's B-scans come one after another: one file's bytes are kept at a time
                sent[file] = ray.put(data)
            running[actor.analyze.remote(task, sent[file], file, number)] = (actor, task)
            load[id(actor)] += 1

    for actor in actors:
        submit(actor)
    while running:
        check_cancelled(state)
        ready, _ = ray.wait(list(running), num_returns=1, timeout=0.5)
        for ref in ready:
            actor, task = running.pop(ref)
            load[id(actor)] -= 1
            try:
                report = ray.get(ref)
            except ray.exceptions.RayError as exc:  # the worker died (out of memory, a crash): this photo fails
                report = PhotoReport(task.source, error=named_error(task.source, msg.WORKER_FAILED.format(error=exc)))
            on_report(report)
            done += 1
            state.progress(done / len(tasks), f"{task.name}: done")
            submit(actor)
    state.progress(1.0, "done")
