"""A retraining runs on the open folder's reviewed cases and stops when that folder closes. Every way it closes asks
first, once, as for an Analyse all or an export: another folder opened stopped the training unasked (only closing
the window asked). No keeps the folder open and the training going; Yes stops it, its work folder removed. A new
model waiting for a choice outlives its folder: opening another one does not ask about it."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

import app.retrain_controller
from annotations.progress import Cancelled
from app.main_window import MainWindow
from inference.training.retrain_results import ModelScore, RetrainOutcome
from tests.gui.questions import answer
from tests.gui.test_retrain import make_cases
from tests.gui.windows import reviewer_window
from tests.unit.test_export_stopped import labelled_folder


@pytest.fixture
def training_until_stopped(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Retraining runs until it is cancelled (no training process: the question is what is tested); the event
    returned is set once it runs."""
    started = threading.Event()

    def run(request, state) -> None:  # noqa: ANN001 - _run_retrain's
        (request.work_dir / "data").mkdir(parents=True, exist_ok=True)
        started.set()
        while not state.is_cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    monkeypatch.setattr(app.retrain_controller, "_run_retrain", run)
    return started


def retraining(qtbot, tmp_path: Path, started: threading.Event) -> tuple[MainWindow, Path]:  # noqa: ANN001
    """The window on a folder of five reviewed photos, retraining on them; (window, the run's work folder)."""
    make_cases(tmp_path / "images", done=5)
    window = reviewer_window(qtbot, tmp_path, tmp_path / "images")
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    assert window.retrain.start("seg", 1, 64) is not None
    qtbot.waitUntil(started.is_set)
    return window, window.retrain.work_dir


QUESTION = ("Training a new model is running on images. Stop it and close images? The model being trained is "
            "discarded; the current model stays in use.")


def test_opening_another_folder_while_retraining_asks_and_no_keeps_the_training(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, training_until_stopped: threading.Event) -> None:
    window, work_dir = retraining(qtbot, tmp_path, training_until_stopped)
    asked = answer(monkeypatch, yes=False)
    assert not window.open_paths([labelled_folder(tmp_path / "B")])
    assert asked == [QUESTION]
    assert window.cases.workspace.folder == tmp_path / "images" and window.retrain.running and work_dir.exists()
    window.retrain.cancel()
    qtbot.waitUntil(lambda: not window.retrain.running)


def test_opening_another_folder_while_retraining_and_saying_yes_stops_it(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, training_until_stopped: threading.Event) -> None:
    window, work_dir = retraining(qtbot, tmp_path, training_until_stopped)
    asked = answer(monkeypatch, yes=True)
    assert window.open_paths([labelled_folder(tmp_path / "B")])
    assert asked == [QUESTION]
    qtbot.waitUntil(lambda: not window.retrain.running)
    assert not work_dir.exists()


@pytest.mark.parametrize("yes", [False, True])
def test_closing_the_window_while_retraining_asks_once(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, training_until_stopped: threading.Event,
        yes: bool) -> None:
    window, work_dir = retraining(qtbot, tmp_path, training_until_stopped)
    asked = answer(monkeypatch, yes=yes)
    assert window.close() is yes
    assert asked == [QUESTION]
    if yes:
        assert not work_dir.exists(), "stopped and waited for (shutdown)"
        qtbot.waitUntil(lambda: not window.retrain.running)
    else:
        assert window.isVisible() and window.retrain.running
        window.retrain.cancel()
        qtbot.waitUntil(lambda: not window.retrain.running)


def test_a_new_model_waiting_for_a_choice_is_kept_unasked_when_another_folder_opens(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "user"))
    window = reviewer_window(qtbot, tmp_path, labelled_folder(tmp_path / "A"))
    qtbot.waitUntil(lambda: window.cases.workspace is not None and not window.cases.busy)
    outcome = RetrainOutcome("seg", tmp_path / "work", "test", [], ModelScore("tiny-seg 1", None),
                             ModelScore("retrained-seg-1", None), [])
    window.retrain._on_finished(outcome)
    asked = answer(monkeypatch, yes=False)
    assert window.open_paths([labelled_folder(tmp_path / "B")])
    assert asked == [] and window.retrain.outcome is outcome
    assert not window.close(), "the window asks about it"
    assert asked == ["A retrained model is waiting for your choice. Close and keep the current model? The new one is "
                     f"set aside, not deleted, in {tmp_path / 'user' / 'set-aside'}: to use it later, move it into "
                     "your models folder and choose it in Settings."]
    window.retrain.outcome = None
