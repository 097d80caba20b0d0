"""The program holding a workspace's lock keeps it fresh, so that another computer can tell a crashed program's lock
(or that of a computer that lost power) from a live one: a lock nobody renewed for long is taken over
(recovery.abandoned_in). The window and the long command-line runs alike hold their workspaces through this."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from annotations.workspace import recovery

log = logging.getLogger(__name__)


class LockRenewal:
    """Touches a held lock every ``owner.renewed_every`` seconds, from a daemon thread, between start() and stop().
    A renewal that fails (the share went away) is logged, never raised, and the next one tries again."""

    def __init__(self, path: Path, owner: recovery.LockOwner) -> None:
        self.path = path
        self.owner = owner
        self._stopped = threading.Event()
        self._failing = False  # said once, until a renewal succeeds again
        self._thread = threading.Thread(target=self._run, name=f"workspace lock renewal: {path}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stopped.wait(self.owner.renewed_every):
            self.renew()

    def renew(self) -> None:
        try:
            problem = None if recovery.renew_lock(self.path, self.owner) else "it is no longer this program's"
        except Exception as exc:  # noqa: BLE001 - whatever one renewal met, the next must still run
            problem = str(exc) or type(exc).__name__
        if problem is not None and not self._failing:
            log.warning("%s: the workspace lock could not be renewed (%s); another computer may take the folder over "
                        "after %.0f s without renewals", self.path, problem,
                        recovery.MISSED_RENEWALS * self.owner.renewed_every)
        elif problem is None and self._failing:
            log.warning("%s: the workspace lock is renewed again", self.path)
        self._failing = problem is not None
