"""The retrain dialog's Qt-free parts: installing the accepted model, and the before/after table."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

import pytest
from PIL import Image

from annotations.document import ReaderGrade
from annotations.progress import CallbackState, Cancelled
from inference.analysis_settings import AnalysisSettings
from inference.dataset import Sample
from inference.model_card import WEIGHTS_FILE
from inference.registry import MODELS_ENV, ModelRegistry, install_model
from inference.training.retrain import checked_new_model, current_model_folder, score_current, training_end
from inference.training.retrain_results import DEVICE_UNUSABLE, NOT_SCORED, ModelScore, metric_rows
from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card, tiny_segmentation_card


def test_an_installed_model_gets_a_free_name_and_the_registry_finds_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    trained = saved_model(tmp_path / "work", tiny_classifier_card("dr-grade", name="grader"))
    first = install_model(trained, "grader")
    second = install_model(trained, "grader")
    assert (first.name, second.name) == ("grader", "grader-2") and first.parent == tmp_path / "user-models"
    assert not [p for p in first.parent.iterdir() if p.name.startswith(".")], "no half-copied folder left"
    assert ModelRegistry().load_model("grader-2").card.task == "dr-grade"


def test_without_a_grade_model_there_is_nothing_to_compare_with(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "no-user-models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")
    score = score_current("grade", AnalysisSettings(device="cpu"), [], None)
    assert score.label == "none installed" and score.metrics is None and "ICDR rules" in score.note


def test_the_progress_bar_gives_scoring_the_share_it_takes() -> None:
    """The lesion comparison analyses each held-out photo twice, about two training epochs' time; a classifier's
    scoring is one pass over the held-out photos."""
    assert training_end("seg", 2) == pytest.approx(0.55)  # half of what follows the export
    assert training_end("seg", 1) < 0.5 < training_end("seg", 10) < 0.9
    assert 0.89 < training_end("grade", 10) < 1.0


def test_retraining_starts_from_the_learned_model_of_the_task_in_use(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")
    assert current_model_folder("grade", AnalysisSettings()) is None  # rules, no model: a new network
    installed = install_model(saved_model(tmp_path / "work", tiny_classifier_card("dr-grade")), "grader")
    assert current_model_folder("grade", AnalysisSettings()) == installed
    assert current_model_folder("referable", AnalysisSettings()) is None  # the grade model answers, but is no start


def test_the_table_names_what_could_not_be_scored() -> None:
    before = ModelScore("none installed", None)
    after = ModelScore("new", {"accuracy": 0.8, "quadratic_weighted_kappa": float("nan"), "images": 12})
    assert metric_rows("grade", before, after) == [("Accuracy", "none installed", "0.800"),
                                                  ("Quadratic weighted kappa", "none installed", "–"),
                                                  ("Held-out images", "none installed", "12")]


def test_the_lesion_table_shows_the_box_figures_of_classes_scored_by_their_boxes() -> None:
    """Boxes alone: no Dice on either side, and the table read "–" / "–" while the box figures moved."""
    def scored(hit_rate: float, outside: float) -> ModelScore:
        return ModelScore("m", {"mean_dice": None, "mean_iou": None, "mean_aupr": None, "images": 5, "boxes": {
            "MA": {"boxes": 0, "box_hit_rate": float("nan"), "outside_positive_fraction": 0.0007},  # none to hit
            "HE": {"boxes": 48, "box_hit_rate": hit_rate, "outside_positive_fraction": outside}}})

    rows = metric_rows("seg", scored(0.72, 0.0021), scored(0.76, 0.0050))
    assert rows == [("Mean Dice", "–", "–"), ("Mean IoU", "–", "–"), ("Mean AUPR", "–", "–"),
                    ("Box hit rate HE", "0.720", "0.760"), ("Positives outside boxes HE", "0.0021", "0.0050"),
                    ("Held-out images", "5", "5")]
    assert metric_rows("seg", ModelScore(NOT_SCORED, None), scored(0.76, 0.0050))[3] == ("Box hit rate HE",
                                                                                         NOT_SCORED, "0.760")


def test_scoring_the_current_classifier_says_its_column(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")
    install_model(saved_model(tmp_path / "work", tiny_classifier_card("dr-grade")), "grader")
    Image.new("RGB", (64, 64)).save(tmp_path / "eye.png")
    said: list[str] = []
    score_current("grade", AnalysisSettings(device="cpu"),
                  [Sample("eye", tmp_path / "eye.png", grade=ReaderGrade(dr_grade=2))],
                  CallbackState(lambda _, message: said.append(message)))
    assert said == ["evaluating eye for the Current column", "evaluated"]


@pytest.mark.parametrize("task", ["grade", "referable"])
def test_a_current_classifier_that_fails_on_a_held_out_photo_is_not_scored(tmp_path: Path, monkeypatch,
                                                                           task: str) -> None:
    """As in the lesion comparison: Current says why, and the run goes on to offer the new model (an error would
    discard it)."""
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")
    install_model(saved_model(tmp_path / "work", tiny_classifier_card("dr-grade")), "grader")
    (tmp_path / "eye.png").write_bytes(b"not a photo")
    score = score_current(task, AnalysisSettings(device="cpu"),
                          [Sample("eye", tmp_path / "eye.png", grade=ReaderGrade(dr_grade=2))], CallbackState())
    assert (score.label, score.metrics) == (NOT_SCORED, None)
    assert score.note.startswith("The comparison could not be scored: ") and "eye.png" in score.note


def test_a_current_classifier_scored_short_of_memory_is_not_scored_and_the_run_goes_on(tmp_path: Path,
                                                                                       monkeypatch) -> None:
    """Python's MemoryError while the model in use scores (no bug: FAILURES takes it, nothing broader) says memory ran
    short, as loading the new model does; raised, it would fail the run and discard the new model."""
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")
    install_model(saved_model(tmp_path / "work", tiny_classifier_card("dr-grade")), "grader")
    monkeypatch.setattr("inference.training.retrain.evaluate_classifier", _raises(MemoryError()))
    score = score_current("grade", AnalysisSettings(device="cpu"), [], CallbackState())
    assert score == ModelScore(NOT_SCORED, None, "There was not enough memory, so the comparison was not scored; "
                                                 "close other programs and retrain to compare the models")


def test_a_new_model_that_does_not_load_says_why_naming_its_file(tmp_path: Path) -> None:
    """The program wrote that model itself: the loader's hint for a copied one ("copy the model again") does not fit."""
    trained = saved_model(tmp_path / "work", tiny_classifier_card("dr-grade"))
    assert checked_new_model(trained)[1] == ""
    (trained / WEIGHTS_FILE).write_bytes(b"not weights")
    model, problem = checked_new_model(trained)
    assert model is None
    assert problem.startswith(f"The training produced a model that cannot be loaded, so it cannot be used: "
                              f"{trained / WEIGHTS_FILE}: checksum mismatch (card says ")
    assert problem.endswith("; train again, and report it if it happens again") and "copy" not in problem


