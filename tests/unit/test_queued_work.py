"""Work queued on the window's storage queue that a worker waits for (the settling before an export or a retrain):
the worker shows its progress, and the worker's Cancel ends the wait at once and stops the work at its next step,
started or not."""
from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

import pytest

from annotations.progress import Cancelled, CallbackState, check_cancelled
from annotations.queued_work import QueuedState, QueuedWork


@pytest.fixture
def queue():  # noqa: ANN201 - a submit(fn, *args, **callbacks) like the storage queue's, on one thread
    with ThreadPoolExecutor(1) as executor:
        def submit(fn: Callable[..., Any], *args: Any, **_callbacks: Any) -> Future:
            return executor.submit(fn, *args)
        yield submit


def _steps(gate: threading.Event, done: list[int]) -> Callable[[QueuedState], int]:
    """Three steps, each reported; the second waits for ``gate`` (a slow case)."""
    def work(state: QueuedState) -> int:
        for step in range(3):
            check_cancelled(state)
            state.progress(step / 3, f"step {step}")
            if step == 1:
                gate.wait(10)
            done.append(step)
        return len(done)
    return work


def test_the_waiting_worker_shows_the_progress_and_gets_the_result(queue) -> None:
    seen: list[str] = []
    ahead, gate = threading.Event(), threading.Event()
    gate.set()
    queue(ahead.wait, 10)  # a job queued before (a save): the worker waits from before the work starts
    work = QueuedWork(queue, _steps(gate, []))
    threading.Timer(0.1, ahead.set).start()
    assert work.result(CallbackState(lambda _fraction, message: seen.append(message))) == 3
    assert seen == ["step 0", "step 1", "step 2"]


def test_a_cancel_ends_the_wait_at_once_and_stops_the_work_at_its_next_step(queue) -> None:
    gate, done = threading.Event(), []
    work = QueuedWork(queue, _steps(gate, done))
    waiter = CallbackState()
    threading.Timer(0.2, waiter.cancel).start()  # while the work is in its slow second step
    started = time.monotonic()
    with pytest.raises(Cancelled):
        work.result(waiter)
    assert time.monotonic() - started < 2  # not once the slow step is over
    gate.set()
    assert work.future.result(5) is None and done == [0, 1]  # what it did stays done; no third step
    assert work.result(CallbackState()) is None  # a later waiter: stopped by the earlier Cancel


def test_a_cancel_before_the_work_starts_stops_it_before_its_first_step(queue) -> None:
    gate, first = threading.Event(), QueuedWork(queue, lambda _state: threading.Event().wait(0.3))  # a job before
    done: list[int] = []
    work = QueuedWork(queue, _steps(gate, done))
    waiter = CallbackState()
    waiter.cancel()
    with pytest.raises(Cancelled):
        work.result(waiter)
    assert first.future.result(5) is False and work.future.result(5) is None and done == []


def test_a_retrains_cancel_during_its_settling_ends_it_at_once(queue, tmp_path) -> None:
    """The retrain's worker waits for the window's settling (settle_for_training) before its export."""
    from inference.training.retrain_export import export_for_retrain
    from inference.training.retrain_results import RetrainRequest

    gate, done = threading.Event(), []
    settling = QueuedWork(queue, _steps(gate, done))
    state = CallbackState()
    threading.Timer(0.2, state.cancel).start()
    request = RetrainRequest(None, [], "grade", tmp_path / "work", consensus_settled=settling)  # type: ignore[arg-type]
    try:
        with pytest.raises(Cancelled):
            export_for_retrain(request, state)
    finally:
        gate.set()
    assert settling.future.result(5) is None and done == [0, 1]


def test_work_given_up_stops_at_its_next_step(queue) -> None:
    """Its export dialog closed without exporting: nobody is to wait for it."""
    gate, done = threading.Event(), []
    work = QueuedWork(queue, _steps(gate, done))
    threading.Timer(0.2, gate.set).start()  # the slow second step ends after the work was given up
    while not done:
        time.sleep(0.01)
    work.give_up()
    assert work.future.result(5) is None and done == [0, 1]


def test_work_given_up_runs_on_for_the_worker_that_waits_for_it(queue) -> None:
    gate, done = threading.Event(), []
    work = QueuedWork(queue, _steps(gate, done))
    threading.Timer(0.2, gate.set).start()
    threading.Timer(0.1, work.give_up).start()  # while the worker waits
    assert work.result(CallbackState()) == 3 and done == [0, 1, 2]
