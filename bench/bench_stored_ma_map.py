"""What keeping the probability maps with a case (``store_probabilities``, the window's and ``analyze
--workspace``'s analysis) adds to one analysis' CPU work, and to the MA candidates stage's, with the shipped models
on one CPU thread: best of 3, the two settings interleaved.

Photo: ../shared/data/idrid-seg/images/IDRiD_10.jpg (IDRiD, 4288x2848), skipped when absent.
Run: .venv/bin/python -m bench stored_ma_map   (about a minute)
"""
from __future__ import annotations

import time
from pathlib import Path

PHOTO = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "idrid-seg" / "images" / "IDRiD_10.jpg"
REPEATS = 3


def main() -> None:
    if not PHOTO.exists():
        print(f"   skipped: {PHOTO} is absent")
        return
    import torch

    torch.set_num_threads(1)
    from annotations.image_io import load_image
    from inference.analysis_models import assemble_models
    from inference.analysis_settings import AnalysisSettings
    from inference.pipeline import PipelineOptions, analyze

    models = assemble_models(AnalysisSettings(device="cpu"))
    image = load_image(PHOTO)
    best = {False: float("inf"), True: float("inf")}
    stage = {False: float("inf"), True: float("inf")}
    for _ in range(REPEATS):
        for store in (False, True):
            started = time.process_time()
            (outcome,) = analyze([image], models.models, device=models.device,
                                 options=PipelineOptions(store_probabilities=store))
            best[store] = min(best[store], time.process_time() - started)
            stage[store] = min(stage[store], outcome.timings["lesion_candidates"])
    print(f"   {PHOTO.name}: analysis CPU {best[False]:.3f} s -> {best[True]:.3f} s with the maps kept "
          f"(+{(best[True] - best[False]) * 1e3:.0f} ms); MA candidates stage (wall) {stage[False] * 1e3:.0f} ms -> "
          f"{stage[True] * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
