"""What a retrain run does once training has finished, on a workspace of tiny photos and with the training process
replaced by one that saves a tiny DR grade model at once: the load check says what it does, and the exported data
failing to read again keeps the new model (Current "not scored", its note naming the file, the held-out photos those
training scored on) instead of failing the run, as memory running short while scoring does.
"""
from __future__ import annotations

import gc
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest
import torch
from PIL import Image

import inference.loading
from annotations.classes import LesionClass
from annotations.document import ReaderGrade, ReviewState
from annotations.progress import CallbackState
from annotations.workspace import Workspace
from inference.analysis_settings import AnalysisSettings
from inference.dataset import HARD_NEGATIVES_FILE, load_index
from inference.model_card import ModelCard, save_model_folder
from inference.models import build_model
from inference.registry import MODELS_ENV
from inference.training import retrain, retrain_export
from inference.training.card import finish_card
from inference.training.config import TrainConfig
from inference.training.retrain_results import (CHECKING_NEW_MODEL, LOADING_CURRENT, NOT_SCORED, ModelScore,
                                                RetrainOutcome, RetrainRequest)
from tests.unit.test_inference_fixtures import tiny_classifier_card, tiny_segmentation_card

HELD_OUT = ["eye4", "eye5"]
TRAINED_ON = 4
FIGURES = {"accuracy": 0.5, "quadratic_weighted_kappa": 0.0, "images": 2, "split": "test"}


def _done_cases(folder: Path, count: int = 6) -> Workspace:
    folder.mkdir()
    for i in range(count):
        Image.new("RGB", (64, 64), (40 * i, 20, 20)).save(folder / f"eye{i}.png")
    workspace = Workspace.open(folder)
    for summary in workspace.cases():
        case = workspace.load_case(summary.case_id)
        case.grade, case.review_state = ReaderGrade(dr_grade=2), ReviewState.DONE
        case.mask[10:20, 10:20] = LesionClass.HE.bit  # something for a lesion retrain to learn from
        workspace.save_case(case)
    return workspace


def _scored_on_all(card: ModelCard, config: TrainConfig) -> None:
    """The card as training finishes it when the export has no val or test split (every patient group in train)."""
    index = load_index(config.data, None, card.classes, config.seed)
    finish_card(card, config, index, {**FIGURES, "images": 6, "split": "all"}, [], 1.0, 1, "cpu", {}, 4)


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after_training: Any = None, finish: Any = None,
         task: str = "grade", size: int | None = None) -> tuple[RetrainOutcome, list[str]]:
    """A retrain (a DR grade one unless ``task`` says) whose training saves a tiny model (its card finished by
    ``finish(card, config)`` when given) and then calls ``after_training(config)``; the outcome and what the run said
    while it ran."""
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr("inference.registry.BUNDLED_MODELS", tmp_path / "nothing-bundled")

    def trained(config: TrainConfig, state: Any, on_step: Any = None, **_: Any) -> ModelCard:  # no finish event
        card = tiny_segmentation_card(config.name) if task == "seg" else tiny_classifier_card("dr-grade",
                                                                                              name=config.name)
        card.metrics = dict(FIGURES)
        card.training = {"split": {"held_out": "test", "held_out_names": HELD_OUT,
                                   "sizes": {"train": TRAINED_ON, "val": 0, "test": len(HELD_OUT)},
                                   "learned_from": TRAINED_ON},
                         "history": [], "notes": []}
        if finish is not None:
            finish(card, config)
        torch.manual_seed(0)
        save_model_folder(config.out, build_model(card).state_dict(), card)
        state.progress(1.0, f"saved {config.out}")
        if after_training is not None:
            after_training(config)
        return card

    monkeypatch.setattr(retrain, "train_in_subprocess", trained)
    workspace = _done_cases(tmp_path / "photos")
    said: list[str] = []
    try:
        request = RetrainRequest(workspace, [s.case_id for s in workspace.cases()], task, tmp_path / "work",
                                 epochs=1, size=size, analysis=AnalysisSettings(device="cpu"), name="retrained-grade")
        outcome = retrain_export.run_retrain(request, CallbackState(lambda _, message: said.append(message)))
    finally:
        workspace.close()
    return outcome, said


