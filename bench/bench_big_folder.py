"""Opening a big folder in the review window: a generated folder of small photos (20,000 by default).

Run: make bench ARGS=big_folder   (BENCH_BIG_FOLDER_N=100000 for another size)
Prints the time from open_paths() to the first painted case-list row, to the first photo on the canvas and to
the whole folder listed; the longest gap between ticks of a 5 ms timer (an event-loop stall) over the whole
open, the first photo's thumbnails included; and the process's peak memory. A second open of the same folder
(the index already knows every photo) is timed too.
"""
from __future__ import annotations

import io
import os
import resource
import tempfile
import time
from pathlib import Path

from bench.bench_gui import _wait

DEFAULT_PHOTOS = 20_000
TICK_MS = 5


def make_folder(folder: Path, count: int) -> None:
    """``count`` 64x48 JPEGs (the same bytes each: the folder's size is what is measured, not decoding)."""
    import numpy as np
    from PIL import Image

    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    pixels = np.random.default_rng(0).integers(0, 255, (48, 64, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(buffer, "JPEG", quality=70)
    for number in range(count):
        (folder / f"photo_{number:06d}.jpg").write_bytes(buffer.getvalue())


def _open_once(app, window, folder: Path, count: int) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer

    ticks: list[float] = []
    listed: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint and not listed and window.case_list.table.model().rowCount():
                listed.append(time.perf_counter())
            return False

    watch = PaintWatch()
    window.case_list.table.viewport().installEventFilter(watch)
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(TICK_MS)
    _wait(app, lambda: False, 0.1)
    started = time.perf_counter()
    ticks.append(started)
    window.open_paths([folder])
    _wait(app, lambda: window.cases.image is not None, 600)
    photo = time.perf_counter()
    _wait(app, lambda: len(window.cases.summaries) >= count and not getattr(window.cases, "busy", False), 600)
    whole = time.perf_counter()
    _wait(app, lambda: False, 0.5)  # the visible rows' thumbnails
    timer.stop()
    window.case_list.table.viewport().removeEventFilter(watch)
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    return {"listed": (listed[0] if listed else float("nan")) - started, "photo": photo - started,
            "whole": whole - started, "stall": max(gaps) if gaps else float("nan")}


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    count = int(os.environ.get("BENCH_BIG_FOLDER_N", DEFAULT_PHOTOS))
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-big-folder-") as tmp:
        scratch = Path(tmp)
        folder = scratch / "photos"
        started = time.perf_counter()
        make_folder(folder, count)
        print(f"   generated {count} photos of 64x48 in {time.perf_counter() - started:.1f} s")
        settings = Settings.from_file(scratch / "settings.ini")
        settings.save(SettingsValues(analyze_on_open=False))
        for label in ("first open", "second open"):
            window = MainWindow(settings)
            window.resize(1600, 1000)
            window.show()
            figures = _open_once(app, window, folder, count)
            window.close()
            peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"   {label:11s}: first list paint {figures['listed'] * 1000:7.0f} ms, first photo "
                  f"{figures['photo'] * 1000:7.0f} ms, all {count} listed {figures['whole']:6.2f} s, longest "
                  f"event-loop stall {figures['stall'] * 1000:7.0f} ms, peak memory {peak_mib:6.0f} MiB")
