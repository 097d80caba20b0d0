"""`train --clahe` and `--ben-graham`: the card records the preprocessing (inference applies it again), the random
CLAHE augmentation is dropped where every image is equalised already, and checkpoints from before --clahe resume."""
from __future__ import annotations

import re
from dataclasses import asdict, replace
from pathlib import Path

import pytest
import torch

from annotations.progress import CallbackState
from inference.dataset import DatasetIndex, Sample, load_index
from inference.evaluation import json_safe
from inference.model_card import Preprocessing
from inference.training.augment import AugmentOptions
from inference.training.card import finish_card, initial_card
from inference.training.checkpoint import HYPER, Checkpoint, CheckpointError, load_checkpoint, save_checkpoint
from inference.training.cls_trainer import ClassificationTrainer
from inference.training.config import TrainConfig, ignored_fields
from inference.training.prepared_cache import PreparedCache
from inference.training.seg_trainer import SegmentationTrainer
from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card
from tests.unit.test_training_fixtures import tiny_cls_options, tiny_seg_options, write_grade_set, write_mask_set


def grade_config(tmp_path: Path, **changes) -> TrainConfig:
    return TrainConfig(task="grade", data=tmp_path / "data", out=tmp_path / "model", **changes)


def test_the_card_records_the_preprocessing_the_run_asked_for(tmp_path: Path) -> None:
    for changes, clahe, ben_graham in ((dict(clahe=True), True, False), (dict(clahe=True, ben_graham=True), True, True),
                                       (dict(ben_graham=True), False, True), ({}, False, False)):
        preprocessing = initial_card(grade_config(tmp_path, **changes), []).preprocessing
        assert asdict(preprocessing) == {**asdict(Preprocessing()), "clahe": clahe, "ben_graham": ben_graham}


def test_init_from_keeps_the_base_models_preprocessing_and_refuses_what_it_does_not_do(tmp_path: Path) -> None:
    plain = saved_model(tmp_path, tiny_classifier_card(name="plain"))
    equalising = saved_model(tmp_path, replace(tiny_classifier_card(name="equalising"),
                                               preprocessing=Preprocessing(clahe=True)))
    for base, changes, option in ((plain, dict(clahe=True), "--clahe"), (plain, dict(ben_graham=True), "--ben-graham"),
                                  (equalising, dict(clahe=True, ben_graham=True), "--ben-graham")):
        with pytest.raises(ValueError, match=f"^{re.escape(str(base))}: the model does not preprocess with {option} "
                                             "and --init-from keeps its preprocessing; leave the option out or train "
                                             "without --init-from$"):
            initial_card(grade_config(tmp_path, init_from=base, **changes), [])
    for changes in (dict(clahe=True), {}):  # asking for what it does already, or for nothing: its own preprocessing
        assert initial_card(grade_config(tmp_path, init_from=equalising, **changes), []).preprocessing.clahe


def test_a_fine_tuned_cards_hyper_parameters_say_the_preprocessing_it_does(tmp_path: Path) -> None:
    """Fine-tuned from a Ben Graham model without --ben-graham, the card said `preprocessing.ben_graham: true` (its
    base's, which training and inference do) beside `hyper_parameters.ben_graham: false` (the option left out)."""
    base = saved_model(tmp_path, replace(tiny_classifier_card(name="graham"),
                                         preprocessing=Preprocessing(ben_graham=True, clahe=True)))
    samples = {"a": Sample("a", tmp_path / "a.png")}
    index = DatasetIndex(tmp_path, samples, {"train": ["a"], "val": [], "test": []}, "seeded split (seed 0)")
    for changes in ({}, dict(ben_graham=True)):
        config = grade_config(tmp_path, init_from=base, **changes)
        card = finish_card(initial_card(config, []), config, index, {"split": "all"}, [], 1.0, 1, "cpu", {}, 4)
        hyper = card.training["hyper_parameters"]
        assert (hyper["ben_graham"], hyper["clahe"]) == (True, True) == (card.preprocessing.ben_graham,
                                                                         card.preprocessing.clahe)
    plain = grade_config(tmp_path)
    card = finish_card(initial_card(plain, []), plain, index, {"split": "all"}, [], 1.0, 1, "cpu", {}, 4)
    assert (card.training["hyper_parameters"]["ben_graham"], card.preprocessing.ben_graham) == (False, False)


def test_an_equalising_card_draws_no_clahe_augmentation_and_the_others_keep_it() -> None:
    options = AugmentOptions()
    assert options.clahe_p > 0
    equalised = options.for_preprocessing(Preprocessing(clahe=True, ben_graham=True))
    assert equalised.clahe_p == 0 and asdict(equalised) == {**asdict(options), "clahe_p": 0.0}
    assert options.for_preprocessing(Preprocessing(ben_graham=True)) == options
    assert options.for_preprocessing(Preprocessing()) == options


def test_both_trainers_draw_no_clahe_augmentation_when_the_card_equalises(tmp_path: Path) -> None:
    cache = PreparedCache(tmp_path / "cache")
    for trainer_class, task, data, tiny in (
            (ClassificationTrainer, "grade", write_grade_set(tmp_path / "grades", count=4), tiny_cls_options()),
            (SegmentationTrainer, "seg", write_mask_set(tmp_path / "masks"), tiny_seg_options())):
        index = load_index(data)
        for clahe, drawn in ((True, 0.0), (False, AugmentOptions().clahe_p)):
            config = TrainConfig(task=task, data=data, out=tmp_path / "model", clahe=clahe, **tiny)
            card = initial_card(config, index.split("train"))
            trainer = trainer_class(config, card, index.split("train"), index.split("val"), CallbackState(), cache, 0)
            assert trainer.dataset.options.clahe_p == drawn, (task, clahe)


def saved(folder: Path, hyper_parameters: dict) -> Path:
    identity = {"task": "dr-grade", HYPER: hyper_parameters}
    save_checkpoint(folder, Checkpoint(1, 2, [], {"w": torch.zeros(1)}, {}, torch.get_rng_state(), [], identity))
    return folder


def resumed(folder: Path, config: TrainConfig) -> Checkpoint | None:
    return load_checkpoint(folder, {"task": config.card_task, HYPER: json_safe(config.hyper_parameters())},
                           json_safe(TrainConfig.hyper_parameter_defaults()), ignored_fields(config.task))


def test_a_checkpoint_written_before_clahe_existed_resumes_without_it(tmp_path: Path) -> None:
    before = json_safe(grade_config(tmp_path).hyper_parameters())
    del before["clahe"]  # what a checkpoint written before the option existed holds
    folder = saved(tmp_path / "model", before)
    assert resumed(folder, grade_config(tmp_path)).epoch == 1
    with pytest.raises(CheckpointError, match=rf"differs in {HYPER}\.clahe\)"):  # trained without it
        resumed(folder, grade_config(tmp_path, clahe=True))
