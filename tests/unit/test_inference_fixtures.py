"""Small generated fundus images and tiny models shared by the inference tests (plus checks of the generator)."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import torch

from inference.loading import LoadedModel
from inference.model_card import BACKGROUND, ModelCard, save_model_folder
from inference.models import build_model

TINY_SEG_ENCODER = "tu-mobilenetv3_small_050"
TINY_DECODER = [16, 16, 16, 16, 16]
TINY_CLASSIFIER = "timm:mobilenetv3_small_050"


def synthetic_fundus(width: int = 160, height: int = 120, cx: float | None = None, cy: float | None = None,
                     radius: float | None = None, seed: int = 0) -> np.ndarray:
    """An orange disc on black with darker vessels-like noise, a bright 'optic disc' and a few spots."""
    rng = np.random.default_rng(seed)
    cx = width / 2 if cx is None else cx
    cy = height / 2 if cy is None else cy
    radius = min(width, height) * 0.45 if radius is None else radius
    image = np.zeros((height, width, 3), np.uint8)
    cv2.circle(image, (int(cx), int(cy)), int(radius), (170, 80, 30), -1)
    noise = rng.normal(0, 6, image.shape)
    inside = image.sum(axis=2) > 0
    image[inside] = np.clip(image[inside] + noise[inside], 0, 255).astype(np.uint8)
    cv2.circle(image, (int(cx + radius * 0.5), int(cy)), max(2, int(radius * 0.15)), (240, 200, 120), -1)
    cv2.circle(image, (int(cx - radius * 0.3), int(cy - radius * 0.2)), 3, (90, 20, 10), -1)
    cv2.circle(image, (int(cx - radius * 0.1), int(cy + radius * 0.3)), 2, (230, 210, 60), -1)
    return image


def tiny_segmentation_card(name: str = "tiny-seg", classes: list[str] | None = None, size: int = 64,
                           activation: str = "softmax", architecture: str = "unet") -> ModelCard:
    return ModelCard(name=name, task="lesion-segmentation", architecture=architecture, encoder=TINY_SEG_ENCODER,
                     classes=classes or [BACKGROUND, "MA", "HE", "EX", "SE"], input_size=(size, size),
                     activation=activation, decoder_channels=list(TINY_DECODER))


def tiny_classifier_card(task: str = "dr-grade", classes: list[str] | None = None, size: int = 64,
                         name: str = "") -> ModelCard:
    default_classes = {"dr-grade": ["0", "1", "2", "3", "4"], "referable": ["non-referable", "referable"],
                       "oct": ["CNV", "DME", "DRUSEN", "NORMAL"], "lesions-present": ["absent", "present"]}
    return ModelCard(name=name or f"tiny-{task}", task=task, architecture="classifier", encoder=TINY_CLASSIFIER,
                     classes=classes or default_classes[task], input_size=(size, size))


def saved_model(folder: Path, card: ModelCard, seed: int = 0) -> Path:
    torch.manual_seed(seed)
    return save_model_folder(folder / card.name, build_model(card).state_dict(), card)


def loaded(card: ModelCard, seed: int = 0) -> LoadedModel:
    torch.manual_seed(seed)
    return LoadedModel(build_model(card), card, Path(card.name))


def test_synthetic_fundus_has_dark_surround_and_bright_field() -> None:
    image = synthetic_fundus(200, 150)
    assert image.shape == (150, 200, 3)
    assert image[0, 0].sum() == 0 and image[75, 100].sum() > 100


def test_tiny_models_build_with_the_requested_outputs() -> None:
    seg = loaded(tiny_segmentation_card())
    grade = loaded(tiny_classifier_card())
    with torch.no_grad():
        assert seg.module(torch.zeros(1, 3, 64, 64)).shape == (1, 5, 64, 64)
        assert grade.module(torch.zeros(1, 3, 64, 64)).shape == (1, 5)
