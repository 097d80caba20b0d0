"""Keeping the current model after a retrain sets the new one aside in the models folder's set-aside folder, card and
weights, and says where (it was discarded, with no way back); the model in use stays. Where it cannot be set aside
the dialog says why and the choice stays open once; a new model that does not load is discarded as before."""
from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from inference.model_card import load_card
from inference.model_plan import chosen_card
from inference.training.retrain_results import ModelScore, RetrainOutcome
from tests.gui.test_retrain_adopting import controller, finished  # noqa: F401 - controller: a fixture

ASIDE = "set-aside"


def disk_full(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_keeping_the_current_model_sets_the_new_one_aside_and_says_where(
        controller, tmp_path: Path) -> None:  # noqa: F811
    outcome = finished(controller, tmp_path)
    dialog = controller.open_dialog()
    changed = []
    controller.settings_changed.connect(changed.append)
    dialog.keep_button.click()
    aside = tmp_path / "user" / ASIDE / "retrained-seg-1"
    assert load_card(aside).name == "retrained-seg-1" and (aside / "model.safetensors").is_file()
    assert dialog.status_label.text() == (
        "Kept the current model. The new one, retrained-seg-1, was set aside, not deleted, in your models folder's "
        "“set-aside” folder: to use it later, move it into your models folder and choose it in Settings.")
    assert dialog.status_label.toolTip().endswith(str(tmp_path / "user" / ASIDE))  # the whole path, on hovering
    assert controller.outcome is None and dialog.start_button.isVisibleTo(dialog)
    assert not changed and controller.settings.load().models["lesion-segmentation"] == ""
    settings = controller.settings.load().analysis_settings()
    assert chosen_card("lesion-segmentation", settings).name == "tiny-seg", "the model in use stays the first"
    assert outcome.model_dir.is_dir(), "copied: the work folder goes with the run (controller.work_dir)"


def test_a_new_model_that_cannot_be_set_aside_waits_once_then_is_discarded_saying_why(
        controller, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    outcome = finished(controller, tmp_path)
    dialog = controller.open_dialog()

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    dialog.keep_button.click()
    said = dialog.status_label.text()
    assert said.startswith("The new model could not be set aside: the disk is full")
    assert said.endswith("It is still waiting for your choice: fix that and keep the current one again (the new model "
                         "is then discarded if it still cannot be set aside), or use it.")
    assert controller.outcome is outcome and dialog.use_button.isVisibleTo(dialog)
    assert dialog.keep_button.isVisibleTo(dialog) and not dialog.start_button.isVisibleTo(dialog)
    assert not any((tmp_path / "user" / ASIDE).iterdir()), "no half-copied model"
    dialog.keep_button.click()
    assert dialog.status_label.text().startswith("Kept the current model; the new one could not be set aside (the "
                                                 "disk is full")
    assert controller.outcome is None and dialog.start_button.isVisibleTo(dialog)


def test_room_again_after_a_failure_sets_it_aside(controller, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    finished(controller, tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(shutil, "copyfile", disk_full)
        controller.keep_current()
    controller.keep_current()  # room again
    assert (tmp_path / "user" / ASIDE / "retrained-seg-1" / "model.json").is_file()
    assert controller.open_dialog().status_label.text().startswith("Kept the current model. The new one, "
                                                                   "retrained-seg-1, was set aside")


def test_a_new_model_that_does_not_load_is_discarded(controller, tmp_path: Path) -> None:  # noqa: F811
    controller._on_finished(RetrainOutcome("seg", tmp_path / "work" / "broken", "test", [],
                                           ModelScore("tiny-seg 1", None), ModelScore("retrained-seg-1", None), [],
                                           unusable_why="it does not load"))
    controller.keep_current()
    assert controller.open_dialog().status_label.text() == "Kept the current model; the new one was discarded."
    assert not (tmp_path / "user" / ASIDE).exists()