@pytest.mark.parametrize("exc", [RuntimeError("size mismatch for head.weight"), KeyError("encoder")])
def test_any_failure_loading_the_new_model_makes_it_unusable_not_the_run_fail(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, exc: Exception) -> None:
    """A bug building the network, not only a ModelError: failing the run would lose the model just trained. It
    stays in its folder, not offered; the traceback goes to the log."""
    trained = saved_model(tmp_path / "work", tiny_classifier_card("dr-grade"))
    monkeypatch.setattr("inference.training.retrain.load_model_folder", _raises(exc))
    with caplog.at_level(logging.WARNING, logger="inference.training.retrain_failures"):
        model, problem = checked_new_model(trained)
    assert model is None
    assert problem == (f"The training produced a model that cannot be loaded, so it cannot be used: {trained}: "
                       f"{type(exc).__name__}: {exc}; train again, and report it if it happens again")
    [record] = caplog.records
    assert record.exc_info is not None and record.exc_info[1] is exc and "Traceback" in caplog.text


def test_an_error_without_a_message_loading_the_new_model_is_named_by_its_type(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trained = saved_model(tmp_path / "work", tiny_classifier_card("dr-grade"))
    monkeypatch.setattr("inference.training.retrain.load_model_folder", _raises(AssertionError()))
    assert checked_new_model(trained)[1] == (f"The training produced a model that cannot be loaded, so it cannot be "
                                             f"used: {trained}: AssertionError; train again, and report it if it "
                                             f"happens again")


@pytest.mark.parametrize("exc", [MemoryError(), RuntimeError("[enforce fail at alloc_cpu.cpp:114] data. "
                                                            "DefaultCPUAllocator: not enough memory: you tried to "
                                                            "allocate 2147483648 bytes.")])
def test_a_memory_shortage_checking_the_new_model_is_not_blamed_on_the_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: Exception) -> None:
    """The machine, not the model, lacks memory: no "train again"; not offered, as it was not checked, and the
    message says where it is."""
    trained = saved_model(tmp_path / "work", tiny_classifier_card("dr-grade"))
    monkeypatch.setattr("inference.training.retrain.load_model_folder", _raises(exc))
    model, problem = checked_new_model(trained)
    assert model is None
    assert problem == (f"There was not enough memory to check that the new model loads, so it is not offered; it "
                       f"stays in {trained} until you keep the current model; close other programs and retrain")


