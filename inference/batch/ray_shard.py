"""The photos of a Ray batch shared out to its workers (ray_workers), at most PHOTOS_IN_FLIGHT_PER_WORKER each: the
next photo's bytes travel while the current one is analysed. A photo fails for its own reasons only: a worker that
stops (a crash, memory running out, its machine lost) hands the photos it held back to the front of the queue, for the
workers still working; the one it was analysing (the oldest it held: a worker analyses its photos in the order sent)
is tried once more, then fails as what may stop workers. Where no worker is left, the batch stops (WorkersLost): the
photos not reached are left for --resume, not failed one by one. Ray's memory monitor stopping a worker is such a
stop, not its photo's failure, though Ray's error for it is no actor error (ray_workers.killed_for_memory)."""
from __future__ import annotations

import re
import time
from collections import defaultdict, deque
from typing import Any, Callable, Sequence

from annotations.errors import FileProblem
from annotations.frames import split_frame
from annotations.progress import TaskState, check_cancelled
from annotations.regular_files import read_regular_bytes
from inference.batch import messages as msg
from inference.batch.photo import PhotoReport, PhotoTask, named_error
from inference.batch.ray_workers import Worker, WorkerPool, killed_for_memory

PHOTOS_IN_FLIGHT_PER_WORKER = 2  # the next photo's bytes travel while the current one is analysed
MAX_PHOTO_BYTES = 1 << 30
TRIES = 2  # a photo is analysed this often at most where its worker stops while analysing it
WAIT_S = 0.5  # the longest wait for a result: a cancel, or a worker to ask again, is seen this soon
COLOURS = re.compile(r"\x1b\[[0-9;]*m")  # the terminal's colour codes, which Ray puts in its errors' text


class RunStopped(RuntimeError):
    """A Ray batch stopped before its end: the reports handed over are kept, the photos not reached left for
    --resume."""


class WorkersLost(RunStopped):
    pass


def shard(ray: Any, tasks: Sequence[PhotoTask], pool: WorkerPool, on_report: Callable[[PhotoReport], None],
          state: TaskState) -> None:
    """Each of ``tasks`` analysed by a worker of ``pool``, its report handed to ``on_report`` as it comes."""
    _Batch(ray, tasks, pool, on_report, state).run()


def death_cause(exc: BaseException) -> str | None:
    """Why Ray says a worker died, on one line, from the error its photo's result raised (an ActorDiedError): its
    words after its first line ("The actor died unexpectedly before finishing this task.") and the actor's details
    (tab-indented: class_name, actor_id, pid, ip), e.g. "The actor is dead because its worker process has died. Worker
    exit type: SYSTEM_ERROR Worker exit detail: …" or "The actor is dead because its node has died. …"; None where it
    gives none (that first line alone, or an actor unavailable for now)."""
    lines = COLOURS.sub("", str(exc)).splitlines()
    return " ".join(" ".join(line for line in lines[1:] if not line.startswith("\t")).split()) or None


def stop_cause(cause: str | None, out_of_memory: bool) -> str:
    """Why a worker stopped, as a photo's failure says it of each worker that stopped on it: its machine's memory
    running out, Ray's ``cause`` (death_cause), or none given."""
    if out_of_memory:
        return msg.STOPPED_OUT_OF_MEMORY
    return msg.STOPPED_UNSAID if cause is None else msg.STOPPED_SAYING.format(cause=cause)


def ray_reason(exc: BaseException) -> str:
    """What went wrong in a worker, on one line: a Python error's own words (not Ray's traceback of it), without the
    colour codes."""
    cause = getattr(exc, "cause", None)
    text = (str(cause) or type(cause).__name__) if isinstance(cause, BaseException) else str(exc)
    return " ".join(COLOURS.sub("", text).split())


