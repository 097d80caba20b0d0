"""The region classifier: a small CNN over a region's patch (green, red, residue, the region's own outline) whose
pooled features join the region's measurements (``dark_regions.FEATURE_NAMES``) in a two-layer head. The
measurements' mean and spread from training are buffers of the module, so they travel in its weights file."""
from __future__ import annotations

import numpy as np
import torch
from torch import nn

from inference.lesion_candidates.dark_regions import FEATURE_NAMES

CHANNELS = (16, 32, 64)
INPUT_CHANNELS = 4
HIDDEN = 64
BATCH = 512


class RegionClassifier(nn.Module):
    def __init__(self, channels: tuple[int, ...] = CHANNELS, features: int = len(FEATURE_NAMES)) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        width = INPUT_CHANNELS
        for out in channels:
            layers += [nn.Conv2d(width, out, 3, padding=1), nn.BatchNorm2d(out), nn.ReLU(inplace=True),
                       nn.MaxPool2d(2)]
            width = out
        self.patch_features = nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Sequential(nn.Linear(width + features, HIDDEN), nn.ReLU(inplace=True), nn.Linear(HIDDEN, 1))
        self.register_buffer("feature_mean", torch.zeros(features))
        self.register_buffer("feature_scale", torch.ones(features))

    def forward(self, patches: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        """Logits (N,) for patches (N, 4, S, S) and raw measurements (N, F)."""
        measured = (features - self.feature_mean) / self.feature_scale
        return self.head(torch.cat([self.patch_features(patches), measured], 1)).squeeze(1)


@torch.inference_mode()
def classify_regions(model: nn.Module, patches: np.ndarray, features: np.ndarray) -> np.ndarray:
    """float32 probability per region, on the model's device."""
    if not len(patches):
        return np.zeros(0, np.float32)
    device = next(model.parameters()).device
    data, measured = torch.from_numpy(np.ascontiguousarray(patches)), torch.from_numpy(features)
    return torch.cat([torch.sigmoid(model(data[i:i + BATCH].to(device), measured[i:i + BATCH].to(device))).cpu()
                      for i in range(0, len(data), BATCH)]).numpy()