def test_torch_short_of_memory_building_the_new_network_is_not_blamed_on_its_encoder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """torch's Linux allocator text from the smp constructor is the machine's, not "cannot build … check the encoder
    name": the load check says memory ran short."""
    trained = saved_model(tmp_path / "work", tiny_segmentation_card())
    monkeypatch.setattr("segmentation_models_pytorch.Unet", _raises(RuntimeError(
        "[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to "
        "allocate 2147483648 bytes.")))
    assert checked_new_model(trained) == (None, f"There was not enough memory to check that the new model loads, so "
                                                f"it is not offered; it stays in {trained} until you keep the current "
                                                f"model; close other programs and retrain")


def test_cancelling_while_the_new_model_is_checked_still_cancels(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    trained = saved_model(tmp_path / "work", tiny_classifier_card("dr-grade"))
    monkeypatch.setattr("inference.training.retrain.load_model_folder", _raises(Cancelled()))
    with pytest.raises(Cancelled):
        checked_new_model(trained)


def _raises(exc: Exception) -> Callable[..., Any]:
    def fail(*_: Any, **__: Any) -> Any:
        raise exc
    return fail


def test_a_device_that_cannot_be_used_is_said_not_blamed_on_the_current_model(tmp_path: Path, monkeypatch) -> None:
    """CUDA gone by the time the comparison resolves it (training refuses a device absent from the start): the
    column says the device, its note the device's own message."""
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")
    monkeypatch.setattr("torch.cuda.is_available", lambda: False)
    install_model(saved_model(tmp_path / "work", tiny_classifier_card("dr-grade")), "grader")
    score = score_current("grade", AnalysisSettings(device="cuda"), [], CallbackState())
    assert (score.label, score.metrics) == (DEVICE_UNUSABLE, None)
    assert score.note == ("The device could not be used, so the comparison was not scored: device 'cuda' requested "
                          "but no CUDA GPU is available; use --device auto or cpu")


def test_cancelling_while_the_current_classifier_is_scored_still_cancels(tmp_path: Path, monkeypatch) -> None:
    """Cancelled is no failure to show in the column: the broad FAILURES must let it through."""
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")
    install_model(saved_model(tmp_path / "work", tiny_classifier_card("dr-grade")), "grader")
    Image.new("RGB", (64, 64)).save(tmp_path / "eye.png")
    state = CallbackState()
    state.cancel()
    with pytest.raises(Cancelled):
        score_current("grade", AnalysisSettings(device="cpu"),
                      [Sample("eye", tmp_path / "eye.png", grade=ReaderGrade(dr_grade=2))], state)
