"""Lesion (and optic disc) segmentation: probabilities in model space, full-resolution maps and bit masks on demand."""
from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

import cv2
import numpy as np
import torch

from annotations.classes import LesionClass, class_from_name
from annotations.progress import QuietState, SubState, TaskState
from annotations.threshold_scale import onto_threshold as moved_onto
from inference.candidate_gate import gate_candidates
from inference.card_schema import VIEW_FLIPS
from inference.layer_cancel import cancel_between_layers
from inference.loading import LoadedModel
from inference.model_card import ModelCard
from inference.preprocess import FieldOfView, Prepared, Reductions, field_diameter, prepare
from inference.stored_maps import BoxedMap
from inference.tiling import predict_tiled

TILE_SCALE = 2.0  # tiled runs see the field of view at twice the card's resolution


@dataclass
class SegmentationResult:
    card: ModelCard
    probabilities: np.ndarray  # (K, h, w) float32 in model-input space, one channel per card class
    prepared: Prepared
    # member sub-folder -> that network's own result, for the members that ran on the photo (card member_min_field):
    # a blending candidates model may average with a member's map (card blend_member)
    members: dict[str, SegmentationResult] = field(default_factory=dict)

    @property
    def classes(self) -> dict[str, LesionClass]:
        """Card class names that are lesion classes (background and unknown names are left out)."""
        return {name: cls for name in self.card.classes if (cls := _lesion_class(name)) is not None}

    def probability(self, class_name: str, levels: Sequence[float] = ()) -> np.ndarray:
        """Full-resolution float32 probability map of one class (0 outside the field of view); with ``levels``
        (own, target) mapped by ``onto_threshold`` first, at model resolution."""
        full = self.prepared.transform.to_original(self._channel(class_name, levels))
        full[~self.prepared.fov.mask] = 0.0
        return full

    def boxed(self, class_name: str, levels: Sequence[float] = ()) -> BoxedMap:
        """One class's map at model resolution and where it lies in the original, without the full-size map; with
        ``levels`` as ``probability``'s."""
        return BoxedMap.of_model_input(self._channel(class_name, levels), self.prepared)

    def _channel(self, class_name: str, levels: Sequence[float]) -> np.ndarray:
        channel = self.probabilities[self.card.classes.index(class_name)]
        return onto_threshold(channel, *levels) if levels else channel

    def lesion_probabilities(self) -> dict[LesionClass, np.ndarray]:
        """Full-resolution probability map of every lesion class of the card."""
        return {cls: self.probability(name) for name, cls in self.classes.items()}

    def mask_bits(self, classes: Iterable[LesionClass] | None = None) -> np.ndarray:
        """uint8 bit-per-class mask, original size: each class (all of the card's, or ``classes``) thresholded on
        its own (card thresholds)."""
        transform = self.prepared.transform
        width, height = transform.original_size
        bits = np.zeros((height, width), np.uint8)
        x0, y0, x1, y1 = transform.box
        wanted = set(self.classes.values()) if classes is None else set(classes)
        for name, cls in self.classes.items():
            if cls not in wanted:
                continue
            threshold = self.card.threshold(name)
            channel = self.probabilities[self.card.classes.index(name)]
            if channel.max() < threshold:  # nothing reaches the threshold: skip the full-size upsample
                continue
            channel = _without_specks(channel, threshold, self.card.min_component_pixels.get(name, 0))
            # outside the box to_original is 0, below any threshold that can count: the box's pixels decide
            bits[y0:y1, x0:x1] |= np.multiply(transform.reached_in_box(channel, threshold), np.uint8(cls.bit))
        bits *= self.prepared.fov.mask
        return bits

    def largest_region(self, cls: LesionClass) -> np.ndarray:
        """Original-size uint8 mask (``cls.bit`` set) of the class's largest connected region, e.g. the one optic
        disc: stray specks elsewhere must not pull its centre. Found at model resolution, then upsampled."""
        name = next(n for n, c in self.classes.items() if c is cls)
        above = (self.probabilities[self.card.classes.index(name)] >= self.card.threshold(name)).astype(np.uint8)
        width, height = self.prepared.transform.original_size
        count, labels, stats, _ = cv2.connectedComponentsWithStats(above, connectivity=8)
        if count < 2:
            return np.zeros((height, width), np.uint8)
        largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        transform = self.prepared.transform
        x0, y0, x1, y1 = transform.box
        region = np.zeros((height, width), np.uint8)
        np.multiply(transform.reached_in_box((labels == largest).astype(np.float32), 0.5), np.uint8(cls.bit),
                    out=region[y0:y1, x0:x1])
        region *= self.prepared.fov.mask
        return region


