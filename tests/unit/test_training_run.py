"""Training end to end on tiny generated data (CPU, a few steps): the loss goes down, the model folder loads in
inference and produces masks, runs are deterministic, and an interrupted run resumes to the same weights."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest
import torch
from PIL import Image
from safetensors.torch import load_file

from annotations.classes import LesionClass
from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP
from annotations.progress import CallbackState, Cancelled
from inference.anatomy import DISC_TO_FOV_RADIUS
from inference.classification import classify
from inference.evaluation import json_safe
from inference.loading import load_model_folder
from inference.model_card import WEIGHTS_FILE, load_card
from inference.registry import ModelRegistry
from inference.segmentation import segment
from inference.training.checkpoint import (HYPER, Checkpoint, CheckpointError, checkpoint_dir, load_checkpoint,
                                           save_checkpoint)
from inference.training.config import SEGMENTATION_ONLY, TrainConfig, ignored_fields
from inference.training.run import cosine_lr, train
from tests.unit.test_training_fixtures import (lesion_image, tiny_cls_options, tiny_seg_options, write_grade_set,
                                               write_mask_set, write_voc_set)


@pytest.fixture(scope="module")
def seg_run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("seg")
    losses: list[float] = []
    said: list[str] = []
    result = train(TrainConfig(task="seg", data=write_mask_set(root / "data"), out=root / "model", epochs=2,
                               steps_per_epoch=5, lr=3e-3, augment=False, **tiny_seg_options()),
                   CallbackState(lambda _, message: said.append(message)),
                   on_step=lambda step, loss, parts: losses.append(loss))
    return result, losses, said


def test_segmentation_loss_goes_down(seg_run) -> None:
    result, losses, _ = seg_run
    assert len(losses) == 10 and result.steps == 10
    assert np.mean(losses[-3:]) < np.mean(losses[:3])
    assert [entry["epoch"] for entry in result.history] == [1, 2] and "val_loss" in result.history[0]


def test_segmentation_model_folder_loads_and_segments(seg_run) -> None:
    result, _, _ = seg_run
    loaded = ModelRegistry([result.model_dir.parent]).load_model(result.model_dir.name)
    image, _ = lesion_image(42)
    bits = segment(loaded, image).mask_bits()
    assert bits.shape == image.shape[:2] and bits.dtype == np.uint8
    card = loaded.card
    assert card.task == "lesion-segmentation" and card.classes == ["background", "MA", "HE", "EX", "SE"]
    assert card.training["seed"] == 0 and card.training["split"]["held_out"] == "test"
    assert card.training["hyper_parameters"]["crop"] == 32 and len(card.sha256) == 64
    assert card.metrics["split"] == "test" and 0.0 <= card.metrics["per_class"]["EX"]["aupr"] <= 1.0
    assert not checkpoint_dir(result.model_dir).exists()  # removed once the model is saved
    assert set(card.thresholds) == {"HE", "EX"}  # tuned where validation has painted pixels
    assert card.training["thresholds"] == "best Dice on the validation split"


class FixedOutput(torch.nn.Module):
    """Stands in for a network: returns the same logits whatever the input."""

    def __init__(self, logits: torch.Tensor) -> None:
        super().__init__()
        self.logits = logits

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits


def held_out_scoring(said: list[str]) -> list[str]:
    """The progress texts of scoring the held-out images, each to say it is for the new model's own figures (the
    retrain dialog shows them beside its comparison's "… for the Current column")."""
    return [message for message in said if message.startswith("evaluating ")]


def test_training_says_what_its_held_out_scoring_is_for(seg_run, tmp_path: Path) -> None:
    said = held_out_scoring(seg_run[2])
    grade: list[str] = []
    train(grade_config(write_grade_set(tmp_path / "grades"), "grader", epochs=1),
          CallbackState(lambda _, message: grade.append(message)))
    for evaluating in (said, held_out_scoring(grade)):
        assert evaluating and all(message.endswith(" for the new model's own held-out figures")
                                  for message in evaluating), evaluating


