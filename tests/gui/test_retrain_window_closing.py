"""Closing the window while a retrained model waits for the choice "use it / keep the current one" keeps the current
model and sets the new one aside as "Keep the current one" does, saying where in the question: closing discarded it,
hours of training thrown away by closing a window. Where it cannot be set aside the window stays open, the dialog
saying why, once (closing again discards it, as keeping again does)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import inference.registry
from app.main_window import MainWindow
from inference.model_card import load_card
from inference.training.retrain_results import ModelScore, RetrainOutcome
from tests.gui.questions import answer
from tests.gui.test_retrain_keeping import disk_full
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card

KEEP_QUESTION = ("A retrained model is waiting for your choice. Close and keep the current model? The new one is set "
                 "aside, not deleted, in {folder}: to use it later, move it into your models folder and choose it in "
                 "Settings.")
DISCARD_QUESTION = ("A retrained model is waiting for your choice. Close and discard it? The current model stays in "
                    "use.")


def waiting(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # noqa: ANN001 - qtbot
    """The window on a folder, a lesion model retrained in a work folder waiting for the person's choice; the user
    models folder ``tmp_path / "user"``, empty."""
    saved_model(tmp_path / "bundled", tiny_segmentation_card("tiny-seg"))
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "bundled")
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "user"))
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "A"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    new = saved_model(tmp_path / "work" / "retrained-seg-1", tiny_segmentation_card("retrained-seg-1"))
    window.retrain.work_dir = tmp_path / "work"  # the run's: removed once the choice is made
    window.retrain._on_finished(RetrainOutcome("seg", new, "test", [], ModelScore("tiny-seg 1", None),
                                               ModelScore("retrained-seg-1", None), []))
    return window


def test_closing_the_window_sets_the_new_model_aside_saying_where(qtbot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window = waiting(qtbot, tmp_path, monkeypatch)
    asked = answer(monkeypatch, yes=False)
    assert not window.close() and window.retrain.outcome is not None, "No: the choice still waits"
    assert asked == [KEEP_QUESTION.format(folder=tmp_path / "user" / "set-aside")]
    answer(monkeypatch, yes=True)
    with monkeypatch.context() as patch:  # Yes, then the folder kept open (edits that could not be saved)
        patch.setattr(window.cases, "close_workspace", lambda: False)
        assert not window.close() and window.retrain.outcome is not None
    assert not (tmp_path / "user" / "set-aside").exists(), "set aside only once the window closes"
    assert window.close()
    aside = tmp_path / "user" / "set-aside" / "retrained-seg-1"
    assert load_card(aside).name == "retrained-seg-1" and (aside / "model.safetensors").is_file()
    assert not (tmp_path / "work").exists(), "the work folder goes, as after Keep the current one"
    assert window.retrain.settings.load().models["lesion-segmentation"] == "", "the model in use stays"


def test_a_new_model_that_cannot_be_set_aside_keeps_the_window_open_once(qtbot, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window = waiting(qtbot, tmp_path, monkeypatch)
    asked = answer(monkeypatch, yes=True)
    monkeypatch.setattr(shutil, "copyfile", disk_full)
    assert not window.close() and window.isVisible() and window.retrain.outcome is not None
    dialog = window.retrain.dialog
    assert dialog.isVisible() and dialog.status_label.text().startswith("The new model could not be set aside: the "
                                                                        "disk is full")
    assert window.close(), "closing again discards it, as keeping the current one again does"
    assert asked == [KEEP_QUESTION.format(folder=tmp_path / "user" / "set-aside"), DISCARD_QUESTION]
    assert not any((tmp_path / "user" / "set-aside").iterdir()) and not (tmp_path / "work").exists()
