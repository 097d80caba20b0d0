"""Painted masks and VOC boxes in one segmentation run: classes the boxes never name stay unknown on box photos,
"each box holds its class" only for boxed classes, box photos take a chosen share of the crops."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from annotations.classes import LesionClass
from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP, parse_label_map
from inference.dataset import load_index
from inference.model_card import BACKGROUND, ModelCard
from inference.targets import IGNORE, box_channels, segmentation_item
from inference.training.config import TrainConfig
from inference.training.losses import box_presence_loss
from inference.training.run import train
from inference.training.sampling import mixed_weights
from tests.unit.test_training_fixtures import tiny_seg_options, write_mask_set, write_voc_set

CARD = ModelCard(name="t", task="lesion-segmentation", architecture="unet", encoder="resnet18",
                 classes=[BACKGROUND, "HE", "EX", "SE"], input_size=(64, 64))
CODRAS_CLASSES = frozenset(parse_label_map(IDRID_CODRAS_LABEL_MAP).values())  # EX, HE, OD: no soft exudates
HE_BIT, EX_BIT, SE_BIT = 1 << 1, 1 << 2, 1 << 3


def test_a_class_no_box_can_name_is_unknown_on_box_photos(tmp_path: Path) -> None:
    sample = load_index(write_voc_set(tmp_path, count=1), parse_label_map(IDRID_CODRAS_LABEL_MAP)).samples["img0"]
    item = segmentation_item(sample, CARD, "weak", box_classes=CODRAS_CLASSES)
    field = item.allowed != 0
    assert (item.labels[field] == IGNORE).all() and (item.allowed[field] & SE_BIT).all()  # SE may be anywhere
    exudate_box = (item.allowed & EX_BIT) != 0
    outside = field & ~exudate_box & ((item.allowed & HE_BIT) == 0)
    assert exudate_box.any() and outside.any()
    assert (item.allowed[outside] == SE_BIT).all()  # outside every box: no HE, no EX (background or SE)
    # every class named: the old targets, certain background outside the boxes
    named = segmentation_item(sample, CARD, "weak", box_classes=CODRAS_CLASSES | {LesionClass.SE})
    assert (named.labels[~((named.allowed & (HE_BIT | EX_BIT)) != 0)] == 0).all()
    assert np.array_equal(named.labels, segmentation_item(sample, CARD, "weak").labels)


def test_painted_photos_stay_certain_whatever_the_boxes_name(tmp_path: Path) -> None:
    sample = load_index(write_mask_set(tmp_path, count=3, with_splits=False)).samples["case01"]
    item = segmentation_item(sample, CARD, "weak", box_classes=CODRAS_CLASSES)
    assert not (item.labels == IGNORE).any() and (item.allowed == 0).all()


def test_box_presence_only_for_classes_boxes_name() -> None:
    probs = torch.zeros(1, 4, 1, 2)
    probs[0, 0] = 1.0
    allowed = torch.tensor([[[EX_BIT | SE_BIT, SE_BIT]]], dtype=torch.uint8)
    probs[0, 2, 0, 0], probs[0, 0, 0, 0] = 0.5, 0.5
    assert box_channels(CARD, CODRAS_CLASSES) == [1, 2]
    assert float(box_presence_loss(probs, allowed, [1, 2])) == pytest.approx(-np.log(0.5), rel=1e-4)
    assert float(box_presence_loss(probs, allowed)) > 5  # SE would be asked for, though no box holds it


def test_box_photos_take_their_share_of_the_draws() -> None:
    present = [{1}, {1}, {1, 3}, {2}, {2}, set()]
    weak = [False, False, False, True, True, True]
    weights = mixed_weights(present, weak, power=1.0, weak_share=0.25)
    assert weights[3:].sum() == pytest.approx(0.25) and weights.sum() == pytest.approx(1.0)
    assert weights[2] > weights[0]  # balanced within the painted photos: the rare class 3 counts
    assert np.allclose(mixed_weights(present, weak, power=1.0), mixed_weights(present, [False] * 6, power=1.0))
    assert np.allclose(mixed_weights(present, [True] * 6, 1.0, 0.25).sum(), 1.0)  # one kind only: no share


def test_a_run_trains_on_painted_and_boxed_photos_together(tmp_path: Path) -> None:
    data = write_voc_set(write_mask_set(tmp_path / "data"), count=4)
    train_list = data / "splits" / "train.txt"
    train_list.write_text(train_list.read_text() + "".join(f"img{i}\n" for i in range(4)))
    losses: list[dict[str, float]] = []
    result = train(TrainConfig(task="seg", data=data, out=tmp_path / "model", epochs=1, steps_per_epoch=4,
                               augment=False, box_factor=0.0, weak_share=0.5, label_map=IDRID_CODRAS_LABEL_MAP,
                               workers=0, cache_dir=tmp_path / "cache", **tiny_seg_options()),
                   on_step=lambda step, loss, parts: losses.append(parts))
    assert result.card.classes == [BACKGROUND, "MA", "HE", "EX", "SE"]
    assert result.card.training["hyper_parameters"]["weak_share"] == 0.5
    assert len(losses) == 4 and all(np.isfinite(parts["pixel"]) for parts in losses)
    with pytest.raises(ValueError, match="weak share"):
        TrainConfig(task="seg", data=data, out=tmp_path / "other", weak_share=1.5)


def test_a_photo_with_masks_and_boxes_counts_with_the_painted_ones_in_the_weak_share(tmp_path: Path) -> None:
    """--weak-share is the share of draws from box photos, labelled by boxes alone (README, docs/models.md); the
    painted photos take the rest. case00 has its masks and a microaneurysm boxed, not painted ("mixed"): its box
    makes its targets uncertain there, and it was counted as a box photo for that."""
    from annotations.document import Box
    from annotations.formats.voc import VocAnnotation, write_voc
    from annotations.progress import NullState
    from inference.training.card import initial_card
    from inference.training.prepared_cache import PreparedCache
    from inference.training.seg_trainer import SegmentationTrainer
    from tests.unit.test_training_fixtures import SIZE

    data = write_voc_set(write_mask_set(tmp_path / "data", count=5), count=2)  # painted case00-04, boxed img0, img1
    write_voc(data / "voc" / "case00.xml",
              VocAnnotation("case00.png", SIZE + 16, SIZE, boxes=[Box(LesionClass.MA, 40, 30, 50, 40)]))
    train_list = data / "splits" / "train.txt"  # case00, case01, case02, then the two box photos
    train_list.write_text(train_list.read_text() + "img0\nimg1\n")
    config = TrainConfig(task="seg", data=data, out=tmp_path / "model", weak_share=0.25, balance_power=0.0,
                         label_map=IDRID_CODRAS_LABEL_MAP + ",MA=MA", workers=0, **tiny_seg_options())
    index = load_index(data, parse_label_map(config.label_map))
    train_samples = index.split("train")
    assert [s.name for s in train_samples] == ["case00", "case01", "case02", "img0", "img1"]
    mixed = segmentation_item(train_samples[0], initial_card(config, train_samples), "weak")
    assert (mixed.labels == IGNORE).any() and train_samples[0].has_masks  # uncertain inside its box, and painted
    trainer = SegmentationTrainer(config, initial_card(config, train_samples), train_samples, index.split("val"),
                                  NullState(), PreparedCache(tmp_path / "cache"), 0)
    # uniform within each kind (balance power 0): 3 painted photos share 0.75, 2 box photos 0.25
    assert trainer.weights == pytest.approx([0.25, 0.25, 0.25, 0.125, 0.125])  # was [1/12, 3/8, 3/8, 1/12, 1/12]
