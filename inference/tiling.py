"""Sliding-window inference for inputs larger than a model's tile, blending overlaps with a smooth weight window."""
from __future__ import annotations

from typing import Callable

import torch

from annotations.progress import NullState, TaskState, check_cancelled


def tile_starts(length: int, tile: int, overlap: float) -> list[int]:
    """Start offsets covering [0, length) with tiles of ``tile`` overlapping by about ``overlap`` of a tile."""
    if length <= tile:
        return [0]
    stride = max(1, int(tile * (1.0 - overlap)))
    starts = list(range(0, length - tile, stride))
    starts.append(length - tile)  # the last tile ends exactly on the border
    return starts


def blend_window(height: int, width: int, device: torch.device, floor: float = 0.05) -> torch.Tensor:
    """Hann-like weights, high in the middle of a tile, low (never zero) at its edges where context is missing."""
    def ramp(n: int) -> torch.Tensor:
        return torch.sin(torch.linspace(0.0, torch.pi, n + 2, device=device)[1:-1]) * (1 - floor) + floor
    return ramp(height)[:, None] * ramp(width)[None, :]


def predict_tiled(predict: Callable[[torch.Tensor], torch.Tensor], image: torch.Tensor, tile: tuple[int, int],
                  overlap: float = 0.25, state: TaskState | None = None) -> torch.Tensor:
    """Run ``predict`` (N,3,th,tw) -> (N,K,th,tw) over tiles of ``image`` (1,3,H,W); returns the blended (1,K,H,W).

    ``predict`` should return probabilities (blending logits across tiles with different context is less stable).
    Images smaller than a tile are run whole.
    """
    state = state or NullState()
    _, _, height, width = image.shape
    tile_h, tile_w = min(tile[0], height), min(tile[1], width)
    positions = [(y, x) for y in tile_starts(height, tile_h, overlap) for x in tile_starts(width, tile_w, overlap)]
    window = blend_window(tile_h, tile_w, image.device)
    total: torch.Tensor | None = None
    weight = torch.zeros((height, width), device=image.device)
    for index, (y, x) in enumerate(positions):
        check_cancelled(state)
        output = predict(image[:, :, y:y + tile_h, x:x + tile_w])
        if total is None:
            total = torch.zeros((1, output.shape[1], height, width), device=image.device, dtype=output.dtype)
        total[:, :, y:y + tile_h, x:x + tile_w] += output * window
        weight[y:y + tile_h, x:x + tile_w] += window
        state.progress((index + 1) / len(positions), f"tile {index + 1} of {len(positions)}")
    assert total is not None  # positions is never empty
    return total / weight
