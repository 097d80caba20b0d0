"""The batch on this machine, pipelined: a reader thread decodes the next photo while this thread analyses the
current one and a writer thread encodes and writes the previous one. Queues of one photo bound the memory to
five decoded photos whatever the batch size; the per-photo work is the pipeline's own, so results are unchanged."""
from __future__ import annotations

import queue
import threading
from typing import Callable, Sequence

from annotations.progress import NamedState, NullState, TaskState, check_cancelled
from inference.batch.photo import BatchRecipe, PhotoReport, PhotoTask, report_for, task_options
from inference.loading import ModelSet
from inference.pipeline import LoadedImage, analyze_loaded, load_for_analysis, prepare_device

_DONE = None  # end of a queue
_POLL_S = 0.2  # how often a blocked thread looks whether the batch was stopped


def run_local(tasks: Sequence[PhotoTask], recipe: BatchRecipe, models: ModelSet, device: str,
              on_report: Callable[[PhotoReport], None], state: TaskState | None = None) -> None:
    """Analyse ``tasks`` in order and pass each photo's report to ``on_report`` (called on one writer thread, in
    order). Ctrl+C (KeyboardInterrupt) or a cancelled ``state`` stops the batch after the reports of the photos
    already analysed were handed over; the exception is then raised here."""
    state = state or NullState()
    stop = threading.Event()
    decoded: queue.Queue[tuple[PhotoTask, LoadedImage] | None] = queue.Queue(maxsize=1)
    finished: queue.Queue[tuple[PhotoTask, object] | None] = queue.Queue(maxsize=1)
    writer_failed: list[BaseException] = []

    def read() -> None:
        for index, task in enumerate(tasks):
            item = (task, load_for_analysis(task.source, index, task_options(recipe, task)))
            if not _put(decoded, item, stop):
                return
        _put(decoded, _DONE, stop)

    def write() -> None:
        while (item := finished.get()) is not _DONE:
            task, outcome = item
            try:
                on_report(report_for(outcome, task, recipe))  # type: ignore[arg-type]
            except BaseException as exc:  # noqa: BLE001 - handed to the batch's thread, which raises it
                writer_failed.append(exc)
                stop.set()
                return

    reader = threading.Thread(target=read, name="batch-reader", daemon=True)
    writer = threading.Thread(target=write, name="batch-writer", daemon=True)
    reader.start()
    writer.start()
    try:
        target = prepare_device(device, models)
        for index in range(len(tasks)):
            check_cancelled(state)
            item = _get(decoded, stop)
            if item is _DONE:
                break
            task, loaded = item
            photo_state = NamedState(state, index / len(tasks), (index + 1) / len(tasks),
                                     f"{index + 1}/{len(tasks)} {task.name}")
            outcome, target = analyze_loaded(loaded, models, photo_state, target, task_options(recipe, task),
                                             keep_images=True)
            if not _put(finished, (task, outcome), stop):
                break
        state.progress(1.0, "done")
    finally:
        stop.set()  # the reader gives up; the writer still writes what was analysed
        _drain(decoded)
        while writer.is_alive():  # a writer that failed reads no more
            try:
                finished.put(_DONE, timeout=_POLL_S)
                break
            except queue.Full:
                continue
        writer.join()
        reader.join()
    if writer_failed:
        raise writer_failed[0]


def _put(target: queue.Queue, item: object, stop: threading.Event) -> bool:
    """Put ``item`` unless the batch stops first; False when it stopped."""
    while not stop.is_set():
        try:
            target.put(item, timeout=_POLL_S)
            return True
        except queue.Full:
            continue
    return False


def _get(source: queue.Queue, stop: threading.Event) -> object:
    while True:
        try:
            return source.get(timeout=_POLL_S)
        except queue.Empty:
            if stop.is_set():
                return _DONE


def _drain(source: queue.Queue) -> None:
    try:
        while True:
            source.get_nowait()
    except queue.Empty:
        pass
