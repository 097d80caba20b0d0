"""Double reading at a screening programme's scale: a week's 2,000 small photos (BENCH_READING_N for another count),
each submitted by two readers whose grades differ on about 15 %, and an arbiter. Prints how long `reading`'s states
and `agreement`'s figures take, with the files they open per case; then the window: a reader's opening (their list's
states), and the arbiter's first one, which stores every agreed case as the consensus meanwhile (about 50 ms a case,
each file fsynced): when the list knows the states, when its "needs arbitration" filter shows the disputed cases,
when a disputed case opened then is shown, Page Down through the next ones, and when all agreed cases are stored.
Before the list's states were queued first and the settling one batch at a time, the filter showed nothing and a
case opened waited until every agreed case was stored (75 s of 90 for 2,000 photos)."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

N = int(os.environ.get("BENCH_READING_N", "2000"))
DISAGREE = 0.15
ARBITER, READERS = "Dr Wang", ("Anna", "Ben")
STEPS = 5
_opens: list[str] = []


def _count_opens(event: str, args: tuple) -> None:
    if event == "open" and ".retinareview" in str(args[0]):
        _opens.append(str(args[0]))


def make_folder(folder: Path, count: int) -> int:
    """``count`` 64x48 JPEGs read by both readers through the program's own store; returns how many they dispute."""
    import numpy as np
    from PIL import Image

    from annotations.classes import LesionClass
    from annotations.document import ReaderGrade, ReviewState
    from annotations.reading.readers import open_reader
    from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
    from annotations.workspace.scan import case_id_for

    folder.mkdir()
    rng = np.random.default_rng(0)
    for index in range(count):
        colour = np.array([40 + index % 200, 20, 10], np.uint8)
        Image.fromarray(np.full((48, 64, 3), colour)).save(folder / f"img{index:04d}.jpg")
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    grades, differ = rng.integers(0, 5, count), rng.random(count) < DISAGREE
    for name in READERS:
        with open_reader(folder, name) as ws:
            for index in range(count):
                doc = ws.load_case(case_id_for(f"img{index:04d}.jpg"))
                grade = int(grades[index]) + (1 if name == READERS[1] and differ[index] else 0)
                doc.grade = ReaderGrade(dr_grade=grade % 5, dme_risk=0)
                doc.mask[10:20, 10:20] |= LesionClass.EX.bit
                doc.review_state = ReviewState.DONE
                ws.save_case(doc)
    return int(differ.sum())


def _timed(what: str, run: Callable[[], object], count: int) -> None:
    del _opens[:]
    started = time.perf_counter()
    run()
    took = time.perf_counter() - started
    kinds = Counter(Path(path).name for path in _opens[:])
    print(f"   {what:30s} {took:6.1f} s, files opened per case {len(_opens) / count:4.1f} "
          f"(case.json {kinds['case.json'] / count:3.1f})", flush=True)


def _window(app, scratch: Path, folder: Path, person: str):
    from app.long_lived import freeze_long_lived
    from app.main_window import MainWindow
    from app.settings import Settings, SettingsValues

    settings = Settings.from_file(scratch / f"{person}.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader=person))
    window = MainWindow(settings)
    freeze_long_lived()
    window.resize(1600, 1000)
    window.show()
    return window


def _open_window(app, scratch: Path, folder: Path, person: str, disputed: int) -> None:
    from annotations.reading.disagreement import CaseState
    from bench.bench_gui import _wait

    window = _window(app, scratch, folder, person)
    started = time.perf_counter()
    window.open_paths([folder])
    listing, case_list = window.cases.listing, window.case_list
    _wait(app, lambda: len(listing.reading_states) >= N, 900)
    known = time.perf_counter()
    figures = [f"states known {known - started:5.1f} s"]
    case_list.set_filters(reading=CaseState.NEEDS_ARBITRATION.value)
    _wait(app, lambda: len(case_list.visible_case_ids()) == disputed and not case_list.pending, 900)
    figures.append(f"'needs arbitration' shows {disputed} {time.perf_counter() - known:5.1f} s later")
    if person == ARBITER:
        first = next(case for case in case_list.visible_case_ids() if case != window.cases.current_id)
        asked = time.perf_counter()
        window.cases.select_case(first)
        _wait(app, lambda: window.cases.doc is not None and window.cases.doc.case_id == first
              and not window.cases.loading, 900)
        figures.append(f"a disputed case opened in {time.perf_counter() - asked:4.2f} s")
        steps = []
        for _ in range(STEPS):
            before, asked = window.cases.current_id, time.perf_counter()
            window.actions["next_case"].trigger()
            _wait(app, lambda: window.cases.current_id != before and not window.cases.loading
                  and window.cases.doc is not None and window.cases.doc.case_id == window.cases.current_id, 900)
            steps.append(time.perf_counter() - asked)
        figures.append(f"Page Down median {sorted(steps)[STEPS // 2] * 1000:4.0f} ms")
        _wait(app, lambda: not window.cases.busy, 900)
        figures.append(f"agreed cases stored {time.perf_counter() - started:5.1f} s after opening")
    print(f"   {person}'s window: " + ", ".join(figures), flush=True)
    window.close()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from annotations.reading.consensus import folder_states
    from inference.agreement import folder_agreement

    sys.addaudithook(_count_opens)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-reading-scale-") as tmp:
        scratch = Path(tmp)
        folder = scratch / "photos"
        started = time.perf_counter()
        disputed = make_folder(folder, N)
        print(f"   {N} photos read by two readers, {disputed} disputed, in {time.perf_counter() - started:.0f} s")
        _timed("reading's states", lambda: folder_states(folder), N)
        _timed("agreement's figures", lambda: folder_agreement(folder), N)
        _open_window(app, scratch, folder, READERS[0], disputed)
        _open_window(app, scratch, folder, ARBITER, disputed)


if __name__ == "__main__":
    main()