def test_thresholds_are_tuned_for_the_best_validation_dice(tmp_path: Path) -> None:
    from inference.training.card import initial_card
    from inference.dataset import load_index
    from inference.training.prepared_cache import PreparedCache
    from inference.training.seg_trainer import SegmentationTrainer

    config = TrainConfig(task="seg", data=write_mask_set(tmp_path / "d"), out=tmp_path / "m", **tiny_seg_options())
    index = load_index(config.data)
    card = initial_card(config, index.split("train"))
    cache = PreparedCache(tmp_path / "cache")
    trainer = SegmentationTrainer(config, card, index.split("train"), index.split("val"), CallbackState(), cache, 0)
    labels = torch.from_numpy(trainer.val_items[0].labels.astype(np.int64))
    probs = torch.full((5, *labels.shape), 0.05)
    exudate = card.classes.index("EX")
    probs[exudate] = torch.where(labels == exudate, 0.6, 0.3)  # any threshold in (0.3, 0.6] separates them
    probs[0] = 1 - probs[1:].sum(0)
    thresholds = trainer.tune_thresholds(FixedOutput(torch.log(probs)[None]), torch.device("cpu"))
    assert thresholds["EX"] == pytest.approx(0.35)  # the first candidate above 0.3


class OutputsInTurn(torch.nn.Module):
    """Stands in for a network: returns the next of ``logits`` at each call (one validation image each)."""

    def __init__(self, logits: list[torch.Tensor]) -> None:
        super().__init__()
        self.logits = list(logits)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits.pop(0)


@pytest.mark.parametrize("painted_too", [True, False], ids=["with-a-painted-photo", "boxed-beside-painted-only"])
def test_thresholds_are_not_tuned_against_a_class_boxed_beside_painted_ones(tmp_path: Path, painted_too: bool) -> None:
    """case04 has HE painted and EX boxed only: the model's exudate inside those boxes is no false positive, and
    its painted haemorrhages still tune HE's threshold."""
    from annotations.formats.voc import VocAnnotation, write_voc
    from inference.dataset import load_index
    from inference.preprocess import prepare
    from inference.targets import box_mask
    from inference.training.card import initial_card
    from inference.training.prepared_cache import PreparedCache
    from inference.training.seg_trainer import SegmentationTrainer
    from tests.unit.test_training_fixtures import boxes_from_bits

    data = write_mask_set(tmp_path / "d")
    image, bits = lesion_image(4)
    (data / "masks" / "case04_EX.png").unlink()
    exudates = [box for box in boxes_from_bits(bits) if box.label is LesionClass.EX]
    write_voc(data / "voc" / "case04.xml", VocAnnotation("case04.png", image.shape[1], image.shape[0], boxes=exudates))
    (data / "splits" / "val.txt").write_text("case03\ncase04\n" if painted_too else "case04\n")
    config = TrainConfig(task="seg", data=data, out=tmp_path / "m", **tiny_seg_options())
    index = load_index(config.data)
    card = initial_card(config, index.split("train"))
    trainer = SegmentationTrainer(config, card, index.split("train"), index.split("val"), CallbackState(),
                                  PreparedCache(tmp_path / "cache"), 0)
    haemorrhage, exudate = card.classes.index("HE"), card.classes.index("EX")
    boxed = prepare(image, card).transform.to_model(box_mask(exudates, image.shape[:2]).astype(np.float32)) > 0
    outputs = []
    for item in trainer.val_items:
        labels = torch.from_numpy(item.labels.astype(np.int64))
        probs = torch.full((5, *labels.shape), 0.02)
        probs[haemorrhage] = torch.where(labels == haemorrhage, 0.6, 0.32)  # 0.3 met rounding
        probs[exudate] = torch.where(labels == exudate, 0.6, 0.32)
        if len(outputs) == len(trainer.val_items) - 1:  # case04: the exudates found in their boxes
            probs[exudate][torch.from_numpy(boxed)] = 0.5
        probs[0] = (1 - probs[1:].sum(0)).clamp(min=0.01)
        outputs.append(torch.log(probs)[None])
    thresholds = trainer.tune_thresholds(OutputsInTurn(outputs), torch.device("cpu"))
    assert thresholds["HE"] == pytest.approx(0.35)
    if painted_too:
        assert thresholds["EX"] == pytest.approx(0.35)  # not above 0.5, as if every boxed exudate were wrong
    else:
        assert "EX" not in thresholds  # no validation photo says where exudates are


