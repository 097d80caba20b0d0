"""The batch on a Ray cluster: actors that load the models once (on a GPU when the cluster has them) analyse the
photos the driver sends them, as bytes (a volume's once for all its B-scans), so workers need no shared folder;
they return encoded files and results for the driver's one writer. The per-photo work is the local engine's, so
the results are the same. The workers start, stop and start again as ray_workers says, the photos go to them as
ray_shard says, and a command drives it all from a process of its own (ray_driver).

Ray is an optional dependency (``pip install retina-review[cluster]``), imported only here and only when used.
"""
from __future__ import annotations

import os
import signal
import socket
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Sequence

from annotations.frames import with_frame
from annotations.progress import NullState, TaskState
from inference.analysis_models import assemble_models, no_models
from inference.batch import messages as msg
from inference.batch.photo import BatchRecipe, PhotoReport, PhotoTask, report_for, task_options
from inference.batch.ray_shard import shard
from inference.batch.ray_workers import start_workers
from inference.batch.worker_copies import ENDED_WITHIN_S, photo_folder, remove_left_behind
from inference.batch.worker_plan import actor_device
from inference.pipeline import analyze_loaded, load_for_analysis, prepare_device
from inference.registry import ModelRegistry

ADDRESS_VARIABLE = "RAY_ADDRESS"  # Ray's own: the cluster ray.init joins where given no address
CONNECT_TIMEOUT_S = 10  # for an answer at the cluster's address, before Ray is asked to join it
# Ray's settings for joining a cluster by its address (ray._private.node: NUM_REDIS_GET_RETRIES tries, each of them
# about 3 x py_gcs_connect_timeout_s where the head's port answers but not as Ray: about 30 s in all)
CONNECT_BOUNDS = {"RAY_NUM_REDIS_GET_RETRIES": "2", "RAY_py_gcs_connect_timeout_s": "5"}
SWEEP_START_S = 5  # for Ray to start the task that removes a machine's photo copies there, at a run's end


class RayUnavailable(RuntimeError):
    pass


