"""Opening a big folder in the review window, and working in its case list: a generated folder of small photos
(20,000 by default).

Run: make bench ARGS=big_folder   (BENCH_BIG_FOLDER_N=100000 for another size; BENCH_BIG_FOLDER=screening for a
screening programme's folder of about 2,000 real photos, named as masks in places, and TIFFs: bench.screening_folder;
it also prints how long `analyze` of its folders takes to list them, and for each open how many headers of files
named as masks it read; BENCH_HEADER_READ_MS=20 makes each read 20 ms longer, as on a share)
The photos are real files (64x48 JPEGs, the same bytes each: the folder's size is what is measured, not decoding),
written to tmpfs (/dev/shm) where there is one, so that generating 100,000 of them takes seconds; the window reads
them exactly as it reads a disk (the first open scans the folder and reads every header).
Prints, for a first open (empty index) and a second one (the index already knows every photo): the time from
open_paths() to the first painted case-list row, to the first photo on the canvas and to the whole folder listed,
the longest gap between ticks of a 5 ms timer (an event-loop stall) over the whole open, the first photo's
thumbnails included (when the first came, and how many), the GUI thread's CPU time in the open_paths() call itself
and until all is listed, and the process's memory now and at its peak; and
how long the index's integrity check takes (on the storage worker; it ran inside open_paths() on the GUI thread
before). Then, in the opened folder (every photo given a patient ID shared with one other photo, as a screening
programme's headers fill them), for a sort (State column), a filter (state "To do"), clearing it, a case marked
done, a patient ID typed into the open case, the previous case opened (A) and the next one (D, back to the case with
the ID: both look up the patient's other cases): the time until the list shows the result and the longest
event-loop stall meanwhile. Last, the whole-folder actions (the export dialog's scopes, "Analyse all", the retrain
dialog's count, reopening after an import): the same two figures, and beside them what they cost before, when each
built every case's summary on the GUI thread (timed here by running that former code).
"""
from __future__ import annotations

import io
import os
import resource
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from bench.bench_gui import _wait

DEFAULT_PHOTOS = 20_000
TICK_MS = 5
TMPFS = Path("/dev/shm")


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


class _Stalls:
    """The gaps between ticks of a 5 ms timer: the longest is the longest time the event loop was kept from running.
    With it, the CPU time the GUI thread used in that gap: on a busy machine a long gap with little CPU is the
    thread waiting for a core (or the GIL), not work done on it."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[tuple[float, float]] = []  # (wall clock, the GUI thread's CPU time)
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append((time.perf_counter(), time.thread_time()))

    def start(self) -> float:
        self._timer.start(TICK_MS)
        self._tick()
        return self.ticks[-1][0]

    def stop(self) -> tuple[float, float]:
        """The longest gap, and the GUI thread's CPU time in it (seconds)."""
        self._timer.stop()
        gaps = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(self.ticks, self.ticks[1:])]
        return max(gaps) if gaps else (float("nan"), float("nan"))


def _stall_text(stall: tuple[float, float]) -> str:
    return f"longest event-loop stall {stall[0] * 1000:4.0f} ms (GUI thread busy {stall[1] * 1000:3.0f} ms of it)"


def _list_settled(window) -> bool:
    """The list shows what was last asked of it (a list that reads its order on a worker says when it is done)."""
    return not getattr(window.case_list, "pending", False)


def _open_once(app, window, folder: Path, count: int) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QObject

    listed: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint and not listed and window.case_list.table.model().rowCount():
                listed.append(time.perf_counter())
            return False

    watch = PaintWatch()
    window.case_list.table.viewport().installEventFilter(watch)
    thumbnails: list[float] = []
    window.cases.thumbnail_ready.connect(lambda case_id, rgb: thumbnails.append(time.perf_counter()))
    stalls = _Stalls()
    _wait(app, lambda: False, 0.1)
    started = stalls.start()
    cpu = time.thread_time()
    window.open_paths([folder])
    open_cpu = time.thread_time() - cpu
    _wait(app, lambda: window.cases.image is not None, 600)
    photo = time.perf_counter()
    # The counts the list read on its worker: a COUNT(*) here would cost the GUI thread 10 ms at every check.
    _wait(app, lambda: window.case_list.model.total >= count and not window.cases.busy and _list_settled(window)
          and window.case_list.model.rowCount() >= count, 600)
    whole = time.perf_counter()
    listing_cpu = time.thread_time() - cpu
    _wait(app, lambda: False, 0.5)  # the visible rows' thumbnails
    stall = stalls.stop()
    window.case_list.table.viewport().removeEventFilter(watch)
    return {"listed": (listed[0] if listed else float("nan")) - started, "photo": photo - started,
            "whole": whole - started, "stall": stall, "open_cpu": open_cpu, "listing_cpu": listing_cpu,
            "thumbnail": (thumbnails[0] if thumbnails else float("nan")) - started, "thumbnails": len(thumbnails)}


