"""What keeping the per-class probability maps with a case costs (annotations.probability_maps): bytes on disk
per 12 MP photo (the maps in the case's AI arrays file, beside the mask and Grad-CAM already there) and the CPU
time they add to the window's analysis and to its MA candidates stage (whose kept map is painted on its own
half-resolution grid, not made at full size), with the shipped models, one CPU thread.

Photos: ../shared/data/idrid-seg/images (IDRiD, 4288x2848), skipped when absent.
Run: .venv/bin/python -m bench probability_storage   (about 3 minutes)
"""
from __future__ import annotations

import statistics
import time

from bench.shared_data import shared_photos, shipped_models_on_one_thread

COUNT = 6  # photos measured
REPEATS = 2  # best of, per photo and setting, interleaved


def main() -> None:
    photos = shared_photos("idrid-seg/images")[:COUNT]
    if not photos:
        return
    from annotations.image_io import load_image
    from annotations.workspace.codec import arrays_to_npz
    from inference.pipeline import PipelineOptions, analyze

    models = shipped_models_on_one_thread()
    sizes, others, added = [], [], []
    for photo in photos:
        image = load_image(photo)
        best = {False: float("inf"), True: float("inf")}
        stage = {False: float("inf"), True: float("inf")}
        for _ in range(REPEATS):
            for store in (False, True):
                started = time.process_time()
                (outcome,) = analyze([image], models.models, device=models.device,
                                     options=PipelineOptions(store_probabilities=store))
                best[store] = min(best[store], time.process_time() - started)
                stage[store] = min(stage[store], outcome.timings.get("lesion_candidates", 0.0))
        result = outcome.result
        maps = {f"prob_{name}": levels for name, levels in result.probabilities.items()}
        sizes.append(len(arrays_to_npz(**maps)))
        others.append(len(arrays_to_npz(mask=result.mask, cam=result.cam)))
        added.append(best[True] - best[False])
        shape = next(iter(result.probabilities.values())).shape
        print(f"   {photo.name}: {len(maps)} maps {shape[1]}x{shape[0]}, {sizes[-1] / 1e3:.0f} kB "
              f"(mask + Grad-CAM {others[-1] / 1e3:.0f} kB); CPU {best[False]:.2f} s -> {best[True]:.2f} s; "
              f"MA candidates stage (wall) {stage[False] * 1e3:.0f} -> {stage[True] * 1e3:.0f} ms")
    print(f"   probability maps per 12 MP case: median {statistics.median(sizes) / 1e3:.0f} kB, "
          f"max {max(sizes) / 1e3:.0f} kB; analysis CPU added: median {statistics.median(added) * 1e3:.0f} ms "
          "(one thread; noisy on a shared machine)")
