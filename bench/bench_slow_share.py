"""A folder on a slow network share: every open of one of its files takes SLOW_S (BENCH_SHARE_READ_S, default 2 s).
The window, its folder opened on three 12 MP JPEGs each saved with a box and a painted mask, switches to each of the
other two; printed per switch: how long ``select_case`` held the GUI thread, when the case's labels and its photo
were in, the longest stall of a 20 ms timer meanwhile, and the files opened on the GUI thread. Then Page Down held
past a case still being read: when the case stopped at had its labels and photo.

Run: OMP_NUM_THREADS=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench slow_share   (about 30 s)
"""
from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

SLOW_S = float(os.environ.get("BENCH_SHARE_READ_S", "2"))
NAMES = ("a.jpg", "b.jpg", "c.jpg")


def _photos(folder: Path) -> None:
    from PIL import Image

    rng = np.random.default_rng(0)
    for name in NAMES:
        rgb = np.clip(rng.normal(90, 20, (2848, 4288, 3)), 0, 255).astype(np.uint8)
        Image.fromarray(rgb).save(folder / name, quality=85)


def _saved_labels(folder: Path) -> None:
    from annotations.classes import LesionClass
    from annotations.document import Box
    from annotations.workspace import Workspace

    with Workspace.open(folder, reader="bench") as ws:
        for case in ws.cases():
            doc = ws.load_case(case.case_id)
            doc.boxes = [Box(LesionClass.HE, 100, 100, 399, 399)]
            doc.mask[100:400, 100:400] = LesionClass.HE.bit
            ws.save_case(doc)


def _page_down(window, cases: list[str], wait) -> None:  # noqa: ANN001 - the bench's window and wait
    """Page Down held: ``cases`` chosen 50 ms apart, none of them kept in memory (read from the share, as in a
    folder just opened); when the last one's labels and photo were in, from its choice."""
    window.cases.histories.clear()
    for case_id in cases[:-1]:
        window.cases.select_case(case_id)
        wait(lambda: False, 0.05)
    started = time.perf_counter()
    window.cases.select_case(cases[-1])
    wait(lambda: window.cases.doc is not None)
    labels = time.perf_counter()
    wait(lambda: window.cases.image is not None)
    print(f"   Page Down past {len(cases) - 1} case(s) to {Path(window.cases.doc.image_path).name}: labels in "
          f"{labels - started:.2f} s, photo in {time.perf_counter() - started:.2f} s")


def main() -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues

    scratch = Path(tempfile.mkdtemp(prefix="bench-share-"))
    folder = scratch / "share"
    folder.mkdir()
    _photos(folder)
    _saved_labels(folder)
    os.environ["RETINA_REVIEW_PRELOAD"] = "0"
    settings = Settings.from_file(scratch / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="bench"))

    def wait(condition, timeout_s: float = 120.0) -> None:  # noqa: ANN001 - a callable returning a bool
        deadline = time.perf_counter() + timeout_s
        while not condition() and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.002)

    window = MainWindow(settings)
    window.show()
    window.open_paths([folder])
    wait(lambda: window.cases.image is not None and not window.cases.busy)
    gui, real_open, on_gui = threading.main_thread(), os.open, []

    def slow_open(path, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's own
        if str(path).startswith(str(folder)):
            if threading.current_thread() is gui:
                on_gui.append(Path(path).name)
            time.sleep(SLOW_S)
        return real_open(path, *args, **kwargs)

    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    os.open = slow_open
    try:
        cases = [summary.case_id for summary in window.cases.summaries.values()]
        for case_id in cases[1:]:
            on_gui.clear()
            ticks.clear()
            started = time.perf_counter()
            window.cases.select_case(case_id)
            returned = time.perf_counter()
            wait(lambda: window.cases.doc is not None)
            labels = time.perf_counter()
            wait(lambda: window.cases.image is not None)
            photo = time.perf_counter()
            seen = [started] + ticks + [photo]
            print(f"   {Path(window.cases.doc.image_path).name}: select_case {returned - started:.2f} s, labels in "
                  f"{labels - started:.2f} s, photo in {photo - started:.2f} s, longest stall "
                  f"{max(b - a for a, b in zip(seen, seen[1:])):.2f} s; opened on the GUI thread: "
                  f"{', '.join(on_gui) or 'nothing'}")
        _page_down(window, cases[:2], wait)
    finally:
        os.open = real_open
        timer.stop()
        window.close()
