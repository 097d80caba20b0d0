"""Retrain from reviewed cases, end to end on tiny generated cases (CPU, a tiny encoder, 64 px, seconds):
progress and loss points arrive from the training process, the before/after table appears, accepting installs the
model and names it in the settings; keeping discards it; cancel stops the training process; a crash in it is shown
as an error while the window goes on; too few done cases are refused with a message."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import pytest
from PIL import Image
from PySide6.QtWidgets import QMessageBox

from annotations.classes import LesionClass
from annotations.document import Box, ReaderGrade, ReviewState
from annotations.workspace import Workspace
from app.analysis_controller import AnalysisController
from app.case_controller import CaseController
from app.retrain_controller import RetrainController
from app.settings import Settings, SettingsValues
from inference.registry import ModelRegistry
from inference.model_card import load_card
from inference.training.retrain_adoption import MIN_HELD_OUT
from inference.training.retrain_results import STARTING_TRAINING
from tests.gui.retrain_controllers import controller_with_folder, shut_down
from tests.gui.waits import SUITE_TIMEOUT_MS
from tests.gui.screenshots import keep_screenshot
from tests.unit.test_inference_fixtures import TINY_SEG_ENCODER
from tests.unit.test_training_fixtures import lesion_image, tiny_cls_options, tiny_seg_options
from widgets.retrain_dialog import RetrainDialog

TINY_SEG = {key: value for key, value in tiny_seg_options().items() if key != "size"}  # size comes from the dialog
TINY_CLS = {key: value for key, value in tiny_cls_options().items() if key != "size"}
DRAWN = ("Both columns include the candidates models and the classical detector where they would draw beside the "
         "lesion model.")


def make_cases(folder: Path, done: int, total: int = 6) -> None:
    """``total`` synthetic photos with painted lesion masks and grades; the first ``done`` marked done; one AI
    candidate rejected on the first case (a hard negative)."""
    folder.mkdir()
    for i in range(total):
        image, _ = lesion_image(i)
        Image.fromarray(image).save(folder / f"case{i}.png")
    ws = Workspace.open(folder)
    for i, summary in enumerate(ws.cases()):
        doc = ws.load_case(summary.case_id)
        _, doc.mask = lesion_image(i)
        doc.grade = ReaderGrade(dr_grade=2 * (i % 2))
        if i == 0:
            doc.rejected_candidates = [Box(LesionClass.HE, 10, 10, 14, 14, score=0.7, source="ai")]
        doc.review_state = ReviewState.DONE if i < done else ReviewState.IN_PROGRESS
        ws.save_case(doc)
    ws.close()


@pytest.fixture
def setup(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def build(done: int, training: dict) -> RetrainController:
        monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "models"))
        make_cases(tmp_path / "images", done)
        settings = Settings.from_file(tmp_path / "settings.ini")
        settings.save(SettingsValues(device="cpu", analyze_on_open=False))
        cases = CaseController()
        assert cases.open_workspace(tmp_path / "images")
        cases.flush()  # the folder's store is opened on the storage worker
        analysis = AnalysisController(settings.load())
        controller = RetrainController(cases, analysis, settings)
        controller.training_options = training
        built.append(controller)
        return controller

    built: list[RetrainController] = []
    yield build
    for controller in built:
        shut_down(controller)


@pytest.fixture
def reading_dialog(qtbot, tmp_path: Path):
    """Opens the retrain dialog on a double-reading ``folder`` as reader Anna: (cases, controller, dialog)."""
    def open_on(folder: Path) -> tuple[CaseController, RetrainController, RetrainDialog]:
        controller = controller_with_folder(folder, tmp_path / "settings.ini", "Anna")
        cases = controller.cases
        opened.append(controller)
        dialog = controller.open_dialog()
        qtbot.addWidget(dialog)
        return cases, controller, dialog

    opened: list[RetrainController] = []
    yield open_on
    for controller in opened:
        shut_down(controller)  # its analysis controller too


def run_through_dialog(qtbot, controller: RetrainController, task_index: int, epochs: int,
                       timeout: int = SUITE_TIMEOUT_MS):
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    dialog.task_box.setCurrentIndex(task_index)
    dialog.epochs_box.setValue(epochs)
    dialog.size_box.setValue(64)
    assert dialog.start_button.isEnabled()
    dialog.start_button.click()
    job = controller.runner.current
    assert job is not None and dialog.cancel_button.isVisibleTo(dialog)
    with qtbot.waitSignal(job.ended, timeout=timeout):
        pass
    return dialog


def test_retrain_segmentation_then_use_the_new_model(qtbot, setup, tmp_path: Path, monkeypatch) -> None:
    controller = setup(5, dict(TINY_SEG, steps_per_epoch=4))
    dialog = run_through_dialog(qtbot, controller, 0, epochs=1)
    outcome = controller.outcome
    assert outcome is not None, dialog.status_label.text()
    assert [step for step, _ in dialog.loss_curve.points] == [1, 2, 3, 4]  # one point per step, on the GUI
    assert all(loss > 0 for _, loss in dialog.loss_curve.points)
    assert dialog.progress_bar.value() == 1000
    hard_negatives = json.loads((controller.work_dir / "data" / "hard_negatives.json").read_text())
    assert [record["label"] for records in hard_negatives.values() for record in records] == ["HE"]

    assert dialog.results.isVisibleTo(dialog) and dialog.use_button.isVisibleTo(dialog)
    shipped = ModelRegistry().load_set().get("lesion-segmentation")  # the bundled model, if one ships
    current = f"{shipped.card.name} {shipped.card.version}" if shipped else "classical detector"
    assert outcome.before.label == current and outcome.before.metrics["images"] == len(outcome.held_out)
    assert shipped or "classical detector" in dialog.notes_label.text()
    assert DRAWN in dialog.notes_label.text()
    assert dialog.models_label.text() == (f"Current: what the analysis draws now ({current})\n"
                                          f"New: what it would draw with {outcome.after.label}")
    rows = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text())
            for r in range(dialog.table.rowCount())}
    held_out = str(len(outcome.held_out))
    assert rows["Held-out images"] == (held_out, held_out) and outcome.split == "test"
    assert "Dice MA" not in rows  # no MA painted in the held-out image: its Dice would say 1.0 for nothing
    for before, after in (rows["Mean Dice"], rows["Dice EX"]):
        assert 0.0 <= float(before) <= 1.0 and 0.0 <= float(after) <= 1.0
    assert float(rows["Mean Dice"][1]) == pytest.approx(outcome.after.metrics["mean_dice"], abs=5e-4)
    keep_screenshot(dialog, "retrain.png")

    work_dir = controller.work_dir
    # a held-out part this small is doubted (retrain_adoption): keeping is the default, using asks first
    assert len(outcome.held_out) < MIN_HELD_OUT and dialog.keep_button.isDefault()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(controller.settings_changed) as changed:
        dialog.use_button.click()
    assert len(asked) == 1 and "held-out image(s)" in asked[0]
    chosen = Settings.from_file(tmp_path / "settings.ini").load().models["lesion-segmentation"]  # by its name
    assert (tmp_path / "models" / chosen).is_dir() and changed.args[0].models["lesion-segmentation"] == chosen
    assert controller.analysis.values.models["lesion-segmentation"] == chosen
    loaded = ModelRegistry().load_model(chosen)  # found by name in the user models folder, and loads
    assert loaded.card.task == "lesion-segmentation" and loaded.card.input_size == (64, 64)
    assert loaded.card.name == outcome.after.label
    assert not work_dir.exists()  # the export and training folder is gone once the choice is made
    assert "Now using" in dialog.status_label.text() and dialog.start_button.isVisibleTo(dialog)

    controller.training_options["steps_per_epoch"] = 1
    run_through_dialog(qtbot, controller, 0, epochs=1)  # a second round compares with the model now in use
    assert controller.outcome.before.label == f"{loaded.card.name} {loaded.card.version}"
    assert controller.outcome.before.metrics["images"] == len(controller.outcome.held_out)


def test_without_a_learned_lesion_model_the_classical_detector_is_compared(qtbot, setup, tmp_path, monkeypatch) -> None:
    import inference.registry

    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "nothing-bundled")
    controller = setup(5, dict(TINY_SEG, steps_per_epoch=1))
    dialog = run_through_dialog(qtbot, controller, 0, epochs=1)
    assert controller.outcome is not None, dialog.status_label.text()
    assert controller.outcome.before.label == "classical detector"
    assert "classical detector" in dialog.notes_label.text()
    assert DRAWN in dialog.notes_label.text(), "true without a lesion model in use too"


def test_grade_without_an_installed_model_says_none_installed_and_keep_sets_the_new_one_aside(
        qtbot, setup, tmp_path) -> None:
    controller = setup(6, dict(TINY_CLS, steps_per_epoch=2))
    dialog = run_through_dialog(qtbot, controller, 1, epochs=1)
    assert controller.outcome is not None, dialog.status_label.text()
    assert controller.outcome.before.label == "none installed"
    assert "No learned DR grade model is installed" in dialog.notes_label.text()
    rows = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text())
            for r in range(dialog.table.rowCount())}
    assert rows["Accuracy"][0] == "none installed" and 0.0 <= float(rows["Accuracy"][1]) <= 1.0
    work_dir, name = controller.work_dir, controller.outcome.after.label
    dialog.keep_button.click()
    assert not work_dir.exists() and not any((tmp_path / "models").glob("*/model.json")), "nothing installed"
    aside = tmp_path / "models" / "set-aside" / name  # named by task and date (retrained-grade-STAMP), with its card
    assert ModelRegistry().load_model(aside).card.name == name, "its folder is a model the program loads"
    assert Settings.from_file(tmp_path / "settings.ini").load().models["dr-grade"] == ""
    assert "Kept the current model. The new one, " in dialog.status_label.text()


def start_a_long_run(qtbot, controller: RetrainController) -> RetrainDialog:
    """A lesion retrain of 50 epochs of 1000 steps: far longer than a test waits, to be stopped by the test."""
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    dialog.epochs_box.setValue(50)
    dialog.size_box.setValue(64)
    dialog.start_button.click()
    return dialog


def test_cancel_stops_training_between_steps(qtbot, setup, tmp_path: Path) -> None:
    controller = setup(5, dict(TINY_SEG, steps_per_epoch=1000))
    dialog = start_a_long_run(qtbot, controller)
    job = controller.runner.current
    qtbot.waitUntil(lambda: len(dialog.loss_curve.points) >= 2, timeout=SUITE_TIMEOUT_MS)
    work_dir = controller.work_dir
    dialog.cancel_button.click()
    # said at once, before the run has stopped (events not yet processed), and not pressed twice
    assert dialog.cancel_button.text() == "Stopping the training…" and not dialog.cancel_button.isEnabled()
    with qtbot.waitSignal(job.cancelled, timeout=SUITE_TIMEOUT_MS):
        pass
    qtbot.waitUntil(lambda: controller.runner.current is None, timeout=SUITE_TIMEOUT_MS)
    assert len(dialog.loss_curve.points) < 1000  # it stopped long before the run's 50 000 steps
    assert "cancelled" in dialog.status_label.text() and dialog.start_button.isVisibleTo(dialog)
    assert not dialog.progress_bar.isVisibleTo(dialog)  # not left part-way, as if the work were half done
    assert controller.outcome is None and not work_dir.exists()
    assert Settings.from_file(tmp_path / "settings.ini").load().models["lesion-segmentation"] == ""


def test_finish_now_keeps_what_training_learned_and_compares_it(qtbot, setup, tmp_path: Path) -> None:
    controller = setup(5, dict(TINY_SEG, steps_per_epoch=1000))
    dialog = start_a_long_run(qtbot, controller)
    assert dialog.finish_button.isVisibleTo(dialog) and not dialog.finish_button.isEnabled()  # nothing learned yet
    job = controller.runner.current
    qtbot.waitUntil(lambda: len(dialog.loss_curve.points) >= 2, timeout=SUITE_TIMEOUT_MS)
    assert dialog.finish_button.isEnabled()
    dialog.finish_button.click()
    assert dialog.finish_button.text() == "Finishing after this step…" and not dialog.finish_button.isEnabled()
    assert dialog.cancel_button.isEnabled()  # finishing can still be cancelled
    qtbot.wait(50)  # the button row laid out again for the longer text
    keep_screenshot(dialog, "retrain-finishing.png")
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):
        pass
    outcome = controller.outcome
    assert outcome is not None, dialog.status_label.text()
    assert len(dialog.loss_curve.points) < 1000 and len(outcome.history) == 1  # well inside the first epoch
    early = load_card(outcome.model_dir).training["finished_early"]
    assert early["of_steps"] == 50_000 and early["step"] < 1000
    assert f"finished early, after step {early['step']} of 50000" in dialog.notes_label.text()
    assert dialog.use_button.isVisibleTo(dialog) and not dialog.finish_button.isVisibleTo(dialog)
    keep_screenshot(dialog, "retrain-finished-early.png")


def test_retraining_fine_tunes_the_learned_model_in_use(qtbot, setup, tmp_path: Path) -> None:
    from inference.registry import install_model
    from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card

    controller = setup(5, dict(crop=32, batch_size=4, steps_per_epoch=1))  # no encoder: the current model's network
    current = install_model(saved_model(tmp_path / "tiny", tiny_segmentation_card(name="current")), "current")
    controller.analysis.values.models["lesion-segmentation"] = str(current)
    dialog = run_through_dialog(qtbot, controller, 0, epochs=1)
    assert controller.outcome is not None, dialog.status_label.text()
    assert "fine-tuned from the current one (current)" in dialog.notes_label.text()
    tuned = load_card(controller.outcome.model_dir)
    assert tuned.training["init_from"]["folder"] == str(current.resolve()) and tuned.encoder == TINY_SEG_ENCODER



def test_retraining_a_model_with_a_member_network_says_the_member_is_not_carried_over(qtbot, setup,
                                                                                        tmp_path: Path) -> None:
    """The fine-tuned model drew EX with its own network and the notes said only that it was fine-tuned."""
    from inference.registry import install_model
    from tests.unit.test_class_members import composite

    controller = setup(5, dict(crop=32, batch_size=4, steps_per_epoch=1))
    current = install_model(composite(tmp_path / "tiny"), "current")  # "parent": EX drawn by its member "exudates"
    controller.analysis.values.models["lesion-segmentation"] = str(current)
    dialog = run_through_dialog(qtbot, controller, 0, epochs=1)
    assert controller.outcome is not None, dialog.status_label.text()
    assert ("The new model draws EX with its own network alone: parent drew them with the help of its member network "
            "(exudates)") in dialog.notes_label.text()

def test_the_input_size_offered_is_the_model_in_uses_when_retraining_fine_tunes_it(qtbot, setup, tmp_path,
                                                                                    monkeypatch) -> None:
    """Not the task's default: retraining the shipped 1536 px lesion model at 640 px would lose its detail unasked."""
    import inference.registry
    from inference.model_card import default_card
    from inference.registry import install_model
    from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card

    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "nothing-bundled")
    controller = setup(5, {})
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    default = default_card("lesion-segmentation").input_size[0]
    assert dialog.size_box.value() == default  # no learned lesion model: one is trained at the task's size
    current = install_model(saved_model(tmp_path / "tiny", tiny_segmentation_card("current", size=96)), "current")
    controller.analysis.values.models["lesion-segmentation"] = str(current)
    controller.open_dialog()  # opened again once the model in use changed
    assert dialog.size_box.value() == 96
    controller.training_options = {"encoder": TINY_SEG_ENCODER}  # another network: not fine-tuned
    controller.open_dialog()
    assert dialog.size_box.value() == default
    dialog.size_box.setValue(320)  # the person's choice stays
    controller.training_options = {}
    controller.open_dialog()
    assert dialog.size_box.value() == 320


