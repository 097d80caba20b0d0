"""Adopting a retrained model as an annotator does it, on made-up comparisons (no training): with no folder open the
dialog says to open one; a model that cannot be installed (the disk full) keeps the comparison and the current
model, saying why; the model used is named in the settings by its name; "Go back to NAME" restores the model used
before, the retrained one set aside, not deleted, and is offered after a restart while that still makes sense."""
from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import Iterator

import pytest

import inference.registry
from app.analysis_controller import AnalysisController
from app.case_controller import CaseController
from app.retrain_controller import RetrainController
from inference.model_plan import chosen_card
from inference.training.retrain_going_back import Replaced
from inference.training.retrain_results import ModelScore, RetrainOutcome
from tests.gui.retrain_controllers import dialogs_opened, retrain_controller
from tests.gui.screenshots import keep_screenshot
from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card, tiny_segmentation_card

FIGURES = {"mean_dice": 0.4, "mean_iou": 0.3, "mean_aupr": 0.5, "images": 5}


@pytest.fixture
def controller(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RetrainController]:
    """The retrain controller with tiny-seg shipped and an empty user models folder; no folder open."""
    saved_model(tmp_path / "bundled", tiny_segmentation_card("tiny-seg"))
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "bundled")
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "user"))
    with retrain_controller(tmp_path) as made:
        qtbot.addWidget(made.open_dialog())
        yield made


def finished(controller: RetrainController, tmp_path: Path, name: str = "retrained-seg-1") -> RetrainOutcome:
    """A lesion run that trained ``name`` (in a work folder) has finished; its comparison is shown."""
    new = saved_model(tmp_path / "work" / name, tiny_segmentation_card(name))
    outcome = RetrainOutcome("seg", new, "test", list("abcde"), ModelScore("tiny-seg 1", FIGURES),
                             ModelScore(name, dict(FIGURES, mean_dice=0.5)), [])
    controller._on_finished(outcome)
    return outcome


def test_with_no_folder_open_the_dialog_says_to_open_one(controller) -> None:
    dialog = controller.open_dialog()
    assert dialog.cases_label.text() == ("Open a folder of reviewed cases first (File ▸ Open folder); retraining "
                                         "learns from the cases marked done in it.")
    assert not dialog.start_button.isEnabled()
    assert controller.start("seg", 1, 64) is None and controller.runner.current is None


def test_a_model_that_cannot_be_installed_keeps_the_comparison_and_the_current_model(
        controller, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = finished(controller, tmp_path)

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    assert controller.use_new_model() is None
    dialog = controller.open_dialog()
    said = dialog.status_label.text()
    assert said.startswith("The new model could not be installed: could not copy the model into ")
    assert "the disk is full" in said and "Retraining failed" not in said
    assert said.endswith("The comparison is kept: fix that and use the new model again, or keep the current one.")
    assert dialog.results.isVisibleTo(dialog) and dialog.table.rowCount() > 0
    assert dialog.use_button.isVisibleTo(dialog) and dialog.keep_button.isVisibleTo(dialog)
    assert not dialog.start_button.isVisibleTo(dialog), "a new run would discard the comparison"
    assert controller.outcome is outcome and outcome.model_dir.is_dir()
    assert controller.settings.load().models["lesion-segmentation"] == "", "the current model stays in use"
    assert not (tmp_path / "user").exists() or not any((tmp_path / "user").iterdir()), "no half-copied model"

    monkeypatch.undo()  # room again: the same comparison is used
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "user"))
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "bundled")
    assert controller.use_new_model() == tmp_path / "user" / "retrained-seg-1"


def test_the_model_used_is_named_in_the_settings_by_its_name(controller, tmp_path: Path) -> None:
    """As the Settings dialog lists it (a path read there as "(not installed)"), and as the registry finds it."""
    finished(controller, tmp_path)
    assert controller.use_new_model() == tmp_path / "user" / "retrained-seg-1"
    assert controller.settings.load().models["lesion-segmentation"] == "retrained-seg-1"
    assert controller.analysis.values.models["lesion-segmentation"] == "retrained-seg-1"
    assert chosen_card("lesion-segmentation", controller.settings.load().analysis_settings()).name == "retrained-seg-1"


