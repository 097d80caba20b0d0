"""A Ray worker that Ray's memory monitor kills is said as memory running out, not as its photo's failure. Ray raises
ray.exceptions.OutOfMemoryError, not an actor error, from the results of an actor it stopped so for good (its death
cause's OOM context: core_worker's actor task submitter) and from every call to it after; the run took that for the
photo's own error ("the Ray worker failed (1 worker(s) were killed due to the node running low on memory …)"), for
that photo and for every photo sent to the dead worker after it. (Ray 2.60, its memory threshold lowered under an
actor filling memory: ActorUnavailableError while restarts are left, then OutOfMemoryError from each call.) A fake Ray
here, as in test_ray_worker_death_cause.

A run that lost one worker to memory and another to a crash said both were memory's: each is said by its own cause,
in the run's last line and in the failure of a photo both stopped on."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from annotations.progress import CallbackState
from inference.batch import ray_shard, ray_workers
from inference.batch.photo import PhotoReport, PhotoTask
from inference.batch.worker_plan import plan_workers
from tests.unit.test_ray_worker_death_cause import ACTOR, DIED, ActorDiedError, FakeRay, RayActorError, RayError, Ref

KILLED = ("1 worker(s) were killed due to the node running low on memory. Memory on the node (IP: 10.0.0.7, ID: 9f3e) "
          "was 30.12GB used / 31.60GB limit (0.953)\nOOM kill reason: Memory usage exceeded threshold")


class OutOfMemoryError(RayError):  # not a RayActorError, as Ray's is not
    pass


class MemoryRay(FakeRay):
    exceptions = SimpleNamespace(RayError=RayError, RayActorError=RayActorError, OutOfMemoryError=OutOfMemoryError)


class KilledAnalyst:
    """A worker that Ray kills for memory at its first photo: every call to it raises Ray's OutOfMemoryError."""

    def __init__(self) -> None:
        self.device = SimpleNamespace(remote=lambda: Ref("cpu"))
        self.analyze = SimpleNamespace(remote=self._analyze)
        self.killed = False

    def _analyze(self, task: PhotoTask, *_data: object) -> Ref:
        self.killed = True
        self.device = SimpleNamespace(remote=lambda: Ref(error=OutOfMemoryError(KILLED)))
        return Ref(error=OutOfMemoryError(KILLED))


CRASHED = "The actor is dead because its worker process has died. Worker exit type: SYSTEM_ERROR"  # Ray's words


class CrashingAnalyst:
    """A worker whose process dies (Ray's ActorDiedError, with its cause) at the first photo named ``crash_on``
    (any photo: None); Ray starts it again where ``restarts``, else it is gone."""

    def __init__(self, crash_on: str | None = None, restarts: bool = True) -> None:
        self.crash_on, self.restarts = crash_on, restarts
        self.device = SimpleNamespace(remote=lambda: Ref("cpu"))
        self.analyze = SimpleNamespace(remote=self._analyze)
        self.crashed = False

    def _analyze(self, task: PhotoTask, *_data: object) -> Ref:
        if self.crashed or self.crash_on not in (None, Path(task.source).stem):
            return Ref(PhotoReport(task.source))
        self.crashed = True
        death = ActorDiedError(f"{DIED}\n{ACTOR}\n{CRASHED}")
        if not self.restarts:
            self.device = SimpleNamespace(remote=lambda: Ref(error=death))
        return Ref(error=death)


class Analyst:
    def __init__(self) -> None:
        self.device = SimpleNamespace(remote=lambda: Ref("cpu"))
        self.analyze = SimpleNamespace(remote=lambda task, *_: Ref(PhotoReport(task.source)))


def _tasks(folder: Path, count: int) -> list[PhotoTask]:
    tasks = []
    for index in range(count):
        (folder / f"eye{index}.png").write_bytes(b"photo")
        tasks.append(PhotoTask(str(folder / f"eye{index}.png"), f"eye{index}", f"eye{index}.png"))
    return tasks


def _pool(ray: FakeRay, workers: list[object], lines: list[str]) -> ray_workers.WorkerPool:
    resources = {"CPU": 8.0}
    pool = ray_workers.WorkerPool(ray, plan_workers(resources, len(workers), None, "cpu"), resources, lines.append)
    for worker in workers:
        pool.add(worker)
    return pool


@pytest.fixture(autouse=True)
def ask_again_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ray_workers, "ASK_AGAIN_S", 0)


def test_a_run_whose_only_worker_ray_kills_for_memory_stops_for_resume_blaming_no_photo(tmp_path: Path) -> None:
    ray, lines, reports = MemoryRay(), [], []
    with pytest.raises(ray_shard.WorkersLost) as stopped:
        ray_shard.shard(ray, _tasks(tmp_path, 3), _pool(ray, [KilledAnalyst()], lines), reports.append,
                        CallbackState())
    assert reports == []  # the photos are left for --resume, none failed
    assert str(stopped.value) == ("no Ray worker is left: Ray stopped them as the memory of their machines ran out "
                                  "(fewer workers, --ray-workers, need less)")
    assert lines[1] == ("a Ray worker stopped, the memory of its machine running out (Ray stopped it): its photos go "
                        "to the other workers")


def test_the_photos_of_a_worker_ray_kills_for_memory_go_to_the_others(tmp_path: Path) -> None:
    ray, lines, reports = MemoryRay(), [], []
    killed = KilledAnalyst()
    tasks = _tasks(tmp_path, 4)
    ray_shard.shard(ray, tasks, _pool(ray, [killed, Analyst()], lines), reports.append, CallbackState())
    assert killed.killed
    assert sorted(report.source for report in reports) == [task.source for task in tasks]
    assert not any(report.error for report in reports)
    assert lines[1:] == ["a Ray worker stopped, the memory of its machine running out (Ray stopped it): its photos "
                         "go to the other workers"]


def test_a_run_that_lost_one_worker_to_memory_and_one_to_a_crash_says_each_cause(tmp_path: Path) -> None:
    ray, lines, reports = MemoryRay(), [], []
    with pytest.raises(ray_shard.WorkersLost) as stopped:
        ray_shard.shard(ray, _tasks(tmp_path, 4), _pool(ray, [KilledAnalyst(), CrashingAnalyst(restarts=False)],
                                                       lines), reports.append, CallbackState())
    assert str(stopped.value) == (
        "no Ray worker is left: Ray stopped 1 of them as the memory of their machines ran out (fewer workers, "
        "--ray-workers, need less), and 1 stopped otherwise and could not be started again (Ray's logs on the "
        "cluster's machines say why)")


def test_a_photo_both_workers_stopped_on_fails_naming_each_workers_cause(tmp_path: Path) -> None:
    ray, lines, reports = MemoryRay(), [], []
    tasks = _tasks(tmp_path, 4)  # eye0 and eye1 to the worker killed for memory (it works first), then to the other
    ray_shard.shard(ray, tasks, _pool(ray, [KilledAnalyst(), CrashingAnalyst(crash_on="eye0")], lines),
                    reports.append, CallbackState())
    failed = {report.source: report.error for report in reports if report.error}
    assert failed == {tasks[0].source: (
        f"{tasks[0].source}: the Ray workers analysing it stopped twice (1: the memory of its machine ran out (Ray "
        f"stopped it); 2: Ray says: {CRASHED}): it may be what stops them")}
    assert sorted(report.source for report in reports) == [task.source for task in tasks]
