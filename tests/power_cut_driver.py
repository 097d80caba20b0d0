"""Drives the window offscreen through a seeded list of edits, as a person would, and may die like a power cut.

    python tests/power_cut_driver.py FOLDER SETTINGS JOURNAL SEED [CUT]

CUT (N, or N:NAME; 0: none): the process SIGKILLs itself at that step of writing to disk (tests/power_cut_hook.py); it
prints the number of steps it took when it lives to the end. JOURNAL gets one JSON line per state of a case the
window showed ("state") and per save the window said was written ("saved"), each on the disk before the next edit,
so that the checker knows what a cut may cost and what it may not (tests/power_cut.py).
"""
from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Callable

from tests.power_cut_hook import REAL, install, steps


def wait_until(app: object, ready: Callable[[], object], timeout: float = 20.0) -> None:
    """Turns ``app``'s events until ``ready()`` (the window's work is on its own threads); TimeoutError after
    ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not ready():
        app.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there")
        time.sleep(0.005)


def main(folder: Path, settings_file: Path, journal_file: Path, seed: int) -> None:
    import numpy as np
    from PySide6.QtWidgets import QApplication

    from annotations.classes import LesionClass
    from annotations.commands import AddBox, FillRegion, SetPatient
    from annotations.document import Box, PatientInfo, ReviewState
    from annotations.workspace.recovery import doc_fingerprint
    from app.main_window import MainWindow
    from app.settings import Settings

    app = QApplication.instance() or QApplication([])
    journal = open(journal_file, "a", encoding="utf-8")

    def note(kind: str, **fields: object) -> None:
        journal.write(json.dumps({"kind": kind, **fields}) + "\n")
        journal.flush()
        REAL["fsync"](journal.fileno())

    def opened() -> bool:  # the case's files are read off the GUI thread, then its photo decoded
        return window.cases.doc is not None and window.cases.image is not None

    def shown() -> None:
        note("state", case=window.cases.current_id, fp=doc_fingerprint(window.cases.doc))

    window = MainWindow(Settings.from_file(settings_file))
    window.show()
    assert window.open_paths([folder])
    wait_until(app, opened)
    ids = sorted(window.cases.summaries)
    rng = random.Random(seed)
    shown()
    for number in range(rng.randint(14, 22)):
        doc = window.cases.doc
        height, width = doc.mask.shape
        what = rng.choice(["paint", "paint", "box", "grade", "findings", "patient", "done", "switch", "save",
                           "save", "pause"])
        if what == "paint":
            patch = np.zeros((height, width), bool)
            y, x = rng.randrange(height - 4), rng.randrange(width - 4)
            patch[y:y + rng.randint(1, 4), x:x + rng.randint(1, 4)] = True
            window.cases.execute(FillRegion(rng.choice(list(LesionClass)[:4]), patch, erase=rng.random() < 0.2))
        elif what == "box":
            x, y = rng.randrange(width - 6), rng.randrange(height - 6)
            window.cases.execute(AddBox(Box(rng.choice(list(LesionClass)[:4]), x, y, x + 5, y + 5)))
        elif what == "grade":
            window.cases.edits.set_dr_grade(rng.randint(0, 4))
        elif what == "findings":
            window.cases.edits.type_findings(f"note {seed}-{number}")
            window.cases.edits.end_typing()
        elif what == "patient":
            window.cases.execute(SetPatient(PatientInfo(patient_id=f"P-{rng.randint(1, 99)}")))
        elif what == "done":
            window.cases.edits.set_review_state(ReviewState.DONE)
        elif what == "switch":
            window.cases.select_case(rng.choice([i for i in ids if i != window.cases.current_id]))
            wait_until(app, opened)
        elif what == "pause":  # long enough for the autosave
            end = time.monotonic() + 1.3
            wait_until(app, lambda: time.monotonic() > end)
        if what == "save":
            if window.cases.save():
                note("saved", case=window.cases.current_id, fp=doc_fingerprint(window.cases.doc))
        else:
            shown()
        app.processEvents()
    window.cases.flush()
    print(f"steps {steps()}", flush=True)
    os._exit(0)  # no clean close: what a cut after the last edit finds


if __name__ == "__main__":
    cut, _, only = (sys.argv[5] if len(sys.argv) > 5 else "0").partition(":")
    install(int(cut), only)
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