def test_a_crash_in_training_is_shown_and_the_window_goes_on(qtbot, setup, monkeypatch) -> None:
    from inference.training import train_process

    crash = "import os, sys; sys.stderr.write('CUDA error: out of memory\\n'); sys.stderr.flush(); os.abort()"
    monkeypatch.setattr(train_process, "child_command", lambda config_file: [sys.executable, "-c", crash])
    controller = setup(5, dict(TINY_SEG, steps_per_epoch=1))
    dialog = run_through_dialog(qtbot, controller, 0, epochs=1)
    assert controller.outcome is None and controller.work_dir is None
    text = dialog.status_label.text()
    assert text.startswith("Retraining failed: the training process stopped") and "out of memory" in text
    assert dialog.start_button.isVisibleTo(dialog) and dialog.options.isEnabled()
    assert not dialog.progress_bar.isVisibleTo(dialog)  # the export's share was done: not left at 10 %
    keep_screenshot(dialog, "retrain-crash.png")
    dialog.start_button.click()  # the window goes on: a new start shows its progress again
    job = controller.runner.current
    assert job is not None and dialog.progress_bar.isVisibleTo(dialog) and dialog.progress_bar.value() == 0
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):
        pass


def test_too_few_done_cases_are_refused_with_a_clear_message(qtbot, setup) -> None:
    controller = setup(3, dict(TINY_SEG))
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    assert "More reviewed cases are needed: 3 case(s) are marked done" in dialog.cases_label.text()
    assert not dialog.start_button.isEnabled()
    assert controller.start("seg", 1, 64) is None and controller.runner.current is None


