"""Folding eval-mode batch normalisation into the convolution before it, for inference.

A frozen BatchNorm after a convolution is a per-channel scale and shift, which the convolution's weights and bias
can carry: the network computes the same function with one full pass over each activation map fewer (on a 12 MP
photo the lesion U-Net's full-resolution decoder layers are memory-bound, and their norms cost a sixth of its time).
Which norm follows which convolution is observed in one probe forward pass, so any smp or timm network is covered
without knowing its layout; a network whose output the folding changes is restored unchanged.
"""
from __future__ import annotations

import copy
import logging

import torch
from torch import nn

from inference.folding_probe import changed_output, probe_image, watched_output

log = logging.getLogger(__name__)


def fold_batch_norms(module: nn.Module) -> nn.Module:
    """A copy of ``module`` (eval mode) with every BatchNorm2d that directly normalises a Conv2d's output folded into
    that convolution; ``module`` itself when there is nothing to fold or the folded copy would compute something
    else."""
    if module.training or not any(isinstance(m, nn.Conv2d) for m in module.modules()):
        return module
    probe = probe_image(module)
    try:
        pairs, expected = _conv_norm_pairs(module, probe)
    except (RuntimeError, TypeError) as exc:  # a network that cannot run the probe (a fixed input size, or inputs
        # besides the image: the region classifier): left as it is
        log.debug("batch norm folding skipped: %s", exc)
        return module
    if not pairs or not isinstance(expected, torch.Tensor):
        return module
    folded = copy.deepcopy(module)
    for conv, norm in pairs:
        _fold(folded, conv, norm)
    with torch.inference_mode():
        actual = folded(probe)
    if changed_output(expected, actual):
        log.warning("folding batch norms changed the network's output; it runs unfolded")
        return module
    return folded


def _conv_norm_pairs(module: nn.Module, probe: torch.Tensor) -> tuple[list[tuple[str, str]], object]:
    """(convolution name, norm name) for each norm whose input is exactly one convolution's output, and the
    network's output on ``probe``."""
    produced: dict[int, tuple[str, torch.Tensor]] = {}  # the tensors are kept so that their ids stay unique
    pairs: list[tuple[str, str]] = []
    handles = []
    for name, child in module.named_modules():
        if isinstance(child, nn.Conv2d):
            handles.append(child.register_forward_hook(
                lambda _m, _i, out, name=name: produced.__setitem__(id(out), (name, out))))
        elif isinstance(child, nn.BatchNorm2d) and _foldable_norm(child):
            handles.append(child.register_forward_pre_hook(
                lambda _m, inputs, name=name: pairs.append((produced[id(inputs[0])][0], name))
                if id(inputs[0]) in produced else None))
    output = watched_output(module, probe, handles)
    convs = [conv for conv, _ in pairs]
    norms = [norm for _, norm in pairs]
    # a layer run twice (shared weights) or a convolution feeding two norms cannot be folded safely
    unique = [(c, n) for c, n in pairs if convs.count(c) == 1 and norms.count(n) == 1]
    return unique, output


def _foldable_norm(norm: nn.BatchNorm2d) -> bool:
    has_stats = norm.running_mean is not None and norm.running_var is not None
    plain = type(norm) is nn.BatchNorm2d
    timm_norm_act = hasattr(norm, "act") and hasattr(norm, "drop")  # timm's BatchNormAct2d: norm, dropout, act
    return has_stats and (plain or timm_norm_act)


def _fold(module: nn.Module, conv_name: str, norm_name: str) -> None:
    conv, norm = module.get_submodule(conv_name), module.get_submodule(norm_name)
    with torch.no_grad():
        scale = norm.running_var.add(norm.eps).rsqrt()
        if norm.weight is not None:
            scale = scale * norm.weight
        shift = -norm.running_mean * scale
        if norm.bias is not None:
            shift = shift + norm.bias
        bias = conv.bias if conv.bias is not None else torch.zeros_like(norm.running_mean)
        conv.weight.mul_(scale.reshape(-1, 1, 1, 1).to(conv.weight.dtype))
        conv.bias = nn.Parameter((bias * scale + shift).to(conv.weight.dtype), requires_grad=conv.weight.requires_grad)
    parent_name, _, child_name = norm_name.rpartition(".")
    remains = nn.Identity() if type(norm) is nn.BatchNorm2d else nn.Sequential(norm.drop, norm.act)
    setattr(module.get_submodule(parent_name) if parent_name else module, child_name, remains)
