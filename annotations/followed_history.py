"""The history a view follows: the open case's, whose undo stack a menu or a panel shows."""
from __future__ import annotations

from typing import Callable

from annotations.history import History


class FollowedHistory:
    """Holds the followed history and keeps ``listener`` on it alone: following another (or None: no case open)
    moves the listener over and calls it once, so the view shows the new stack at once."""

    def __init__(self, listener: Callable[[], None]) -> None:
        self.history: History | None = None
        self._listener = listener

    def follow(self, history: History | None) -> None:
        if self.history is not None:
            self.history.remove_stack_listener(self._listener)
        self.history = history
        if history is not None:
            history.add_stack_listener(self._listener)
        self._listener()