def test_in_double_reading_the_consensus_is_counted_not_the_readers_done_cases(qtbot, tmp_path: Path,
                                                                              reading_dialog) -> None:
    from annotations.reading.readers import open_reader
    from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
    from tests.unit.reading_fixtures import image_folder, read_case

    folder = image_folder(tmp_path / "f", count=5)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        for index in range(5):
            read_case(anna, index, grade=1)  # Anna submitted five cases...
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=1)  # ...but only one is agreed by both readers
    _, controller, dialog = reading_dialog(folder)
    assert "learns from the folder's consensus" in dialog.cases_label.text() and dialog.start_button.isEnabled()
    job = controller.start("seg", 1, 64)
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):
        pass
    assert "only 1 cases have a consensus" in dialog.cases_label.text() + dialog.status_label.text()


def test_the_consensus_is_counted_off_the_gui_thread_and_shown_when_known(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reading_dialog) -> None:
    """Counting compares every agreed case's masks (seconds in a big folder): the dialog opens at once, says it is
    counting, and shows the count when it arrives; a count for a folder closed meanwhile is dropped."""
    import threading

    import app.retrain_controller
    from annotations.reading.consensus_export import ConsensusScope, consensus_scope
    from tests.unit.reading_fixtures import settled_agreements

    folder = settled_agreements(tmp_path / "f")
    release, counted_on = threading.Event(), []

    def slow_count(path: Path, *state) -> ConsensusScope:  # noqa: ANN002 - the real function's optional state
        counted_on.append(threading.current_thread() is threading.main_thread())
        release.wait(SUITE_TIMEOUT_MS / 1000)  # not a shorter guess: a count ending first hides the line looked for
        return consensus_scope(path, *state)

    monkeypatch.setattr(app.retrain_controller, "consensus_scope", slow_count)
    cases, controller, dialog = reading_dialog(folder)
    try:
        qtbot.waitUntil(lambda: bool(counted_on), timeout=SUITE_TIMEOUT_MS)
        assert counted_on == [False]
        assert "Counting the cases with a settled consensus" in dialog.cases_label.text()
        assert dialog.start_button.isEnabled()  # training counts again when it starts
        release.set()
        qtbot.waitUntil(lambda: "3 case(s) have a settled consensus" in dialog.cases_label.text(),
                        timeout=SUITE_TIMEOUT_MS)
        release.clear()
        controller.open_dialog()  # counted again: readers may have submitted since
        qtbot.waitUntil(lambda: len(counted_on) == 2, timeout=SUITE_TIMEOUT_MS)
        cases.close_workspace()
    finally:
        release.set()  # the worker's count goes on, also after a failure: the teardown waits for it
    qtbot.waitUntil(lambda: not controller.counter.busy, timeout=SUITE_TIMEOUT_MS)
    # the closed folder's count was not shown: the line follows the folder open now, none
    assert dialog.cases_label.text().startswith("Open a folder of reviewed cases first")


