"""Stepping the B-scan slider through an OCT volume: each step is the window's decode of one B-scan on its worker
(app.image_loader.decode_and_classify: the frame's pixels, whether it is OCT, its pixel size), timed for the same
volume uncompressed and in JPEG-LS, which GDCM decodes in a child process (annotations.dicom.gdcm_decoders).

The volume: bench_oct_volume's, BENCH_OCT_BSCANS (default 49) 512x496 B-scans of ../shared/data/oct-sample; skipped
without them. Run: .venv/bin/python -m bench bscan_step   (about half a minute)
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.bench_oct_volume import BSCAN_SIZE, _bscans, _write_volume


def _step_times(path: Path, count: int) -> list[float]:
    from annotations.frames import with_frame
    from app.image_loader import decode_and_classify

    times = []
    for number in range(1, count + 1):
        started = time.perf_counter()
        decode_and_classify((with_frame(str(path), number), BSCAN_SIZE))
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
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
            times = _step_times(path, count)
            print(f"   {name}: {count} B-scans stepped one by one, {statistics.median(times) * 1000:.0f} ms a step "
                  f"(median; first {times[0] * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms), "
                  f"{path.stat().st_size / 1e6:.1f} MB")