def test_go_back_restores_the_model_used_before_and_sets_the_new_one_aside(controller, tmp_path: Path) -> None:
    dialog = controller.open_dialog()
    finished(controller, tmp_path)
    assert not dialog.go_back_button.isVisibleTo(dialog), "nothing replaced yet"
    controller.use_new_model()
    assert dialog.go_back_button.isVisibleTo(dialog) and dialog.go_back_button.text() == "&Go back to tiny-seg"
    changed = []
    controller.settings_changed.connect(changed.append)

    dialog.go_back_button.click()
    aside = tmp_path / "user" / "set-aside" / "retrained-seg-1"
    assert (aside / "model.json").is_file() and not (tmp_path / "user" / "retrained-seg-1").exists()
    assert controller.settings.load().models["lesion-segmentation"] == "", "the choice as it was: the first installed"
    assert [values.models["lesion-segmentation"] for values in changed] == [""]
    assert chosen_card("lesion-segmentation", controller.settings.load().analysis_settings()).name == "tiny-seg"
    assert dialog.status_label.text() == ("Back to tiny-seg for lesion segmentation. retrained-seg-1 was set aside, "
                                          "not deleted, in your models folder's “set-aside” folder.")
    assert not dialog.go_back_button.isVisibleTo(dialog) and dialog.start_button.isVisibleTo(dialog)


def test_go_back_from_a_second_retrained_model_returns_to_the_first(controller, tmp_path: Path) -> None:
    finished(controller, tmp_path, "retrained-seg-1")
    controller.use_new_model()
    finished(controller, tmp_path, "retrained-seg-2")
    controller.use_new_model()
    dialog = controller.open_dialog()
    assert dialog.go_back_button.text() == "&Go back to retrained-seg-1"
    dialog.go_back_button.click()
    assert controller.settings.load().models["lesion-segmentation"] == "retrained-seg-1"
    assert (tmp_path / "user" / "retrained-seg-1").is_dir()
    assert (tmp_path / "user" / "set-aside" / "retrained-seg-2").is_dir()


def test_go_back_to_the_classical_detector_names_it(controller, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "none")
    finished(controller, tmp_path)
    controller.use_new_model()
    dialog = controller.open_dialog()
    assert dialog.go_back_button.text() == "&Go back to the classical detector"
    dialog.go_back_button.click()
    assert chosen_card("lesion-segmentation", controller.settings.load().analysis_settings()) is None


def test_going_back_is_offered_again_when_the_dialog_is_opened_again_and_after_a_run_that_stopped(
        controller, tmp_path: Path) -> None:
    """The model used before is still there to go back to whenever Start is offered: the dialog closed and opened
    again, a later run failed or cancelled (it was hidden then, though nothing had changed)."""
    finished(controller, tmp_path)
    controller.use_new_model()
    dialog = controller.open_dialog()
    dialog.close()
    dialog = controller.open_dialog()
    assert dialog.go_back_button.isVisibleTo(dialog) and dialog.go_back_button.text() == "&Go back to tiny-seg"
    keep_screenshot(dialog, "retrain-opened-again-go-back.png")
    for stopped in (controller._on_failed, lambda _error: controller._on_cancelled()):
        dialog.show_running()
        assert not dialog.go_back_button.isVisibleTo(dialog), "not while a run goes on"
        stopped("out of memory")
        assert dialog.go_back_button.isVisibleTo(dialog) and dialog.start_button.isVisibleTo(dialog)
    dialog.go_back_button.click()
    assert controller.settings.load().models["lesion-segmentation"] == ""
    dialog.close()
    assert not controller.open_dialog().go_back_button.isVisibleTo(dialog), "nothing left to go back to"


def restarted(controller: RetrainController) -> RetrainController:
    """A controller as the program makes it after a restart: the same settings, loaded again, nothing in memory."""
    values = controller.settings.load()
    values.device = "cpu"
    return RetrainController(CaseController(), AnalysisController(values), controller.settings)


def test_going_back_is_offered_after_a_restart_while_the_model_used_before_is_installed(
        controller, tmp_path: Path, qtbot) -> None:
    finished(controller, tmp_path, "retrained-seg-1")
    controller.use_new_model()
    finished(controller, tmp_path, "retrained-seg-2")
    controller.use_new_model()
    with dialogs_opened(qtbot) as opened:
        dialog = opened(restarted(controller)).open_dialog()
        assert dialog.go_back_button.isVisibleTo(dialog)
        assert dialog.go_back_button.text() == "&Go back to retrained-seg-1"
        assert dialog.go_back_button.toolTip() == (  # no line says which model is in use after a restart
            "Use retrained-seg-1 again for lesion segmentation; retrained-seg-2, in use now, is set aside in your "
            "models folder, not deleted.")
        shutil.rmtree(tmp_path / "user" / "retrained-seg-1")  # removed by hand: nothing to go back to
        dialog = opened(restarted(controller)).open_dialog()
        assert not dialog.go_back_button.isVisibleTo(dialog)