def test_counting_the_consensus_says_which_case_it_compares(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           reading_dialog) -> None:
    """Counting takes seconds in a big folder: the dialog names the case it is at and how far it is, as an export
    does, instead of a still sentence; the count replaces that line when it arrives."""
    import threading

    import app.retrain_controller
    from annotations.reading.consensus_export import ConsensusScope, consensus_scope
    from annotations.reading.messages import COMPARING
    from tests.unit.reading_fixtures import settled_agreements

    folder = settled_agreements(tmp_path / "f")
    release = threading.Event()

    def slow_count(path: Path, state) -> ConsensusScope:  # noqa: ANN001 - a worker's TaskState
        state.progress(0.5, COMPARING.format(name="'img1.png'", number=2, count=3))
        release.wait(SUITE_TIMEOUT_MS / 1000)  # not a shorter guess: a count ending first hides the line looked for
        return consensus_scope(path, state)

    monkeypatch.setattr(app.retrain_controller, "consensus_scope", slow_count)
    _, _, dialog = reading_dialog(folder)
    try:
        qtbot.waitUntil(lambda: "Comparing the readings of 'img1.png' (2 of 3)" in dialog.cases_label.text(),
                        timeout=SUITE_TIMEOUT_MS)
        assert "Counting the cases with a settled consensus" in dialog.cases_label.text()
    finally:
        release.set()  # the worker's count goes on, also after a failure: the teardown waits for it
    qtbot.waitUntil(lambda: "3 case(s) have a settled consensus" in dialog.cases_label.text(), timeout=SUITE_TIMEOUT_MS)
    assert "Comparing" not in dialog.cases_label.text()


