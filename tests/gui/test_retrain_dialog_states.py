"""The retrain dialog's states without a run: Cancel says at once that the training is stopping."""
from __future__ import annotations

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