def test_a_tiled_training_prepares_twice_the_input_side_and_crops_at_the_input_side(tmp_path: Path) -> None:
    from inference.training.card import initial_card
    from inference.dataset import load_index
    from inference.training.prepared_cache import PreparedCache
    from inference.training.seg_trainer import SegmentationTrainer

    data, cache = write_mask_set(tmp_path / "d"), PreparedCache(tmp_path / "cache")
    index = load_index(data)
    trainers = {}
    for tiled in (False, True):
        config = TrainConfig(task="seg", data=data, out=tmp_path / "m", tiled=tiled, **{**tiny_seg_options(),
                                                                                      "crop": None})
        card = initial_card(config, index.split("train"))
        trainers[tiled] = SegmentationTrainer(config, card, index.split("train"), index.split("val"),
                                              CallbackState(), cache, 0)
    assert trainers[False].val_items[0].image.shape == (64, 64, 3)
    assert trainers[True].val_items[0].image.shape == (128, 128, 3)  # twice the 64 px input, as --tiled analyses
    assert trainers[True].dataset.crop_size == (64, 64)  # but a step costs one at the input side (retrain_start)


def test_voc_boxes_train_a_weak_model_with_only_their_classes(tmp_path: Path) -> None:
    parts: list[dict[str, float]] = []
    result = train(TrainConfig(task="seg", data=write_voc_set(tmp_path / "voc"), out=tmp_path / "m", epochs=1,
                               steps_per_epoch=2, label_map=IDRID_CODRAS_LABEL_MAP, **tiny_seg_options()),
                   on_step=lambda step, loss, p: parts.append(p))
    assert result.card.classes == ["background", "HE", "EX"]
    assert all(p["box"] > 0 for p in parts)  # the boxes' presence term is active
    assert set(result.metrics["boxes"]) == {"HE", "EX"}
    assert load_model_folder(result.model_dir).card.training["hyper_parameters"]["box_mode"] == "weak"


def test_optic_disc_boxes_train_a_disc_model_that_the_pipeline_uses(tmp_path: Path) -> None:
    from inference.loading import ModelSet
    from inference.pipeline import analyze_image

    data = write_voc_set(tmp_path / "voc", label_names={LesionClass.EX: "optic_disc", LesionClass.HE: "haemorrhage"})
    result = train(TrainConfig(task="disc", data=data, out=tmp_path / "m", epochs=1, steps_per_epoch=2,
                               box_mode="fill", label_map=IDRID_CODRAS_LABEL_MAP, **tiny_seg_options()))
    model = load_model_folder(result.model_dir)
    assert (model.card.task, model.card.classes) == ("optic-disc", ["background", "OD"])
    image = np.asarray(Image.open(data / "images" / "img0.png").convert("RGB"))
    model.card.thresholds = {"OD": 0.0}  # whatever this tiny model learned, it marks a disc
    analysis = analyze_image(image, ModelSet.from_models([model]), device="cpu")
    assert any(m["task"] == "optic-disc" for m in analysis.models)
    field = analysis.findings.field_of_view
    # learned from loose boxes, the mask gives the place; the size is the disc's share of the field of view
    assert analysis.findings.optic_disc.radius == pytest.approx(DISC_TO_FOV_RADIUS * field.radius, abs=0.2)


def grade_config(root: Path, out: str, **changes) -> TrainConfig:
    options = dict(task="grade", data=root, out=root.parent / out, epochs=2, steps_per_epoch=2, ordinal=True,
                   **tiny_cls_options())
    options.update(changes)
    return TrainConfig(**options)


def same_weights(first: Path, second: Path) -> bool:
    """Tensor by tensor (the files differ in their metadata: the model name)."""
    a, b = load_file(str(first / WEIGHTS_FILE)), load_file(str(second / WEIGHTS_FILE))
    return a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a)


def test_interrupted_classifier_run_resumes_to_the_same_weights(tmp_path: Path) -> None:
    data = write_grade_set(tmp_path / "grades")
    whole = train(grade_config(data, "whole"))
    assert whole.card.metrics["split"] in ("test", "val", "all") and "quadratic_weighted_kappa" in whole.metrics

    state = CallbackState()
    with pytest.raises(Cancelled):
        train(grade_config(data, "cut"), state, on_step=lambda step, loss, p: state.cancel() if step == 3 else None)
    assert (checkpoint_dir(tmp_path / "cut") / "state.json").is_file()
    kept = (checkpoint_dir(tmp_path / "cut") / "state.json").read_bytes()
    with pytest.raises(CheckpointError, match="holds the checkpoint of an unfinished run: give --resume"):
        train(grade_config(data, "cut"))  # the same command again, --resume forgotten: it replaced the checkpoint
    assert (checkpoint_dir(tmp_path / "cut") / "state.json").read_bytes() == kept
    with pytest.raises(CheckpointError, match="different run"):
        train(grade_config(data, "cut", lr=0.5, resume=True))
    state_file = checkpoint_dir(tmp_path / "cut") / "state.json"
    stored = json.loads(state_file.read_text())
    assert stored["seconds"] > 0
    state_file.write_text(json.dumps({**stored, "seconds": stored["seconds"] + 1000}))  # as if the epoch took long
    resumed = train(grade_config(data, "cut", resume=True))
    assert resumed.resumed_from_epoch == 1
    assert resumed.seconds > 1000 and load_card(tmp_path / "cut").training["seconds"] > 1000  # both stretches
    assert same_weights(tmp_path / "cut", tmp_path / "whole")  # a fresh first epoch, then a resumed second
    assert resumed.history == whole.history

    loaded = load_model_folder(tmp_path / "cut")
    probabilities = classify(loaded, lesion_image(1)[0]).probabilities
    assert len(probabilities) == 5 and sum(probabilities) == pytest.approx(1.0, abs=1e-5)
    assert load_card(tmp_path / "cut").training["hyper_parameters"]["ordinal"] is True