def test_a_consensus_that_cannot_be_counted_is_said_and_starting_stays_possible(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reading_dialog) -> None:
    import app.retrain_controller
    from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
    from tests.unit.reading_fixtures import image_folder

    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))

    def unreadable(path: Path, state) -> NoReturn:  # noqa: ANN001
        raise OSError("cannot read /x/.retinareview/consensus/img0.json: permission denied")

    monkeypatch.setattr(app.retrain_controller, "consensus_scope", unreadable)
    _, _, dialog = reading_dialog(folder)
    qtbot.waitUntil(lambda: "could not be counted" in dialog.cases_label.text(), timeout=SUITE_TIMEOUT_MS)
    assert "img0.json: permission denied" in dialog.cases_label.text() and dialog.start_button.isEnabled()


def test_loss_curve_smooths_and_skips_diverged_steps(qtbot) -> None:
    from widgets.loss_curve import SMOOTHING, LossCurve

    curve = LossCurve()
    qtbot.addWidget(curve)
    for step, loss in enumerate([2.0, 1.0, float("nan"), 0.5], start=1):
        curve.add_point(step, loss)
    assert curve.points == [(1, 2.0), (2, 1.0), (4, 0.5)]
    expected = SMOOTHING * 2.0 + (1 - SMOOTHING) * 1.0
    assert curve.trend[:2] == [2.0, pytest.approx(expected)]
    assert not curve.grab().isNull()


