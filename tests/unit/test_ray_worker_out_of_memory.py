"""A Ray worker that Ray's memory monitor kills is said as memory running out, not as its photo's failure. Ray raises
ray.exceptions.OutOfMemoryError, not an actor error, from the results of an actor it stopped so for good (its death
cause's OOM context: core_worker's actor task submitter) and from every call to it after; the run took that for the
photo's own error ("the Ray worker failed (1 worker(s) were killed due to the node running low on memory …)"), for
that photo and for every photo sent to the dead worker after it. (Ray 2.60, its memory threshold lowered under an
actor filling memory: ActorUnavailableError while restarts are left, then OutOfMemoryError from each call.) A fake Ray
here, as in test_ray_worker_death_cause."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from annotations.progress import CallbackState
from inference.batch import ray_shard, ray_workers
from inference.batch.photo import PhotoReport, PhotoTask
from inference.batch.worker_plan import plan_workers
from tests.unit.test_ray_worker_death_cause import FakeRay, RayActorError, RayError, Ref

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