def test_finish_writes_the_model_of_the_last_checkpoint_without_training_further(tmp_path: Path) -> None:
    data = write_grade_set(tmp_path / "grades")
    with pytest.raises(CheckpointError, match="no checkpoint to finish from"):
        train(grade_config(data, "cut", resume=True, finish=True))  # refused before any image is prepared
    with pytest.raises(ValueError, match="--resume"):
        grade_config(data, "cut", finish=True)
    state = CallbackState()
    with pytest.raises(Cancelled):
        train(grade_config(data, "cut"), state, on_step=lambda step, loss, p: state.cancel() if step == 3 else None)
    folder = checkpoint_dir(tmp_path / "cut")
    checkpointed = load_file(str(folder / json.loads((folder / "state.json").read_text())["files"]["weights"]))
    steps: list[int] = []
    finished = train(grade_config(data, "cut", resume=True, finish=True), on_step=lambda step, *_: steps.append(step))
    assert steps == [] and finished.steps == 2 and len(finished.history) == 1
    written = load_file(str(tmp_path / "cut" / WEIGHTS_FILE))
    assert written.keys() == checkpointed.keys() and all(torch.equal(written[k], checkpointed[k]) for k in written)
    training = load_card(tmp_path / "cut").training
    assert training["epochs"] == 1
    assert training["finished_early"] == {"step": 2, "of_steps": 4, "epoch": 1, "of_epochs": 2}
    assert "finish" not in training["hyper_parameters"] and not checkpoint_dir(tmp_path / "cut").exists()
    assert "quadratic_weighted_kappa" in finished.metrics and "finished_early" not in train(
        grade_config(data, "whole")).card.training


