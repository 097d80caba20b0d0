"""Segmentation targets class by class: a case with some classes painted and others only boxed learns the boxed
ones from their boxes (outside them absent, inside not penalised), not as background everywhere, which is what an
empty or missing mask beside the painted ones said."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.formats.masks import class_mask_name, write_class_masks
from annotations.formats.voc import VocAnnotation, write_voc
from annotations.image_io import load_image
from inference.dataset import load_index
from inference.model_card import BACKGROUND, ModelCard
from inference.preprocess import prepare
from inference.targets import IGNORE, MIN_COVERAGE, box_mask, segmentation_item
from inference.training.losses import candidate_mask, dice_weights_for, partial_cross_entropy, segmentation_loss
from tests.unit.test_training_fixtures import boxes_from_bits, lesion_image

CARD = ModelCard(name="t", task="lesion-segmentation", architecture="unet", encoder="resnet18",
                 classes=[BACKGROUND, "MA", "HE", "EX", "SE"], input_size=(64, 64))
MA, HE, EX = LesionClass.MA, LesionClass.HE, LesionClass.EX
CHANNEL = {MA: 1, HE: 2, EX: 3}


def write_case(root: Path, painted: LesionClass, boxed: LesionClass, empty_mask_of_boxed: bool) -> list[Box]:
    """One photo with ``painted``'s blobs painted and ``boxed``'s blobs boxed, nothing of it painted; its empty
    mask written (as the export wrote one until now) or not. The boxes it was given."""
    image, bits = lesion_image(3)
    if boxed is MA:  # the fixture draws HE and EX blobs: box the exudates' places as microaneurysms
        boxes = [Box(MA, b.xmin, b.ymin, b.xmax, b.ymax) for b in boxes_from_bits(bits) if b.label is EX]
    else:
        boxes = [b for b in boxes_from_bits(bits) if b.label is boxed]
    (root / "images").mkdir(parents=True)
    Image.fromarray(image).save(root / "images" / "case.png")
    write_class_masks(root / "masks", "case", bits & np.uint8(painted.bit))
    if not empty_mask_of_boxed:
        (root / "masks" / class_mask_name("case", boxed)).unlink()
    write_voc(root / "voc" / "case.xml", VocAnnotation("case.png", image.shape[1], image.shape[0], boxes=boxes))
    return boxes


def boxed_region(root: Path, boxes: list[Box]) -> np.ndarray:
    """The model-input pixels the boxes touch, as the targets map them."""
    image = load_image(root / "images" / "case.png")
    prepared = prepare(image, CARD)
    return prepared.transform.to_model(box_mask(boxes, image.shape[:2]).astype(np.float32)) > 0


@pytest.mark.parametrize("empty_mask_of_boxed", [True, False], ids=["empty-mask-written", "no-mask-file"])
def test_a_class_boxed_beside_painted_ones_learns_from_its_boxes(tmp_path: Path, empty_mask_of_boxed: bool) -> None:
    boxes = write_case(tmp_path, painted=HE, boxed=EX, empty_mask_of_boxed=empty_mask_of_boxed)
    item = segmentation_item(load_index(tmp_path).samples["case"], CARD, "weak")
    region = boxed_region(tmp_path, boxes)
    assert region.any()
    unpainted = region & (item.labels != CHANNEL[HE])
    assert (item.labels[unpainted] == IGNORE).all()  # inside the boxes: background or EX, not penalised
    assert (item.allowed[unpainted] == 1 << CHANNEL[EX]).all()
    assert (item.labels[~region] != IGNORE).all() and (item.labels != CHANNEL[EX]).all()  # outside: no EX, certain
    assert (item.labels == CHANNEL[HE]).any()  # the painted class keeps its pixels
    assert not ((item.labels == 4) | ((item.allowed >> 4) & 1 == 1)).any()  # SE, neither painted nor boxed: absent


def test_the_loss_does_not_penalise_the_boxed_class_inside_its_boxes(tmp_path: Path) -> None:
    boxes = write_case(tmp_path, painted=HE, boxed=EX, empty_mask_of_boxed=True)
    item = segmentation_item(load_index(tmp_path).samples["case"], CARD, "weak")
    region = torch.from_numpy(boxed_region(tmp_path, boxes) & (item.labels != CHANNEL[HE]))
    labels = torch.from_numpy(item.labels.astype(np.int64))[None]
    allowed = torch.from_numpy(item.allowed)[None]
    candidates = candidate_mask(labels, allowed, len(CARD.classes))

    def logits(class_in_boxes: int) -> torch.Tensor:
        """A network sure of every certain label and of ``class_in_boxes`` inside the boxes."""
        guess = torch.where(labels == IGNORE, class_in_boxes, labels)
        guess[0][region] = class_in_boxes
        return torch.nn.functional.one_hot(guess, len(CARD.classes)).permute(0, 3, 1, 2).float() * 20

    def pixel_loss(class_in_boxes: int) -> float:
        return float(partial_cross_entropy(logits(class_in_boxes), candidates))

    assert pixel_loss(CHANNEL[EX]) == pytest.approx(0.0, abs=1e-6)  # EX inside its boxes costs nothing
    assert pixel_loss(0) == pytest.approx(0.0, abs=1e-6)  # nor does background there (a box is rough)
    assert pixel_loss(CHANNEL[MA]) > 0.1  # another class there does
    weights = dice_weights_for(CARD.classes)
    found, missed = (segmentation_loss(logits(k), labels, allowed, weights)[1] for k in (CHANNEL[EX], 0))
    assert found["dice"] == pytest.approx(missed["dice"])  # the region term looks at certain pixels only
    assert found["box"] < 1e-3 < missed["box"]  # and each box is asked to hold some exudate


def test_a_painted_pixel_inside_a_box_of_a_class_that_wins_overlaps_may_be_either(tmp_path: Path) -> None:
    """Microaneurysms boxed on painted exudates: such a pixel may be MA (which wins an overlap) or EX."""
    boxes = write_case(tmp_path, painted=EX, boxed=MA, empty_mask_of_boxed=True)
    item = segmentation_item(load_index(tmp_path).samples["case"], CARD, "weak")
    image, bits = load_image(tmp_path / "images" / "case.png"), lesion_image(3)[1]
    painted = prepare(image, CARD).transform.to_model(((bits & EX.bit) != 0).astype(np.float32)) >= MIN_COVERAGE
    under = boxed_region(tmp_path, boxes) & painted
    assert under.any()
    assert (item.labels[under] == IGNORE).all()
    assert (item.allowed[under] == (1 << CHANNEL[EX]) | (1 << CHANNEL[MA])).all()
