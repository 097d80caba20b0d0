"""The Ray engine's workers (actors) as the batch sees them: starting (waiting for Ray to place them, then loading
the models), working (given photos: ray_shard), or stopped and started again by Ray (max_restarts). A worker is asked
its device (PhotoAnalyst.device) to tell when it works: the answer comes once its models are loaded. The batch starts
as soon as one works; one that does not work within ACTOR_START_TIMEOUT_S of its start or its stop is left out,
except before any has worked (a busy cluster: the batch waits for its first, having said so)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from inference.batch import messages as msg
from inference.batch.photo import BatchRecipe
from inference.batch.worker_plan import WorkerPlan, plan_workers

ACTOR_START_TIMEOUT_S = 300  # starting Python, torch and the models on a busy node takes a while
WORKER_RESTARTS = 3  # how often Ray starts a worker again that stopped (a crash, memory running out); then it is gone
ASK_AGAIN_S = 1.0  # Ray refuses to call a worker it is starting again at once: how long until it is asked again


@dataclass(eq=False)
class Worker:
    actor: Any
    since: float  # time.monotonic() when it was started, or stopped: it works within ACTOR_START_TIMEOUT_S or is left
    working: bool = False
    worked: bool = False  # it worked before it stopped: Ray starts it again
    asked: Any = None  # its device asked for (a Ray reference), while it does not work
    ask_at: float = 0.0  # when to ask again, where Ray said it was being started
    photos: list[Any] = field(default_factory=list)  # references to the photos sent to it, oldest first
    out_of_memory: bool = False  # Ray's memory monitor stopped it last: if it is gone, gone for that


class WorkerPool:
    def __init__(self, ray: Any, plan: WorkerPlan, resources: Mapping[str, float],
                 log: Callable[[str], None]) -> None:
        self.ray = ray
        self.plan = plan
        self.resources = resources
        self.log = log
        self.workers: list[Worker] = []  # those not gone
        self.actors: list[Any] = []  # every actor started, to stop at the end
        self.started = False  # a worker has worked: those late are left out
        # why a worker could not start (its models failed to load there): the run's error where none could
        self.failure: BaseException | None = None
        # the workers gone for good, for memory (Ray's memory monitor stopped them) and otherwise: the run, stopped
        # for want of workers, says each its own cause (none_left)
        self.gone_for_memory = 0
        self.gone_otherwise = 0
        self._asked: dict[Any, Worker] = {}

    def add(self, actor: Any) -> None:
        worker = Worker(actor, time.monotonic())
        self.workers.append(worker)
        self.actors.append(actor)
        self._ask(worker)

    def asked(self) -> list[Any]:
        """The references that answer whether a worker works (answered takes each that is ready)."""
        return list(self._asked)

    def working(self) -> list[Worker]:
        return [worker for worker in self.workers if worker.working]

    def answered(self, ref: Any) -> None:
        """A worker's device came (it works now), or Ray's word that it is being started (it is asked again), or
        that it cannot be (it is gone)."""
        worker = self._asked.pop(ref)
        worker.asked = None
        unavailable = getattr(self.ray.exceptions, "ActorUnavailableError", ())  # Ray 2.30 and later
        try:
            device = self.ray.get(ref)
        except unavailable:
            worker.ask_at = time.monotonic() + ASK_AGAIN_S
            return
        except self.ray.exceptions.RayError as exc:
            if getattr(exc, "actor_init_failed", False):
                self.failure = exc
            worker.out_of_memory = worker.out_of_memory or killed_for_memory(self.ray, exc)
            self._gone(worker)
            return
        worker.working = True
        if worker.worked:
            self.log(msg.WORKER_BACK.format(working=len(self.working()), count=len(self.workers)))
        elif not self.started:
            self.log(msg.RAY_CLUSTER.format(cpus=_count(self.resources, "CPU"), gpus=_count(self.resources, "GPU"),
                                            workers=self.plan.describe(), devices=device))
        self.started = worker.worked = True

    def stopped(self, worker: Worker, cause: str | None = None, out_of_memory: bool = False) -> None:
        """``worker`` stopped while working (its photos were taken back): Ray starts it again, where it can. Said with
        ``cause``, why Ray says it stopped, where it says (Ray's own report of it is kept off the console), or as its
        machine's memory running out."""
        worker.working = False
        worker.since = time.monotonic()
        worker.ask_at = worker.since + ASK_AGAIN_S
        worker.out_of_memory = out_of_memory
        if out_of_memory:
            self.log(msg.WORKER_OUT_OF_MEMORY)
        else:
            self.log(msg.WORKER_STOPPED if cause is None else msg.WORKER_STOPPED_SAYING.format(cause=cause))

    def tick(self) -> None:
        """Ask the workers Ray is starting again whether they work; leave out those that took too long."""
        now = time.monotonic()
        late = [worker for worker in self.workers if not worker.working and self.started
                and now - worker.since > ACTOR_START_TIMEOUT_S]
        for worker in late:
            self.ray.kill(worker.actor)
            self._gone(worker, said=worker.worked)
        never = sum(1 for worker in late if not worker.worked)
        if never:
            self.log(msg.WORKERS_LEFT_OUT.format(late=never, minutes=ACTOR_START_TIMEOUT_S // 60,
                                                 working=len(self.working())))
        for worker in self.workers:
            if not worker.working and worker.asked is None and now >= worker.ask_at:
                self._ask(worker)

    def none_left(self) -> str:
        """Why no worker is left, each gone one by its own cause: memory running out, otherwise, or some of each
        (one worker lost to memory said the others were too, a crash's included)."""
        if not self.gone_for_memory:
            return msg.NO_WORKERS_LEFT
        if not self.gone_otherwise:
            return msg.NO_MEMORY_LEFT
        return msg.SOME_FOR_MEMORY.format(memory=self.gone_for_memory, others=self.gone_otherwise)

    def stop(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)

    def _ask(self, worker: Worker) -> None:
        worker.asked = worker.actor.device.remote()
        self._asked[worker.asked] = worker

    def _gone(self, worker: Worker, said: bool = True) -> None:
        self.workers.remove(worker)
        if worker.out_of_memory:
            self.gone_for_memory += 1
        else:
            self.gone_otherwise += 1
        if worker.asked is not None:
            del self._asked[worker.asked]
        if said and self.workers:
            self.log(msg.WORKER_GONE.format(working=len(self.working()), count=len(self.workers)))


def killed_for_memory(ray: Any, exc: BaseException) -> bool:
    """Whether ``exc`` says that Ray's memory monitor stopped the worker: ray.exceptions.OutOfMemoryError, no actor
    error, which Ray raises from the calls of an actor whose death cause is memory (one not started again)."""
    return isinstance(exc, getattr(ray.exceptions, "OutOfMemoryError", ()))


def start_workers(ray: Any, analyst: type, recipe: BatchRecipe, workers: int | None, gpus_per_worker: float | None,
                  log: Callable[[str], None]) -> WorkerPool:
    """The actors of the plan (worker_plan.plan_workers) for the cluster, each an ``analyst`` (ray_engine.PhotoAnalyst)
    of ``recipe``, asked whether they work; where the cluster's free CPUs and GPUs cannot place them all now (other
    work holds them), that is said."""
    resources = ray.cluster_resources()
    plan = plan_workers(resources, workers, gpus_per_worker, recipe.settings.device, recipe.loads_models)
    free = ray.available_resources()
    room = _room(free, plan)
    if room < plan.count:
        log(msg.RAY_WAITING.format(waiting=plan.count - room, workers=plan.describe(), cpus=_count(free, "CPU"),
                                   gpus=_count(free, "GPU")))
    remote = ray.remote(analyst).options(max_restarts=WORKER_RESTARTS, num_cpus=plan.cpus, num_gpus=plan.gpus)
    pool = WorkerPool(ray, plan, resources, log)
    for _ in range(plan.count):
        pool.add(remote.remote(recipe))
    return pool


def _room(free: Mapping[str, float], plan: WorkerPlan) -> int:
    """How many of the plan's workers the ``free`` resources place now."""
    room = int(free.get("CPU", 0) // plan.cpus)
    if plan.gpus:
        room = min(room, int(free.get("GPU", 0) / plan.gpus + 1e-9))  # GPUs report fractions that do not add up
    return room


def _count(resources: Mapping[str, float], name: str) -> str:
    return f"{resources.get(name, 0):g}"
