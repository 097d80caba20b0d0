"""The window's first report of a session on two 12 MP photos (IDRiD_01 as the right eye, IDRiD_02 as the left): the
longest GUI-thread stall from File ▸ Report to its preview shown, and Save pressed while that preview is built; then
the same report where the other eye, saved with its five IDRiD masks, was not opened this session (its case read from
the folder's store); last the first report again with the models' preload off (RETINA_REVIEW_PRELOAD=0), the report's
own stall: the preload imports segmentation_models_pytorch and timm on its thread as the folder opens (~200,000 objects;
each full garbage collection meanwhile held the GIL 0.05-0.2 s on a busy two-core machine, whichever thread started
it, until app.long_lived kept full collections out of the load).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench report_dialog
A fresh process each time: the first report of a session loads the report fonts (reportlab), later ones do not.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.shared_data import shared_photos

CHILD = """
import os, shutil, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
app = QApplication([])
import inference.pipeline  # `retina-review open` loads torch before its window (app/commands/open.py), as here
from annotations.commands import SetPatient
from annotations.document import PatientInfo
from app.long_lived import freeze_long_lived
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from widgets.report_dialog import ReportDialog

def wait(condition, timeout_s=60.0):
    loop, deadline = QEventLoop(), time.perf_counter() + timeout_s
    while not condition() and time.perf_counter() < deadline:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    return condition()

def pause(seconds):
    wait(lambda: False, seconds)

ticks = []
timer = QTimer()
timer.setTimerType(Qt.TimerType.PreciseTimer)
timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

def longest_stall(since):
    before = [tick for tick in ticks if tick < since][-1:]  # a stall that began with the call timed from its start
    seen = before + [tick for tick in ticks if tick >= since]
    return max((b - a for a, b in zip(seen, seen[1:])), default=float("nan"))

builds = []

def count_builds():
    # each report built from here on counted: the report modules are imported by then, not before the first
    from app import report_action
    from app.report import builder
    real = builder.build_report_pdf
    counted = lambda *args, **kwargs: builds.append(1) or real(*args, **kwargs)
    for module in (report_action, builder):
        if hasattr(module, "build_report_pdf"):
            module.build_report_pdf = counted

ReportDialog.exec = lambda dialog: 0  # the dialog stays open to be driven
QMessageBox.question = lambda *args: QMessageBox.StandardButton.Yes  # both eyes; not graded: go ahead

scratch = Path(tempfile.mkdtemp(prefix="bench-report-"))
for photo in sys.argv[1:3]:
    shutil.copy(photo, scratch / Path(photo).name)
unopened = sys.argv[3] == "unopened"
if unopened:  # IDRiD_02 saved by an earlier session, with its masks: the window reads it from the store
    import numpy as np
    from PIL import Image
    from annotations.classes import LesionClass
    from annotations.workspace import Workspace
    with Workspace.open(scratch, reader="bench") as ws:
        other = ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == "IDRiD_02.jpg"))
        other.mask = np.zeros((other.height, other.width), np.uint8)
        for mask in Path(sys.argv[4]).glob("IDRiD_02_*.png"):
            other.mask[np.asarray(Image.open(mask)) > 0] |= np.uint8(LesionClass[mask.stem[-2:]].bit)
        other.patient = PatientInfo(patient_id="P-1", eye="OS")
        ws.save_case(other)
settings = Settings.from_file(scratch / "settings.ini")
settings.save(SettingsValues(analyze_on_open=False))
window = MainWindow(settings)
freeze_long_lived()  # as the program does once its window is built: startup's objects out of full collections
window.resize(1600, 1000)
window.show()
window.open_paths([scratch])
assert wait(lambda: window.cases.image is not None)
for name, eye in (("IDRiD_01.jpg", "OD"),) if unopened else (("IDRiD_02.jpg", "OS"), ("IDRiD_01.jpg", "OD")):
    case_id = next(s.case_id for s in window.cases.summaries.values() if s.image_path == name)
    window.cases.select_case(case_id)  # IDRiD_01 open last: the report's own case
    assert wait(lambda: window.cases.image is not None and window.cases.current_id == case_id)
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-1", eye=eye)))
if unopened:
    assert other.case_id not in window.cases.histories, "IDRiD_02 must not have been opened"
timer.start(5)
pause(1.0)  # the folder opened settles (a 12 MP thumbnail, the saves) before the window idles

idle = longest_stall(time.perf_counter() - 0.5)
loaded = set(sys.modules)
from app import report_partner
read = []  # the other eye's case read for open_report, on the storage worker
real_read_fields = report_partner.read_fields
def timed_read_fields(*args):
    began = time.perf_counter()
    try:
        return real_read_fields(*args)
    finally:
        read.append(time.perf_counter() - began)
report_partner.read_fields = timed_read_fields
started = time.perf_counter()
window.reports.open_report()
assert wait(lambda: window.reports.asked is None)  # the dialog opened once the other eye's case was read
opened = time.perf_counter() - started
heavy = sorted({name.split(".")[0] for name in set(sys.modules) - loaded} & {"reportlab", "pydicom"})
print(f"   the window idle: longest stall {1000 * idle:4.0f} ms (a busy machine's noise)")
print(f"   imported on the GUI thread by File > Report: {', '.join(heavy) or 'neither reportlab nor pydicom'}")
dialog = window.reports.dialog
assert len(dialog.eyes) == 2
assert wait(lambda: dialog.pages is not None)
shown = time.perf_counter() - started
preload_off = os.environ.get("RETINA_REVIEW_PRELOAD") == "0"
which = ("the other eye not opened this session" if unopened else "both opened") + (", the models' preload off"
                                                                                   if preload_off else "")
stall = longest_stall(started)
print(f"   first report, two eyes ({which}): dialog open after {1000 * opened:6.0f} ms, the other eye's case read "
      f"on the storage worker {1000 * sum(read):4.0f} ms; longest stall until its preview {1000 * stall:6.0f} ms; "
      f"preview after {1000 * shown:6.0f} ms")
pause(0.3)
if unopened or preload_off:
    window.close()
    sys.exit(0)
count_builds()
for attempt in ("first", "second"):
    builds.clear()
    window.reports.open_report()
    assert wait(lambda: window.reports.asked is None)
    dialog = window.reports.dialog
    pause(0.15)  # Save pressed while the preview of the same fields is on its way
    started = time.perf_counter()
    saved = dialog.save_pdf(str(scratch / f"report-{attempt}.pdf"))
    took = time.perf_counter() - started
    assert saved and Path(saved).read_bytes().startswith(b"%PDF")
    pause(0.3)
    print(f"   Save during the preview's build ({attempt} later report): {1000 * took:6.0f} ms to saved, longest "
          f"stall {1000 * longest_stall(started):6.0f} ms, reports built for the dialog: {len(builds)}")
window.close()
"""


def main() -> None:
    photos = [photo for photo in shared_photos("idrid-seg/images") if photo.name in ("IDRiD_01.jpg", "IDRiD_02.jpg")]
    if len(photos) != 2:
        return
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    masks = photos[0].parents[1] / "masks"
    for mode, preload in (("opened", "1"), ("unopened", "1"), ("opened", "0")):
        done = subprocess.run([sys.executable, "-c", CHILD, *map(str, photos), mode, str(masks)], cwd=root,
                              env=dict(env, RETINA_REVIEW_PRELOAD=preload), capture_output=True, text=True)
        print(done.stdout.rstrip() or done.stderr[-3000:])
