"""Losses: cross-entropy/focal + a per-class weighted region term (soft Dice or Lovász-softmax) for segmentation
(with partial labels from boxes), cross-entropy/focal with an optional ordinal term for classifiers.

Partial labels: each pixel has a set of classes it may belong to (one class where painted; background or the
box's class inside a VOC box). The pixel loss is −log Σ_{k ∈ set} p_k, the likelihood of the set, which is plain
cross-entropy when the set has one member. A boxed region must also contain its class somewhere: a
multiple-instance term −log max_{region} p_c per image and class.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import torch
import torch.nn.functional as F

from inference.targets import IGNORE

# Per-class Dice weights of a published DR lesion segmentation system (EX 5/12, SE 2/3, HE 3/5, MA 3/2):
# the rarer and smaller the lesion, the larger its weight.
PUBLISHED_DICE_WEIGHTS: dict[str, float] = {"MA": 3 / 2, "HE": 3 / 5, "EX": 5 / 12, "SE": 2 / 3}
EPS = 1e-6


def candidate_mask(labels: torch.Tensor, allowed: torch.Tensor, n_classes: int) -> torch.Tensor:
    """(N, K, H, W) bool: the classes each pixel may belong to."""
    channels = torch.arange(n_classes, device=labels.device).view(1, -1, 1, 1)
    certain = labels != IGNORE
    one_hot = labels.unsqueeze(1) == channels
    bits = ((allowed.long().unsqueeze(1) >> channels) & 1).bool() | (channels == 0)
    return torch.where(certain.unsqueeze(1), one_hot, bits)


def partial_cross_entropy(logits: torch.Tensor, candidates: torch.Tensor, focal_gamma: float = 0.0) -> torch.Tensor:
    """Mean over pixels of −log Σ_{candidates} p (focal: times (1 − Σ p)^γ)."""
    log_p = torch.log_softmax(logits.float(), dim=1)
    log_set = torch.logsumexp(log_p.masked_fill(~candidates, float("-inf")), dim=1)
    loss = -log_set
    if focal_gamma > 0:
        loss = loss * (1.0 - log_set.exp()).clamp(min=0.0) ** focal_gamma
    return loss.mean()


def weighted_dice_loss(probs: torch.Tensor, labels: torch.Tensor, weights: Sequence[float],
                       smooth: float = 1.0) -> torch.Tensor:
    """Σ_k w_k (1 − Dice_k) / Σ w_k over channels with a nonzero weight, on pixels whose label is certain;
    Dice pools the whole batch so a crop without a lesion does not produce a meaningless 0/0."""
    valid = (labels != IGNORE).unsqueeze(1).float()
    channels = torch.arange(probs.shape[1], device=probs.device).view(1, -1, 1, 1)
    target = (labels.unsqueeze(1) == channels).float() * valid
    probs = probs.float() * valid
    dims = (0, 2, 3)
    w = torch.as_tensor(list(weights), dtype=probs.dtype, device=probs.device)
    used = w > 0  # background (weight 0) would only add 0/0 when smooth is 0
    probs, target, w = probs[:, used], target[:, used], w[used]
    dice = (2 * (probs * target).sum(dims) + smooth) / (probs.sum(dims) + target.sum(dims) + smooth)
    return ((1.0 - dice) * w).sum() / w.sum().clamp(min=EPS)


def lovasz_gradient(truth_sorted: torch.Tensor) -> torch.Tensor:
    """Gradient of the Lovász extension of the Jaccard loss at pixels sorted by falling error (Berman et al. 2018,
    Algorithm 1): entry i is the rise in 1 − IoU when the i-th worst pixel joins the errors."""
    total = truth_sorted.sum()
    intersection = total - truth_sorted.cumsum(0)
    union = total + (1.0 - truth_sorted).cumsum(0)
    jaccard = 1.0 - intersection / union
    return torch.cat([jaccard[:1], jaccard[1:] - jaccard[:-1]])


def weighted_lovasz_loss(probs: torch.Tensor, labels: torch.Tensor, weights: Sequence[float]) -> torch.Tensor:
    """Lovász-softmax: per channel with a nonzero weight that has a pixel in the batch, the Lovász extension of
    1 − IoU on the errors |truth − p| over the certain pixels of the whole batch (a surrogate of IoU, which Dice
    ranks the same way); weighted mean of the channels present, 0 when none is."""
    valid = (labels != IGNORE).flatten()
    probs = probs.float().permute(1, 0, 2, 3).flatten(1)[:, valid]
    labels = labels.flatten()[valid]
    terms, used = [], []
    for channel, weight in enumerate(weights):
        truth = (labels == channel).float()
        if weight <= 0 or not bool(truth.any()):
            continue  # absent from the batch: left out, as the reference's classes='present'
        errors, order = torch.sort((truth - probs[channel]).abs(), descending=True)
        terms.append(weight * torch.dot(errors, lovasz_gradient(truth[order])))
        used.append(weight)
    return torch.stack(terms).sum() / sum(used) if terms else probs.sum() * 0.0


def box_presence_loss(probs: torch.Tensor, allowed: torch.Tensor,
                      channels: Sequence[int] | None = None) -> torch.Tensor:
    """−log of the highest probability of class c inside the region boxed as c, averaged over (image, class)
    pairs that have such a region; 0 when the batch has no boxes. ``channels``: the classes boxes can name (None:
    all); a class allowed everywhere because no box names it has no box to hold it."""
    terms = []
    for k in (range(1, probs.shape[1]) if channels is None else channels):
        region = ((allowed.long() >> k) & 1).bool()
        has = region.flatten(1).any(dim=1)
        if not has.any():
            continue
        masked = probs[:, k].float().masked_fill(~region, 0.0).flatten(1).amax(dim=1)
        terms.append(-torch.log(masked[has] + EPS))
    return torch.cat(terms).mean() if terms else probs.sum() * 0.0


def kept_output_loss(logits: torch.Tensor, reference_logits: torch.Tensor, channels: Sequence[int]) -> torch.Tensor:
    """Mean over pixels and ``channels`` of the binary KL divergence from the reference network's probability of each
    channel to this network's ("learning without forgetting", Li and Hoiem 2016): 0 where the two agree, so a
    fine-tuned network keeps what the network it started from drew of those classes while the other classes learn."""
    ours = torch.softmax(logits.float(), dim=1)[:, list(channels)].clamp(EPS, 1 - EPS)
    kept = torch.softmax(reference_logits.float(), dim=1)[:, list(channels)].clamp(EPS, 1 - EPS)
    return (kept * (kept / ours).log() + (1 - kept) * ((1 - kept) / (1 - ours)).log()).mean()


def dice_weights_for(classes: Sequence[str], overrides: Mapping[str, float] | None = None) -> list[float]:
    """One weight per card class: background 0 (Dice is for lesions), lesions from ``overrides`` or the
    published weights, other classes (optic disc) 1."""
    table = {**PUBLISHED_DICE_WEIGHTS, **(overrides or {})}
    return [0.0 if index == 0 else float(table.get(name, 1.0)) for index, name in enumerate(classes)]


REGION_LOSSES = {"dice": weighted_dice_loss, "lovasz": weighted_lovasz_loss}


def segmentation_loss(logits: torch.Tensor, labels: torch.Tensor, allowed: torch.Tensor,
                      dice_weights: Sequence[float], focal_gamma: float = 0.0, dice_factor: float = 1.0,
                      box_factor: float = 0.5, box_channels: Sequence[int] | None = None, region: str = "dice"
                      ) -> tuple[torch.Tensor, dict[str, float]]:
    """Total loss and its parts (for logging); ``region`` names the REGION_LOSSES term weighted per class by
    ``dice_weights`` and as a whole by ``dice_factor``; ``box_channels`` as box_presence_loss's ``channels``."""
    candidates = candidate_mask(labels, allowed, logits.shape[1])
    pixel = partial_cross_entropy(logits, candidates, focal_gamma)
    probs = torch.softmax(logits.float(), dim=1)
    overlap = REGION_LOSSES[region](probs, labels, dice_weights)
    boxes = box_presence_loss(probs, allowed, box_channels) if bool((labels == IGNORE).any()) else probs.sum() * 0.0
    total = pixel + dice_factor * overlap + box_factor * boxes
    return total, {"pixel": float(pixel.detach()), region: float(overlap.detach()), "box": float(boxes.detach())}


