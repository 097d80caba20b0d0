"""The settings dialog's first open before any analysis: time on the GUI thread, and whether torch came with it.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench settings_dialog
A fresh process each time (other benchmarks import torch). Review 8: 7.5-15.4 s with torch and
segmentation_models_pytorch imported before the dialog read its models from their cards; 0.56-0.92 s after, on 2 busy
cores, of which ~0.65 s was the Chinese-font note (reportlab reading the font files), since read on a worker.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import os, sys, tempfile, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from widgets.settings_dialog import SettingsDialog
settings = Settings.from_file(os.path.join(tempfile.mkdtemp(), "settings.ini"))
settings.save(SettingsValues(analyze_on_open=False))
window = MainWindow(settings)
import threading
from PySide6.QtCore import QEventLoop
from app import main_window
SettingsDialog.exec = lambda dialog: 0
described = []  # (seconds, on the GUI thread) of each font note
real_describe = main_window.describe_cjk_font
def timed_describe(path):
    began = time.perf_counter()
    try:
        return real_describe(path)
    finally:
        described.append((time.perf_counter() - began, threading.current_thread() is threading.main_thread()))
main_window.describe_cjk_font = timed_describe
for attempt in ("first", "second"):
    described.clear()
    started = time.perf_counter()
    window.edit_settings()
    opened = time.perf_counter() - started
    while not described and time.perf_counter() - started < 30:  # the note, where it is read on a worker
        QEventLoop().processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    took, on_gui = described[0] if described else (float("nan"), False)
    print(f"   {attempt} open: {1000 * opened:7.0f} ms on the GUI thread; its font note read in {1000 * took:5.0f} ms "
          f"{'on the GUI thread' if on_gui else 'on a worker'}")
heavy = [name for name in ("torch", "segmentation_models_pytorch", "timm") if name in sys.modules]
print(f"   imported by the dialog: {', '.join(heavy) or 'none of torch, smp, timm'}")
"""


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=root, env=env, capture_output=True, text=True)
    print(done.stdout.rstrip() or done.stderr[-2000:])
