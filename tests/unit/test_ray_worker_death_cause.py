"""A Ray worker that stops is said with why Ray says it stopped: Ray's own report of it (900 colour-coded characters
beside the command's line) is kept off the console, and the line said only "a crash, memory running out, or its
machine lost", whichever it was. A fake Ray here: its actor-death error as Ray words it (ray.exceptions.ActorDiedError
of an ActorDiedErrorContext), no Ray started."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from annotations.progress import CallbackState
from inference.batch import ray_shard, ray_workers
from inference.batch.photo import PhotoReport, PhotoTask
from inference.batch.worker_plan import plan_workers

DIED = "The actor died unexpectedly before finishing this task."  # Ray's first line, all it says without a cause
KILLED = ("The actor is dead because its worker process has died. Worker exit type: SYSTEM_ERROR Worker exit detail: "
          "Worker unexpectedly exits with a connection error code 2. End of file. There are some potential root "
          "causes. (1) The process is killed by SIGKILL by OOM killer due to high memory usage.")
GENERIC = ("a Ray worker stopped (a crash, memory running out, or its machine lost): its photos go to the other "
           "workers while Ray starts it again")
ACTOR = "\tclass_name: PhotoAnalyst\n\tactor_id: 5a1c0e9f2b7d\n\tpid: 4711\n\tip: 10.0.0.7"  # its details, tab-indented


class RayError(Exception):
    pass


class RayActorError(RayError):
    pass


class ActorDiedError(RayActorError):
    pass


class ActorUnavailableError(RayActorError):
    pass


class Ref:
    def __init__(self, value: Any = None, error: BaseException | None = None) -> None:
        self.value, self.error = value, error


class FakeRay:
    exceptions = SimpleNamespace(RayError=RayError, RayActorError=RayActorError)

    def get(self, ref: Ref) -> Any:
        if ref.error is not None:
            raise ref.error
        return ref.value

    def wait(self, refs: list[Ref], num_returns: int, timeout: float) -> tuple[list[Ref], list[Ref]]:
        return refs[:num_returns], refs[num_returns:]

    def put(self, data: bytes) -> Ref:
        return Ref(data)

    def kill(self, actor: object) -> None:
        pass


class Analyst:
    """A worker whose first two photos (the one it analyses and the next, sent ahead) die with ``death``; started
    again, it analyses them."""

    def __init__(self, death: BaseException) -> None:
        self.deaths = [death, death]
        self.device = SimpleNamespace(remote=lambda: Ref("cpu"))
        self.analyze = SimpleNamespace(remote=self._analyze)

    def _analyze(self, task: PhotoTask, *_data: object) -> Ref:
        return Ref(error=self.deaths.pop()) if self.deaths else Ref(PhotoReport(task.source))


@pytest.mark.parametrize("error, said", [
    (ActorDiedError(f"{DIED}\n{ACTOR}\n{KILLED}"), f"a Ray worker stopped (Ray says: {KILLED}): its photos go to the "
                                                   "other workers"),
    (ActorDiedError(f"{DIED}\n{ACTOR}\nThe actor is dead because its node has died. Node Id: 9f3e"),
     "a Ray worker stopped (Ray says: The actor is dead because its node has died. Node Id: 9f3e): its photos go to "
     "the other workers"),
    (ActorDiedError(DIED), GENERIC),  # Ray gives no cause
    # what a worker Ray starts again gives (a real Ray's, its process killed): no cause either
    (ActorUnavailableError("The actor 3e3febcee75cfccd72df31aa01000000 is unavailable: The actor is temporarily "
                           "unavailable: RpcError: RPC error: Socket closed rpc_code: 14. The task may or may not have "
                           "been executed on the actor."), GENERIC),
], ids=["worker-process-died", "node-died", "no-cause", "actor-unavailable"])
def test_a_worker_that_stops_is_said_with_rays_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     error: BaseException, said: str) -> None:
    monkeypatch.setattr(ray_workers, "ASK_AGAIN_S", 0)
    tasks = []
    for name in ("eye0.png", "eye1.png"):
        (tmp_path / name).write_bytes(b"photo")
        tasks.append(PhotoTask(str(tmp_path / name), name[:-4], repr(name)))
    ray, lines, reports = FakeRay(), [], []
    resources = {"CPU": 4.0}
    pool = ray_workers.WorkerPool(ray, plan_workers(resources, 1, None, "cpu"), resources, lines.append)
    pool.add(Analyst(error))
    ray_shard.shard(ray, tasks, pool, reports.append, CallbackState())
    assert lines[1:] == [said, "a Ray worker started again; 1 of 1 working"]
    assert sorted(report.source for report in reports) == [task.source for task in tasks]
    assert not any(report.error for report in reports)
