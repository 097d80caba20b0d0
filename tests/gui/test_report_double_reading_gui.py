"""The window's report dialog says who graded a double-read case, as the command line does: the arbiter's window
reports the consensus with its arbiter and readings, a reader's window their own reading as not the consensus."""
from __future__ import annotations

from pathlib import Path

from annotations.reading.readers import open_reader
from annotations.reading.report_grading import DoubleReading
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.report_controller import eye_input, eye_pixels
from tests.gui.report_partners import selected_other_case
from tests.gui.test_double_reading_gui import select, window_on
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from tests.unit.test_report_double_reading import double_folder


def test_the_report_dialog_says_who_graded_the_case(qtbot, tmp_path: Path) -> None:
    folder = double_folder(tmp_path / "folder")
    for person, expected in (("Dr Wang", DoubleReading(settled=True, arbiter="Dr Wang",
                                                       readings=(("Anna", 1), ("Ben", 3)),
                                                       dme_risks=(("Anna", 0), ("Ben", 0)))),
                             ("Anna", DoubleReading(settled=False, own_reader="Anna"))):
        window = window_on(qtbot, tmp_path / person.replace(" ", "_"), folder, person)
        select(qtbot, window, case_of(0))
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.image is not None, timeout=10_000)
        eye = eye_pixels(eye_input(window.cases, window.cases.doc), window.cases.workspace)  # the preview's worker
        assert eye.double_reading == expected
        assert eye.unsettled is (person == "Anna")  # the dialog warns of it
        window.close()


def test_a_blind_readers_two_eye_report_keeps_the_other_eyes_ai_hidden_until_they_submit_it(
        qtbot, tmp_path: Path) -> None:
    """The other eye of a report (the other case selected, or the patient's other case) was read from the reader's
    store whole: its AI result, stored before the folder went blind, was in the report of a case not submitted."""
    folder = image_folder(tmp_path / "f", count=3, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True))
    with open_reader(folder, "Ben") as ben:
        for index in range(3):  # analysed before the folder went blind; Ben has submitted img2 alone
            read_case(ben, index, grade=2, submit=index == 2, ai_grade=3)
    window = window_on(qtbot, tmp_path, folder, "Ben")
    select(qtbot, window, case_of(0))
    assert window.cases.doc.ai is None
    assert selected_other_case(window.cases, [case_of(0), case_of(1)]).ai is None
    assert selected_other_case(window.cases, [case_of(0), case_of(2)]).ai.dr_grade == 3  # Ben's to see
    # its painted mask and AI arrays, read where the report is built, leave the result withheld
    hidden = eye_input(window.cases, selected_other_case(window.cases, [case_of(0), case_of(1)]))
    assert hidden.doc.fields_only and eye_pixels(hidden, window.cases.workspace).doc.ai is None
