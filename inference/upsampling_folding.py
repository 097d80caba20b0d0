"""Folding a U-Net decoder block's 2x nearest upsampling into its first convolution, for inference.

smp's UnetDecoderBlock upsamples its input 2x (nearest), concatenates the skip connection and runs a 3x3
convolution. An output pixel of that convolution reads, of the input before upsampling, only a 2x2 neighbourhood,
with taps that depend on the pixel's phase (the parity of its row and column): the upsampled part of the layer is
four 2x2 convolutions of the small input, one per phase, interleaved into the output. That is 4/9 of the
multiply-adds, and neither the upsampled map nor the concatenation is ever built (the skip connection's share of
the kernel becomes a convolution of its own, into whose output the phases are added). Same function up to float
rounding; on the lesion U-Net's 1536 px input the forward pass takes a third less CPU time. Blocks of another kind
(attention, bilinear upsampling, unfolded norms) are left as they are, and so is a network whose output would change.
"""
from __future__ import annotations

import copy
import logging
import sys

import torch
from torch import nn

from inference.folding_probe import changed_output, probe_image, watched_output

log = logging.getLogger(__name__)

# Which of a 3x3 kernel's taps (rows, or columns, -1, 0, +1) fall on the first (u = 0) or second (u = 1) input row
# of the 2x2 window a phase reads: an even output row 2i reads input rows i-1 (tap -1) and i (taps 0, +1), an odd one
# 2i+1 rows i (taps -1, 0) and i+1 (tap +1). The padded 2x2 convolution puts an odd row's window one row lower.
_TAPS_BY_PHASE = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]],
                               [[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]])


class PhaseUpsamplingBlock(nn.Module):
    """A UnetDecoderBlock computed from its input without upsampling it (same call signature)."""

    def __init__(self, block: nn.Module, upsampled_channels: int) -> None:
        super().__init__()
        conv = block.conv1[0]
        weight, bias = conv.weight.detach(), conv.bias.detach()
        self.out_channels = conv.out_channels
        self.original = block  # for a target size that is not exactly twice the input's
        self.phases = nn.Conv2d(upsampled_channels, 4 * self.out_channels, 2, padding=1, bias=False)
        self.phases.weight = nn.Parameter(phase_kernels(weight[:, :upsampled_channels]), requires_grad=False)
        skip_channels = conv.in_channels - upsampled_channels
        self.skip = nn.Conv2d(skip_channels, self.out_channels, 3, padding=1) if skip_channels else None
        if self.skip is not None:
            self.skip.weight = nn.Parameter(weight[:, upsampled_channels:].clone(), requires_grad=False)
            self.skip.bias = nn.Parameter(bias.clone(), requires_grad=False)
        else:  # the bias goes with the phases, once per phase
            self.phases.bias = nn.Parameter(bias.repeat(4), requires_grad=False)
        self.activation = block.conv1[2]
        self.conv2 = block.conv2

    def forward(self, feature_map: torch.Tensor, target_height: int, target_width: int,
                skip_connection: torch.Tensor | None = None) -> torch.Tensor:
        batch, _, height, width = feature_map.shape
        if (target_height, target_width) != (2 * height, 2 * width):
            return self.original(feature_map, target_height, target_width, skip_connection=skip_connection)
        channels = self.out_channels
        phases = self.phases(feature_map).permute(0, 2, 3, 1)  # (batch, height + 1, width + 1, 4 x channels)
        if self.skip is not None:
            output = self.skip(skip_connection).contiguous(memory_format=torch.channels_last)
        else:
            output = torch.empty((batch, channels, target_height, target_width), dtype=phases.dtype,
                                 device=phases.device, memory_format=torch.channels_last)
        by_phase = output.permute(0, 2, 3, 1).view(batch, height, 2, width, 2, channels)
        for row in (0, 1):
            for column in (0, 1):
                first = (2 * row + column) * channels
                phase = phases[:, row:row + height, column:column + width, first:first + channels]
                if self.skip is not None:
                    by_phase[:, :, row, :, column, :] += phase
                else:
                    by_phase[:, :, row, :, column, :] = phase
        return self.conv2(self.activation(output))


def phase_kernels(weight: torch.Tensor) -> torch.Tensor:
    """(4 x out, in, 2, 2) kernels, phase (row, column) in block 2 x row + column, from a (out, in, 3, 3) kernel
    applied to the 2x nearest upsampled input."""
    taps = _TAPS_BY_PHASE.to(weight)
    return torch.cat([torch.einsum("uk,oikl,vl->oiuv", taps[row], weight, taps[column])
                      for row in (0, 1) for column in (0, 1)])


def fold_decoder_upsampling(module: nn.Module) -> nn.Module:
    """A copy of ``module`` (eval mode, batch norms folded) with every foldable U-Net decoder block replaced by a
    PhaseUpsamplingBlock; ``module`` itself when there is none or the copy would compute something else."""
    if module.training:
        return module
    probe = probe_image(module)
    try:
        upsampled, expected = _upsampled_channels(module, probe)
        if not upsampled or not isinstance(expected, torch.Tensor):
            return module
        folded = copy.deepcopy(module)
        for name, channels in upsampled.items():
            parent_name, _, child_name = name.rpartition(".")
            parent = folded.get_submodule(parent_name) if parent_name else folded
            setattr(parent, child_name, PhaseUpsamplingBlock(folded.get_submodule(name), channels))
        with torch.inference_mode():
            actual = folded(probe)
    except (RuntimeError, TypeError) as exc:  # a network that cannot run the probe (a fixed input size, or inputs
        # besides the image: the region classifier): left as it is
        log.debug("decoder upsampling folding skipped: %s", exc)
        return module
    if changed_output(expected, actual):
        log.warning("folding the decoder's upsampling changed the network's output; it runs unfolded")
        return module
    return folded


def _upsampled_channels(module: nn.Module, probe: torch.Tensor) -> tuple[dict[str, int], object]:
    """Block name -> channels of the input it upsamples, for each foldable decoder block ``probe`` passes through;
    and the network's output on ``probe``."""
    decoders = sys.modules.get("segmentation_models_pytorch.decoders.unet.decoder")  # no U-Net built: not imported
    blocks = {name: block for name, block in module.named_modules()
              if decoders is not None and isinstance(block, decoders.UnetDecoderBlock) and _foldable(block)}
    if not blocks:
        return {}, None
    found: dict[str, int] = {}
    handles = [block.register_forward_pre_hook(
        lambda _m, args, kwargs, name=name: found.__setitem__(name, (args or (kwargs["feature_map"],))[0].shape[1]),
        with_kwargs=True) for name, block in blocks.items()]
    return found, watched_output(module, probe, handles)


def _foldable(block: nn.Module) -> bool:
    """Nearest upsampling, no attention, and a first layer that is exactly a 3x3 convolution (norm folded away)
    and a ReLU."""
    plain_attention = all(isinstance(getattr(block, name).attention, nn.Identity)
                          for name in ("attention1", "attention2"))
    layers = list(block.conv1)
    if len(layers) != 3 or not isinstance(layers[0], nn.Conv2d) or not isinstance(layers[1], nn.Identity):
        return False
    conv = layers[0]
    plain_conv = (conv.kernel_size == (3, 3) and conv.padding == (1, 1) and conv.stride == (1, 1)
                  and conv.dilation == (1, 1) and conv.groups == 1 and conv.bias is not None)
    return block.interpolation_mode == "nearest" and plain_attention and plain_conv and isinstance(layers[2], nn.ReLU)
