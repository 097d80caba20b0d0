"""Workspace bytes per case (issue 18): what one analysed 12 MP case's AI result costs on disk, and its save and
load time, as stored now (Grad-CAM as 8-bit levels reduced to <= 1536 px, format version 2) against before
(Grad-CAM float32 at the photo's size, version 1); and what other lossless encodings of the AI mask would save.

"Before" is the same analysis with the cam left at the photo's size. Photos: ../shared/data/idrid-seg/images
(IDRiD, 4288x2848), skipped when absent; shipped models, one CPU thread, as the window's analysis (probability
maps kept).
Run: .venv/bin/python -m bench ai_store   (about a minute)
"""
from __future__ import annotations

import io
import lzma
import statistics
import time
from typing import Callable
from unittest.mock import patch

import numpy as np
from PIL import Image

from bench.shared_data import shared_photos, shipped_models_on_one_thread

COUNT = 3  # photos measured


def _best(action: Callable[[], object], repeats: int = 3) -> tuple[object, float]:
    best, value = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        value = action()
        best = min(best, time.perf_counter() - started)
    return value, best


def main() -> None:
    photos = shared_photos("idrid-seg/images")[:COUNT]
    if not photos:
        return
    from annotations.image_io import load_image
    from annotations.probability_maps import compact_cam
    from annotations.workspace import codec
    from inference.pipeline import PipelineOptions, analyze

    models = shipped_models_on_one_thread()
    rows: dict[str, list[tuple[int, float, float]]] = {"before": [], "now": []}
    for photo in photos:
        image = load_image(photo)
        with patch("inference.pipeline.compact_cam", lambda cam: cam):  # the analysis as it was: full-size cam
            (outcome,) = analyze([image], models.models, device=models.device,
                                 options=PipelineOptions(store_probabilities=True))
        result = outcome.result
        full_arrays = result.arrays()
        result.cam = compact_cam(result.cam)  # what the analysis keeps now
        stored = {"now": codec.ai_arrays(result), "before": full_arrays}
        for label, arrays in stored.items():
            data, write_s = _best(lambda: codec.arrays_to_npz(**arrays))
            _, read_s = _best(lambda: codec.ai_from_json(codec.ai_scalars_to_json(result),
                                                         codec.arrays_from_npz(data)))
            rows[label].append((len(data), write_s, read_s))
        cam_shape = stored["now"]["cam"].shape
        print(f"   {photo.name}: AI arrays {rows['before'][-1][0] / 1e6:.1f} MB before -> "
              f"{rows['now'][-1][0] / 1e3:.0f} kB now (Grad-CAM {cam_shape[1]}x{cam_shape[0]} uint8)")
        _mask_encodings(result.mask)
    for label in ("before", "now"):
        sizes, writes, reads = zip(*rows[label])
        print(f"   workspace bytes per case ({label}): median {statistics.median(sizes) / 1e3:,.0f} kB, "
              f"save {statistics.median(writes) * 1e3:.0f} ms, load {statistics.median(reads) * 1e3:.0f} ms "
              "(AI arrays file; the reader's mask and case.json are extra and unchanged)")


def _mask_encodings(mask: np.ndarray) -> None:
    """The AI mask's size and encode/decode time in the kept encoding (deflated .npz) and lossless others."""
    from annotations.workspace import codec

    def png(level: int) -> Callable[[], bytes]:
        def encode() -> bytes:
            buffer = io.BytesIO()
            Image.fromarray(mask).save(buffer, format="PNG", compress_level=level)
            return buffer.getvalue()
        return encode

    encodings = {
        "npz (kept)": (lambda: codec.arrays_to_npz(mask=mask), lambda data: codec.arrays_from_npz(data)),
        "PNG level 6": (png(6), lambda data: np.asarray(Image.open(io.BytesIO(data)))),
        "PNG level 9": (png(9), lambda data: np.asarray(Image.open(io.BytesIO(data)))),
        "xz preset 1": (lambda: lzma.compress(mask.tobytes(), preset=1), lzma.decompress),
    }
    parts = []
    for name, (encode, decode) in encodings.items():
        data, write_s = _best(encode, 2)
        _, read_s = _best(lambda: decode(data), 2)
        parts.append(f"{name} {len(data) / 1e3:.0f} kB {write_s * 1e3:.0f}/{read_s * 1e3:.0f} ms")
    print("      AI mask (write/read): " + "; ".join(parts))
