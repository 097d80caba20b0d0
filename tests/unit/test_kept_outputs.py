"""`train seg --init-from MODEL --keep-classes EX,HE`: the fine-tuned network keeps what the network it started from
drew of those classes ("learning without forgetting") while the other classes learn. Every CPU continuation of the
shipped lesion network so far gained soft exudates and drew the validation photos' hard exudates worse
(docs/models.md); this term is how a continuation can hold them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from app.cli import build_parser, main
from app.commands.train import command_line
from inference.loading import load_model_folder
from inference.model_card import load_card
from inference.segmentation import segment
from inference.training.config import TrainConfig
from inference.training.losses import kept_output_loss
from inference.training.run import train
from tests.unit.test_training_fixtures import lesion_image, tiny_seg_options, write_mask_set


def test_the_kept_term_is_zero_where_the_networks_agree_and_grows_as_they_part() -> None:
    reference = torch.randn(2, 5, 8, 8, generator=torch.Generator().manual_seed(0))
    assert float(kept_output_loss(reference, reference, [3])) == pytest.approx(0.0, abs=1e-6)
    parted = [reference.clone() for _ in range(2)]
    parted[0][:, 3] += 1.0
    parted[1][:, 3] += 3.0
    near, far = (float(kept_output_loss(logits, reference, [3])) for logits in parted)
    assert 0 < near < far
    ours = parted[1].clone().requires_grad_()
    kept_output_loss(ours, reference, [3]).backward()
    assert float(ours.grad.abs().sum()) > 0  # it pulls this network, the reference's output is a fixed target


def test_a_fine_tuned_network_draws_a_kept_class_closer_to_where_it_started(tmp_path: Path) -> None:
    data = write_mask_set(tmp_path / "data")
    train(TrainConfig(task="seg", data=data, out=tmp_path / "start", epochs=1, steps_per_epoch=5, lr=3e-3,
                      augment=False, **tiny_seg_options()))
    image, _ = lesion_image(42)

    def probabilities(name: str) -> np.ndarray:
        return segment(load_model_folder(tmp_path / name), image).probabilities

    kept_terms: list[float] = []
    for name, keep in (("free", {}), ("kept", {"keep_classes": ["EX"], "keep_factor": 10.0})):
        train(TrainConfig(task="seg", data=data, out=tmp_path / name, epochs=1, steps_per_epoch=8, lr=1e-2, seed=1,
                          augment=False, init_from=tmp_path / "start", **tiny_seg_options(), **keep),
              on_step=lambda step, loss, parts: kept_terms.append(parts.get("kept")))
    assert kept_terms[:8] == [None] * 8  # no term without --keep-classes
    assert kept_terms[8] == 0.0 and all(term > 0 for term in kept_terms[9:])  # none until training moved it
    ex = load_card(tmp_path / "start").classes.index("EX")
    start = probabilities("start")[ex]
    moved = {name: float(np.abs(probabilities(name)[ex] - start).mean()) for name in ("free", "kept")}
    # 0.41-0.46 of the free run's drift under one and two threads (torch 2.14.1): well under 0.6, whatever the
    # order of a reduction; at keep factor 20 two threads gave 0.516, over a bound of one half
    assert moved["kept"] < 0.6 * moved["free"], moved
    assert load_card(tmp_path / "kept").training["hyper_parameters"]["keep_classes"] == ["EX"]


def test_keeping_classes_needs_the_model_they_are_kept_from_and_its_lesion_classes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="--keep-classes keeps what a model draws of them: give that model with "
                                         "--init-from"):
        TrainConfig(task="seg", data=tmp_path, out=tmp_path / "m", keep_classes=["EX"])
    for task in ("grade", "disc"):
        with pytest.raises(ValueError, match="--keep-classes keeps lesion classes: train seg only"):
            TrainConfig(task=task, data=tmp_path, out=tmp_path / "m", keep_classes=["EX"], init_from=tmp_path)
    with pytest.raises(ValueError, match="keep factor -1.0 must be 0 or more"):
        TrainConfig(task="seg", data=tmp_path, out=tmp_path / "m", keep_factor=-1.0)
    with pytest.raises(ValueError, match="--keep-factor weighs the term of --keep-classes: give the classes to keep"):
        TrainConfig(task="seg", data=tmp_path, out=tmp_path / "m", keep_factor=10.0)
    data = write_mask_set(tmp_path / "data")
    train(TrainConfig(task="seg", data=data, out=tmp_path / "start", epochs=1, steps_per_epoch=1,
                      **tiny_seg_options()))
    with pytest.raises(ValueError, match="--keep-classes OD: not a lesion class of the model; use MA, HE, EX"):
        train(TrainConfig(task="seg", data=data, out=tmp_path / "x", epochs=1, steps_per_epoch=1,
                          init_from=tmp_path / "start", keep_classes=["OD"], **tiny_seg_options()))


def test_the_card_records_the_keep_factor_only_beside_the_classes_it_weighs() -> None:
    def recorded(*words: str) -> str:
        return command_line(build_parser().parse_args(["train", "seg", "--data", "d", "--out", "m", *words]))

    assert "--keep-factor" not in recorded()
    assert "--keep-classes EX,HE --keep-factor 1.0" in recorded("--init-from", "x", "--keep-classes", "EX,HE")
    assert "--keep-factor 10.0" in recorded("--init-from", "x", "--keep-classes", "EX", "--keep-factor", "10")


def test_a_candidates_run_keeps_nothing_it_was_not_fine_tuned_from(tmp_path: Path, capsys) -> None:
    assert main(["train", "candidates", "--data", str(tmp_path), "--out", str(tmp_path / "m"),
                 "--keep-classes", "HE"]) == 2
    assert "error: --keep-classes: options of a network's run" in capsys.readouterr().err
