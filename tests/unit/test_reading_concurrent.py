"""Two programs reading one folder as two readers at the same time: neither blocks, nothing is lost."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np

from annotations.classes import LesionClass
from annotations.document import ReaderGrade, ReviewState
from annotations.reading.readers import load_readings, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import case_of, image_folder

IMAGES = 8
ROUNDS = 3
READERS = {"Anna": (LesionClass.EX, 2), "Ben": (LesionClass.HE, 3)}


def _read_everything(folder: str, reader: str, start, report) -> None:  # noqa: ANN001 - multiprocessing objects
    """One reader's program: opens the folder, waits for the other, then saves every case ROUNDS times."""
    lesion, grade = READERS[reader]
    with open_reader(folder, reader) as ws:
        report.put((reader, ws.read_only, list(ws.messages)))
        start.wait(timeout=30)
        for round_ in range(ROUNDS):
            for index in range(IMAGES):
                doc = ws.load_case(case_of(index))
                doc.mask[round_, index:index + 4] |= lesion.bit
                doc.grade = ReaderGrade(dr_grade=grade, dme_risk=round_ % 3)
                doc.review_state = ReviewState.DONE if round_ == ROUNDS - 1 else ReviewState.IN_PROGRESS
                ws.save_case(doc)


def test_two_processes_write_two_readers_labels_at_once_and_lose_nothing(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "shared", count=IMAGES)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    context = multiprocessing.get_context("spawn")  # real, fresh interpreters, as two machines would be
    start = context.Barrier(len(READERS))
    report = context.Queue()
    workers = [context.Process(target=_read_everything, args=(str(folder), name, start, report))
               for name in READERS]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    opened = sorted(report.get(timeout=5) for _ in READERS)
    assert opened == [("Anna", False, []), ("Ben", False, [])]  # neither opened read-only, no warnings

    for index in range(IMAGES):
        readings = {r.reader: r.doc for r in load_readings(folder, case_of(index))}
        assert sorted(readings) == sorted(READERS)
        for reader, (lesion, grade) in READERS.items():
            doc = readings[reader]
            expected = np.zeros_like(doc.mask)
            for round_ in range(ROUNDS):
                expected[round_, index:index + 4] |= lesion.bit
            assert np.array_equal(doc.mask, expected), (reader, index)
            assert doc.grade.dr_grade == grade and doc.review_state is ReviewState.DONE
    for reader in READERS:
        with open_reader(folder, reader) as ws:
            log = ws.audit_log()
            assert len(log) == IMAGES * ROUNDS and {e.actor for e in log} == {reader}
