"""The window's report dialog says who graded a double-read case, as the command line does: the arbiter's window
reports the consensus with its arbiter and readings, a reader's window their own reading as not the consensus."""
from __future__ import annotations

from pathlib import Path

from annotations.reading.report_grading import DoubleReading
from app.report_controller import eye_input
from tests.gui.test_double_reading_gui import select, window_on
from tests.unit.reading_fixtures import case_of
from tests.unit.test_report_double_reading import double_folder


def test_the_report_dialog_says_who_graded_the_case(qtbot, tmp_path: Path) -> None:
    folder = double_folder(tmp_path / "folder")
    for person, expected in (("Dr Wang", DoubleReading(settled=True, arbiter="Dr Wang",
                                                       readings=(("Anna", 1), ("Ben", 3)))),
                             ("Anna", DoubleReading(settled=False, own_reader="Anna"))):
        window = window_on(qtbot, tmp_path / person.replace(" ", "_"), folder, person)
        select(qtbot, window, case_of(0))
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.image is not None, timeout=10_000)
        assert eye_input(window.cases, window.cases.doc).double_reading == expected
        window.close()
