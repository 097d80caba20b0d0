"""The Ray engine run from a process of its own, Ray's driver (ray_engine.run_ray): Ray ends its driver on the spot
where it loses the cluster (its node's raylet gone: `ray stop`, the machine leaving the cluster; the head not answering
for a minute), from C++, where no Python runs after. The command's process, which writes the results, holds the
workspace and says the summary, stays apart: it takes the driver's reports, progress and lines from a pipe and, where
the driver ends without its last word, says that the cluster was lost (ClusterLost), its results kept for --resume.

The driver's Ctrl+C is the command's: it ignores SIGINT (and SIGHUP), and the command, stopped by Ctrl+C or a signal,
stops it with SIGTERM and takes the reports of the photos it still hands over."""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any, Callable, Sequence

from annotations.command_end import StoppedBySignal
from annotations.progress import NullState, TaskState, check_cancelled
from inference.batch import messages as msg
from inference.batch.photo import BatchRecipe, PhotoReport, PhotoTask
from inference.batch.ray_engine import RayUnavailable, bound_connect_time, run_ray  # Ray: imported when run
from inference.batch.ray_shard import RunStopped, WorkersLost
from inference.batch.worker_copies import ENDED_WITHIN_S, remove_left_behind

POLL_S = 0.2  # how often the command looks whether it was stopped, or the driver ended
STOP_WAIT_S = 15  # for a driver told to stop to stop its workers and hand over the photos they finished
LAST_WORDS = ("end", "stopped", "error")  # what a driver says last, whichever way it ends
STOPS_OF_THE_COMMAND = tuple(name for name in ("SIGINT", "SIGHUP") if hasattr(signal, name))


class ClusterLost(RunStopped):
    pass


class RayFailed(RuntimeError):
    """Ray's own error (ray.exceptions.RayError), which the command's process need not import Ray to take."""


def run_on_ray(tasks: Sequence[PhotoTask], recipe: BatchRecipe, on_report: Callable[[PhotoReport], None],
               state: TaskState | None = None, address: str | None = None, workers: int | None = None,
               log: Callable[[str], None] = lambda _: None, gpus_per_worker: float | None = None) -> None:
    """ray_engine.run_ray, with its arguments: in a driver process of its own, or in this process where a caller
    made it Ray's driver already. Ray's own errors are raised as RayFailed; a driver that ended without its last word
    as ClusterLost."""
    ray = sys.modules.get("ray")
    try:
        if ray is None or not ray.is_initialized():
            _run_apart(tasks, recipe, on_report, state or NullState(), address, workers, log, gpus_per_worker)
            return
        try:
            run_ray(tasks, recipe, on_report, state, address, workers, log, gpus_per_worker)
        except ray.exceptions.RayError as exc:
            raise RayFailed(str(exc)) from exc
    finally:  # the photo copies of the workers of this machine the run's end ended mid-photo, where the driver could
        # not remove them (the cluster lost); elsewhere, the next worker to start on a machine removes them
        remove_left_behind(within_s=ENDED_WITHIN_S)


def drive(sender: Connection, tasks: list[PhotoTask], recipe: BatchRecipe, address: str | None, workers: int | None,
          gpus_per_worker: float | None) -> None:
    """The driver process: run_ray, saying its reports, progress and lines to ``sender``, and last how it ended."""
    for name in STOPS_OF_THE_COMMAND:  # the command's Ctrl+C, or its terminal closed, comes as SIGTERM, once (_stop)
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _interrupt)
    # Ray's error listener prints what the cluster reports (a worker died: 900 characters, colour codes) on the
    # driver's stdout, the command's, which holds the summary alone: the command says each of those in its own line
    # (a worker stopped, a photo failed, the cluster lost), and Ray's logs keep the rest; the driver's words go
    # through ``sender``, a defect's traceback to stderr
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # the process's, to its end
    bound_connect_time(address)
    try:
        run_ray(tasks, recipe, lambda report: sender.send(("report", report)), _SaidProgress(sender), address,
                workers, lambda line: sender.send(("log", line)), gpus_per_worker)
        last = ("end", None)
    except KeyboardInterrupt:
        last = ("stopped", None)
    except BaseException as exc:  # noqa: BLE001 - said to the command, which raises it
        last = ("error", _carried(exc))
    try:
        sender.send(last)
    except OSError:  # the command is gone
        pass


