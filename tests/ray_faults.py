"""Faults of a Ray batch made to order, for the Ray engine's tests: a worker that crashes on a chosen photo (and one
that cannot be started again after), an actor that holds the cluster's CPUs, drivers (inference.batch.ray_driver.drive)
that end as Ray ends one that lost its cluster, or that wait to be stopped. Ray's workers and the driver's process
import them from here by name, so this module stays light: the tests' own modules import the command and their
fixtures."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from annotations.document import AIResult
from inference.batch.photo import BatchRecipe, PhotoReport, PhotoTask
from inference.batch.ray_engine import PhotoAnalyst, import_ray

CRASHING = "crash"  # a photo whose name holds this word stops the worker analysing it, every time
REPLY_GRACE_S = 1.0
RAY_WORKER_DIED = "(raylet) A worker died or was killed while executing a task by an unexpected system error."


class CrashingAnalyst(PhotoAnalyst):
    """The engine's actor, whose process ends on the spot (as a segfault or the kernel's OOM killer ends it) when
    given a CRASHING photo."""

    def analyze(self, task: PhotoTask, data: bytes, file: str, number: int | None) -> PhotoReport:
        if CRASHING in Path(task.source).name:
            # not at once: Ray sends an actor's reply after its task ends, and the photo before's, still on its way,
            # would go with the process (that photo then counted as one the worker stopped on: a test seen flaky)
            time.sleep(REPLY_GRACE_S)
            os._exit(1)
        return super().analyze(task, data, file, number)


class UnrestartableAnalyst(CrashingAnalyst):
    """A CrashingAnalyst whose models cannot load again once Ray starts it again (as where the crash left the GPU's
    memory taken)."""

    def __init__(self, recipe: BatchRecipe) -> None:
        if import_ray().get_runtime_context().was_current_actor_reconstructed:
            raise MemoryError("CUDA out of memory")
        super().__init__(recipe)


class CpuHolder:
    """Holds the CPUs Ray gave it (other work on the cluster) until killed."""

    def ready(self) -> bool:
        return True


def report_then_vanish(sender, tasks: list[PhotoTask], *_) -> None:  # noqa: ANN001 - ray_driver.drive's arguments
    """A driver that hands over its first photo, then ends as Ray ends a driver whose node went: at once, with no word
    (Ray's "The connection to the plasma store is failed. Terminate the process.")."""
    _hand_over(sender, tasks, 0)
    os._exit(1)


def copy_then_vanish(sender, tasks: list[PhotoTask], *_) -> None:  # noqa: ANN001 - ray_driver.drive's arguments
    """A driver standing for a worker of this machine that Ray ended mid-photo with it: it leaves its copy of the
    second photo in its photo folder (inference.batch.worker_copies), naming the folder, hands over its first photo,
    then ends at once."""
    from inference.batch.worker_copies import photo_folder

    kept = photo_folder()  # never removed: the process ends on the spot
    folder = kept.name
    Path(folder, Path(tasks[1].source).name).write_bytes(Path(tasks[1].source).read_bytes())
    sender.send(("log", f"copied to {folder}"))
    _hand_over(sender, tasks, 0)
    os._exit(1)


def report_then_wait(sender, tasks: list[PhotoTask], *_) -> None:  # noqa: ANN001 - ray_driver.drive's arguments
    """A driver that hands over its first photo, then works on until it is stopped (SIGTERM, as the command stops
    it), and hands over the photo it had then before its last word."""
    stopped = []
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: stopped.append(True))
    _hand_over(sender, tasks, 0)
    deadline = time.monotonic() + 60
    while not stopped and time.monotonic() < deadline:
        time.sleep(0.05)
    _hand_over(sender, tasks, 1)
    sender.send(("stopped", None))


def report_two_then_wait(sender, tasks: list[PhotoTask], *_) -> None:  # noqa: ANN001 - ray_driver.drive's arguments
    """A driver that hands over its first two photos, each with an AI result for a workspace, then works on until it
    is stopped, and hands over the third photo, which its workers finished meanwhile, before its last word."""
    stopped = []
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: stopped.append(True))
    for index in range(2):
        _hand_over(sender, tasks, index, AIResult(modality="fundus"))
    deadline = time.monotonic() + 60
    while not stopped and time.monotonic() < deadline:
        time.sleep(0.05)
    _hand_over(sender, tasks, 2, AIResult(modality="fundus"))
    sender.send(("stopped", None))


def drive_saying_on_stdout(sender, tasks: list[PhotoTask], *rest) -> None:  # noqa: ANN001 - drive's arguments
    """The engine's own driver (ray_driver.drive), whose Ray says that a worker died as Ray's error listener says it,
    on the driver's stdout (ray._private.worker.listen_error_messages), then hands over every photo."""
    from inference.batch import ray_driver

    def run_ray(tasks: list[PhotoTask], recipe: BatchRecipe, on_report, *_) -> None:  # noqa: ANN001
        print(f"\x1b[33m{RAY_WORKER_DIED}\x1b[0m", flush=True)
        for task in tasks:
            on_report(PhotoReport(task.source, files=[(f"{task.stem}.json", b"{}")]))

    ray_driver.run_ray = run_ray
    ray_driver.drive(sender, tasks, *rest)


def drive_crashing_workers(sender, tasks: list[PhotoTask], *rest) -> None:  # noqa: ANN001 - drive's arguments
    """The engine's own driver (ray_driver.drive) on a Ray of its own, whose workers are CrashingAnalysts."""
    from inference.batch import ray_driver, ray_engine

    ray_engine.PhotoAnalyst = CrashingAnalyst
    ray_driver.drive(sender, tasks, *rest)


def _hand_over(sender, tasks: list[PhotoTask], index: int,  # noqa: ANN001 - a Connection
               result: AIResult | None = None) -> None:
    """Task ``index``'s report (its JSON alone, and ``result``), and the progress that counts it."""
    task = tasks[index]
    sender.send(("report", PhotoReport(task.source, files=[(f"{task.stem}.json", b"{}")], result=result)))
    sender.send(("progress", ((index + 1) / len(tasks), f"{index + 1}/{len(tasks)} {task.name}: done")))
