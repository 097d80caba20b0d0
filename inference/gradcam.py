"""Grad-CAM (Selvaraju et al. 2017) for classifiers and for a segmentation model's class score.

The heat map is the ReLU of the layer's activations weighted by the spatially averaged gradients of a score,
scaled to [0, 1] and mapped back to original image coordinates, on the reduced grid an AI result keeps it at.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np
import torch
from torch import nn

from annotations.probability_maps import levels_to_float
from annotations.wording import join_items
from inference import messages as msg
from inference.loading import LoadedModel
from inference.model_card import ModelError
from inference.models import default_cam_layer
from inference.preprocess import Prepared
from inference.stored_maps import BoxedMap


@dataclass
class CamResult:
    cam: np.ndarray  # float32 [0, 1], original image size
    target: int  # class index the map explains
    output: torch.Tensor  # the model's raw output from the same forward pass (logits), detached


def find_layer(module: nn.Module, name: str) -> nn.Module:
    layers = dict(module.named_modules())
    if name not in layers:
        candidates = [n for n in layers if n and n.count(".") <= 1][:12]
        raise ModelError(name, msg.CAM_LAYER_MISSING, msg.SET_CAM_LAYER.format(candidates=join_items(candidates)))
    return layers[name]


def grad_cam(module: nn.Module, tensor: torch.Tensor, layer_name: str,
             score: Callable[[torch.Tensor], tuple[torch.Tensor, int]]) -> tuple[np.ndarray, torch.Tensor, int]:
    """Model-input-sized [0, 1] map for ``score(output) -> (scalar, target)``; also returns output and target."""
    layer = find_layer(module, layer_name)
    captured: dict[str, torch.Tensor] = {}

    def detach_here(_module: nn.Module, _inputs: object, output: object) -> object:
        # Cut the graph at the layer: backward then runs only through the layers after it, which is all
        # Grad-CAM needs (the gradient of the score with respect to this layer's activations).
        if isinstance(output, (list, tuple)):  # smp encoders return every stage; the deepest is last
            feature = output[-1].detach().requires_grad_(True)
            captured["feature"] = feature
            return type(output)([*output[:-1], feature]) if isinstance(output, tuple) else [*output[:-1], feature]
        feature = output.detach().requires_grad_(True)
        captured["feature"] = feature
        return feature

    trainable = [p for p in module.parameters() if p.requires_grad]
    for parameter in trainable:  # no weight gradients: nothing before the layer keeps activations for backward
        parameter.requires_grad_(False)
    handle = layer.register_forward_hook(detach_here)
    try:
        with torch.enable_grad():
            output = module(tensor.detach())
            value, target = score(output)
            value.backward()
    finally:
        handle.remove()
        for parameter in trainable:
            parameter.requires_grad_(True)
    feature = captured["feature"]
    weights = feature.grad.mean(dim=(2, 3), keepdim=True)
    cam = torch.relu((weights * feature).sum(dim=1))[0].detach().float().cpu().numpy()
    peak = float(cam.max())
    cam = cam / peak if peak > 0 else np.zeros_like(cam)
    height, width = tensor.shape[2:]
    return cv2.resize(cam, (width, height), interpolation=cv2.INTER_LINEAR), output.detach(), target


def classifier_cam(model: LoadedModel, prepared: Prepared, target: int | None = None) -> CamResult:
    """Heat map for class ``target`` (the predicted class when None), from one forward and one backward pass."""
    def score(logits: torch.Tensor) -> tuple[torch.Tensor, int]:
        chosen = int(logits[0].argmax()) if target is None else target
        if not 0 <= chosen < logits.shape[1]:
            raise ValueError(f"target class {chosen} out of range 0..{logits.shape[1] - 1}")
        return logits[0, chosen], chosen

    tensor = prepared.tensor.to(model.device)
    cam, output, chosen = grad_cam(model.module, tensor, default_cam_layer(model.card), score)
    return CamResult(_to_original(cam, prepared), chosen, output)


def segmentation_cam(model: LoadedModel, prepared: Prepared, class_name: str,
                     region: np.ndarray | None = None) -> CamResult:
    """Why the model marked ``class_name``: the score is its logit summed over ``region`` (original-size bool),
    or over the pixels the model itself assigns to that class when no region is given."""
    card = model.card
    if class_name not in card.classes:
        raise ValueError(f"{class_name!r} is not one of the model's classes {card.classes}")
    index = card.classes.index(class_name)
    weight = None
    if region is not None:
        weight = torch.from_numpy(prepared.transform.to_model(region.astype(np.float32)))

    def score(logits: torch.Tensor) -> tuple[torch.Tensor, int]:
        channel = logits[0, index]
        if weight is not None:
            where = weight.to(channel.device)
        elif card.activation == "softmax":
            where = (logits[0].argmax(dim=0) == index).float()
        else:
            where = (channel > 0).float()
        if float(where.sum()) == 0:  # nothing marked: explain the class score over the whole image
            where = torch.ones_like(channel)
        return (channel * where).sum() / where.sum(), index

    tensor = prepared.tensor.to(model.device)
    cam, output, _ = grad_cam(model.module, tensor, default_cam_layer(card), score)
    return CamResult(_to_original(cam, prepared), index, output)


def _to_original(cam: np.ndarray, prepared: Prepared) -> np.ndarray:
    """The model-input cam in the photo's geometry on the grid an AI result keeps it at (making a 12 MP float map
    only to reduce it again cost 150 ms), zero outside the field of view."""
    return levels_to_float(BoxedMap.of_model_input(cam.astype(np.float32), prepared).stored_levels())
