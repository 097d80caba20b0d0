"""Peak memory of analysing a 119-megapixel PNG of a few hundred kB (issue 13) with the shipped models, with the
analysis budget (inference.large_images) and, for comparison at 40 MP, without it.

Each run is its own process, so its peak resident memory (ru_maxrss) is its own. One CPU thread.
Run: .venv/bin/python -m bench large_image   (about 2 minutes)
"""
from __future__ import annotations

import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

RUNS = [((12000, 9950), None), ((8000, 5000), None), ((8000, 5000), 10**12)]  # (size, max_pixels: None=default)


def _fundus_png(path: Path, width: int, height: int) -> None:
    import numpy as np
    from PIL import Image

    yy, xx = np.ogrid[:height, :width]
    image = np.zeros((height, width, 3), np.uint8)
    image[((xx - width / 2) ** 2 + (yy - height / 2) ** 2) < (min(width, height) * 0.45) ** 2] = (170, 80, 30)
    Image.fromarray(image).save(path)


def _analyse(path: str, max_pixels: int | None) -> tuple[float, int, str]:
    import torch

    torch.set_num_threads(1)
    from inference.pipeline import PipelineOptions, analyze
    from inference.registry import ModelRegistry

    models = ModelRegistry().load_set()
    started = time.perf_counter()
    options = PipelineOptions() if max_pixels is None else PipelineOptions(max_pixels=max_pixels)
    (outcome,) = analyze([path], models, device="cpu", options=options)
    seconds = time.perf_counter() - started
    shape = "error: " + outcome.error if outcome.error else f"mask {outcome.result.mask.shape[1]}x" \
                                                            f"{outcome.result.mask.shape[0]}"
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, shape


def main() -> None:
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder:
        for (width, height), max_pixels in RUNS:
            path = Path(folder) / f"{width}x{height}.png"
            if not path.exists():
                _fundus_png(path, width, height)
            with context.Pool(1) as pool:
                seconds, peak_mb, shape = pool.apply(_analyse, (str(path), max_pixels))
            budget = "default budget" if max_pixels is None else "no budget"
            print(f"   {width}x{height} ({width * height / 1e6:.0f} MP, {path.stat().st_size // 1024} kB PNG), "
                  f"{budget}: peak {peak_mb:,} MB, {seconds:.1f} s, {shape}")


if __name__ == "__main__":
    main()
