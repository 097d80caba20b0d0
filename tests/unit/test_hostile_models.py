"""Hostile and broken models: nothing runs code, a broken model is skipped with a logged reason naming its file,
and a GPU that runs out of memory hands the job to the CPU instead of failing it."""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

import numpy as np
import pytest
import torch

from inference.loading import LoadedModel, ModelSet, load_model_folder
from inference.model_card import CARD_FILE, WEIGHTS_FILE, ModelError
from inference.pipeline import analyze
from inference.registry import ModelRegistry
from tests.unit.test_inference_fixtures import (TINY_SEG_ENCODER, loaded, saved_model, synthetic_fundus,
                                                tiny_classifier_card, tiny_segmentation_card)


class _RunsCode:
    """Unpickling this would run a shell command that leaves a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # noqa: ANN204 - pickle protocol
        return (os.system, (f"touch '{self.marker}'",))


def _rehash(folder: Path) -> None:
    """Make the card's checksum match the (damaged) weights, so the damage itself must be noticed."""
    card = json.loads((folder / CARD_FILE).read_text())
    card["sha256"] = hashlib.sha256((folder / WEIGHTS_FILE).read_bytes()).hexdigest()
    (folder / CARD_FILE).write_text(json.dumps(card))


def test_pickle_checkpoint_that_would_run_code_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "code-ran"
    path = tmp_path / "downloaded.pth"
    torch.save({"state_dict": {"encoder.weight": _RunsCode(marker)}}, path)
    with pytest.raises(ModelError) as raised:
        ModelRegistry([tmp_path]).load_model(path, checkpoint_architecture=f"unet:{TINY_SEG_ENCODER}")
    assert not marker.exists()
    assert raised.value.path == str(path) and "refused" in raised.value.reason and raised.value.hint


def test_pickle_disguised_as_safetensors_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "code-ran"
    folder = saved_model(tmp_path, tiny_classifier_card())
    torch.save(_RunsCode(marker), folder / WEIGHTS_FILE)  # a pickle under the safetensors name
    _rehash(folder)
    with pytest.raises(ModelError, match="cannot read the weights") as raised:
        load_model_folder(folder)
    assert not marker.exists() and raised.value.path == str(folder / WEIGHTS_FILE)


def test_truncated_safetensors_is_skipped_with_a_logged_reason_and_the_rest_load(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = saved_model(tmp_path, tiny_segmentation_card(name="seg-cut"))
    weights = broken / WEIGHTS_FILE
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 3])
    _rehash(broken)
    saved_model(tmp_path, tiny_classifier_card())
    with caplog.at_level(logging.WARNING, logger="inference.registry"):
        models = ModelRegistry([tmp_path]).load_set()
    assert models.get("lesion-segmentation") is None and models.get("dr-grade") is not None
    assert any(str(weights) in record.getMessage() for record in caplog.records)
    with pytest.raises(ModelError, match="cannot read the weights"):
        ModelRegistry([tmp_path]).load_model("seg-cut")  # asked for by name: a clear refusal


def test_card_with_wrong_class_count_names_weights_and_fix(tmp_path: Path) -> None:
    folder = saved_model(tmp_path, tiny_segmentation_card())
    card = json.loads((folder / CARD_FILE).read_text())
    card["classes"] = ["background", "MA", "HE"]  # the weights have five output channels
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError) as raised:
        load_model_folder(folder)
    assert raised.value.path == str(folder / WEIGHTS_FILE)
    assert "3 classes" in raised.value.reason and "wrong shape" in raised.value.reason and raised.value.hint