def test_finish_asked_while_an_epoch_is_validated_ends_the_run_at_that_epoch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Finish now" pressed after the epoch's last step, while it is validated and checkpointed: no step of the next
    epoch is trained, and the epoch is not validated again."""
    import inference.training.run as run

    asked = []
    checkpointed = run.save_checkpoint

    def save_then_finish(*args: Any) -> None:
        checkpointed(*args)
        asked.append(True)  # pressed as the epoch's checkpoint is written, before the next epoch begins

    monkeypatch.setattr(run, "save_checkpoint", save_then_finish)
    steps: list[int] = []
    finished = train(grade_config(write_grade_set(tmp_path / "grades"), "cut"),
                     on_step=lambda step, *_: steps.append(step), finish_requested=lambda: bool(asked))
    assert steps == [1, 2] and finished.steps == 2 and [entry["epoch"] for entry in finished.history] == [1]
    assert load_card(tmp_path / "cut").training["finished_early"] == {"step": 2, "of_steps": 4, "epoch": 1,
                                                                     "of_epochs": 2}


def other_release_checkpoint(tmp_path: Path, as_other: Callable[[dict], object]) -> Path:
    """The data of a grade run cancelled in its second epoch ("cut"), its checkpoint's state changed by
    ``as_other`` into what an older (or newer) release wrote."""
    data = write_grade_set(tmp_path / "grades")
    state = CallbackState()
    with pytest.raises(Cancelled):
        train(grade_config(data, "cut"), state, on_step=lambda step, loss, p: state.cancel() if step == 3 else None)
    state_file = checkpoint_dir(tmp_path / "cut") / "state.json"
    stored = json.loads(state_file.read_text())
    as_other(stored)
    state_file.write_text(json.dumps(stored))
    return data


def test_a_checkpoint_written_before_seconds_were_kept_still_resumes(tmp_path: Path) -> None:
    data = other_release_checkpoint(tmp_path, lambda state: state.pop("seconds"))
    resumed = train(grade_config(data, "cut", resume=True))
    assert resumed.resumed_from_epoch == 1 and 0 < resumed.seconds < 1000


def test_a_checkpoint_written_before_an_option_existed_resumes_at_its_default(tmp_path: Path) -> None:
    data = other_release_checkpoint(tmp_path, lambda state: state["identity"]["hyper_parameters"].pop("balance_power"))
    with pytest.raises(CheckpointError, match=r"differs in hyper_parameters\.balance_power, hyper_parameters\.lr"):
        train(grade_config(data, "cut", resume=True, lr=0.5, balance_power=1.0))
    assert train(grade_config(data, "cut", resume=True)).resumed_from_epoch == 1


def test_a_classifier_card_leaves_out_the_segmentation_options_and_older_checkpoints_with_them_resume(
        tmp_path: Path) -> None:
    # older releases recorded a classifier's segmentation-only hyper-parameters in its checkpoint too
    data = other_release_checkpoint(tmp_path, lambda state: state["identity"]["hyper_parameters"].update(
        arch="unet", region_loss="lovasz", dice_weights={}, box_mode="weak", tiled=True))
    resumed = train(grade_config(data, "cut", resume=True))  # not lovasz, not tiled: a classifier ignores both
    assert resumed.resumed_from_epoch == 1
    recorded = load_card(tmp_path / "cut").training["hyper_parameters"]
    assert not set(SEGMENTATION_ONLY) & set(recorded) and recorded["loss"] == "ce"


def test_a_checkpoint_holding_an_option_this_release_does_not_know_is_refused(tmp_path: Path) -> None:
    # a newer release's option, or a checkpoint edited by hand: this run cannot reproduce what it recorded
    data = other_release_checkpoint(tmp_path, lambda state: state["identity"][HYPER].update(mixup=0.4))
    with pytest.raises(CheckpointError, match=r"\(differs in hyper_parameters\.mixup\)"):
        train(grade_config(data, "cut", resume=True))


def run_identity(task: str) -> dict[str, Any]:
    """The part of a checkpoint's identity that says which task trained it with which hyper-parameters."""
    config = TrainConfig(task=task, data=Path("data"), out=Path("model"))
    return {"task": config.card_task, HYPER: json_safe(config.hyper_parameters())}


def resume_refusal(folder: Path, stored: dict[str, Any], task: str) -> str:
    """Why a run of ``task`` at the default options refuses to resume a checkpoint that recorded ``stored``."""
    save_checkpoint(folder, Checkpoint(1, 2, [], {"w": torch.zeros(1)}, {}, torch.get_rng_state(), [], stored))
    with pytest.raises(CheckpointError, match="different run") as refused:
        load_checkpoint(folder, run_identity(task), json_safe(TrainConfig.hyper_parameter_defaults()),
                        ignored_fields(task))
    return str(refused.value)


@pytest.mark.parametrize("name, value", [("crop", 64), ("dice_weights", {"MA": 2.0}), ("region_loss", "lovasz"),
                                         ("tiled", True), ("mixup", 0.4)])  # mixup: an option no release knows
def test_a_segmentation_run_refuses_a_checkpoint_with_other_segmentation_options_or_an_unknown_one(
        tmp_path: Path, name: str, value: object) -> None:
    stored = run_identity("seg")
    stored[HYPER][name] = value
    assert f"(differs in {HYPER}.{name})" in resume_refusal(tmp_path, stored, "seg")


def test_a_classifier_run_refuses_a_segmentation_checkpoint_and_the_reverse(tmp_path: Path) -> None:
    assert "(differs in task, " in resume_refusal(tmp_path / "grade", run_identity("seg"), "grade")
    assert "(differs in task, " in resume_refusal(tmp_path / "seg", run_identity("grade"), "seg")


@pytest.mark.parametrize("task", ["referable", "oct", "present", "seg", "disc"])
def test_only_a_grade_run_records_ordinal_and_an_older_checkpoint_of_another_task_with_it_resumes(
        tmp_path: Path, task: str) -> None:
    assert "ordinal" not in TrainConfig(task=task, data=tmp_path, out=tmp_path / "m", ordinal=True).hyper_parameters()
    assert TrainConfig(task="grade", data=tmp_path, out=tmp_path / "m", ordinal=True).hyper_parameters()["ordinal"]
    stored = run_identity(task)
    stored[HYPER]["ordinal"] = True  # older releases recorded it for every task
    save_checkpoint(tmp_path, Checkpoint(1, 2, [], {"w": torch.zeros(1)}, {}, torch.get_rng_state(), [], stored))
    assert load_checkpoint(tmp_path, run_identity(task), json_safe(TrainConfig.hyper_parameter_defaults()),
                           ignored_fields(task)).epoch == 1


