"""Keep the classical detector's lesion candidates where a learned lesion-region model agrees.

Boxes such as CODRAS's say where lesions are, not which pixels they cover, so a model trained on them
(``train seg --box-mode fill``) learns lesion *regions*. Such a model's card says ``mask_mode: "gate-classical"``:
the classical detector proposes lesion-shaped components and each one is kept when the model's mean probability
for its class over the component reaches the card's threshold for that class. Candidates of a class the model
lacks are judged by the class that covers them (MA by HE: CODRAS "haemorrhage" boxes hold both); candidates of
classes the model does not judge at all (the optic disc) pass unchanged.
"""
from __future__ import annotations

from typing import Mapping

import cv2
import numpy as np

from annotations.classes import LesionClass

JUDGED_BY: dict[LesionClass, LesionClass] = {LesionClass.MA: LesionClass.HE}


def gate_candidates(candidates: np.ndarray, probabilities: Mapping[LesionClass, np.ndarray],
                    thresholds: Mapping[LesionClass, float]) -> np.ndarray:
    """``candidates`` (uint8 bit mask) with every component of a judged class dropped whose mean probability
    (``probabilities[class]``, same size, 0..1) is below ``thresholds[class]``."""
    kept = candidates.copy()
    for cls, judge in _judged_classes(probabilities):
        kept &= np.uint8(~cls.bit & 0xFF)
        kept[component_scores(candidates & cls.bit != 0, probabilities[judge]) >= thresholds[judge]] |= cls.bit
    return kept


def gated_scores(candidates: np.ndarray, probabilities: Mapping[LesionClass, np.ndarray]
                 ) -> dict[LesionClass, np.ndarray]:
    """Per class of ``probabilities``: each pixel's score as the gate sees it, the mean probability over its
    candidate component (of that class or one it judges), -1 off those candidates. ``score >= threshold`` is
    exactly what gate_candidates keeps."""
    scores = {judge: np.full(candidates.shape, -1.0) for judge in probabilities}
    for cls, judge in _judged_classes(probabilities):
        np.maximum(scores[judge], component_scores(candidates & cls.bit != 0, probabilities[judge]), out=scores[judge])
    return scores


def _judged_classes(probabilities: Mapping[LesionClass, np.ndarray]) -> list[tuple[LesionClass, LesionClass]]:
    """(candidate class, class whose probability judges it) for every candidate class the model can judge."""
    pairs = []
    for cls in LesionClass:
        judge = cls if cls in probabilities else JUDGED_BY.get(cls)
        if judge in probabilities:
            pairs.append((cls, judge))
    return pairs


def component_scores(binary: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """Per pixel of ``binary``, the mean of ``probability`` over its 8-connected component; -1 elsewhere."""
    count, labels = cv2.connectedComponents(binary.view(np.uint8), connectivity=8)
    sums = np.bincount(labels.ravel(), weights=probability.ravel(), minlength=count)
    areas = np.bincount(labels.ravel(), minlength=count)
    means = sums / np.maximum(areas, 1)
    means[0] = -1.0  # the background label
    return means[labels]