class _Batch:
    def __init__(self, ray: Any, tasks: Sequence[PhotoTask], pool: WorkerPool,
                 on_report: Callable[[PhotoReport], None], state: TaskState) -> None:
        self.ray = ray
        self.pool = pool
        self.on_report = on_report
        self.state = state
        self.queue = deque(tasks)
        self.total = len(tasks)
        self.done = 0
        self.running: dict[Any, tuple[Worker, PhotoTask]] = {}  # a photo's result reference -> its worker, itself
        # a photo's source -> why each worker that stopped while analysing it stopped (stop_cause)
        self.stops: defaultdict[str, list[str]] = defaultdict(list)
        self.sent: dict[str, Any] = {}  # the file last read -> its bytes in Ray's object store, shared by a volume's

    def run(self) -> None:
        while self.queue or self.running:
            check_cancelled(self.state)
            for worker in self.pool.working():
                self._submit(worker)
            waiting = [*self.running, *self.pool.asked()]
            if not self.pool.workers:  # why none could start, where none has; else the run stops for --resume
                raise (None if self.pool.started else self.pool.failure) or WorkersLost(self.pool.none_left())
            if waiting:
                ready, _ = self.ray.wait(waiting, num_returns=1, timeout=WAIT_S)
            else:  # every worker is being started again, to be asked later
                ready = []
                time.sleep(WAIT_S)
            for ref in ready:
                if ref in self.running:
                    self._came(ref)
                else:
                    self.pool.answered(ref)
            self.pool.tick()
        self.state.progress(1.0, "done")

    def _submit(self, worker: Worker) -> None:
        while self.queue and len(worker.photos) < PHOTOS_IN_FLIGHT_PER_WORKER:
            task = self.queue.popleft()
            file, number = split_frame(task.source)  # a B-scan: its volume's file
            if file not in self.sent:
                try:
                    data = read_regular_bytes(file, MAX_PHOTO_BYTES)
                except (OSError, ValueError, FileProblem) as exc:  # unreadable here: reported like any failed photo
                    self._hand_over(task, PhotoReport(task.source, error=named_error(task.source, str(exc))))
                    continue
                self.sent.clear()  # a volume's B-scans come one after another: one file's bytes are kept at a time
                self.sent[file] = self.ray.put(data)
            ref = worker.actor.analyze.remote(task, self.sent[file], file, number)
            self.running[ref] = (worker, task)
            worker.photos.append(ref)

    def _came(self, ref: Any) -> None:
        worker, task = self.running[ref]
        report = self._result(ref, task)
        if not isinstance(report, PhotoReport):
            self._worker_stopped(worker, report)
            return
        del self.running[ref]
        worker.photos.remove(ref)
        self._hand_over(task, report)

    def _result(self, ref: Any, task: PhotoTask) -> PhotoReport | BaseException:
        """The photo's report; Ray's error where its worker stopped before it was done (a RayActorError, or Ray's
        memory monitor's error)."""
        try:
            return self.ray.get(ref)
        except self.ray.exceptions.RayError as exc:
            if isinstance(exc, self.ray.exceptions.RayActorError) or killed_for_memory(self.ray, exc):
                return exc
            # the analysis raised in the worker: a defect, said as it is
            return PhotoReport(task.source, error=named_error(task.source, msg.WORKER_FAILED.format(
                error=ray_reason(exc))))

    def _worker_stopped(self, worker: Worker, error: BaseException) -> None:
        """``worker`` stopped (``error``: Ray's, which may say why): the photos it finished before are handed over, the
        others go back to the queue's front; the first of those, which it was analysing, fails where a worker stopped
        on it before."""
        refs, worker.photos = worker.photos, []
        cause, out_of_memory = death_cause(error), killed_for_memory(self.ray, error)
        self.pool.stopped(worker, cause, out_of_memory)
        finished, _ = self.ray.wait(refs, num_returns=len(refs), timeout=0)
        lost = []
        for ref in refs:
            _, task = self.running.pop(ref)
            report = self._result(ref, task) if ref in finished else None
            if not isinstance(report, PhotoReport):
                lost.append(task)
            else:
                self._hand_over(task, report)
        analysed, *waiting = lost
        self.queue.extendleft(reversed(waiting))
        causes = self.stops[analysed.source]
        causes.append(stop_cause(cause, out_of_memory))
        if len(causes) < TRIES:
            self.queue.appendleft(analysed)
        else:  # each stop by its own cause: one for memory and one a crash were both said as either
            first, last = causes[0], causes[-1]
            lost = msg.WORKER_LOST_ALIKE.format(cause=first) if first == last else msg.WORKER_LOST.format(
                first=first, second=last)
            self._hand_over(analysed, PhotoReport(analysed.source, error=named_error(analysed.source, lost)))

    def _hand_over(self, task: PhotoTask, report: PhotoReport) -> None:
        self.done += 1
        self.on_report(report)
        outcome = "failed" if report.error else "done"
        self.state.progress(self.done / self.total, f"{self.done}/{self.total} {task.name}: {outcome}")
