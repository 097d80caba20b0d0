"""Image classifiers (DR grade, referable DR, OCT class, lesions present): calibrated probabilities and Grad-CAM."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from inference.gradcam import classifier_cam
from inference.loading import LoadedModel
from inference.model_card import ModelCard
from inference.preprocess import FieldOfView, Prepared, prepare
from inference.segmentation import probabilities_from_logits


@dataclass
class ClassificationResult:
    card: ModelCard
    probabilities: list[float]  # per card class, temperature-calibrated
    predicted: int  # index of the most probable class
    cam: np.ndarray | None = None  # float32 [0, 1], original size, when asked for
    cam_target: int | None = None

    @property
    def confidence(self) -> float:
        """Calibrated probability of the predicted class (softmax) or of its own label (sigmoid)."""
        return self.probabilities[self.predicted]

    @property
    def label(self) -> str:
        return self.card.classes[self.predicted]

    def by_name(self) -> dict[str, float]:
        return dict(zip(self.card.classes, self.probabilities))

    def positive_probability(self) -> float:
        """For binary tasks (referable, lesions present): probability of the last class ('referable', 'present')."""
        return self.probabilities[-1]


def classify(model: LoadedModel, image_rgb: np.ndarray, fov: FieldOfView | None = None, with_cam: bool = False,
             cam_target: int | None = None) -> ClassificationResult:
    """Probabilities, and optionally a Grad-CAM map from the same forward pass (class ``cam_target`` or predicted)."""
    prepared = prepare(image_rgb, model.card, fov)
    return classify_prepared(model, prepared, with_cam, cam_target)


def classify_prepared(model: LoadedModel, prepared: Prepared, with_cam: bool = False,
                      cam_target: int | None = None) -> ClassificationResult:
    card = model.card
    if with_cam:
        cam = classifier_cam(model, prepared, cam_target)
        logits, cam_map, target = cam.output, cam.cam, cam.target
    else:
        with torch.inference_mode():
            logits = model.module(prepared.tensor.to(model.device))
        cam_map, target = None, None
    probs = probabilities_from_logits(logits.float(), card)[0].cpu().numpy().astype(float)
    return ClassificationResult(card, [float(p) for p in probs], int(np.argmax(probs)), cam_map, target)
