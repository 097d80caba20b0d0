"""The program holding a workspace's lock keeps it fresh, so that another computer can tell a crashed program's lock
(or that of a computer that lost power) from a live one: a lock nobody renewed for long is taken over
(recovery.abandoned_in). The window and the long command-line runs alike hold their workspaces through this.

A holder whose renewals stopped for that long (its computer slept, its share was unreachable) may find its lock
taken over when it comes back: it is lost for good (``lost_to``), and the workspace writes nothing more."""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from annotations.workspace import recovery

log = logging.getLogger(__name__)
# the lock found taken over, said once here for whoever holds it (the window, a command): a command that says so itself,
# in its own words, keeps it off its console (app.logging_setup.takeover_kept_off_the_console)
taken_over_log = logging.getLogger(f"{__name__}.taken_over")

STOP_WAIT_S = 5.0  # a renewal stuck on a hung share is left behind (a daemon thread) rather than freeze the close
OVERDUE_INTERVALS = 1.5  # a renewal this late (the computer slept: its wait did not run on) is checked before a write


class LockRenewal:
    """Touches a held lock every ``owner.renewed_every`` seconds, from a daemon thread, between start() and stop().
    A renewal that fails (the share went away) is logged, never raised, and the next one tries again; one that finds
    another program's lock there records it in ``lost_to``, calls ``on_lost`` (from whichever thread found it) and
    renews no more."""

    def __init__(self, path: Path, owner: recovery.LockOwner, on_lost: Callable[[], None] = lambda: None) -> None:
        self.path = path
        self.owner = owner
        self.on_lost = on_lost
        self.lost_to: recovery.LockOwner | None = None  # the program that took the lock over
        self._stopped = threading.Event()
        self._failing = False  # said once, until a renewal succeeds again
        self._noting = threading.Lock()  # a write's check and the renewal thread may find the takeover at once
        self._renewed_at = time.time()  # the wall clock runs on while the computer sleeps; the wait's clock does not
        self._thread = threading.Thread(target=self._run, name=f"workspace lock renewal: {path}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(STOP_WAIT_S)
            if self._thread.is_alive():
                log.warning("%s: the workspace lock renewal did not end within %g s (the share does not answer); "
                            "closing without it", self.path, STOP_WAIT_S)

    @property
    def abandoned_after_s(self) -> float:
        """How long this lock may go unrenewed before another computer takes the folder over."""
        return recovery.MISSED_RENEWALS * self.owner.renewed_every

    def still_ours(self) -> bool:
        """False once another program holds the lock. Read again first (one small file) when the last renewal failed
        or is overdue, as after the computer slept: a save must not wait for the next renewal to learn it."""
        overdue = time.time() - self._renewed_at > OVERDUE_INTERVALS * self.owner.renewed_every
        if self.lost_to is None and (self._failing or overdue):
            self._note_holder(recovery.read_lock(self.path))
        return self.lost_to is None

    def held_for_write(self) -> bool:
        """False once another program holds the lock, read again (one small file) before every write: a lock deleted
        by hand ("unlocking" a folder thought stuck) lets a second program open the folder for editing at once, and
        waiting for the next renewal let both write for up to a renewal interval. A lock found gone is created again
        here, before the write, unless another program's took its place."""
        if self.lost_to is None:
            holder = recovery.read_lock(self.path)
            if holder is None and not os.path.lexists(self.path):
                self.renew()  # the lock, or its share (then the renewal says so and the write fails on its own)
            else:
                self._note_holder(holder)
        return self.lost_to is None

    def _run(self) -> None:
        while self.lost_to is None and not self._stopped.wait(self.owner.renewed_every):
            self.renew()

    def renew(self) -> None:
        if self.lost_to is not None:
            return  # another program's lock now: never touched again
        try:
            problem = None if recovery.renew_lock(self.path, self.owner, self._stopped.is_set) else \
                "it is no longer this program's"
        except Exception as exc:  # noqa: BLE001 - whatever one renewal met, the next must still run
            problem = str(exc) or type(exc).__name__
        if self._stopped.is_set():
            return  # left behind by stop() (a hung share): the lock is let go, nothing more to find or say
        if problem is None:
            self._renewed_at = time.time()
        else:
            self._note_holder(recovery.read_lock(self.path))
        if self.lost_to is not None:
            return  # said by _note_holder, as when a write's check finds it
        if problem is not None and not self._failing:
            log.warning("%s: the workspace lock could not be renewed (%s); another computer takes the folder over "
                        "once it has gone %.0f s without renewals", self.path, problem, self.abandoned_after_s)
        elif problem is None and self._failing:
            log.warning("%s: the workspace lock is renewed again", self.path)
        self._failing = problem is not None

    def _note_holder(self, holder: recovery.LockOwner | None) -> None:
        """A readable lock naming another program: it took the folder over. An unreadable or missing one proves
        nothing (the share is away). Said once, whichever thread finds it first (a write's check or a renewal)."""
        if holder is None or holder == self.owner:
            return
        with self._noting:
            if self.lost_to is not None:
                return
            self.lost_to = holder
        taken_over_log.warning("%s: the workspace lock was taken over by %s; this program writes nothing more to the "
                               "folder", self.path, holder.describe())
        self.on_lost()  # its holder's own words go to its listeners (the window's status bar), not again to the log