def _memory_now_mib() -> float:
    """The process's resident memory now (Linux; NaN elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return float("nan")


def _integrity_check_seconds(folder: Path) -> float:
    """The index's integrity check (annotations.workspace.store.check_integrity), as the open runs it."""
    from annotations.workspace.store import check_integrity

    db = sqlite3.connect(f"{(folder / '.retinareview' / 'index.db').as_uri()}?mode=ro", uri=True)
    try:
        started = time.perf_counter()
        check_integrity(db)
        return time.perf_counter() - started
    finally:
        db.close()


def _give_patient_ids(folder: Path) -> None:
    """Two photos per patient ID, written into the closed folder's index (as saved cases would list them)."""
    from annotations.patients import patient_key

    db = sqlite3.connect(folder / ".retinareview" / "index.db")
    try:
        with db:
            db.execute("UPDATE cases SET patient_id = 'P-' || (rowid / 2)")
            db.execute("UPDATE cases SET patient_key = ?1 || (rowid / 2)", (patient_key("P-"),))
    finally:
        db.close()


def _list_step(app, window, action: Callable[[], None], done: Callable[[], bool]) -> tuple[float, tuple]:
    """Seconds until ``done()`` after ``action()``, and the longest event-loop stall until a little later."""
    stalls = _Stalls()
    _wait(app, lambda: False, 0.1)
    started = stalls.start()
    action()
    _wait(app, done, 120)
    took = time.perf_counter() - started
    _wait(app, lambda: False, 0.3)
    return took, stalls.stop()


def _work_in_list(app, window) -> list[tuple[str, float, tuple]]:
    """Sort, filter, clear the filter and mark a case done, as a person would; (what, seconds, longest stall)."""
    from PySide6.QtCore import Qt

    from annotations.document import PatientInfo, ReviewState

    case_list = window.case_list
    figures = []
    case_list.select_case(window.cases.current_id)

    def sort() -> None:
        case_list.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)

    figures.append(("sort by state", *_list_step(app, window, sort, lambda: _list_settled(window))))
    figures.append(("filter 'To do'", *_list_step(app, window, lambda: case_list.set_filters(ReviewState.TODO),
                                                  lambda: _list_settled(window))))
    figures.append(("clear the filter", *_list_step(app, window, lambda: case_list.set_filters(),
                                                    lambda: _list_settled(window))))
    figures.append(("mark a case done", *_list_step(app, window, window.cases.edits.mark_done,
                                                    lambda: not window.cases.busy and _list_settled(window))))
    figures.append(("patient ID typed", *_list_step(
        app, window, lambda: window.cases.edits.set_patient(PatientInfo(patient_id="P-1")), lambda: True)))
    for what, step in (("previous case (A)", -1), ("next case (D)", 1)):  # back to the case with the ID

        def switched(before: str | None = window.cases.current_id) -> bool:
            return window.cases.current_id != before and not window.cases.busy and window.cases.image is not None

        figures.append((what, *_list_step(app, window, lambda step=step: window.browsing.step_case(step), switched)))
    counted = " 1 done" in case_list.count_label.text()
    print(f"   after marking a case done the list says: {case_list.count_label.text()!r}"
          f"{'' if counted else ' (the done count is stale)'}")
    return figures


def _former_gui_thread_seconds(window) -> dict[str, float]:
    """How long each whole-folder action kept the GUI thread busy before (every case's summary, then the rule)."""
    from annotations.document import ReviewState
    from annotations.patients import patient_key
    from annotations.reading.blind import withholds_ai

    cases = window.cases

    def former_ai_hidden(case_id: str) -> bool:  # one index query per case, as the window asked then
        return withholds_ai(cases.blind_ai, getattr(cases.summaries.get(case_id), "review_state", None))

    former = {
        "export scopes": lambda summaries: ([s.case_id for s in summaries],
                                            [s.case_id for s in summaries if s.review_state == ReviewState.DONE]),
        "analyse all": lambda summaries: [s for s in summaries if not s.error and not former_ai_hidden(s.case_id)],
        "retrain count": lambda summaries: [s.case_id for s in summaries
                                            if s.review_state is ReviewState.DONE and s.error is None],
        "import reopen": lambda summaries: {s.image_path for s in summaries},
    }
    seconds = {}
    for what, rule in former.items():
        started = time.perf_counter()
        rule(list(cases.summaries.values()))
        seconds[what] = time.perf_counter() - started
    started = time.perf_counter()  # a patient's other cases, as the patient panel asked for them
    cases.workspace.index.case_ids("patient_key(c.patient_id) = ?", [patient_key("P-1")])
    seconds["patient's other cases"] = time.perf_counter() - started
    return seconds


