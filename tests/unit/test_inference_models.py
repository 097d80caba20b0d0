"""Model cards, building, the registry and safe loading (safetensors folders and weights_only checkpoints)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import torch

from inference.loading import ModelSet, load_checkpoint, load_model_folder, read_state_dict
from inference.model_card import CARD_FILE, WEIGHTS_FILE, ModelCard, ModelError, default_card, load_card
from inference.models import build_model
from inference.registry import MODELS_ENV, ModelRegistry, user_models_dir
from tests.unit.test_inference_fixtures import (TINY_CLASSIFIER, TINY_SEG_ENCODER, saved_model,
                                                tiny_classifier_card, tiny_segmentation_card)


def test_card_round_trips_through_json(tmp_path: Path) -> None:
    card = tiny_segmentation_card(activation="sigmoid", classes=["MA", "HE"])
    card.thresholds = {"MA": 0.3}
    card.metrics = {"split": "test", "dice_MA": 0.41}
    folder = saved_model(tmp_path, card)
    again = load_card(folder)
    assert again == card
    assert again.threshold("MA") == 0.3 and again.threshold("HE") == 0.5
    assert len(again.sha256) == 64 and again.created


@pytest.mark.parametrize("field, value, message", [
    ("task", "cataract", "unknown task"),
    ("architecture", "deeplab", "unknown architecture"),
    ("activation", "relu", "unknown activation"),
    ("input_size", [100, 100], "multiples of 32"),
])
def test_card_with_bad_field_is_refused(tmp_path: Path, field: str, value: object, message: str) -> None:
    data = json.loads(tiny_segmentation_card().to_json())
    data[field] = value
    (tmp_path / CARD_FILE).write_text(json.dumps(data))
    with pytest.raises(ModelError, match=message):
        load_card(tmp_path)


def test_every_default_card_builds_and_validates() -> None:
    for task in ("lesion-segmentation", "dr-grade", "referable", "oct", "optic-disc", "lesions-present"):
        card = default_card(task)
        card.validate()
        assert card.task == task


@pytest.mark.parametrize("architecture", ["unet", "unetplusplus", "manet"])
def test_segmentation_architectures_output_one_channel_per_class(architecture: str) -> None:
    card = tiny_segmentation_card(architecture=architecture, classes=["background", "HE", "EX"])
    with torch.no_grad():
        assert build_model(card)(torch.zeros(1, 3, 64, 64)).shape == (1, 3, 64, 64)


def test_classifier_from_smp_encoder() -> None:
    card = ModelCard(name="oct", task="oct", architecture="classifier", encoder="resnet18",
                     classes=["CNV", "DME", "DRUSEN", "NORMAL"], input_size=(64, 64))
    with torch.no_grad():
        assert build_model(card)(torch.zeros(2, 3, 64, 64)).shape == (2, 4)


def test_unknown_encoder_is_refused_with_its_name() -> None:
    card = tiny_segmentation_card()
    card.encoder = "resnet9000"
    with pytest.raises(ModelError, match="resnet9000"):
        build_model(card)


def test_saved_folder_loads_with_identical_weights(tmp_path: Path) -> None:
    folder = saved_model(tmp_path, tiny_classifier_card(), seed=3)
    torch.manual_seed(3)
    reference = build_model(tiny_classifier_card())
    model = load_model_folder(folder)
    x = torch.rand(1, 3, 64, 64)
    with torch.no_grad():
        assert torch.allclose(model.module(x), reference(x), atol=1e-5)


def test_corrupt_weights_are_refused_by_checksum(tmp_path: Path) -> None:
    folder = saved_model(tmp_path, tiny_classifier_card())
    weights = folder / WEIGHTS_FILE
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="checksum mismatch"):
        load_model_folder(folder)


def test_truncated_weights_with_matching_checksum_are_refused(tmp_path: Path) -> None:
    folder = saved_model(tmp_path, tiny_classifier_card())
    weights = folder / WEIGHTS_FILE
    weights.write_bytes(weights.read_bytes()[:100])
    card = json.loads((folder / CARD_FILE).read_text())
    card["sha256"] = __import__("hashlib").sha256(weights.read_bytes()).hexdigest()
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="cannot read the weights"):
        load_model_folder(folder)


def test_missing_weights_file_is_refused(tmp_path: Path) -> None:
    folder = saved_model(tmp_path, tiny_classifier_card())
    (folder / WEIGHTS_FILE).unlink()
    with pytest.raises(ModelError, match="weights file missing"):
        load_model_folder(folder)


def test_class_count_not_matching_the_weights_is_refused(tmp_path: Path) -> None:
    folder = saved_model(tmp_path, tiny_classifier_card("oct"))
    card = json.loads((folder / CARD_FILE).read_text())
    card["classes"] = ["CNV", "DME", "DRUSEN"]  # a valid OCT class list, but the weights have a 4-way head
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="wrong shape"):
        load_model_folder(folder)


def test_malicious_pickle_checkpoint_is_refused_without_running_it(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):  # noqa: ANN204 - pickle protocol
            return (os.system, (f"touch {marker}",))

    path = tmp_path / "evil.pth"
    torch.save({"state_dict": {"w": Payload()}}, path)
    with pytest.raises(ModelError, match="refused"):
        load_checkpoint(path, f"unet:{TINY_SEG_ENCODER}")
    assert not marker.exists()


def test_smp_unet_state_dict_checkpoint_loads_and_runs(tmp_path: Path) -> None:
    import segmentation_models_pytorch as smp

    torch.manual_seed(0)
    published = smp.Unet("resnet18", encoder_weights=None, classes=5).eval()
    path = tmp_path / "dr_unet.pth"
    torch.save({"epoch": 12, "state_dict": {f"module.{k}": v for k, v in published.state_dict().items()}}, path)
    model = ModelRegistry([]).load_model(path, checkpoint_architecture="unet:resnet18")
    assert model.card.classes == ["background", "MA", "HE", "EX", "SE"] and model.card.activation == "softmax"
    x = torch.rand(1, 3, 64, 64)
    with torch.no_grad():
        assert torch.allclose(model.module(x), published(x), atol=1e-5)


def test_checkpoint_with_the_wrong_architecture_is_refused(tmp_path: Path) -> None:
    import segmentation_models_pytorch as smp

    path = tmp_path / "unet.pth"
    torch.save(smp.Unet("resnet18", encoder_weights=None, classes=4).state_dict(), path)
    with pytest.raises(ModelError, match="do not fit"):
        load_checkpoint(path, "unetplusplus:resnet18")
    with pytest.raises(ModelError, match="ARCHITECTURE:ENCODER"):
        load_checkpoint(path, "resnet18")


def test_checkpoint_needs_an_architecture(tmp_path: Path) -> None:
    path = tmp_path / "model.pth"
    torch.save({"w": torch.zeros(2)}, path)
    with pytest.raises(ModelError, match="--arch"):
        ModelRegistry([]).load_model(path)


def test_state_dict_must_hold_tensors_only(tmp_path: Path) -> None:
    path = tmp_path / "odd.pth"
    torch.save({"weights": [1, 2, 3]}, path)
    with pytest.raises(ModelError, match="not a tensor"):
        read_state_dict(path)


def test_torch_short_of_memory_reading_a_checkpoint_is_not_called_a_damaged_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's memory, not the file: the allocator's error goes up as it is, for the callers' memory message."""
    path = tmp_path / "model.pth"
    torch.save({"w": torch.zeros(2)}, path)
    shortage = RuntimeError("DefaultCPUAllocator: can't allocate memory: you tried to allocate 2147483648 bytes.")

    def short(*args: object, **kwargs: object) -> None:
        raise shortage

    monkeypatch.setattr(torch, "load", short)
    with pytest.raises(RuntimeError) as raised:
        read_state_dict(path)
    assert raised.value is shortage


