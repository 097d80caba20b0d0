"""Progress and cancellation for long work, Orange3-style: ``run(inputs, state)``; the caller owns the thread."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Protocol, TypeVar

T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside long work when ``state.is_cancelled()`` turned true; callers treat it as a clean stop."""


class TaskState(Protocol):
    def progress(self, fraction: float, message: str = "") -> None: ...

    def is_cancelled(self) -> bool: ...


class NullState:
    """For callers that want neither progress nor cancel (tests, scripts)."""

    def progress(self, fraction: float, message: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        return False


class CallbackState:
    """Forwards progress to a callable and cancels when ``cancel()`` was called (thread-safe enough: a bool flag)."""

    def __init__(self, on_progress: Callable[[float, str], None] | None = None) -> None:
        self._on_progress = on_progress
        self._cancelled = False

    def progress(self, fraction: float, message: str = "") -> None:
        if self._on_progress is not None:
            self._on_progress(min(max(fraction, 0.0), 1.0), message)

    def cancel(self) -> None:
        self._cancelled = True

    def is_cancelled(self) -> bool:
        return self._cancelled


def check_cancelled(state: TaskState) -> None:
    if state.is_cancelled():
        raise Cancelled()


def until_cancelled(items: Iterable[T], state: TaskState) -> Iterator[T]:
    """``items`` one by one, raising Cancelled before the next once ``state`` is cancelled."""
    for item in items:
        check_cancelled(state)
        yield item


class SubState:
    """Maps a child's 0..1 progress onto [start, end] of the parent's, so stages compose."""

    def __init__(self, parent: TaskState, start: float, end: float) -> None:
        self._parent, self._start, self._end = parent, start, end

    def progress(self, fraction: float, message: str = "") -> None:
        self._parent.progress(self._start + (self._end - self._start) * fraction, message)

    def is_cancelled(self) -> bool:
        return self._parent.is_cancelled()


class NamedState(SubState):
    """A SubState whose messages name the item it works on, e.g. "3/128 'vol.dcm', B-scan 3: segmenting lesions"
    (a case named as annotations.case_names names it)."""

    def __init__(self, parent: TaskState, start: float, end: float, name: str) -> None:
        super().__init__(parent, start, end)
        self._name = name

    def progress(self, fraction: float, message: str = "") -> None:
        super().progress(fraction, f"{self._name}: {message}" if message else self._name)


class QuietState:
    """Cancelled with ``parent``, reporting nothing: work running on a second thread beside the parent's (a member
    network, lesion candidates), whose progress would interleave with the parent's own."""

    def __init__(self, parent: TaskState) -> None:
        self._parent = parent

    def progress(self, fraction: float, message: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        return self._parent.is_cancelled()