def test_the_load_check_of_the_new_model_says_what_it_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcome, said = _run(tmp_path, monkeypatch)
    assert outcome.unusable_why == ""
    saved = said.index(f"saved {tmp_path / 'work' / 'model'}")
    # no grade model installed: the comparison looks for one all the same
    assert said[saved + 1:] == [CHECKING_NEW_MODEL, LOADING_CURRENT, "retraining done"]


def test_exported_data_that_does_not_read_again_keeps_the_new_model(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison reads the export again for its held-out photos; failing there must not discard the model just
    trained: New keeps its own figures and Current says which file failed."""
    damaged = tmp_path / "work" / "data" / HARD_NEGATIVES_FILE
    outcome, _ = _run(tmp_path, monkeypatch, lambda config: damaged.write_text("not json", encoding="utf-8"))
    assert (outcome.before.label, outcome.before.metrics) == (NOT_SCORED, None)
    assert outcome.before.note.startswith(f"The comparison could not be scored: {damaged}: not a hard-negatives file")
    assert (outcome.after.label, outcome.after.metrics) == ("retrained-grade", FIGURES)
    assert (outcome.split, outcome.held_out, outcome.unusable_why) == ("test", HELD_OUT, "")
    assert (outcome.model_dir / "model.json").is_file()


def test_an_all_split_keeps_its_image_count_when_the_export_does_not_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scored on "all" (a small workspace), the dialog's "(N image(s))" comes from the card's names: not 0."""
    damaged = tmp_path / "work" / "data" / HARD_NEGATIVES_FILE
    outcome, _ = _run(tmp_path, monkeypatch, lambda config: damaged.write_text("not json", encoding="utf-8"),
                      _scored_on_all)
    assert (outcome.before.label, outcome.split) == (NOT_SCORED, "all")
    assert len(outcome.held_out) == 6, outcome.held_out


def test_a_bug_reading_the_export_again_fails_the_run_instead_of_reading_as_not_scored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def buggy(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(retrain, "load_index", buggy)
    with pytest.raises(RuntimeError, match="a bug"):
        _run(tmp_path, monkeypatch)


def test_a_split_list_that_is_not_text_keeps_the_new_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listed = tmp_path / "work" / "data" / "splits" / "test.txt"
    outcome, _ = _run(tmp_path, monkeypatch, lambda config: listed.write_bytes(b"\xff\xfe eye4"))
    assert (outcome.before.label, outcome.after.metrics, outcome.held_out) == (NOT_SCORED, FIGURES, HELD_OUT)


@pytest.mark.parametrize(("size", "crop"), [(1536, 640), (640, None), (None, None)])
def test_a_lesion_retrain_larger_than_the_default_trains_on_crops_of_the_defaults_side(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int | None, crop: int | None) -> None:
    """Whole 1536-px images took 28 s a step and 9 GB at batch 4 on 2 CPU cores: a retrain at the shipped lesion
    model's size trains on 640-px crops, a step costing what one at the default size did."""
    configs: list[TrainConfig] = []
    _run(tmp_path, monkeypatch, configs.append, task="seg", size=size)
    assert [(config.size, config.crop) for config in configs] == [(size, crop)]


def test_fine_tuning_a_large_lesion_model_at_its_own_size_trains_on_crops(tmp_path: Path) -> None:
    from inference.model_card import CARD_FILE
    from inference.training.retrain_start import training_crop

    (tmp_path / CARD_FILE).write_text(tiny_segmentation_card(size=1536).to_json())
    assert training_crop("seg", None, tmp_path) == 640 and training_crop("seg", 640, tmp_path) is None
    assert training_crop("grade", 1024, None) is None  # classifiers see whole images


def test_a_lesion_retrain_loads_the_new_model_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison scores the very model the load check loaded, moved to the device, instead of loading it again."""
    read: list[Path] = []
    checked_cards = inference.loading.checked_cards
    monkeypatch.setattr(inference.loading, "checked_cards",
                        lambda folder: read.append(folder) or checked_cards(folder))
    outcome, _ = _run(tmp_path, monkeypatch, task="seg")
    assert (outcome.unusable_why, outcome.before.label) == ("", "classical detector"), outcome.before.note
    assert read.count(tmp_path / "work" / "model") == 1


def test_a_classifier_retrain_holds_no_copy_of_the_new_model_while_scoring(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the lesion comparison runs the model the load check loaded: a classifier's would sit in memory unused
    while the current model scores."""
    checked, alive = retrain.checked_new_model, []

    def check(folder: Path) -> Any:
        model, why = checked(folder)
        alive.append(weakref.ref(model))
        return model, why

    def scored(*args: Any) -> ModelScore:
        gc.collect()
        assert alive[0]() is None, "the new model is still held"
        return ModelScore("none installed", None)

    monkeypatch.setattr(retrain, "checked_new_model", check)
    monkeypatch.setattr(retrain, "score_current", scored)
    outcome, _ = _run(tmp_path, monkeypatch)
    assert (outcome.unusable_why, outcome.before.label) == ("", "none installed")


def test_a_memory_shortage_while_the_comparison_scores_keeps_the_new_model(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's memory running out while the held-out photos are scored fails the comparison, not the run (which
    would discard the model just trained): Current says memory ran short, New keeps the figures training measured."""
    def short_of_memory(*args: Any, **kwargs: Any) -> None:
        raise MemoryError()

    monkeypatch.setattr("inference.training.retrain_drawn.score_segmentations", short_of_memory)
    outcome, _ = _run(tmp_path, monkeypatch, task="seg")
    assert outcome.before == ModelScore(NOT_SCORED, None, "There was not enough memory, so the comparison was not "
                                                          "scored; close other programs and retrain to compare the "
                                                          "models")
    assert (outcome.after.metrics, outcome.unusable_why) == (FIGURES, "")
    assert (outcome.model_dir / "model.json").is_file()


def test_a_model_trained_on_few_images_is_noted_as_likely_lower_and_its_figures_unreliable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcome, _ = _run(tmp_path, monkeypatch)
    assert ("The new model learned from only 4 image(s): a model trained on so few usually scores lower, and figures "
            "on so few images are unreliable; review more cases and retrain") in outcome.notes


def test_a_model_trained_on_enough_images_has_no_such_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "TRAINED_ON", 20)
    outcome, _ = _run(tmp_path, monkeypatch)
    assert not [note for note in outcome.notes if "learned from only" in note]


def test_the_comparison_scores_the_held_out_photos_training_scored_and_keeps_its_notes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A held-out photo training left out as unreadable (inference.training.readable_samples) stays out of the
    comparison, and the note saying so reaches the dialog."""
    left_out = "Left out of the train split, as it cannot be read: eye4.png: the file cannot be decoded"
    scored: list[list[str]] = []
    kept = ["eye0", "eye1", "eye2", "eye3", "eye5"]

    def one_left_out(card: ModelCard, config: TrainConfig) -> None:  # scored on every photo training kept
        _scored_on_all(card, config)
        card.training["split"]["held_out_names"] = kept
        card.training["notes"] = [left_out]

    def score_current(task: str, settings: Any, samples: Any, state: Any) -> ModelScore:
        scored.append([sample.name for sample in samples])
        return ModelScore("current", dict(FIGURES))

    monkeypatch.setattr(retrain, "score_current", score_current)
    outcome, _ = _run(tmp_path, monkeypatch, finish=one_left_out)
    assert scored == [kept] and outcome.held_out == kept
    assert left_out in outcome.notes