def test_init_from_fine_tunes_an_installed_model_and_the_card_says_so(tmp_path: Path) -> None:
    data = write_grade_set(tmp_path / "grades")
    first = train(grade_config(data, "first", epochs=1))
    # another seed (another random start), lr 0, no encoder named: the installed model's network and weights
    tuned = train(TrainConfig(task="grade", data=data, out=tmp_path / "tuned", epochs=1, steps_per_epoch=2, lr=0.0,
                              seed=1, size=64, init_from=tmp_path / "first"))
    assert tuned.card.encoder == first.card.encoder
    start, after = load_file(str(tmp_path / "first" / WEIGHTS_FILE)), load_file(str(tmp_path / "tuned" / WEIGHTS_FILE))
    learned = [key for key in start if "running_" not in key and "num_batches" not in key]  # not batch statistics
    assert learned and all(torch.equal(start[key], after[key]) for key in learned)  # lr 0: exactly where it started
    record = load_card(tmp_path / "tuned").training["init_from"]
    assert record["sha256"] == first.card.sha256 and record["folder"] == str((tmp_path / "first").resolve())
    with pytest.raises(ValueError, match="not timm:efficientnet_lite0"):
        train(TrainConfig(task="grade", data=data, out=tmp_path / "x", encoder="timm:efficientnet_lite0",
                          init_from=tmp_path / "first"))
    with pytest.raises(ValueError, match="a dr-grade model; --init-from needs a referable model"):
        train(TrainConfig(task="referable", data=data, out=tmp_path / "x", init_from=tmp_path / "first"))


def test_cosine_schedule_runs_from_base_to_one_percent() -> None:
    assert cosine_lr(1.0, 0, 10) == pytest.approx(1.0)
    assert cosine_lr(1.0, 5, 10) == pytest.approx(0.505)
    assert cosine_lr(1.0, 10, 10) == pytest.approx(0.01)


def test_bad_options_are_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"--size 100 must be a multiple of 32 \(at least 32\)"):
        TrainConfig(task="seg", data=tmp_path, out=tmp_path / "m", size=100)
    with pytest.raises(ValueError, match=r"--crop 16 must be a multiple of 32"):
        TrainConfig(task="seg", data=tmp_path, out=tmp_path / "m", crop=16)
    with pytest.raises(ValueError, match="unknown architecture 'fpn' for --arch; use one of unet, unetplusplus, manet"):
        TrainConfig(task="seg", data=tmp_path, out=tmp_path / "m", arch="fpn")
    with pytest.raises(ValueError, match="unknown task"):
        TrainConfig(task="cataract", data=tmp_path, out=tmp_path / "m")
    with pytest.raises(ValueError, match="unknown loss 'iou' for --region-loss; use one of dice, lovasz"):
        TrainConfig(task="seg", data=tmp_path, out=tmp_path / "m", region_loss="iou")
    with pytest.raises(ValueError, match="unknown loss 'dice' for --loss; use one of ce, focal"):
        TrainConfig(task="seg", data=tmp_path, out=tmp_path / "m", loss="dice")
    with pytest.raises(ValueError, match="no lesion masks and no lesion boxes"):
        train(TrainConfig(task="seg", data=write_grade_set(tmp_path / "g", count=4), out=tmp_path / "m"))


def test_training_turns_deterministic_kernels_on_for_its_run_only_without_loading_the_compiler() -> None:
    """torch.use_deterministic_algorithms imports torch._inductor (2.5 s of every run's start on 2 cores); the run's
    switch sets the kernels' flag alone, and puts back what was set before. In a fresh process: the test session
    may have loaded the compiler."""
    import subprocess
    import sys

    script = (
        "import sys, torch\n"
        "from inference.training.run import _deterministic\n"
        "with _deterministic(torch.device('cpu')):\n"
        "    inside = (torch.are_deterministic_algorithms_enabled(),\n"
        "              torch.is_deterministic_algorithms_warn_only_enabled())\n"
        "print(inside, torch.are_deterministic_algorithms_enabled(), 'torch._inductor' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2]).stdout.split("\n")[0]
    assert out == "(True, True) False False"