def _whole_folder_actions(app, window) -> list[tuple[str, float, tuple]]:
    """The export dialog until its scopes are counted, "Analyse all" until it starts (its analysis replaced by a
    stand-in: the choice of cases is measured, not the models), the retrain dialog, the reopen after an import."""
    shown: dict[str, Any] = {}
    started: list[int] = []
    window.analysis.analyze_all = lambda items: started.append(len(items))
    window.analysis_actions.choose = lambda title, question, choices: 0

    def export() -> None:
        shown["export"] = window.annotation.show_export()

    figures = [("export scopes", *_list_step(app, window, export, lambda: shown["export"].counted))]
    shown["export"].close()
    figures.append(("analyse all",
                    *_list_step(app, window, window.analysis_actions.analyze_all, lambda: bool(started))))
    figures.append(("retrain count", *_list_step(app, window, window.retrain.open_dialog, lambda: True)))
    window.retrain.dialog.close()
    only = window.cases.only  # what the import's reopen now passes (it listed every case's path before)
    figures.append(("import reopen", *_list_step(app, window, lambda: window.cases.open_workspace(
        window.cases.workspace.folder, only), lambda: not window.cases.busy and _list_settled(window))))
    return figures


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    count = int(os.environ.get("BENCH_BIG_FOLDER_N", DEFAULT_PHOTOS))
    from PySide6.QtWidgets import QApplication

    from app.long_lived import freeze_long_lived
    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues
    from bench.screening_folder import HEADER_READ_MS, analyze_listing, header_reads, make_screening_folder

    app = QApplication.instance() or QApplication([])
    where = TMPFS if TMPFS.is_dir() and os.access(TMPFS, os.W_OK) else None
    screening = os.environ.get("BENCH_BIG_FOLDER") == "screening"
    with tempfile.TemporaryDirectory(prefix="bench-big-folder-", dir=None if screening else where) as tmp:
        scratch = Path(tmp)
        folder = scratch / "photos"
        started = time.perf_counter()
        if screening:  # hard links of the shared photos where the temporary folder is on their disk
            from annotations.workspace.scan import scan_images

            if not make_screening_folder(folder):
                return
            count = len(scan_images(folder))  # the cases the listing shows, as this checkout's scan sorts them
            print(f"   built a screening programme's folder of {count} cases in {scratch} in "
                  f"{time.perf_counter() - started:.1f} s")
            folders, seconds, images, reads = analyze_listing(folder)
            print(f"   analyze of its {folders} image folders: {images} images listed in {seconds * 1000:4.0f} ms, "
                  f"{reads} headers of files named as masks read")
        else:
            make_folder(folder, count)
            print(f"   generated {count} photos of 64x48 in {scratch} in {time.perf_counter() - started:.1f} s")
        settings = Settings.from_file(scratch / "settings.ini")
        settings.save(SettingsValues(analyze_on_open=False))
        for label in ("first open", "second open"):
            if label == "second open":
                _give_patient_ids(folder)
                print(f"   the index's integrity check: {_integrity_check_seconds(folder) * 1000:4.0f} ms (on the "
                      "storage worker; before: on the GUI thread, inside open_paths())")
            window = MainWindow(settings)
            freeze_long_lived()  # as the program does once its window is built (app/commands/open.py)
            window.resize(1600, 1000)
            window.show()
            with header_reads() as reads:  # a generated folder has none
                figures = _open_once(app, window, folder, count)
            peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"   {label:11s}: first list paint {figures['listed'] * 1000:5.0f} ms, first photo "
                  f"{figures['photo'] * 1000:5.0f} ms, first thumbnail {figures['thumbnail'] * 1000:5.0f} ms "
                  f"({figures['thumbnails']} by the end), all {count} listed {figures['whole']:5.1f} s, "
                  f"{_stall_text(figures['stall'])}, open_paths() {figures['open_cpu'] * 1000:3.0f} ms of GUI "
                  f"thread ({figures['listing_cpu']:.2f} s until all listed), memory {_memory_now_mib():4.0f} MiB "
                  f"(peak {peak_mib:4.0f} MiB)")
            if screening:
                print(f"   {label:11s}: {len(reads)} headers of files named as masks read"
                      + (f", each {HEADER_READ_MS:g} ms longer (BENCH_HEADER_READ_MS)" if HEADER_READ_MS else ""))
            if label == "second open":
                former = _former_gui_thread_seconds(window)
                for what, took, stall in _work_in_list(app, window):
                    print(f"   {what:17s}: shown after {took * 1000:5.0f} ms, {_stall_text(stall)}")
                patient_lookup = former.pop("patient's other cases")
                print(f"   (patient ID typed, next case: before, looking up the patient's other cases kept the GUI "
                      f"thread busy {patient_lookup * 1000:4.0f} ms)")
                for what, took, stall in _whole_folder_actions(app, window):
                    print(f"   {what:17s}: answered after {took * 1000:5.0f} ms, {_stall_text(stall)}; before: "
                          f"GUI thread busy {former[what] * 1000:5.0f} ms")
            window.close()
