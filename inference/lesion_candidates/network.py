"""The patch classifier: a tiny CNN (about 30 k weights, 0.4 M multiply-adds a patch) that says whether a
candidate is a lesion of its class. Small on purpose: it scores up to 2000 candidates per photo on one CPU thread
within tens of milliseconds."""
from __future__ import annotations

import numpy as np
import torch
from torch import nn

from inference.lesion_candidates.patches import PATCH_SIZE

CHANNELS = (8, 16, 32)
INPUT_CHANNELS = 2  # the shipped input (lesion_candidates.patches); ``inputs`` lets a recipe try more


class PatchClassifier(nn.Module):
    def __init__(self, channels: tuple[int, ...] = CHANNELS, inputs: int = INPUT_CHANNELS) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        width = inputs
        for out in channels:
            layers += [nn.Conv2d(width, out, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2)]
            width = out
        self.features = nn.Sequential(*layers)
        side = PATCH_SIZE // 2 ** len(channels)
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(width * side * side, 32), nn.ReLU(inplace=True),
                                  nn.Linear(32, 1))

    def forward(self, patches: torch.Tensor) -> torch.Tensor:
        """Logits (N,) for patches (N, inputs, PATCH_SIZE, PATCH_SIZE)."""
        return self.head(self.features(patches)).squeeze(1)


BATCH = 512  # patches per forward pass: larger batches run slower on one thread (cache)


@torch.inference_mode()
def classify(model: nn.Module, patches: np.ndarray, device: torch.device | str = "cpu") -> np.ndarray:
    """float32 probability per patch (N, 2, PATCH_SIZE, PATCH_SIZE), computed on ``device`` (the model's)."""
    if not len(patches):
        return np.zeros(0, np.float32)
    data = torch.from_numpy(np.ascontiguousarray(patches))
    return torch.cat([torch.sigmoid(model(data[i:i + BATCH].to(device, memory_format=torch.channels_last))).cpu()
                      for i in range(0, len(data), BATCH)]).numpy()
