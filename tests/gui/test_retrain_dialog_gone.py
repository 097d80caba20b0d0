"""A run that ends after its dialog's window was deleted (the main window closed, its children with it) touches no
deleted widget: a failure is dropped; a finished run's comparison is shown on a new dialog, or, with the window the
dialog belonged to gone, waits for the dialog to be opened again."""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from tests.gui.waits import SUITE_TIMEOUT_MS
from tests.gui.test_retrain import TINY_CLS, setup  # noqa: F401  (setup: a fixture)


def start_then_delete_the_dialog(qtbot, controller, window: QWidget | None = None):
    """Start a grade run from the dialog and delete the dialog (or ``window``, its parent, with it) before the run
    ends; the run's task."""
    dialog = controller.open_dialog()
    dialog.task_box.setCurrentIndex(1)
    dialog.epochs_box.setValue(1)
    dialog.size_box.setValue(64)
    dialog.start_button.click()
    job = controller.runner.current
    assert job is not None
    (window or dialog).deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not isValid(dialog)
    return job


def test_a_failure_after_the_dialog_was_deleted_touches_no_widget(qtbot, setup, monkeypatch) -> None:  # noqa: F811
    from inference.training import train_process

    monkeypatch.setattr(train_process, "child_command",
                        lambda config_file: [sys.executable, "-c", "raise SystemExit(3)"])
    controller = setup(6, dict(TINY_CLS, steps_per_epoch=1))
    job = start_then_delete_the_dialog(qtbot, controller)
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):  # pytest-qt fails the test on an error in a slot
        pass
    assert controller.dialog is None and controller.work_dir is None


def test_a_result_after_the_dialog_was_deleted_is_shown_on_a_new_one(qtbot, setup) -> None:  # noqa: F811
    controller = setup(6, dict(TINY_CLS, steps_per_epoch=1))
    job = start_then_delete_the_dialog(qtbot, controller)
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):
        pass
    dialog = controller.dialog
    assert controller.outcome is not None and dialog is not None and isValid(dialog)
    qtbot.addWidget(dialog)
    assert dialog.results.isVisibleTo(dialog) and dialog.keep_button.isVisibleTo(dialog)


def test_a_result_after_the_window_went_waits_for_the_dialog(qtbot, setup) -> None:  # noqa: F811
    controller = setup(6, dict(TINY_CLS, steps_per_epoch=1))
    controller.parent_widget = QWidget()  # the main window, closed while the run goes on
    job = start_then_delete_the_dialog(qtbot, controller, controller.parent_widget)
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):
        pass
    assert controller.outcome is not None and controller.dialog is None
    controller.parent_widget = None
    dialog = controller.open_dialog()  # a new window, showing the comparison that waited
    qtbot.addWidget(dialog)
    assert dialog.results.isVisibleTo(dialog) and dialog.keep_button.isVisibleTo(dialog)
    dialog.keep_button.click()
    assert controller.outcome is None and "Kept the current model" in dialog.status_label.text()