def test_registry_finds_by_name_and_user_folder_wins(tmp_path: Path) -> None:
    user, bundled = tmp_path / "user", tmp_path / "bundled"
    saved_model(bundled, tiny_classifier_card(name="grader"), seed=1)
    saved_model(user, tiny_classifier_card(name="grader"), seed=2)
    registry = ModelRegistry([user, bundled])
    assert registry.find("grader") == user / "grader"
    with pytest.raises(ModelError, match="known models: grader"):
        registry.find("nonexistent")


def test_registry_load_set_takes_one_model_per_task_and_skips_broken(tmp_path: Path) -> None:
    saved_model(tmp_path, tiny_classifier_card(name="a-grade"))
    saved_model(tmp_path, tiny_classifier_card(name="b-grade"))
    broken = saved_model(tmp_path, tiny_segmentation_card(name="c-seg"))
    (broken / WEIGHTS_FILE).write_bytes(b"junk")
    models = ModelRegistry([tmp_path]).load_set()
    assert [m.card.name for m in models.all()] == ["a-grade"]


def test_model_set_refuses_two_models_for_one_task(tmp_path: Path) -> None:
    registry = ModelRegistry([tmp_path])
    first = registry.load_model(saved_model(tmp_path, tiny_classifier_card(name="one")))
    second = registry.load_model(saved_model(tmp_path, tiny_classifier_card(name="two")))
    with pytest.raises(ModelError, match="second model"):
        ModelSet.from_models([first, second])


def test_user_models_dir_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path))
    assert user_models_dir() == tmp_path
    monkeypatch.delenv(MODELS_ENV)
    assert user_models_dir().parts[-2:] == ("RetinaReview", "models")


def test_timm_classifier_name_is_checked() -> None:
    card = tiny_classifier_card()
    assert card.encoder == TINY_CLASSIFIER
    card.encoder = "timm:not_a_model"
    with pytest.raises(ModelError, match="unknown timm model"):
        build_model(card)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG folders are a Linux convention")
def test_user_models_dir_is_the_platforms_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Beside the log folder, in $XDG_DATA_HOME when set (the registry used ~/.local/share whatever the OS)."""
    from app.logging_setup import default_log_dir

    monkeypatch.delenv(MODELS_ENV, raising=False)
    monkeypatch.delenv("RETINA_REVIEW_LOG_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert user_models_dir() == tmp_path / "RetinaReview" / "models"
    assert default_log_dir() == tmp_path / "RetinaReview" / "logs"
