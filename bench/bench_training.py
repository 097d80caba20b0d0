"""Training throughput (images/s) of the shipped configurations: lesion segmentation (U-Net/ResNet-18 at 640,
random crops) and the DR-grade classifier (EfficientNet-Lite0 at 512), on CPU and, when present, on CUDA.

Uses ../shared/data/codras-idrid (VOC boxes as weak masks, as the shipped models will be trained) when present,
generated images otherwise. Throughput counts the optimisation steps only (after a warm-up step), not data
preparation or the held-out evaluation.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "codras-idrid"
IMAGES = 12
# (task, device) -> (batch, crop, steps, target images/s)
RUNS = {
    ("seg", "cpu"): (4, 384, 4, 2.0),
    ("grade", "cpu"): (4, None, 4, 4.0),
    ("seg", "cuda"): (16, 512, 25, 100.0),
    ("grade", "cuda"): (32, None, 25, 300.0),
}


def seg_data(root: Path) -> Path:
    """Links to the first CODRAS images and boxes, or generated fundus-like images with a grades CSV."""
    folder = root / "data"
    (folder / "images").mkdir(parents=True)
    (folder / "voc").mkdir()
    lines = ["Image name,Retinopathy grade,Risk of macular edema"]
    sources = sorted((SHARED / "voc").glob("*.xml"))[:IMAGES] if SHARED.is_dir() else []
    for number in range(IMAGES):
        name = f"img{number:02d}"
        if sources:
            name = sources[number].stem
            (folder / "images" / f"{name}.jpg").symlink_to(SHARED / "images" / f"{name}.jpg")
            (folder / "voc" / f"{name}.xml").symlink_to(sources[number])
        else:
            Image.fromarray(generated_fundus(number)).save(folder / "images" / f"{name}.jpg", quality=90)
        lines.append(f"{name},{number % 5},0")
    (folder / "grades.csv").write_text("\n".join(lines) + "\n")
    return folder


def generated_fundus(seed: int, width: int = 1024, height: int = 680) -> np.ndarray:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[:height, :width]
    inside = (xx - width / 2) ** 2 + (yy - height / 2) ** 2 < (0.48 * height) ** 2
    image = np.zeros((height, width, 3), np.uint8)
    image[inside] = (170, 80, 30)
    noise = rng.normal(0, 8, image.shape)
    return np.clip(image + noise * inside[..., None], 0, 255).astype(np.uint8)


def throughput(task: str, device: str, data: Path, out: Path) -> tuple[float, int, str]:
    from inference.training.config import TrainConfig
    from inference.training.run import train

    batch, crop, steps, _ = RUNS[(task, device)]
    stamps: list[float] = []
    config = TrainConfig(task=task, data=data, out=out, epochs=1, steps_per_epoch=steps, batch_size=batch, crop=crop,
                         device=device, label_map=IDRID_CODRAS_LABEL_MAP, balance_power=0.0)
    result = train(config, on_step=lambda step, loss, parts: stamps.append(time.perf_counter()))
    seconds = stamps[-1] - stamps[0]
    size = result.card.input_size[0]
    shape = f"{crop}x{crop} crops of {size}" if crop else f"{size}x{size}"
    return (steps - 1) * batch / seconds, batch, shape


def main() -> None:
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    source = "codras-idrid (VOC weak masks)" if SHARED.is_dir() else "generated images"
    print(f"   data: {IMAGES} images from {source}; torch threads {torch.get_num_threads()}")
    with tempfile.TemporaryDirectory() as temp:
        data = seg_data(Path(temp))
        for device in devices:
            name = torch.cuda.get_device_name() if device == "cuda" else "CPU"
            for task in ("seg", "grade"):
                rate, batch, shape = throughput(task, device, data, Path(temp) / f"{task}-{device}")
                target = RUNS[(task, device)][3]
                label = "lesion seg U-Net/ResNet-18" if task == "seg" else "DR grade EfficientNet-Lite0"
                print(f"   {label:<28} {name:<24} batch {batch:>2}, {shape:<20} {rate:8.1f} images/s  "
                      f"(target >= {target:g})", flush=True)
