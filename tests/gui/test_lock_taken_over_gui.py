"""The window's folder taken over by another computer while this one slept (its lock went unrenewed): the next save
is refused saying so, the edits stay in the window, unsaved, and closing asks before losing them."""
from __future__ import annotations

import json
import logging
import threading

import pytest

from annotations.classes import LesionClass
from annotations.commands import AddBox
from annotations.document import Box
from annotations.workspace import messages as workspace_messages
from annotations.workspace.recovery import LockOwner
from tests.gui.test_annotation_tools import window  # noqa: F401 - a fixture
from widgets.breakable_text import ZERO_WIDTH_SPACE
from widgets.unsaved_edits_box import CloseChoice, UnsavedEditsBox


def test_a_save_after_the_folder_was_taken_over_says_so_and_keeps_the_edits(window,  # noqa: F811 - the fixture
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    ws = window.cases.workspace
    lock = ws.sidecar / "lock"
    other = {"pid": 4242, "hostname": "workstation-b", "started": "2026-01-01T08:00:00+00:00", "renewed_every": 60}
    lock.write_text(json.dumps(other))  # workstation B took the folder over while this computer slept
    ws._lock.renew()  # this one wakes
    window.cases.history.execute(AddBox(Box(LesionClass.HE, 5, 5, 20, 20)))

    assert not window.cases.save()
    holder = LockOwner(4242, "workstation-b", other["started"]).describe()  # its start on this computer's clock
    reason = workspace_messages.TAKEN_OVER.format(holder=holder, minutes=10)
    said = window.statusBar().currentMessage()
    assert said == workspace_messages.NOT_SAVED_READ_ONLY.format(folder=ws.folder, image="'eye.png'", reason=reason)
    assert window.cases.is_dirty and window.isWindowModified() and len(window.cases.doc.boxes) == 1
    assert json.loads(lock.read_text()) == other  # B's lock stands

    asked: list[str] = []

    def choice(box: UnsavedEditsBox) -> CloseChoice:
        asked.append(box.informativeText())
        return CloseChoice.DISCARD
    monkeypatch.setattr(UnsavedEditsBox, "choice", choice)
    assert window.cases.close_workspace()
    (error,) = asked
    assert reason in error
    assert json.loads(lock.read_text()) == other


def test_the_title_and_status_bar_say_it_when_the_renewal_finds_it(window, qtbot) -> None:  # noqa: F811 - fixture
    """Found by the renewal thread, not by a save: the window says read-only at once, and why."""
    ws = window.cases.workspace
    other = {"pid": 4242, "hostname": "workstation-b", "started": "2026-01-01T08:00:00+00:00", "renewed_every": 60}
    (ws.sidecar / "lock").write_text(json.dumps(other))
    assert "(read-only)" not in window.windowTitle()
    renewal = threading.Thread(target=ws._lock.renew)
    renewal.start()
    renewal.join()
    qtbot.waitUntil(lambda: "(read-only)" in window.windowTitle())
    assert window.read_only_bar.isVisible() and "workstation-b" in ws.read_only_reason
    assert window.read_only_bar.label.text().replace(ZERO_WIDTH_SPACE, "") == ws.read_only_reason  # whole


def test_the_log_file_has_the_takeover_once(window, qtbot, caplog) -> None:  # noqa: F811 - the fixture
    """The lock's renewal logs it; the window's read-only note says the workspace's reason without logging it again."""
    ws = window.cases.workspace
    other = {"pid": 4242, "hostname": "workstation-b", "started": "2026-01-01T08:00:00+00:00", "renewed_every": 60}
    (ws.sidecar / "lock").write_text(json.dumps(other))
    with caplog.at_level(logging.INFO):
        renewal = threading.Thread(target=ws._lock.renew)
        renewal.start()
        renewal.join()
        qtbot.waitUntil(window.read_only_bar.isVisible)
    assert len([record for record in caplog.records if "workstation-b" in record.getMessage()]) == 1
