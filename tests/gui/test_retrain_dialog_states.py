"""The retrain dialog's states without a run: Cancel says at once that the training is stopping; a stage silent for
seconds shows them; a doubted new model (inference.training.retrain_adoption) is said in red, keeping the current
one is the default button and using the new one asks first, showing both figures."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from inference.training.retrain_results import ModelScore, RetrainOutcome
from tests.gui.retrain_controllers import retrain_controller
from tests.gui.waits import SUITE_TIMEOUT_MS
from widgets.retrain_dialog import RetrainDialog

TASKS = [("seg", "Lesion segmentation", 640), ("grade", "DR grade", 512)]


def running_dialog(qtbot) -> RetrainDialog:
    dialog = RetrainDialog(TASKS)
    qtbot.addWidget(dialog)
    dialog.show_running()
    return dialog


def test_cancel_says_the_training_is_stopping_and_is_not_pressed_twice(qtbot) -> None:
    dialog = running_dialog(qtbot)
    with qtbot.waitSignal(dialog.cancel_requested):
        dialog.cancel_button.click()
    assert dialog.cancel_button.text() == "Stopping the training…" and not dialog.cancel_button.isEnabled()
    dialog.show_cancelled()
    dialog.show_running()  # the next run can be cancelled again
    assert dialog.cancel_button.text() == "Ca&ncel training" and dialog.cancel_button.isEnabled()


def test_finish_now_is_offered_only_while_training_steps_run(qtbot) -> None:
    """Once the last step was taken, the held-out figures and the comparison take minutes: Finish now stayed enabled
    through them and, pressed, said "Finishing after this step…" with no step left to finish after."""
    dialog = running_dialog(qtbot)
    dialog.set_progress(0.1, "preparing eye1")
    assert not dialog.finish_button.isEnabled()
    dialog.add_loss_point(1, 0.9)
    dialog.set_progress(0.3, "epoch 1/2, step 1/4, loss 0.9000")
    assert dialog.finish_button.isEnabled()
    dialog.add_loss_point(4, 0.5)
    dialog.set_progress(0.6, "epoch 2/2, step 4/4, loss 0.5000")
    dialog.set_progress(0.7, "evaluating 'eye1.png' for the new model's own held-out figures")
    assert not dialog.finish_button.isEnabled()
    dialog.set_progress(0.8, "checking that the new model loads…")
    assert not dialog.finish_button.isEnabled()


def test_a_stage_silent_for_seconds_shows_them_and_a_new_word_does_not(qtbot) -> None:
    dialog = running_dialog(qtbot)
    now = [0.0]
    dialog.stage_clock.clock = lambda: now[0]
    dialog.set_progress(0.1, "starting the training process…")
    now[0] += 41.2
    qtbot.waitUntil(lambda: dialog.status_label.text() == "starting the training process… (41 s)",
                    timeout=SUITE_TIMEOUT_MS)  # the dialog's own second timer shows it, with no word from the run
    dialog.set_progress(0.2, "preparing eye1")
    assert dialog.status_label.text() == "preparing eye1"
    dialog.show_cancelled()
    assert not dialog.stage_timer.isActive()  # nothing left ticking over the result


def test_a_doubted_new_model_makes_keeping_the_default_and_using_it_asks_with_both_figures(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]

    def question(parent, title, text, buttons, default) -> QMessageBox.StandardButton:
        assert default == QMessageBox.StandardButton.No
        asked.append(text)
        return reply[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    with retrain_controller(tmp_path) as controller:
        dialog = controller.open_dialog()
        qtbot.addWidget(dialog)
        controller._on_finished(RetrainOutcome("seg", tmp_path / "work", "test", [f"eye{i}" for i in range(6)],
                                               ModelScore("lesions 1", {"mean_dice": 0.612, "images": 6}),
                                               ModelScore("new", {"mean_dice": 0.584, "images": 6}), []))
        assert dialog.doubt_label.isVisibleTo(dialog) and "#b00020" in dialog.doubt_label.styleSheet()
        assert dialog.doubt_label.text() == ("The new model's mean Dice is lower than the current one's (0.584 "
                                             "against 0.612)")
        assert dialog.keep_button.isDefault() and not dialog.use_button.isDefault()
        used: list[bool] = []
        dialog.use_new_requested.disconnect()  # the controller's install: not what this test is about
        dialog.use_new_requested.connect(lambda: used.append(True))
        dialog.use_button.click()
        assert used == [] and "Mean Dice: current model 0.612, new model 0.584." in asked[0]
        reply[0] = QMessageBox.StandardButton.Yes
        dialog.use_button.click()
        assert used == [True]


def test_a_lesion_model_compared_on_boxes_alone_shows_their_figures_and_is_doubted(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    """No painted lesion on the held-out images: Mean Dice "–" / "–" passed undoubted, a worse model alike, and the
    box figures the outcome held were not shown."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)

    def boxes(hit_rate: float, outside: float) -> dict:
        return {"mean_dice": None, "images": 5, "boxes": {"HE": {"boxes": 48, "box_hit_rate": hit_rate,
                                                                 "outside_positive_fraction": outside}}}

    with retrain_controller(tmp_path) as controller:
        dialog = controller.open_dialog()
        qtbot.addWidget(dialog)
        controller._on_finished(RetrainOutcome("seg", tmp_path / "work", "test", [f"eye{i}" for i in range(5)],
                                               ModelScore("idrid-lesions 1", boxes(0.72, 0.0021)),
                                               ModelScore("new", boxes(0.76, 0.0050)), []))
        rows = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text())
                for r in range(dialog.table.rowCount())}
        assert rows["Box hit rate HE"] == ("0.720", "0.760")
        assert rows["Positives outside boxes HE"] == ("0.0021", "0.0050")
        assert dialog.doubt_label.isVisibleTo(dialog) and "#b00020" in dialog.doubt_label.styleSheet()
        assert dialog.doubt_label.text().startswith("The two models have no mean Dice to compare")
        assert dialog.keep_button.isDefault() and not dialog.use_button.isDefault()
        dialog.use_new_requested.disconnect()  # the controller's install: not what this test is about
        dialog.use_new_requested.connect(lambda: pytest.fail("used without asking"))
        dialog.use_button.click()
        assert len(asked) == 1 and "Mean Dice: current model –, new model –." in asked[0]


def test_a_new_model_not_doubted_is_used_without_a_question(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_: pytest.fail("asked without a doubt"))
    dialog = RetrainDialog(TASKS)
    qtbot.addWidget(dialog)
    dialog.show_results("lesions 1", "new", [("Mean Dice", "0.5", "0.7")], [], headline=("Mean Dice", "0.5", "0.7"))
    assert not dialog.doubt_label.isVisibleTo(dialog) and not dialog.keep_button.isDefault()
    with qtbot.waitSignal(dialog.use_new_requested):
        dialog.use_button.click()


def test_training_says_one_image_in_the_singular_and_that_the_model_is_saved_without_its_work_path(qtbot) -> None:
    dialog = running_dialog(qtbot)
    dialog.set_progress(0.2, "1 image prepared (0 from the cache)")
    assert dialog.status_label.text() == "1 image prepared (0 from the cache)"
    dialog.set_progress(0.2, "4 images prepared (1 from the cache)")
    assert dialog.status_label.text() == "4 images prepared (1 from the cache)"
    dialog.set_progress(0.9, "saved /home/someone/retina/.retinareview/retrain/seg-20261203-061500/model")
    assert dialog.status_label.text() == "the new model is saved"
