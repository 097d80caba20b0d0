"""The retrain dialog's states without a run: Cancel says at once that the training is stopping; a stage silent for
seconds shows them."""
from __future__ import annotations

from tests.gui.retrain_controllers import SUITE_TIMEOUT_MS
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
    assert dialog.cancel_button.text() == "Cancel training" and dialog.cancel_button.isEnabled()


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
