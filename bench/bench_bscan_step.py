"""Stepping the B-scan slider through an OCT volume: each step is the window's decode of one B-scan on its worker
(app.image_loader.decode_and_classify: the frame's pixels, whether it is OCT, its pixel size), timed for

- a volume whose header has per-frame functional groups (each B-scan's Pixel Measures, Frame Content, Plane
  Position and Plane Orientation, as OCT devices write them): PER_FRAME_BSCANS synthetic 64x64 B-scans, every
  PER_FRAME_STRIDE-th stepped to; the header, not the pixels, is what such a step reads most of;
- the same volume of real B-scans uncompressed and in JPEG-LS, which GDCM decodes in a child process
  (annotations.dicom.gdcm_decoders): bench_oct_volume's, BENCH_OCT_BSCANS (default 49) 512x496 B-scans of
  ../shared/data/oct-sample; skipped without them.

Run: OMP_NUM_THREADS=1 .venv/bin/python -m bench bscan_step   (5-20 s)
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.bench_oct_volume import BSCAN_SIZE, _bscans, _write_volume

PER_FRAME_BSCANS = 1024
PER_FRAME_SIZE = 64  # B-scans this small leave the header's reading to be timed
PER_FRAME_STRIDE = 16


def _step_times(path: Path, numbers: range, size: tuple[int, int]) -> list[float]:
    from annotations.frames import with_frame
    from app.image_loader import decode_and_classify

    times = []
    for number in numbers:
        started = time.perf_counter()
        decode_and_classify((with_frame(str(path), number), size))
        times.append(time.perf_counter() - started)
    return times


def _report(name: str, path: Path, times: list[float]) -> None:
    print(f"   {name}: {len(times)} B-scans stepped one by one, {statistics.median(times) * 1000:.0f} ms a step "
          f"(median; first {times[0] * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms), "
          f"{path.stat().st_size / 1e6:.1f} MB")


def _per_frame_volume(path: Path) -> Path:
    from pydicom import uid

    from tests.dicom_files import per_frame_groups, write_dicom

    pixels = np.random.default_rng(0).integers(0, 255, (PER_FRAME_BSCANS, PER_FRAME_SIZE, PER_FRAME_SIZE), np.uint8)
    return write_dicom(path, pixels, uid.OphthalmicTomographyImageStorage, frames=True,
                       header={"PerFrameFunctionalGroupsSequence": per_frame_groups(PER_FRAME_BSCANS)})


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        path = _per_frame_volume(Path(temp) / "per-frame.dcm")
        times = _step_times(path, range(1, PER_FRAME_BSCANS + 1, PER_FRAME_STRIDE), (PER_FRAME_SIZE,) * 2)
        _report(f"per-frame functional groups, {PER_FRAME_BSCANS} B-scans of {PER_FRAME_SIZE}x{PER_FRAME_SIZE}", path,
                times)
    count = int(os.environ.get("BENCH_OCT_BSCANS", "49"))
    frames = _bscans(count)
    if frames is None:
        return
    from pydicom import uid

    from tests.dicom_files import gdcm_encoded

    with tempfile.TemporaryDirectory() as temp:
        for name, syntax in (("uncompressed", None), ("JPEG-LS lossless", uid.JPEGLSLossless)):
            path = Path(temp) / f"{name}.dcm"
            _write_volume(path, frames)
            if syntax:
                gdcm_encoded(path, syntax)
            _report(name, path, _step_times(path, range(1, count + 1), BSCAN_SIZE))