def classification_loss(logits: torch.Tensor, targets: torch.Tensor, focal_gamma: float = 0.0,
                        ordinal_factor: float = 0.0) -> tuple[torch.Tensor, dict[str, float]]:
    """Cross-entropy (or focal); ``ordinal_factor`` adds binary cross-entropy on the cumulative probabilities
    P(y > k) = Σ_{j>k} p_j read from the same softmax, so grade 4 called 3 costs less than called 0 while the
    head stays an ordinary softmax that inference understands."""
    logits = logits.float()
    ce = F.cross_entropy(logits, targets, reduction="none")
    if focal_gamma > 0:
        ce = ce * (1.0 - torch.exp(-ce)) ** focal_gamma
    loss = ce.mean()
    parts = {"ce": float(loss.detach())}
    if ordinal_factor > 0 and logits.shape[1] > 2:
        probs = torch.softmax(logits, dim=1)
        above = (probs.flip(1).cumsum(1).flip(1))[:, 1:].clamp(EPS, 1 - EPS)  # P(y > k), k = 0..K-2
        ranks = torch.arange(1, logits.shape[1], device=logits.device)
        truth = (targets.unsqueeze(1) >= ranks).float()
        ordinal = F.binary_cross_entropy(above, truth)
        loss = loss + ordinal_factor * ordinal
        parts["ordinal"] = float(ordinal.detach())
    return loss, parts
