"""Closing while a retrain runs asks first. The folder (the window's closing among its ways): stop and close, or
stay open; the window: a new model waiting for the person's choice too. Stopping leaves no training process and no
work folder behind. The dialog: stop the training, or keep it going in the background."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.retrain_controller import RetrainController
from inference.training.retrain_results import ModelScore, RetrainOutcome
from tests.gui.test_retrain import TINY_SEG, setup  # noqa: F401 - the fixture
from tests.gui.waits import SUITE_TIMEOUT_MS


def answer(monkeypatch: pytest.MonkeyPatch, reply: QMessageBox.StandardButton) -> list[str]:
    """QMessageBox.question answers ``reply``; the questions asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # noqa: ANN001, ANN202 - QMessageBox.question's
        asked.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def training_processes(work_dir: Path) -> list[str]:
    """The processes whose command line names a file in ``work_dir`` (the training process's config)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile
            continue
        if str(work_dir) in text:
            found.append(text)
    return found


def training(qtbot, controller: RetrainController) -> Path:
    """Start a lesion retrain and wait until its training process has taken a step; its work folder."""
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    dialog.size_box.setValue(64)
    job = controller.start("seg", 50, 64)
    assert job is not None
    qtbot.waitUntil(lambda: bool(dialog.loss_curve.points), timeout=SUITE_TIMEOUT_MS)
    return controller.work_dir


def test_closing_the_folder_while_training_asks_and_yes_stops_it_leaving_nothing_behind(
        qtbot, setup, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # noqa: F811
    """Asked by every way the folder closes, the window's closing too (test_retrain_folder_closing)."""
    controller = setup(5, dict(TINY_SEG, steps_per_epoch=200))
    work_dir = training(qtbot, controller)
    assert training_processes(work_dir), "the training process runs"
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    assert not controller.folder_may_close(tmp_path / "images") and controller.running, "No: training goes on"
    assert asked == ["Training a new model is running on images. Stop it and close images? The model being trained "
                     "is discarded; the current model stays in use."]
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert controller.folder_may_close(tmp_path / "images")
    assert controller.may_close(), "no new model waits: the window asks nothing more"
    controller.cancel()  # what closing the folder does, then the window's shutdown
    controller.shutdown()
    assert not work_dir.exists() and not training_processes(work_dir)


def test_a_new_model_waiting_for_a_choice_is_not_discarded_by_closing_unasked(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.gui.retrain_controllers import retrain_controller

    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "user"))
    with retrain_controller(tmp_path) as controller:
        qtbot.addWidget(controller.open_dialog())
        assert controller.may_close(), "nothing running or waiting: closes unasked"
        controller._on_finished(RetrainOutcome("seg", tmp_path / "work", "test", [], ModelScore("tiny-seg 1", None),
                                               ModelScore("retrained-seg-1", None), []))
        asked = answer(monkeypatch, QMessageBox.StandardButton.No)
        assert not controller.may_close() and controller.outcome is not None
        assert asked == ["A retrained model is waiting for your choice. Close and keep the current model? The new one "
                         f"is set aside, not deleted, in {tmp_path / 'user' / 'set-aside'}: to use it later, move it "
                         "into your models folder and choose it in Settings."]


@pytest.mark.parametrize("choice, stopped", [("Stop the training", True), ("Keep training in the background", False)])
def test_closing_the_dialog_while_training_asks_whether_to_stop(qtbot, monkeypatch: pytest.MonkeyPatch, choice: str,
                                                                 stopped: bool) -> None:
    from widgets.retrain_dialog import RetrainDialog

    dialog = RetrainDialog([("seg", "Lesion segmentation", 640)])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_running()
    dialog.run_is_live = True  # the controller's run
    asked: list[str] = []

    def click(box: QMessageBox) -> None:
        asked.append(box.text())
        next(button for button in box.buttons() if button.text() == choice).click()

    monkeypatch.setattr(QMessageBox, "exec", click)
    cancelled: list[bool] = []
    dialog.cancel_requested.connect(lambda: cancelled.append(True))
    dialog.close_button.click()
    assert asked == ["Stop the training? The model being trained and its work folder are discarded; the current model "
                     "stays in use."]
    assert bool(cancelled) is stopped and not dialog.isVisible()


def test_a_run_slow_to_stop_is_waited_for_so_its_work_folder_goes(qtbot, setup, monkeypatch) -> None:  # noqa: F811
    """A training process mid-step has STOP_GRACE_S (5 s) before it is killed: shutting down waited 5 s in all, gave
    up, and left the work folder behind."""
    import time

    import app.retrain_controller
    from annotations.progress import Cancelled

    def slow_to_stop(request, state):  # noqa: ANN001, ANN202 - the run's signature
        (request.work_dir / "data").mkdir()
        while not state.is_cancelled():
            time.sleep(0.05)
        time.sleep(6)  # the grace, then the kill
        raise Cancelled

    monkeypatch.setattr(app.retrain_controller, "_run_retrain", slow_to_stop)
    controller = setup(5, dict(TINY_SEG))
    qtbot.addWidget(controller.open_dialog())
    assert controller.start("seg", 1, 64) is not None
    work_dir = controller.work_dir
    qtbot.waitUntil(lambda: (work_dir / "data").exists())
    controller.cancel()
    controller.shutdown()
    assert not work_dir.exists()
