"""Grad-CAM: it points where the evidence is (in original coordinates), targets are selectable, any classifier."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from inference.classification import classify
from inference.gradcam import classifier_cam, segmentation_cam
from inference.loading import LoadedModel
from inference.model_card import ModelCard, ModelError, Preprocessing
from inference.models import Classifier
from inference.preprocess import prepare
from tests.unit.test_inference_fixtures import (loaded, synthetic_fundus, tiny_classifier_card,
                                                tiny_segmentation_card)


class ChannelFeatures(nn.Module):
    """Identity 'backbone': the feature map is the image itself, so the evidence for a class is known."""

    out_channels = 3

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * 1.0


def colour_classifier() -> LoadedModel:
    """Class 0 = 'red', class 1 = 'blue': each logit is the mean of one colour channel."""
    card = ModelCard(name="colours", task="oct", architecture="classifier", encoder="none",
                     classes=["red", "green", "blue", "none"], input_size=(64, 64),
                     normalisation={"mean": [0, 0, 0], "std": [1, 1, 1]},
                     preprocessing=Preprocessing(crop_fov=False))
    model = Classifier(ChannelFeatures(), 4, dropout=0.0).eval()
    with torch.no_grad():
        model.head.weight.copy_(torch.tensor([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0], [0, 0, 0]]))
        model.head.bias.zero_()
    return LoadedModel(model, card, Path("colours"))


def test_heat_map_points_at_the_evidence_in_original_coordinates() -> None:
    image = np.full((90, 150, 3), 20, np.uint8)
    image[10:30, 100:130] = (255, 20, 20)  # red square, right
    image[60:80, 10:40] = (20, 20, 255)  # blue square, left
    model = colour_classifier()
    prepared = prepare(image, model.card)
    for target, (y0, y1, x0, x1) in ((0, (10, 30, 100, 130)), (2, (60, 80, 10, 40))):
        cam = classifier_cam(model, prepared, target).cam
        assert cam.shape == (90, 150)
        y, x = np.unravel_index(int(np.argmax(cam)), cam.shape)
        assert y0 <= y < y1 and x0 <= x < x1, (target, y, x)


def test_cam_target_defaults_to_the_predicted_class() -> None:
    image = np.full((64, 64, 3), 20, np.uint8)
    image[:, :32] = (250, 30, 30)
    result = classify(colour_classifier(), image, with_cam=True)
    assert result.label == "red" and result.cam_target == 0
    assert result.cam[:, :28].mean() > result.cam[:, 36:].mean()


def test_cam_of_any_classifier_is_in_range_and_zero_outside_the_field() -> None:
    image = synthetic_fundus(140, 100)
    model = loaded(tiny_classifier_card("dr-grade"))
    prepared = prepare(image, model.card)
    maps = [classifier_cam(model, prepared, target).cam for target in range(5)]
    for cam in maps:
        assert cam.shape == (100, 140) and cam.dtype == np.float32
        assert cam.min() >= 0 and cam.max() <= 1
        assert not cam[~prepared.fov.mask].any()
    with pytest.raises(ValueError, match="out of range"):
        classifier_cam(model, prepared, 7)


def test_cam_leaves_the_model_unchanged_and_trainable() -> None:
    model = loaded(tiny_classifier_card("referable"))
    before = {k: v.clone() for k, v in model.module.state_dict().items()}
    classifier_cam(model, prepare(synthetic_fundus(), model.card))
    assert all(torch.equal(before[k], v) for k, v in model.module.state_dict().items())
    assert all(p.requires_grad for p in model.module.parameters())
    assert all(p.grad is None for p in model.module.parameters())


def test_segmentation_cam_for_a_class_and_a_region() -> None:
    image = synthetic_fundus(120, 96)
    model = loaded(tiny_segmentation_card())
    prepared = prepare(image, model.card)
    region = np.zeros((96, 120), bool)
    region[40:60, 50:70] = True
    for area in (None, region):
        result = segmentation_cam(model, prepared, "HE", area)
        assert result.cam.shape == (96, 120) and 0 <= result.cam.min() and result.cam.max() <= 1
        assert result.target == model.card.classes.index("HE")
    with pytest.raises(ValueError, match="not one of"):
        segmentation_cam(model, prepared, "drusen")


def test_unknown_cam_layer_is_refused_clearly() -> None:
    model = loaded(tiny_classifier_card("dr-grade"))
    model.card.cam_layer = "no.such.layer"
    with pytest.raises(ModelError, match="cam_layer"):
        classifier_cam(model, prepare(synthetic_fundus(), model.card))