class PhotoAnalyst:
    """One Ray actor: the models are assembled once, in __init__, with the batch's settings, on the GPU Ray gave
    the actor when it has one; none where the batch's scans need none (BatchRecipe.loads_models)."""

    def __init__(self, recipe: BatchRecipe) -> None:
        remove_left_behind()  # the photos of workers killed mid-photo on this machine, in earlier runs or this one
        self.recipe = recipe
        device = actor_device(recipe.settings.device, import_ray().get_gpu_ids())
        settings = replace(recipe.settings, device=device)
        assembled = assemble_models(settings, ModelRegistry()) if recipe.loads_models else no_models(settings)
        self.models = assembled.models
        self.target = prepare_device(assembled.device, self.models)

    def device(self) -> str:
        return str(self.target)

    def analyze(self, task: PhotoTask, data: bytes, file: str, number: int | None) -> PhotoReport:
        """Analyse the contents of ``file`` (the photo, or the volume of B-scan ``number``: the driver splits the
        address, as only its machine has the file) under the file's own name, in a temporary folder of this worker."""
        with photo_folder() as folder:
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
    once per photo, in the order photos finish; a worker that stops hands its photos to the others (ray_shard).
    ConnectionError where the cluster cannot be reached; ray_shard.WorkersLost where every worker stopped for good.
    Ctrl+C (KeyboardInterrupt) or a cancelled ``state`` stops the actors and is raised; reports handed over before
    are kept. The photo copies of workers ended mid-photo are removed on every machine of a cluster joined (those of
    a Ray started here, this machine's alone, by run_on_ray once it is down); a Ray started here is shut down at the
    end.

    This process becomes Ray's driver, which Ray ends on the spot where it loses the cluster: ray_driver runs this
    in a process of its own for a command that must outlive that."""
    ray = import_ray()
    state = state or NullState()
    joined_here = not ray.is_initialized()
    own_ray = _join(ray, address) if joined_here else False
    pool = None
    try:
        pool = start_workers(ray, PhotoAnalyst, recipe, workers, gpus_per_worker, log)
        shard(ray, tasks, pool, on_report, state)
    finally:
        if pool is not None:
            pool.stop()  # also interrupts photos still running after Ctrl+C
            if not own_ray:  # on a Ray of its own, a task that waited 1.5-4 s for Ray to start a process to run it
                _remove_left_behind_everywhere(ray)
        if joined_here:
            ray.shutdown()


def _remove_left_behind_everywhere(ray: Any) -> None:
    """worker_copies.remove_left_behind on each machine of the cluster, at once: the copies of the workers a run's end
    ended mid-photo, and of those that crashed, were removed only by the next worker to start on that machine, which
    may never come. A task of no CPU, so a machine that other work fills takes it too; one not done in time (its
    machine lost, slow to start a Ray worker) is left to that machine's next worker."""
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    sweep = ray.remote(num_cpus=0)(remove_left_behind)
    try:
        sweeps = [sweep.options(scheduling_strategy=NodeAffinitySchedulingStrategy(node["NodeID"], soft=False))
                  .remote(within_s=ENDED_WITHIN_S) for node in ray.nodes() if node.get("Alive")]
        if sweeps:
            ray.wait(sweeps, num_returns=len(sweeps), timeout=ENDED_WITHIN_S + SWEEP_START_S)
    except Exception:  # noqa: BLE001 - best effort: a cluster not answering (a RayError, or its connection's own
        pass  # errors from ray.nodes) must not hide why the run ended, nor keep ray.shutdown from running


def _join(ray: Any, address: str | None) -> bool:
    """ray.init, keeping the caller's SIGTERM handler: Ray's replaces it with an exit on the spot, so a scheduler's
    SIGTERM left the command's summary unsaid (`analyze` stops on it as on Ctrl+C: app.stop_signals). An address
    nothing answers at is refused at once, naming it (Ray would try it for minutes), as is the address that a
    cluster started on this machine left for a run given none, where it stopped without `ray stop` (killed, crashed).
    Whether it started a Ray of the run's own (no cluster given or started on this machine), this machine alone."""
    given = address or os.environ.get(ADDRESS_VARIABLE)
    recorded = None if given else ray._private.utils.read_ray_address()
    if recorded:
        reachable(recorded, msg.CANNOT_REACH_RECORDED, file=ray._private.utils.get_ray_address_file(None))
    else:
        reachable(given)
    main_thread = threading.current_thread() is threading.main_thread()
    handler = signal.getsignal(signal.SIGTERM) if main_thread else None
    try:
        # Ray's warnings are not the command's to say: "Token authentication is enabled for this Ray cluster" at
        # each start, with how to opt out; its errors still are
        ray.init(address=address, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    except ConnectionError as exc:  # Ray sends a token to an address given explicitly only when told to
        if address and "RAY_AUTH_MODE" not in os.environ:
            raise ConnectionError(msg.NO_TOKEN.format(error=exc)) from exc
        raise
    finally:
        if handler is not None:
            signal.signal(signal.SIGTERM, handler)
    return not (given or recorded)


def reachable(address: str | None, problem: str = msg.CANNOT_REACH, **names: str) -> None:
    """ConnectionError naming ``address`` (HOST:PORT) where nothing answers there within CONNECT_TIMEOUT_S: a name
    no DNS knows, a port nothing listens on, a machine that does not answer. Ray itself tries such an address for
    ten minutes and more, saying only its own warnings. Other addresses (none, "auto", "local", ray://) are Ray's.
    ``problem``: the error's template, with ``names`` beside the address and the reason."""
    host, colon, port = (address or "").rpartition(":")
    if not colon or not port.isdigit() or "://" in address:
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise ConnectionError(problem.format(address=address, reason=exc.strerror or exc, **names)) from exc


def bound_connect_time(address: str | None) -> None:
    """Before Ray is imported: a cluster joined by its address that answers but not as Ray (another service on the
    port, a head still starting) is given up after about 30 s, not Ray's 20 tries of 30 s. Settings the person made
    are kept; a Ray started here (no address) keeps Ray's own, which its start on a busy machine may need."""
    if address or os.environ.get(ADDRESS_VARIABLE):
        for name, value in CONNECT_BOUNDS.items():
            os.environ.setdefault(name, value)
