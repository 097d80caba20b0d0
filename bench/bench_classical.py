"""Classical lesion detector: time on a 4288x2848 photo, and `evaluate boxes` on the held-out CODRAS split."""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from annotations.formats.label_map import parse_label_map
from annotations.image_io import load_image
from app.box_table import box_table
from bench.shared_data import SHARED_DATA, shared_photos
from inference.box_eval import evaluate_boxes
from inference.box_pairs import held_out_ids
from inference.dataset import HELD_OUT_RULE
from inference.classical import detect_lesions
from inference.preprocess import find_fov

CODRAS_MAP = "hard_exudates=EX,haemorrhage=HE,optic_disc=OD"
RUNS = 5


def main() -> None:
    full = shared_photos("fullsize")
    if not full:
        return
    image = load_image(full[0])
    fov = find_fov(image)
    detect_lesions(image, fov)  # warm-up: first-call allocations
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        detect_lesions(image, fov)
        times.append(time.perf_counter() - started)
    height, width = image.shape[:2]
    print(f"   detect_lesions on {full[0].name} ({width}x{height}): median {statistics.median(times):.2f} s "
          f"over {RUNS} runs (target <= 1 s on 2 cores)")
    data = SHARED_DATA / "codras-idrid"
    ids = held_out_ids(data)
    print(f"   evaluate_boxes on {len(ids)} held-out images ({HELD_OUT_RULE})", flush=True)
    with tempfile.TemporaryDirectory() as out:
        result = evaluate_boxes("classical", data, parse_label_map(CODRAS_MAP), Path(out), ids=ids)
    for line in box_table(result).splitlines():
        print("   " + line)
    print("   targets (for learned models): lesions-present AUC >= 0.85; EX recall >= 0.75 at precision >= 0.6; "
          "HE recall >= 0.6 at precision >= 0.5; optic disc hit >= 0.95")


if __name__ == "__main__":
    main()
