"""A folder open read-only (another window holds it) keeps nothing next to its images, so its retraining works
elsewhere; a window killed mid-run there left its work folder, a copy of the reviewed photos, in the system's
temporary folder for good. Its runs now work in the user's cache folder, swept by the next run as a sidecar's is."""
from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

import pytest

from app import retrain_controller
from inference.training.retrain_work import YOUNG_SECONDS
from tests.gui.retrain_controllers import controller_with_folder, shut_down
from tests.gui.test_retrain import make_cases


def test_a_read_only_folders_run_sweeps_the_work_folder_a_killed_run_there_left(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    stop = threading.Event()

    def training(request, state):  # noqa: ANN001, ANN202 - waits as a run does, until cancelled
        while not state.is_cancelled() and not stop.wait(0.02):
            pass

    monkeypatch.setattr(retrain_controller, "_run_retrain", training)
    make_cases(tmp_path / "images", done=6)
    controller = controller_with_folder(tmp_path / "images", tmp_path / "settings.ini")
    try:
        controller.cases.workspace._go_read_only("held by another window")  # as Workspace.open does then
        qtbot.addWidget(controller.open_dialog())
        assert controller.start("seg", 1, 64) is not None
        killed = controller.work_dir
        assert killed.is_dir() and not killed.is_relative_to(tmp_path / "images"), "nothing next to the images"
        if controller._work_claim is not None:  # the window killed: its claim gone with it, its folder left
            controller._work_claim.release()
        controller._work_claim = controller.work_dir = None
        controller.cancel()
        qtbot.waitUntil(lambda: not controller.running)
        old = time.time() - 2 * YOUNG_SECONDS
        os.utime(killed, (old, old))

        assert controller.start("seg", 1, 64) is not None
        controller.cases.flush()  # the sweep runs on the storage worker
        assert not killed.exists(), "the next run removes what a killed run left"
        assert controller.work_dir.is_dir()
        controller.cancel()
        qtbot.waitUntil(lambda: not controller.running)
    finally:
        stop.set()
        shut_down(controller)