def test_loss_curve_has_a_legend_naming_both_lines(qtbot) -> None:
    from widgets.loss_curve import RAW_COLOUR, TREND_COLOUR, LossCurve

    curve = LossCurve()
    qtbot.addWidget(curve)
    curve.resize(420, 180)
    for step, loss in enumerate([0.1, 0.1, 0.1], start=1):  # flat: the lines run through the middle, not the corner
        curve.add_point(step, loss)
    assert [text for text, _ in curve.legend()] == ["loss per step", "moving average"]
    image = curve.grab().toImage()
    keep_screenshot(image, "loss-legend.png")
    corner = {image.pixelColor(x, y).name() for x in range(image.width() - 200, image.width())
              for y in range(0, 45)}
    assert {RAW_COLOUR.name(), TREND_COLOUR.name()} <= corner  # both line samples are drawn in the legend


def test_while_the_training_process_starts_the_dialog_says_so(qtbot, setup, monkeypatch) -> None:
    """Between the export and the first word of the training process (torch loading: seconds) the status names
    what is happening, not the export's last word ("done")."""
    from inference.training import train_process

    monkeypatch.setattr(train_process, "child_command",
                        lambda config_file: [sys.executable, "-c", "import time; time.sleep(60)"])
    controller = setup(5, dict(TINY_SEG, steps_per_epoch=1))
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    dialog.start_button.click()
    # the export's last word comes first, then (on a loaded machine, a moment later) the start; the child says nothing
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith(STARTING_TRAINING), timeout=SUITE_TIMEOUT_MS)
    assert dialog.progress_bar.value() >= 100  # the export's share is done
    with qtbot.waitSignal(controller.runner.current.ended, timeout=SUITE_TIMEOUT_MS):
        dialog.cancel_button.click()


def test_cases_saved_while_the_model_trains_are_said_to_be_missing_from_it(qtbot, setup) -> None:
    """A case marked done or edited during the run was left out of the model without a word."""
    controller = setup(5, dict(TINY_SEG, steps_per_epoch=2))
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    dialog.size_box.setValue(64)
    dialog.epochs_box.setValue(1)
    dialog.start_button.click()
    job = controller.runner.current
    controller.cases.saved.emit("saved-during-the-export")  # the export may still read it: not counted
    qtbot.waitUntil(lambda: controller._exported or controller.runner.current is None, timeout=SUITE_TIMEOUT_MS)
    controller.cases.saved.emit("marked-done-meanwhile")
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):
        pass
    assert "1 case(s) were saved while the model trained: their changes may not be in it" in \
        dialog.notes_label.text()
    held_out = controller.outcome.held_out
    assert held_out and f"Held-out images: {', '.join(held_out)}" in dialog.notes_label.text()  # to look at them
