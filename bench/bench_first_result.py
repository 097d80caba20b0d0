"""Time to the first AI result of a session: the window opens a folder (one 12 MP photo from ../shared/data/fullsize,
analysed as the window does, the shipped models on the CPU, torch on one thread), the reader looks at the photo for
READ seconds, then asks for the analysis (F5; a blind reader's submission waits the same way). Without the models'
preload the request loads torch and the models first; with it (app.model_preload) they load while the reader looks.
Each run is a fresh process, so torch's import is counted as a session's first analysis pays it. Also the longest
time the GUI thread did not answer (a 10 ms timer's largest gap) from the folder's opening to the result.

BENCH_FIRST_RESULT_READ (default "0,10") lists the READ seconds to time. Skipped without the photos.
Run: .venv/bin/python -m bench first_result   (about 2-4 minutes on a busy 2-core machine)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.shared_data import shared_photos


def main() -> None:
    photos = shared_photos("fullsize")
    if not photos:
        return
    reads = [float(text) for text in os.environ.get("BENCH_FIRST_RESULT_READ", "0,10").split(",")]
    for read_s in reads:
        for preload in (False, True):
            with tempfile.TemporaryDirectory() as temp:
                folder = Path(temp) / "photos"
                folder.mkdir()
                (folder / photos[0].name).write_bytes(photos[0].read_bytes())
                figures = _in_a_fresh_process(folder, Path(temp), read_s, preload)
            print(f"   read {read_s:.0f} s, preload {'on ' if preload else 'off'}: first result "
                  f"{figures['to_result']:.1f} s after the folder opened, {figures['after_request']:.1f} s after the "
                  f"request; longest GUI stall {figures['stall_ms']:.0f} ms", flush=True)


def _in_a_fresh_process(folder: Path, temp: Path, read_s: float, preload: bool) -> dict[str, float]:
    env = dict(os.environ, OMP_NUM_THREADS="1", QT_QPA_PLATFORM="offscreen", RETINA_REVIEW_PRELOAD=str(int(preload)))
    code = f"from bench.bench_first_result import one_session; one_session({str(folder)!r}, {str(temp)!r}, {read_s})"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def one_session(folder: str, temp: str, read_s: float) -> None:
    """In the child: open ``folder``, ask for the analysis READ seconds after its first case shows, print the
    figures as one JSON line."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues

    app = QApplication([])
    settings = Settings.from_file(Path(temp) / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, device="cpu", reader="bench"))
    window = MainWindow(settings)
    window.show()
    marks: dict[str, float] = {}
    ticks = {"last": time.perf_counter(), "stall": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        ticks["stall"], ticks["last"] = max(ticks["stall"], now - ticks["last"]), now

    def request_once_shown() -> None:
        if window.cases.image is None:
            QTimer.singleShot(50, request_once_shown)
            return
        marks["shown"] = time.perf_counter()
        QTimer.singleShot(int(read_s * 1000), request)

    def request() -> None:
        marks["request"] = time.perf_counter()
        window.actions["analyze"].trigger()

    def result(*_: object) -> None:
        marks["result"] = time.perf_counter()
        app.quit()

    window.analysis.result_ready.connect(result)
    window.analysis.case_failed.connect(lambda _case, error: (print(error, file=sys.stderr), app.exit(1)))
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    marks["open"] = time.perf_counter()
    window.open_paths([Path(folder)])
    request_once_shown()
    if app.exec() != 0:
        raise SystemExit(1)
    print(json.dumps({"to_result": marks["result"] - marks["open"], "after_request": marks["result"] - marks["request"],
                      "stall_ms": ticks["stall"] * 1000}))
    window.close()
