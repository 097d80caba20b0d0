"""The patient section records what the reader changed, and only that: a recorded age stays until the reader edits
the age or a date, and fields typed with the cursor still in them are recorded after a pause, as the findings are,
so the autosave snapshot has them."""
from __future__ import annotations

from pathlib import Path

import pydicom
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from annotations.document import PatientInfo
from annotations.patients import reported_age
from annotations.workspace.recovery import SnapshotStore
from app.main_window import MainWindow
from app.settings import Settings
from tests.dicom_files import fundus_rgb, write_dicom
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.test_main_window import _fundus, _ids, _window, settings  # noqa: F401 - a fixture
from widgets.patient_panel import NO_AGE, PatientPanel
from widgets.typing_pause import TYPING_PAUSE_MS

DICOM_PATIENT = PatientInfo(patient_id="P-0042", name="Doe^Jane^Q", age=50, birth_date="1960-02-15", sex="F",
                            eye="OD")  # a header's age at an exam it gives no date of


@pytest.fixture
def panel(qtbot) -> PatientPanel:
    panel = PatientPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_patient(DICOM_PATIENT)
    return panel


@pytest.fixture
def dicom_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """eye.dcm, whose header gives age 50, a birth date and no study date, and z.png."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    folder = tmp_path / "images"
    folder.mkdir()
    path = write_dicom(folder / "eye.dcm", fundus_rgb(100, 150))
    header = pydicom.dcmread(path)
    del header.StudyDate
    header.PatientAge = "050Y"
    header.save_as(path)
    Image.fromarray(_fundus(1)).save(folder / "z.png")
    return folder


def _typed(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClicks(field, text)


def test_enter_in_an_unchanged_field_records_nothing(qtbot, panel: PatientPanel) -> None:
    edited: list[PatientInfo] = []
    panel.patient_edited.connect(edited.append)
    panel.name.setFocus()
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    panel.commit_pending()  # as a save or a case switch does
    assert edited == [] and panel.age.value() == 50  # not the age the birth date gives to today


def test_the_recorded_age_stays_when_another_field_is_edited(qtbot, panel: PatientPanel) -> None:
    with qtbot.waitSignal(panel.patient_edited) as blocker:
        panel.name.setText("Jane Doe")
        panel.name.editingFinished.emit()
    assert blocker.args[0].name == "Jane Doe" and blocker.args[0].age == 50


def test_a_typed_age_stands_beside_a_birth_date(qtbot, panel: PatientPanel) -> None:
    with qtbot.waitSignal(panel.patient_edited) as blocker:
        panel.age.setValue(33)
        panel.age.editingFinished.emit()
    assert blocker.args[0].age == 33 and panel.age.value() == 33


def test_an_edited_date_gives_the_age(qtbot, panel: PatientPanel) -> None:
    with qtbot.waitSignal(panel.patient_edited) as blocker:
        panel.exam_date.setText("2024-01-10")
        panel.exam_date.editingFinished.emit()
    assert blocker.args[0].age == 63 and panel.age.value() == 63


def test_a_field_typed_is_recorded_after_a_pause(qtbot, panel: PatientPanel) -> None:
    panel.name.clear()
    with qtbot.waitSignal(panel.patient_edited, timeout=TYPING_PAUSE_MS * 5) as blocker:
        _typed(qtbot, panel.name, "Jane Roe")
    assert blocker.args[0].name == "Jane Roe" and panel.name.hasFocus()
    panel.age.setFocus()
    panel.age.selectAll()
    with qtbot.waitSignal(panel.patient_edited, timeout=TYPING_PAUSE_MS * 5) as blocker:
        qtbot.keyClicks(panel.age, "33")
    assert blocker.args[0].age == 33
    with qtbot.waitSignal(panel.patient_edited, timeout=TYPING_PAUSE_MS * 5) as blocker:
        qtbot.keyClick(panel.age, Qt.Key.Key_Up)
    assert blocker.args[0].age == 34


def test_a_date_half_typed_waits_for_the_whole_date(qtbot, panel: PatientPanel) -> None:
    edited: list[PatientInfo] = []
    panel.patient_edited.connect(edited.append)
    panel.exam_date.setFocus()
    qtbot.keyClicks(panel.exam_date, "2024-01")
    qtbot.wait(TYPING_PAUSE_MS * 2)
    assert edited == []  # not an exam date "2024-01" in the history, nor an age from it
    with qtbot.waitSignal(panel.patient_edited, timeout=TYPING_PAUSE_MS * 5) as blocker:
        qtbot.keyClicks(panel.exam_date, "-10")
    assert (blocker.args[0].exam_date, blocker.args[0].age) == ("2024-01-10", 63)


@pytest.mark.parametrize("typed", ["1958年3月12日", "1958/3/12", "１９５８年３月１２日"])
def test_a_birth_date_written_year_first_another_way_is_recorded_as_its_date_with_the_age(
        qtbot, panel: PatientPanel, typed: str) -> None:
    """A Chinese clinic writes 1958年3月12日: it was recorded as typed, with no age and no word of why."""
    edited: list[PatientInfo] = []
    panel.patient_edited.connect(edited.append)
    panel.exam_date.setText("2024-01-10")
    panel.birth_date.clear()
    panel.birth_date.setFocus()
    committed = QInputMethodEvent()  # as an input method hands over what was written with it
    committed.setCommitString(typed)
    QApplication.sendEvent(panel.birth_date, committed)
    assert panel.birth_date.text() == typed
    qtbot.wait(TYPING_PAUSE_MS * 2)
    assert edited == []  # 1958/3/1 may be 1958/3/12 being typed: it waits for Enter or leaving the field
    qtbot.keyClick(panel.birth_date, Qt.Key.Key_Return)
    assert (edited[-1].birth_date, edited[-1].age) == ("1958-03-12", 65)
    assert panel.birth_date.text() == "1958-03-12" and panel.birth_date.toolTip() == ""


def test_a_recorded_date_typed_again_another_way_is_shown_as_recorded_and_the_pause_records_on(
        qtbot, panel: PatientPanel) -> None:
    """Left as typed, "1960/2/15" beside the recorded 1960-02-15 read as a date half typed at every pause after it:
    the name typed next was never recorded."""
    panel.birth_date.setText("1960/2/15")
    panel.birth_date.editingFinished.emit()
    assert panel.birth_date.text() == "1960-02-15"
    panel.name.clear()
    with qtbot.waitSignal(panel.patient_edited, timeout=TYPING_PAUSE_MS * 5) as blocker:
        _typed(qtbot, panel.name, "Li")
    assert blocker.args[0].name == "Li"


def test_a_date_that_names_no_day_is_kept_as_typed_and_shown_red(qtbot, panel: PatientPanel) -> None:
    panel.birth_date.clear()
    _typed(qtbot, panel.birth_date, "12/03/1958")  # the 12th of March, or the 3rd of December?
    qtbot.keyClick(panel.birth_date, Qt.Key.Key_Return)
    assert panel.patient.birth_date == "12/03/1958" and "YYYY-MM-DD" in panel.birth_date.toolTip()
    assert "color" in panel.birth_date.styleSheet()
    panel.birth_date.setText("1958-03-12")
    panel.birth_date.editingFinished.emit()
    assert panel.birth_date.toolTip() == "" and panel.birth_date.styleSheet() == ""


def test_a_birth_date_after_the_exam_date_is_shown_red_and_says_so(qtbot, panel: PatientPanel) -> None:
    """2030 for 1930: no age followed, and nothing said why."""
    panel.exam_date.setText("2024-05-01")
    panel.exam_date.editingFinished.emit()
    panel.birth_date.setText("2030-01-01")
    panel.birth_date.editingFinished.emit()
    said = "The birth date 2030-01-01 is after the exam date 2024-05-01: check both"
    # no age, as the report prints none: the one 1960 gave stayed, "64 years (born 1 Jan 2030)" in the report too
    assert panel.patient.birth_date == "2030-01-01" and panel.patient.age is None and panel.age.value() == NO_AGE
    assert reported_age(panel.patient) is None
    assert [(line.toolTip(), "color" in line.styleSheet()) for line in (panel.birth_date, panel.exam_date)] == [
        (said, True), (said, True)]
    panel.birth_date.setText("1930-01-01")
    panel.exam_date.setText("2999-01-01")  # the birth date is fine beside it: the exam date alone is red
    panel.exam_date.editingFinished.emit()
    assert (panel.birth_date.toolTip(), panel.exam_date.toolTip()) == (
        "", "The exam date 2999-01-01 is in the future: check it")
    panel.exam_date.setText("2024-05-01")
    panel.exam_date.editingFinished.emit()
    assert panel.birth_date.styleSheet() == panel.exam_date.styleSheet() == "" and panel.patient.age == 94


def test_a_dicom_case_only_looked_at_keeps_its_age_and_no_step(qtbot, settings: Settings, dicom_folder: Path) -> None:
    window = _window(qtbot, settings, dicom_folder)
    ids = _ids(window)
    assert window.cases.current_id == ids["eye.dcm"] and window.cases.doc.patient.age == 50
    panel = window.patients.panel
    panel.name.setFocus()
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    assert window.cases.doc.patient.age == 50 and not window.actions["undo"].isEnabled()
    assert not window.isWindowModified()
    window.cases.select_case(ids["z.png"])  # saves the case left, after its panels commit
    qtbot.waitUntil(lambda: window.cases.current_id == ids["z.png"], timeout=10_000)
    window.cases.flush()
    assert not window.cases.workspace.has_autosave(ids["eye.dcm"])
    assert window.cases.workspace.load_case(ids["eye.dcm"]).patient.age == 50


def test_a_name_typed_with_the_cursor_in_it_is_in_the_autosave(qtbot, settings: Settings, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.gui.test_main_window import fundus_folder

    window: MainWindow = _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png",)))
    case_id, panel = window.cases.current_id, window.patients.panel
    _typed(qtbot, panel.name, "Jane ")
    qtbot.waitUntil(lambda: window.cases.doc.patient.name == "Jane", timeout=TYPING_PAUSE_MS * 5)
    assert panel.name.text() == "Jane "  # the space typed stays, for the surname to come
    qtbot.keyClicks(panel.name, "Roe")
    qtbot.waitUntil(lambda: window.cases.doc.patient.name == "Jane Roe", timeout=TYPING_PAUSE_MS * 5)
    assert panel.name.hasFocus() and window.isWindowModified()
    assert window.actions["undo"].text() == "&Undo Edit patient name"
    snapshots = SnapshotStore(window.cases.workspace.sidecar / "autosave", None)

    def snapshot_name() -> str:
        window.cases.flush()
        return snapshots.read(case_id).doc.patient.name if snapshots.path(case_id).is_file() else ""

    qtbot.waitUntil(lambda: snapshot_name() == "Jane Roe", timeout=10_000)  # autosave_s = 1


def _space_above(lower, upper) -> int:  # noqa: ANN001 - two fields of the panel
    return lower.y() - upper.geometry().bottom()


def test_the_exam_date_follows_the_eye_when_the_ai_suggests_none(qtbot, panel: PatientPanel) -> None:
    """With no eye suggested (a case not analysed, an OCT scan) the AI's line and its button were hidden but their
    row stayed, an empty row between the eye and the exam date in a dock short of room; the row comes with a hint."""
    between_rows = _space_above(panel.sex, panel.birth_date)
    assert abs(_space_above(panel.exam_date, panel.sex) - between_rows) <= 2
    height = panel.sizeHint().height()
    panel.show_suggested_eye("OS")
    assert panel.eye_hint.isVisibleTo(panel) and panel.use_eye.isVisibleTo(panel)
    assert panel.sizeHint().height() >= height + panel.use_eye.sizeHint().height()
    panel.show_suggested_eye("")
    qtbot.waitUntil(lambda: panel.sizeHint().height() == height)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_year_mistyped_into_the_past_is_shown_red_and_gives_no_age(qtbot, panel: PatientPanel, request,
                                                                     language: str) -> None:
    """A birth date of 1850 gave an age of 174 (the age box showed 130, the report printed 174), and an exam date of
    1890 was taken without a word; both are kept (old records exist) but shown red, the tooltip saying why."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    panel.exam_date.setText("2024-05-01")
    panel.exam_date.editingFinished.emit()
    panel.birth_date.setText("1850-01-01")
    panel.birth_date.editingFinished.emit()
    assert panel.patient.birth_date == "1850-01-01" and panel.patient.age is None and panel.age.value() == NO_AGE
    assert reported_age(panel.patient) is None
    said = {"en": "The birth date 1850-01-01 is more than 130 years before the exam date 2024-05-01: check both",
            "zh_CN": "出生日期 1850-01-01 比检查日期 2024-05-01 早 130 年以上：请核对这两个日期"}[language]
    assert [(line.toolTip(), "color" in line.styleSheet()) for line in (panel.birth_date, panel.exam_date)] == [
        (said, True), (said, True)]
    panel.birth_date.setText("")
    panel.exam_date.setText("1890-03-01")
    panel.exam_date.editingFinished.emit()
    said = {"en": "The exam date 1890-03-01 is before 1900: check its year",
            "zh_CN": "检查日期 1890-03-01 早于 1900 年：请核对年份"}[language]
    assert panel.patient.exam_date == "1890-03-01" and panel.exam_date.toolTip() == said
    assert "color" in panel.exam_date.styleSheet() and panel.birth_date.styleSheet() == ""