def _run_apart(tasks: Sequence[PhotoTask], recipe: BatchRecipe, on_report: Callable[[PhotoReport], None],
               state: TaskState, address: str | None, workers: int | None, log: Callable[[str], None],
               gpus_per_worker: float | None) -> None:
    context = multiprocessing.get_context("spawn")  # a fresh process: Ray's settings are read as it imports Ray
    receiver, sender = context.Pipe(duplex=False)
    driver = context.Process(target=drive, name="retina-review-ray-driver",
                             args=(sender, list(tasks), recipe, address, workers, gpus_per_worker))
    driver.start()
    sender.close()  # the driver's alone: the pipe ends where the driver does
    last: tuple[str, Any] | None = None
    try:
        last = _follow(receiver, on_report, state, log)
    finally:
        try:
            if last is None:  # the command stops (Ctrl+C, a signal, its writer failing)
                last = _stop(receiver, driver, on_report)
            driver.join(STOP_WAIT_S)
        finally:  # a second Ctrl+C does not wait
            if driver.is_alive():
                driver.kill()
                driver.join()
            receiver.close()
    kind, value = last
    if kind == "error":
        raise _rebuilt(*value)
    if kind == "stopped":  # a signal to the driver alone (its process group's, a scheduler's): the command's too
        raise StoppedBySignal(signal.SIGTERM)
    if kind != "end":
        raise ClusterLost(msg.CLUSTER_LOST.format(status=driver.exitcode))


def _follow(receiver: Connection, on_report: Callable[[PhotoReport], None], state: TaskState,
            log: Callable[[str], None]) -> tuple[str, Any]:
    """What the driver says, taken until its last word: that, or ("lost", None) where it ended without it."""
    while True:
        check_cancelled(state)
        if not receiver.poll(POLL_S):
            continue
        try:
            kind, value = receiver.recv()
        except EOFError:
            return "lost", None
        if kind == "report":
            on_report(value)
        elif kind == "progress":
            state.progress(*value)
        elif kind == "log":
            log(value)
        else:
            return kind, value


def _stop(receiver: Connection, driver: Any, on_report: Callable[[PhotoReport], None]) -> tuple[str, Any]:
    """Tell the driver to stop; the reports it still hands over, before its last word, are taken."""
    if driver.is_alive():
        os.kill(driver.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_WAIT_S
    while receiver.poll(max(0.0, deadline - time.monotonic())):
        try:
            kind, value = receiver.recv()
        except EOFError:
            break
        if kind == "report":
            on_report(value)
        elif kind in LAST_WORDS:
            return kind, value
    return "stopped", None


class _SaidProgress:
    def __init__(self, sender: Connection) -> None:
        self.sender = sender

    def progress(self, fraction: float, message: str = "") -> None:
        self.sender.send(("progress", (fraction, message)))

    def is_cancelled(self) -> bool:
        return False


def _interrupt(number: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the stop runs its course (the workers stopped, Ray shut down)
    raise KeyboardInterrupt


def _carried(exc: BaseException) -> tuple[str, str]:
    """``exc`` as the command's process raises it again (_rebuilt): its kind's name and its text; a defect's
    traceback."""
    for kind in (ConnectionError, ValueError, RayUnavailable, WorkersLost):
        if isinstance(exc, kind):
            return kind.__name__, str(exc)
    ray = sys.modules.get("ray")
    if ray is not None and isinstance(exc, ray.exceptions.RayError):
        return RayFailed.__name__, str(exc)
    return "defect", "".join(traceback.format_exception(exc))


def _rebuilt(kind: str, text: str) -> BaseException:
    kinds = {kind.__name__: kind for kind in (ConnectionError, ValueError, RayUnavailable, WorkersLost, RayFailed)}
    return kinds[kind](text) if kind in kinds else RuntimeError(f"the Ray driver process failed:\n{text}")