def _without_specks(channel: np.ndarray, threshold: float, min_pixels: int) -> np.ndarray:
    """``channel`` with its above-threshold regions of fewer than ``min_pixels`` model pixels set to 0."""
    if min_pixels <= 1:
        return channel
    count, labels, stats, _ = cv2.connectedComponentsWithStats((channel >= threshold).astype(np.uint8),
                                                               connectivity=8)
    small = np.zeros(count, bool)
    small[1:] = stats[1:, cv2.CC_STAT_AREA] < min_pixels
    if not small.any():
        return channel
    cleaned = channel.copy()
    cleaned[small[labels]] = 0.0
    return cleaned


def gate_by_model(candidates: np.ndarray, result: SegmentationResult) -> np.ndarray:
    """The candidate bit mask filtered by a lesion-region model (card ``mask_mode: gate-classical``)."""
    thresholds = {cls: result.card.threshold(name) for name, cls in result.classes.items()}
    return gate_candidates(candidates, result.lesion_probabilities(), thresholds)


def segment(model: LoadedModel, image_rgb: np.ndarray, fov: FieldOfView | None = None, tiled: bool = False,
            state: TaskState | None = None, reductions: Reductions | None = None,
            beside: Executor | None = None) -> SegmentationResult:
    """Run a segmentation model on a whole image; ``tiled`` runs a sliding window at ``TILE_SCALE`` x resolution;
    ``reductions`` of ``image_rgb`` are shared with the analysis' other models. A class the card gives a member
    (``class_members``) is that member's channel (mapped onto the card's threshold, ``member_levels``), or its mean
    with the model's (``members_averaged``), run on the photo with its own preprocessing and views, on photos whose
    field is at least the card's ``member_min_field`` px across (the photo's longer side where no field was found);
    their own results stay in the result's ``members``. ``beside``: an executor the members' networks run on while
    the model's runs here (an untiled run; a tiled one reports its progress network by network). Cancelling
    ``state`` stops every network between two of its layers, a member's beside too."""
    card = model.card
    size = tuple(_round_up(side * TILE_SCALE, 32) for side in card.input_size) if tiled else card.input_size
    prepared = prepare(image_rgb, card, fov, size, reductions)
    members = model.members if field_diameter(image_rgb, prepared.fov) >= card.member_min_field else {}
    shares = [SubState(state, turn / (len(members) + 1), (turn + 1) / (len(members) + 1)) if state else None
              for turn in range(len(members) + 1)]  # a tiled run's progress over the networks in turn

    def member_probabilities(member: LoadedModel, share: TaskState | None) -> np.ndarray:
        drawn = prepare(image_rgb, member.card, prepared.fov, size, reductions)
        assert drawn.transform == prepared.transform, "a member's input must cover the model's (checked on load)"
        return _probabilities(member, drawn, tiled, share)

    running = ({name: beside.submit(member_probabilities, member, QuietState(state) if state else None)
                for name, member in members.items()}
               if beside is not None and not tiled else {})
    probs = _probabilities(model, prepared, tiled, shares[0])
    ran = {}
    for (name, member), share in zip(members.items(), shares[1:]):
        member_probs = running[name].result() if name in running else member_probabilities(member, share)
        ran[name] = SegmentationResult(member.card, member_probs, prepared)  # same geometry; its input let go
        for class_name in card.member_classes(name):
            drawn_map = member_probs[member.card.classes.index(class_name)]
            levels = card.member_levels.get(class_name)
            drawn_map = onto_threshold(drawn_map, *levels) if levels else drawn_map
            channel = card.classes.index(class_name)
            probs[channel] = (probs[channel] + drawn_map) / 2 if card.members_averaged else drawn_map
    return SegmentationResult(card, probs, prepared, ran)


