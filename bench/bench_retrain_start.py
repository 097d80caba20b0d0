"""How long "Retrain from reviewed cases" keeps the person waiting before training says anything: from pressing Start
to the training process's first progress word (then the run is cancelled). Between them: saving the open case, the
export of the done cases, the worker importing torch and the trainers, the child process starting and importing
torch, reading the export, building the network from the lesion model in use and preparing the first image. The
dialog's status said nothing new in that time (the run sat at 10 %) before it showed a silent stage's seconds.

Six photos of ../shared/data/idrid-seg (4288x2848, marked done with a small painted haemorrhage each), generated
640x480 photos without it; the window's defaults (the shipped models on the CPU). Each run is a fresh process, so the
imports are counted as a session's first retraining pays them.
Run: .venv/bin/python -m bench retrain_start   (about 1-2 minutes on a busy 2-core machine)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from bench.shared_data import SHARED_DATA

PHOTOS = 6


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "photos"
        source = _cases(folder)
        result = subprocess.run([sys.executable, "-m", "bench.bench_retrain_start", str(folder), temp],
                                capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1],
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if result.returncode != 0:
        print(f"   failed: {result.stderr[-2000:]}")
        return
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"   {PHOTOS} {source} photos: Start -> export done {figures['export_s']:.1f} s, -> the training "
          f"process's first word {figures['first_word_s']:.1f} s ({figures['first_word']!r})", flush=True)


def _cases(folder: Path) -> str:
    """``folder`` with PHOTOS done cases; which photos ("idrid-seg" or "generated")."""
    from annotations.classes import LesionClass
    from annotations.document import ReviewState
    from annotations.workspace import Workspace

    folder.mkdir()
    photos = sorted((SHARED_DATA / "idrid-seg" / "images").glob("*.jpg"))[:PHOTOS]
    for number in range(PHOTOS):
        if len(photos) == PHOTOS:
            (folder / photos[number].name).write_bytes(photos[number].read_bytes())
        else:
            pixels = np.random.default_rng(number).integers(0, 255, (480, 640, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(folder / f"eye{number}.png")
    workspace = Workspace.open(folder)
    for summary in workspace.cases():
        doc = workspace.load_case(summary.case_id)
        height, width = doc.height, doc.width
        doc.mask = np.zeros((height, width), np.uint8)
        doc.mask[height // 2:height // 2 + 40, width // 2:width // 2 + 40] = LesionClass.HE.bit
        doc.review_state = ReviewState.DONE
        workspace.save_case(doc)
    workspace.close()
    return "idrid-seg" if len(photos) == PHOTOS else "generated"


def _timed(folder: Path, settings_dir: Path) -> dict[str, object]:
    """In this (fresh) process: the window's controllers on ``folder``, Start pressed, the first words timed."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.analysis_controller import AnalysisController
    from app.case_controller import CaseController
    from app.retrain_controller import RetrainController
    from app.settings import Settings, SettingsValues
    from inference.training.retrain_results import STARTING_TRAINING

    settings = Settings.from_file(settings_dir / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False))
    cases = CaseController()
    cases.open_workspace(folder)
    cases.flush()
    controller = RetrainController(cases, AnalysisController(settings.load()), settings)
    dialog = controller.open_dialog()
    said: dict[str, float | str] = {}
    loop = QEventLoop()
    started = time.perf_counter()

    def heard(_fraction: float, message: str) -> None:
        now = time.perf_counter() - started
        if message == STARTING_TRAINING:
            said.setdefault("export_s", now)
        elif "export_s" in said and "first_word_s" not in said:
            said.update(first_word_s=now, first_word=message)
            loop.quit()

    dialog.start_button.click()
    job = controller.runner.current
    assert job is not None, dialog.status_label.text()
    job.progress.connect(heard)
    job.ended.connect(loop.quit)
    QTimer.singleShot(600_000, loop.quit)
    loop.exec()
    controller.cancel()
    controller.shutdown()
    cases.shutdown()
    app.processEvents()
    if "first_word_s" not in said:
        raise SystemExit(f"no word from the training process: {dialog.status_label.text()}")
    return said


if __name__ == "__main__":
    print(json.dumps(_timed(Path(sys.argv[1]), Path(sys.argv[2]))))