def test_model_for_an_unknown_task_is_listed_with_its_error_and_skipped(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = saved_model(tmp_path, tiny_classifier_card(name="detector"))
    card = json.loads((folder / CARD_FILE).read_text())
    card["task"] = "object-detection"
    (folder / CARD_FILE).write_text(json.dumps(card))
    registry = ModelRegistry([tmp_path])
    (entry,) = registry.entries()
    assert entry.card is None and "unknown task 'object-detection'" in entry.error and str(folder) in entry.error
    with caplog.at_level(logging.WARNING, logger="inference.registry"):
        assert registry.load_set().is_empty
    assert any("object-detection" in record.getMessage() for record in caplog.records)
    with pytest.raises(ModelError, match="unknown task") as refused:
        registry.find("detector")
    assert str(refused.value) == entry.error and str(refused.value).count(str(folder)) == 1  # named once


def test_weights_of_one_task_under_another_tasks_card_are_refused(tmp_path: Path) -> None:
    grade = saved_model(tmp_path, tiny_classifier_card("dr-grade"))  # 5-way head
    card = json.loads((grade / CARD_FILE).read_text())
    card.update(task="oct", classes=["CNV", "DME", "DRUSEN", "NORMAL"])  # an OCT card over DR weights
    (grade / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="wrong shape"):
        load_model_folder(grade)


def test_two_models_for_one_task_are_refused_naming_both(tmp_path: Path) -> None:
    first, second = loaded(tiny_classifier_card(name="a")), loaded(tiny_classifier_card(name="b"))
    with pytest.raises(ModelError, match="a second model for task 'dr-grade'"):
        ModelSet.from_models([first, second])


def test_cuda_out_of_memory_falls_back_to_cpu_and_says_so(monkeypatch: pytest.MonkeyPatch,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    """Simulated: moving to "cuda" only records the device; while there, the network raises the OOM error
    torch raises. Everything else (the pipeline's catch, the move back, the retry) is the real code."""
    placed: dict[int, str] = {}
    real_to = LoadedModel.to

    def fake_to(self: LoadedModel, device: torch.device | str) -> LoadedModel:
        placed[id(self.module)] = torch.device(device).type
        return real_to(self, "cpu") if torch.device(device).type == "cpu" else self

    monkeypatch.setattr(LoadedModel, "to", fake_to)
    model = loaded(tiny_segmentation_card())
    real_forward = model.module.forward
    attempts: list[str] = []

    def forward(*args: object, **kwargs: object) -> torch.Tensor:
        attempts.append(placed.get(id(model.module), "cpu"))
        if attempts[-1] == "cuda":
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real_forward(*args, **kwargs)

    model.module.forward = forward
    images = [synthetic_fundus(seed=1), synthetic_fundus(seed=2)]
    with caplog.at_level(logging.WARNING, logger="inference.pipeline"):
        outcomes = analyze(images, ModelSet({"lesion-segmentation": model}), device=torch.device("cuda"))
    assert [o.error for o in outcomes] == [None, None]
    assert all(o.result is not None and o.result.mask is not None for o in outcomes)
    assert attempts[0] == "cuda" and set(attempts[1:]) == {"cpu"}  # retried on the CPU, and stayed there
    assert outcomes[0].warnings == ["out of CUDA memory; this job continues on the CPU"]
    assert any("out of CUDA memory" in record.getMessage() for record in caplog.records)
    assert placed[id(model.module)] == "cpu"


def test_other_runtime_errors_fail_one_image_not_the_batch(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    outcomes = analyze([empty, synthetic_fundus()], ModelSet(), device="cpu")
    assert str(empty) in outcomes[0].error and "0 bytes" in outcomes[0].error
    assert outcomes[1].error is None and outcomes[1].result is not None
    assert np.asarray(outcomes[1].result.mask).shape == synthetic_fundus().shape[:2]


def test_model_of_another_task_in_a_task_slot_is_refused_not_silently_used(tmp_path: Path) -> None:
    """The settings name one model per task; an OCT classifier chosen for lesion segmentation must give a clear
    error naming the model, never lesion masks computed from a classifier's output."""
    oct_model = loaded(tiny_classifier_card("oct"))
    (outcome,) = analyze([synthetic_fundus()], ModelSet({"lesion-segmentation": oct_model}), device="cpu")
    assert outcome.result is None and outcome.error is not None
    assert "oct" in outcome.error and "lesion-segmentation" in outcome.error
