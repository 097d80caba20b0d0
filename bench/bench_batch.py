"""Batch analysis (issue 18): photos/s over a batch of 12-megapixel photos with the shipped models and the default
outputs, the old serial loop (decode, analyse, write one after another) against the local engine (decode, analysis
and writing overlapped), each in its own process for its peak memory; and the bytes written per photo.

Photos: copies of the real 4288x2848 JPEGs in ../shared/data/fullsize when present, else synthetic JPEGs of that
size. BENCH_BATCH_PHOTOS (default 50) sets the batch size, BENCH_BATCH_WIDTH (default 4288) shrinks the photos
(e.g. 1072 for a quick run on a busy machine), BENCH_BATCH_OUTPUTS (default json,mask) the outputs.
Run: .venv/bin/python -m bench batch   (about 4 minutes for 50 full-size photos on 2 idle cores)
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from PIL import Image

from bench.shared_data import SHARED_DATA

SHARED_PHOTOS = SHARED_DATA / "fullsize"
SIZE = (4288, 2848)


def _photos(folder: Path, count: int, width: int) -> tuple[list[Path], str]:
    real = sorted(SHARED_PHOTOS.glob("*.jpg")) if SHARED_PHOTOS.is_dir() else []
    folder.mkdir()
    if not real:
        real = [folder / "synthetic.jpg"]
        _synthetic_fundus_jpeg(real[0])
    if width < SIZE[0]:
        real = [_shrunk(path, folder / f"small_{path.name}", width) for path in real]
    paths = []
    for index in range(count):
        paths.append(folder / f"photo_{index:03d}.jpg")
        shutil.copyfile(real[index % len(real)], paths[-1])
    kind = "synthetic photos" if real[0].name.endswith("synthetic.jpg") else \
        f"copies of {len(real)} real photo(s) from {SHARED_PHOTOS}"
    return paths, kind


def _shrunk(source: Path, target: Path, width: int) -> Path:
    with Image.open(source) as image:
        image.resize((width, round(image.height * width / image.width)), Image.Resampling.BOX).save(target, quality=92)
    return target


def _synthetic_fundus_jpeg(path: Path) -> None:
    """An orange disc with grain, a bright disc and dark spots: something for every stage to work on."""
    import numpy as np

    width, height = SIZE
    rng = np.random.default_rng(1)
    yy, xx = np.ogrid[:height, :width]
    inside = (xx - width / 2) ** 2 + (yy - height / 2) ** 2 < (0.45 * height) ** 2
    image = np.zeros((height, width, 3), np.float32)
    image[inside] = (170, 80, 30)
    image[(xx - 0.7 * width) ** 2 + (yy - height / 2) ** 2 < (0.06 * height) ** 2] = (250, 220, 170)
    for x, y in rng.uniform(0.3, 0.7, size=(40, 2)) * (width, height):
        image[(xx - x) ** 2 + (yy - y) ** 2 < 64] = (90, 30, 15)
    image += rng.normal(0, 6, image.shape) * inside[..., None]
    Image.fromarray(np.clip(image, 0, 255).astype(np.uint8)).save(path, quality=92)


def _run(engine: str, photos: list[str], out: str, outputs: tuple[str, ...]) -> tuple[float, int]:
    from annotations.output_folder import OutputFolder
    from inference.analysis_models import assemble_models
    from inference.analysis_settings import AnalysisSettings
    from inference.batch.local_engine import run_local
    from inference.batch.photo import BatchRecipe, PhotoTask
    from inference.batch.results import ResultWriter
    from inference.outputs import write_outputs
    from inference.pipeline import PipelineOptions, analyze

    settings = AnalysisSettings(device="cpu")
    assembled = assemble_models(settings)
    folder = OutputFolder(out)
    options = PipelineOptions(modality=None)
    started = time.perf_counter()
    if engine == "serial":
        def save(outcome) -> None:
            write_outputs(outcome, outcome.image, folder, Path(outcome.source).stem, outputs)
            outcome.image = None

        analyze(photos, assembled.models, None, assembled.device, options, on_result=save, keep_images=True)
    else:
        writer = ResultWriter(folder)
        run_local([PhotoTask(p, Path(p).stem, Path(p).stem) for p in photos], BatchRecipe(settings, options, outputs),
                  assembled.models, assembled.device, writer.accept)
        assert not writer.failures, writer.failures
    return time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    count = int(os.environ.get("BENCH_BATCH_PHOTOS", "50"))
    width = int(os.environ.get("BENCH_BATCH_WIDTH", str(SIZE[0])))
    outputs = tuple(os.environ.get("BENCH_BATCH_OUTPUTS", "json,mask").split(","))
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as work:
        photos, kind = _photos(Path(work) / "photos", count, width)
        with Image.open(photos[0]) as first:
            size = first.size
        print(f"   {count} photos {size[0]}x{size[1]} ({kind}); outputs {','.join(outputs)}; "
              f"{len(os.sched_getaffinity(0))} CPU core(s)")
        for engine in ("serial", "local"):
            out = Path(work) / f"out-{engine}"
            with context.Pool(1) as pool:
                seconds, peak_mb = pool.apply(_run, (engine, [str(p) for p in photos], str(out), outputs))
            written = [p.stat().st_size for p in out.iterdir() if p.is_file()]
            label = "serial loop (before)" if engine == "serial" else "local engine (overlapped)"
            print(f"   {label:27s}: {count / seconds:.2f} photos/s ({seconds / count:.2f} s per photo), "
                  f"peak {peak_mb:,} MB, {sum(written) / count / 1e6:.3f} MB written per photo")


if __name__ == "__main__":
    main()
