"""Review-window figures: open a 4288x2848 JPEG to first paint, and GUI event-loop gaps while an analysis runs.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench gui
Photos are copied to a temporary folder first (opening a folder writes its .retinareview sidecar).
"""
from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.shared_data import shared_photos

FIRST_PAINT_TARGET_MS = 300.0
GAP_TARGET_MS = 50.0
TICK_MS = 5


def _wait(app, condition, timeout_s: float) -> bool:
    """Run the event loop until ``condition()``. Uses an event loop *instance*: PySide6 6.12's static
    QCoreApplication.processEvents() (and QTest.qWait) drop a reference to None per call, and enough calls
    crash Python with "deallocating None"."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            return False
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    return True


def _first_paint(app, window_factory, photo: Path, scratch: Path) -> tuple[float, float]:
    """Seconds from open_paths() to the first painted frame showing the photo, and to the full-size pixels."""
    from PySide6.QtCore import QEvent, QObject

    folder = scratch / f"open-{time.perf_counter_ns()}"
    folder.mkdir()
    shutil.copy(photo, folder / photo.name)
    window = window_factory()
    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint and window.canvas.image_array() is not None and not painted:
                painted.append(time.perf_counter())
            return False

    watch = PaintWatch()
    window.canvas.viewport().installEventFilter(watch)
    _wait(app, lambda: False, 0.2)  # let the empty window settle
    started = time.perf_counter()
    window.open_paths([folder])
    _wait(app, lambda: bool(painted), 10)
    _wait(app, lambda: window.cases.image is not None, 30)
    full = time.perf_counter() - started
    window.close()
    return painted[0] - started if painted else float("nan"), full


def _gaps_during_analysis(app, window, timeout_s: float) -> dict[str, float]:
    """Gaps between ticks of a 5 ms timer while one analysis runs on the worker, and the time the GUI thread
    then spends taking the result in (history, panel, canvas overlays), measured apart."""
    from PySide6.QtCore import Qt, QTimer

    ticks: list[float] = []
    applied: list[tuple[float, float]] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def timed_apply(case_id, result) -> None:
        started = time.perf_counter()
        window.cases.ai_results.apply(case_id, result)
        applied.append((started, time.perf_counter()))

    window.analysis.result_ready.disconnect()
    window.analysis.result_ready.connect(timed_apply)
    timer.start(TICK_MS)
    started = time.perf_counter()
    window.analysis_actions.analyze_current()
    _wait(app, lambda: window.analysis.busy, 5)
    _wait(app, lambda: not window.analysis.busy, timeout_s)
    _wait(app, lambda: False, 0.05)
    timer.stop()
    end_of_run = applied[0][0] if applied else float("inf")
    gaps = sorted(b - a for a, b in zip(ticks, ticks[1:]) if b <= end_of_run)
    return {"worst": gaps[-1] if gaps else float("nan"), "p99": gaps[int(len(gaps) * 0.99)] if gaps else float("nan"),
            "ticks": len(gaps), "duration": (applied[0][0] if applied else time.perf_counter()) - started,
            "apply": applied[0][1] - applied[0][0] if applied else float("nan"),
            "ok": float(bool(applied) and window.cases.doc is not None and window.cases.doc.ai is not None)}


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    photos = shared_photos("fullsize")
    if not photos:
        return
    from PySide6.QtWidgets import QApplication

    import inference.pipeline  # noqa: F401 - `retina-review open` loads torch before its window, as here
    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-gui-") as tmp:
        scratch = Path(tmp)
        settings = Settings.from_file(scratch / "settings.ini")
        settings.save(SettingsValues(analyze_on_open=False))

        def window_factory() -> MainWindow:
            window = MainWindow(settings)
            window.resize(1600, 1000)
            window.show()
            return window

        paints, fulls = [], []
        for photo in photos:
            first, full = _first_paint(app, window_factory, photo, scratch)
            paints.append(first)
            fulls.append(full)
        print(f"   open 4288x2848 JPEG -> first paint: median {statistics.median(paints) * 1000:7.1f} ms, "
              f"worst {max(paints) * 1000:7.1f} ms   (target <= {FIRST_PAINT_TARGET_MS:.0f} ms; "
              f"{len(paints)} photos, fresh workspace each)")
        print(f"   open 4288x2848 JPEG -> full-resolution pixels: median {statistics.median(fulls) * 1000:7.1f} ms")

        folder = scratch / "analyse"
        folder.mkdir()
        shutil.copy(photos[0], folder / photos[0].name)
        window = window_factory()
        window.open_paths([folder])
        _wait(app, lambda: window.cases.image is not None, 30)
        for label in ("first analysis", "second analysis"):
            figures = _gaps_during_analysis(app, window, 600)
            if not figures["ok"]:
                print(f"   {label}: the analysis failed (see the log above); figures are not meaningful")
            print(f"   GUI tick gap while the {label} runs: worst {figures['worst'] * 1000:6.1f} ms, "
                  f"p99 {figures['p99'] * 1000:6.1f} ms   (target worst <= {GAP_TARGET_MS:.0f} ms; "
                  f"{figures['ticks']:.0f} ticks of {TICK_MS} ms over {figures['duration']:.1f} s)")
            print(f"   then taking the result in on the GUI thread: {figures['apply'] * 1000:6.1f} ms "
                  f"(one stall; mostly the canvas rebuilding 12-megapixel overlays)")
        window.close()
