"""The probe both inference foldings (batch_norm_folding, upsampling_folding) check themselves with: one small
forward pass of a fixed random image, watched by hooks that find what to fold, and the rule that the folded copy
must compute the same function on it."""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn
from torch.utils.hooks import RemovableHandle

PROBE_SIDE = 64  # px: divisible by 32 (U-Net encoders halve the input five times), cheap to run
TOLERANCE = 1e-3  # largest output change, relative to the output's range, that still counts as the same function


def probe_image(module: nn.Module) -> torch.Tensor:
    """The same random image every time, with the channels of ``module``'s first convolution (3 without one)."""
    first = next((m for m in module.modules() if isinstance(m, nn.Conv2d)), None)
    return torch.randn(1, first.in_channels if first is not None else 3, PROBE_SIDE, PROBE_SIDE,
                       generator=torch.Generator().manual_seed(0))


def watched_output(module: nn.Module, probe: torch.Tensor, hooks: Sequence[RemovableHandle]) -> object:
    """``module``'s output on ``probe`` (no autograd); the ``hooks`` that watched the pass are removed after it."""
    try:
        with torch.inference_mode():
            return module(probe)
    finally:
        for hook in hooks:
            hook.remove()


def changed_output(expected: torch.Tensor, actual: torch.Tensor) -> bool:
    """``actual`` differs from ``expected`` by more than TOLERANCE of ``expected``'s range: not the same function."""
    scale = float(expected.abs().max().clamp(min=1e-6))
    return float((actual - expected).abs().max()) > TOLERANCE * scale
