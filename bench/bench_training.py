"""Training throughput (images/s) of the trainer's default networks (model_card.default_card: what `train` builds
without --encoder or --size): lesion segmentation (U-Net/ResNet-18 at 640, random crops; the shipped lesion model's
own MobileNetV3-small run at 1536 px is not timed here, its data supply is: bench training_crops) and the DR-grade
classifier (EfficientNet-Lite0 at 512), on CPU and, when present, on CUDA; each with batches made on the training
thread (workers 0, as training did before the DataLoader) and in DataLoader worker processes (the default). Then how
long a run waits for its first step with an empty and with a filled cache of prepared images, and the training
process's peak memory for a small and a 4x larger data set (prepared images live in the cache, not in memory).

Uses ../shared/data/codras-idrid (VOC boxes as weak masks) when present, generated images otherwise. Throughput
counts the optimisation steps only (after a warm-up step), not data preparation or the held-out evaluation.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP
from bench.shared_data import SHARED_DATA

SHARED = SHARED_DATA / "codras-idrid"
IMAGES = 12
MEMORY_IMAGES = (12, 48)  # data set sizes whose peak memory is compared
# (task, device) -> (batch, crop, steps, target images/s)
RUNS = {
    ("seg", "cpu"): (4, 384, 4, 2.0),
    ("grade", "cpu"): (4, None, 4, 4.0),
    ("seg", "cuda"): (16, 512, 25, 100.0),
    ("grade", "cuda"): (32, None, 25, 300.0),
}


def seg_data(root: Path, images: int = IMAGES) -> Path:
    """Links to the first CODRAS images and boxes, or generated fundus-like images with one exudate box each;
    a grades CSV either way."""
    from annotations.classes import LesionClass
    from annotations.document import Box
    from annotations.formats.voc import VocAnnotation, write_voc

    folder = root / "data"
    (folder / "images").mkdir(parents=True)
    (folder / "voc").mkdir()
    lines = ["Image name,Retinopathy grade,Risk of macular edema"]
    sources = sorted((SHARED / "voc").glob("*.xml"))[:images] if SHARED.is_dir() else []
    for number in range(images):
        name = f"img{number:02d}"
        if number < len(sources):
            name = sources[number].stem
            (folder / "images" / f"{name}.jpg").symlink_to(SHARED / "images" / f"{name}.jpg")
            (folder / "voc" / f"{name}.xml").symlink_to(sources[number])
        else:
            image = generated_fundus(number)
            Image.fromarray(image).save(folder / "images" / f"{name}.jpg", quality=90)
            box = Box(LesionClass.EX, 400 + number % 7 * 20, 300, 440 + number % 7 * 20, 330)
            write_voc(folder / "voc" / f"{name}.xml", VocAnnotation(f"{name}.jpg", image.shape[1], image.shape[0],
                                                                    boxes=[box]), {LesionClass.EX: "hard_exudates"})
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


def throughput(task: str, device: str, data: Path, out: Path, cache: Path, workers: int | None
               ) -> tuple[float, int, str]:
    from inference.training.config import TrainConfig
    from inference.training.run import train

    batch, crop, steps, _ = RUNS[(task, device)]
    stamps: list[float] = []
    config = TrainConfig(task=task, data=data, out=out, epochs=1, steps_per_epoch=steps, batch_size=batch, crop=crop,
                         device=device, label_map=IDRID_CODRAS_LABEL_MAP, balance_power=0.0, workers=workers,
                         cache_dir=cache)
    result = train(config, on_step=lambda step, loss, parts: stamps.append(time.perf_counter()))
    seconds = stamps[-1] - stamps[0]
    size = result.card.input_size[0]
    shape = f"{crop}x{crop} crops of {size}" if crop else f"{size}x{size}"
    return (steps - 1) * batch / seconds, batch, shape


def preparation_seconds(data: Path, cache: Path, workers: int) -> tuple[float, float]:
    """Preparing the segmentation training split into an empty cache, then again from the filled cache."""
    from annotations.formats.label_map import parse_label_map
    from annotations.progress import NullState
    from inference.dataset import load_index
    from inference.training.card import initial_card
    from inference.training.config import TrainConfig
    from inference.training.prepared_cache import PreparedCache
    from inference.training.prepared_items import SegmentationPreparation, prepare_items

    config = TrainConfig(task="seg", data=data, out=cache / "unused", label_map=IDRID_CODRAS_LABEL_MAP)
    samples = load_index(data, parse_label_map(config.label_map)).split("train")
    card = initial_card(config, samples)
    seconds = []
    for _ in range(2):
        started = time.perf_counter()
        prepare_items(SegmentationPreparation(card, "weak", card.input_size), samples, PreparedCache(cache),
                      NullState(), workers)
        seconds.append(time.perf_counter() - started)
    return seconds[0], seconds[1]


def peak_memory(images: int) -> dict[str, float]:
    """Train lesion segmentation for two steps on ``images`` images in a fresh process: its resident memory at the
    first step (the data set is ready), its peak, and the largest peak of its DataLoader workers (MB)."""
    done = subprocess.run([sys.executable, "-m", "bench.bench_training", "--memory", str(images)], check=True,
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    return json.loads(done.stdout.strip().splitlines()[-1])


def memory_child(images: int) -> None:
    import resource  # Unix only, like the figure it reads

    from inference.training.config import TrainConfig
    from inference.training.run import train

    at_first_step: list[float] = []
    with tempfile.TemporaryDirectory() as temp:
        data = seg_data(Path(temp), images)
        train(TrainConfig(task="seg", data=data, out=Path(temp) / "model", epochs=1, steps_per_epoch=2, batch_size=4,
                          crop=384, device="cpu", label_map=IDRID_CODRAS_LABEL_MAP, cache_dir=Path(temp) / "cache"),
              on_step=lambda step, loss, parts: at_first_step.append(_resident_mb()) if step == 1 else None)
    print(json.dumps({"first_step_mb": at_first_step[0],
                      "training_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def _resident_mb() -> float:
    """Current resident set size (Linux /proc)."""
    import resource

    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    from inference.training.loader import default_workers

    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    source = "codras-idrid (VOC weak masks)" if SHARED.is_dir() else "generated images"
    workers = default_workers()
    print(f"   data: {IMAGES} images from {source}; torch threads {torch.get_num_threads()}")
    with tempfile.TemporaryDirectory() as temp:
        data, cache = seg_data(Path(temp)), Path(temp) / "cache"
        for device in devices:
            name = torch.cuda.get_device_name() if device == "cuda" else "CPU"
            for task in ("seg", "grade"):
                label = "lesion seg U-Net/ResNet-18" if task == "seg" else "DR grade EfficientNet-Lite0"
                target = RUNS[(task, device)][3]
                runs = ((0, "before: training thread"), (workers, f"DataLoader, {workers} workers"))
                for loader_workers, how in runs:
                    out = Path(temp) / f"{task}-{device}-{loader_workers}"
                    rate, batch, shape = throughput(task, device, data, out, cache, loader_workers)
                    print(f"   {label:<28} {name:<24} batch {batch:>2}, {shape:<20} {how:<26} {rate:8.1f} images/s  "
                          f"(target >= {target:g})", flush=True)
        cold, warm = preparation_seconds(data, Path(temp) / "fresh-cache", workers)
        print(f"   preparing the seg training split: {cold:.1f} s into an empty cache, {warm:.2f} s from the cache")
    for images in MEMORY_IMAGES:
        peak = peak_memory(images)
        print(f"   memory training seg on {images:>3} images: {peak['first_step_mb']:.0f} MB at the first step, peak "
              f"{peak['training_mb']:.0f} MB (largest worker {peak['worker_mb']:.0f} MB)", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--memory"]:
        memory_child(int(sys.argv[2]))
    else:
        main()