def test_after_a_restart_going_back_restores_the_model_used_before(controller, tmp_path: Path, qtbot) -> None:
    finished(controller, tmp_path)
    controller.use_new_model()
    with dialogs_opened(qtbot) as opened:
        again = opened(restarted(controller))
        again.open_dialog().go_back_button.click()
        assert again.settings.load().models["lesion-segmentation"] == ""
        assert (tmp_path / "user" / "set-aside" / "retrained-seg-1").is_dir()
        dialog = opened(restarted(controller)).open_dialog()
        assert not dialog.go_back_button.isVisibleTo(dialog), "gone back already: nothing to go back to"


def test_going_back_is_not_offered_once_another_model_was_chosen_in_settings(controller, tmp_path: Path) -> None:
    """Going back sets aside the model in use: with another chosen since, it would set aside one not in use."""
    finished(controller, tmp_path)
    controller.use_new_model()
    controller._choose("seg", "tiny-seg")
    dialog = controller.open_dialog()
    assert not dialog.go_back_button.isVisibleTo(dialog)


def test_a_kept_replacement_edited_by_hand_into_nonsense_is_not_offered(controller, tmp_path: Path, qtbot) -> None:
    controller.settings.store.setValue("retrain/replaced/task", "no-such-task")
    controller.settings.store.setValue("retrain/replaced/installed", str(tmp_path))
    assert controller.settings.replaced_model() is None
    with dialogs_opened(qtbot) as opened:
        dialog = opened(restarted(controller)).open_dialog()
        assert not dialog.go_back_button.isVisibleTo(dialog)


def test_a_kept_replacement_naming_a_folder_outside_the_models_folder_is_not_offered(
        controller, tmp_path: Path, qtbot) -> None:
    """A hand-edited or another's --settings file may name any folder as the model in use: going back would move it
    into the models folder's set-aside folder."""
    foreign = tmp_path / "Documents" / "thesis"
    foreign.mkdir(parents=True)
    controller._keep_replaced(Replaced("seg", "", "tiny-seg", foreign))
    controller._choose("seg", "thesis")
    with dialogs_opened(qtbot) as opened:
        again = opened(restarted(controller))
        dialog = again.open_dialog()
        assert not dialog.go_back_button.isVisibleTo(dialog)
        assert again.go_back() is None and foreign.is_dir() and not (tmp_path / "user" / "set-aside").exists()


def test_opened_again_the_dialog_says_which_model_a_choice_put_in_use_only_while_it_still_is(
        controller, tmp_path: Path) -> None:
    """The line stays as a record beside "Go back to NAME"; once another model was chosen in Settings it would read
    as the model in use, so it goes."""
    finished(controller, tmp_path)
    controller.use_new_model()
    said = controller.dialog.status_label.text()
    assert said.startswith("Now using retrained-seg-1 for lesion segmentation")
    controller.dialog.close()
    assert controller.open_dialog().status_label.text() == said, "nothing changed: still true"
    controller.dialog.close()
    controller._choose("seg", "tiny-seg")  # as the Settings dialog does (MainWindow.apply_settings)
    dialog = controller.open_dialog()
    assert dialog.status_label.text() == "" and dialog.status_label.toolTip() == ""
    assert dialog.start_button.isVisibleTo(dialog)


@pytest.mark.parametrize(("task", "card_task", "words"), [("grade", "dr-grade", "DR grade"),
                                                          ("referable", "referable", "referable DR")])
def test_a_classifier_task_is_named_mid_sentence_with_its_acronym_kept(controller, tmp_path: Path, qtbot, task: str,
                                                                       card_task: str, words: str) -> None:
    """Lower-casing the task's name said "Now using … for dr grade", "Back to the ICDR rules for referable dr"."""
    new = saved_model(tmp_path / "work", tiny_classifier_card(card_task, name=f"retrained-{task}-1"))
    controller._on_finished(RetrainOutcome(task, new, "test", list("abcde"), ModelScore("none installed", None),
                                           ModelScore(new.name, {"accuracy": 0.8, "images": 5}), []))
    controller.use_new_model()
    dialog = controller.open_dialog()
    assert dialog.status_label.text().startswith(f"Now using retrained-{task}-1 for {words} (installed")
    with dialogs_opened(qtbot) as opened:
        again = opened(restarted(controller)).open_dialog()
        assert again.go_back_button.toolTip().startswith(f"Use the ICDR rules again for {words}; ")
    dialog.go_back_button.click()
    assert dialog.status_label.text().startswith(f"Back to the ICDR rules for {words}. ")