def onto_threshold(probability: np.ndarray, own: float, target: float) -> np.ndarray:
    """``probability`` as float32 mapped by annotations.threshold_scale.onto_threshold: a member's own cut ``own``
    moved onto the card's ``target``, the pixels' order (so AUPR) kept."""
    return moved_onto(probability, own, target).astype(np.float32)


def _probabilities(model: LoadedModel, prepared: Prepared, tiled: bool, state: TaskState | None) -> np.ndarray:
    """(K, h, w) float32 probabilities of ``model``'s network alone for its ``prepared`` input; raises Cancelled
    between two of its layers once ``state`` is cancelled."""
    tensor = prepared.tensor.to(model.device)
    with torch.inference_mode(), cancel_between_layers(model.module, state):
        def predict(batch: torch.Tensor) -> torch.Tensor:
            return predict_probabilities(model.module, batch, model.card)

        if tiled:
            probs = predict_tiled(predict, tensor, tuple(model.card.input_size), state=state)
        else:
            probs = _predict_content(predict, tensor, prepared)
    return probs[0].float().cpu().numpy()


def _predict_content(predict: Callable[[torch.Tensor], torch.Tensor], tensor: torch.Tensor,
                     prepared: Prepared) -> torch.Tensor:
    """``predict`` on the part of the input the image fills (to 32-px steps), zero elsewhere: the padding that makes
    a photo's input square is never read back (Transform.to_original crops it), so it is not computed (a 3:2
    photo's input is a sixth padding)."""
    (ox, oy), (width, height) = prepared.transform.offset, prepared.transform.resized
    _, _, full_h, full_w = tensor.shape
    y0, x0 = oy // 32 * 32, ox // 32 * 32
    y1, x1 = min(full_h, _round_up(oy + height, 32)), min(full_w, _round_up(ox + width, 32))
    inner = predict(tensor[:, :, y0:y1, x0:x1])
    probs = torch.zeros((1, inner.shape[1], full_h, full_w), dtype=inner.dtype, device=inner.device)
    probs[:, :, y0:y1, x0:x1] = inner
    return probs


def predict_probabilities(module: torch.nn.Module, batch: torch.Tensor, card: ModelCard) -> torch.Tensor:
    """A segmentation network's probabilities for ``batch`` (channel axis 1), averaged over the card's views of it
    (``averaged_views``: each a flip of the input, its answer flipped back): the one place that runs a segmentation
    network on an input."""
    views = card.averaged_views or ["original"]
    total = None
    for view in views:
        axes = list(VIEW_FLIPS[view])
        probs = probabilities_from_logits(module(torch.flip(batch, axes) if axes else batch).float(), card)
        probs = torch.flip(probs, axes) if axes else probs
        total = probs if total is None else total + probs
    return total / len(views) if len(views) > 1 else total


def probabilities_from_logits(logits: torch.Tensor, card: ModelCard) -> torch.Tensor:
    """Softmax across classes or independent sigmoids, after temperature scaling; channel axis 1."""
    scaled = logits / card.temperature if card.temperature != 1.0 else logits  # a 12 MP map's copy spared
    return torch.softmax(scaled, dim=1) if card.activation == "softmax" else torch.sigmoid(scaled)


def region_centre(bits: np.ndarray, cls: LesionClass) -> tuple[float, float, float] | None:
    """(x, y, equivalent radius) of a class's mask, e.g. the optic disc; None when empty."""
    moments = cv2.moments(cv2.bitwise_and(bits, cls.bit), binaryImage=True)  # a fifth of np.nonzero's time
    if moments["m00"] == 0:
        return None
    area = moments["m00"]
    return moments["m10"] / area, moments["m01"] / area, float(np.sqrt(area / np.pi))


def _lesion_class(name: str) -> LesionClass | None:
    try:
        return class_from_name(name)
    except ValueError:
        return None


def _round_up(value: float, multiple: int) -> int:
    return int(np.ceil(value / multiple) * multiple)
