"""Work queued on another thread (the window's storage queue, in order with its saves) that a worker then waits for:
the work runs with a QueuedState, which follows the state of the worker waiting for it, so that the worker's
progress shows it and the worker's Cancel stops it between its steps, whether it has started yet or not. Work that
no worker is to wait for any more (its export dialog closed without exporting) is given up: it stops likewise."""
from __future__ import annotations

from concurrent.futures import Future
from typing import Any, Callable, Generic, TypeVar

from annotations.progress import Cancelled, TaskState, check_cancelled

T = TypeVar("T")
POLL_S = 0.05  # how soon a waiting worker sees its Cancel while the work has not started (other jobs run first)


class QueuedState:
    """Quiet and never cancelled until a worker waits for the work (QueuedWork.result); then that worker's, told at
    once where the work is (its last report). Given up (give_up) while no worker waits for it: cancelled."""

    def __init__(self) -> None:
        self._followed: TaskState | None = None  # the waiting worker's state, once one waits
        self._last: tuple[float, str] | None = None
        self._given_up = False

    def follow(self, state: TaskState) -> None:
        self._followed = state
        if self._last is not None:
            state.progress(*self._last)

    def progress(self, fraction: float, message: str = "") -> None:
        self._last = (fraction, message)
        if self._followed is not None:
            self._followed.progress(fraction, message)

    def give_up(self) -> None:
        """No worker is to wait for the work any more: it stops at its next step, unless a worker waits for it, or
        did (whose Cancel decides then)."""
        self._given_up = True

    def is_cancelled(self) -> bool:
        return self._followed.is_cancelled() if self._followed is not None else self._given_up


def stopped_as_none(work: Callable[[QueuedState], T], state: QueuedState) -> T | None:
    """``work(state)``, or None where it saw a Cancel (what it did until then stays done): the queue reports a job's
    exception as a failure, and a Cancel is none."""
    try:
        return work(state)
    except Cancelled:
        return None


class QueuedWork(Generic[T]):
    def __init__(self, submit: Callable[..., Future], work: Callable[[QueuedState], T], **callbacks: Any) -> None:
        """``work(state)`` queued by ``submit(fn, *args, **callbacks)`` (the storage queue's: ``callbacks`` its done
        and failed, ``done`` given None where a Cancel stopped the work)."""
        self.state = QueuedState()
        self.future = submit(stopped_as_none, work, self.state, **callbacks)

    def result(self, state: TaskState) -> T | None:
        """What the work returned, reporting to ``state`` while it runs; Cancelled as soon as ``state`` is, the work
        then stopped at its next step. None: an earlier waiter's Cancel stopped it."""
        self.state.follow(state)
        while True:
            check_cancelled(state)
            try:
                result = self.future.result(timeout=POLL_S)
            except TimeoutError:
                continue
            check_cancelled(state)
            return result

    def give_up(self) -> None:
        """Nobody is to wait for the work (QueuedState.give_up): it stops between its steps, started or not; ``done``
        then gets None, and what it did until then stays done."""
        self.state.give_up()
