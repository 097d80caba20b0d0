"""An OCT volume has one patient: a correction of the patient's details made on any B-scan is seen on every B-scan,
in the volume's row, its report and the patient's other cases, kept across reopening the folder and a crash, and
taken back for the whole volume by Ctrl+Z on the B-scan where it was made."""
from __future__ import annotations

import dataclasses
import json

from PySide6.QtCore import Qt

from annotations.document import PatientInfo
from annotations.workspace import Workspace
from app.main_window import MainWindow
from app.settings import Settings
from tests.gui.report_partners import case_document
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.gui.test_oct_volume_position import _on_bscan, _on_photo, _volume
from tests.gui.test_oct_volume_slider import _key, folder  # noqa: F401 - fixture
from tests.gui.test_report_and_modality import no_modal_dialogs  # noqa: F401 - fixture
from tests.unit.test_workspace_recovery import fake_dead_owner

HEADER = PatientInfo(patient_id="P-0042", name="Jane Q Doe", birth_date="1960-02-15", sex="F", eye="OD",
                     exam_date="2024-01-10", age=63)  # the volume's DICOM header (tests.dicom_files.PATIENT)
CORRECTED = dataclasses.replace(HEADER, patient_id="P-0099", name="Roe^Mary", birth_date="1958-07-01", sex="X",
                                eye="OS", age=65)


def _show(qtbot, window: MainWindow, number: int) -> None:
    window.bscans.bar.slider.setValue(number)
    _on_bscan(qtbot, window, number)


def _listed(window: MainWindow) -> tuple[str, str, str]:
    row = window.cases.summaries[_volume(window)]
    return row.patient_name, row.case_patient_id, row.case_eye


def _panel(window: MainWindow) -> tuple[str, str]:
    panel = window.patients.panel
    return panel.name.text(), panel.patient_id.text()


def _correct_on_bscan_6(qtbot, window: MainWindow) -> str:
    _show(qtbot, window, 6)
    assert window.cases.doc.patient == HEADER  # as its header gives it
    window.cases.edits.set_patient(CORRECTED)
    return window.cases.current_id


def test_a_correction_on_one_bscan_is_the_whole_volumes(qtbot, settings, folder, no_modal_dialogs) -> None:
    window = _window(qtbot, settings, folder)
    _on_bscan(qtbot, window, 4)
    corrected_on = _correct_on_bscan_6(qtbot, window)
    assert _listed(window) == ("Roe^Mary", "P-0099", "OS")  # the row at once, not once saved

    for number in (4, 2, 7):  # its own case, B-scans never opened
        _show(qtbot, window, number)
        assert window.cases.doc.patient == CORRECTED, number
        assert _panel(window) == ("Roe^Mary", "P-0099")
    window.actions["report"].trigger()  # the report of another B-scan
    fields = window.reports.dialog.fields()
    assert (fields.patient_name, fields.patient_id, fields.sex, fields.eyes) == ("Roe^Mary", "P-0099", "X", ["OS"])
    window.activateWindow()  # the dialog built took it
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)

    _key(qtbot, window, Qt.Key.Key_D)  # the photo, the patient's other eye
    _on_photo(qtbot, window)
    window.cases.edits.set_patient(PatientInfo(patient_id="P-0099", eye="OD"))
    assert window.patients.other_cases(window.cases.doc) == ["a_volume.dcm OS (left eye)"]
    assert case_document(window.cases, _volume(window)).patient == CORRECTED  # the report's other eye

    _key(qtbot, window, Qt.Key.Key_A)
    _on_bscan(qtbot, window, 7)  # back on the B-scan left (found by the storage worker), then to B-scan 6
    _show(qtbot, window, 6)
    assert window.cases.current_id == corrected_on
    # taken back for the whole volume: it holds what B-scan 6 held before that step
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.cases.doc.patient == HEADER and _listed(window) == ("Jane Q Doe", "P-0042", "OD")
    _show(qtbot, window, 4)
    assert window.cases.doc.patient == HEADER
    _show(qtbot, window, 6)
    _key(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _listed(window) == ("Roe^Mary", "P-0099", "OS")
    window.close()

    again = _window(qtbot, settings, folder)  # saved: the folder opened again has one patient on every B-scan
    _on_bscan(qtbot, again, 6)
    assert _listed(again) == ("Roe^Mary", "P-0099", "OS")
    for number in (6, 4, 1):
        _show(qtbot, again, number)
        assert again.cases.doc.patient == CORRECTED, number
    again.close()


def test_a_correction_autosaved_on_a_bscan_is_recovered_for_the_volume(qtbot, settings: Settings, folder) -> None:
    with Workspace.open(folder) as ws:
        volume = next(c.case_id for c in ws.cases() if c.image_path == "a_volume.dcm")
    crashed = Workspace.open(folder)
    doc = crashed.load_case(crashed.bscan_case_id(volume, 6))
    doc.patient = CORRECTED
    assert crashed.autosave(doc)
    fake_dead_owner(crashed.sidecar / "lock")  # never saved nor closed

    window = _window(qtbot, settings, folder)
    _on_bscan(qtbot, window, 4)
    assert window.cases.doc.patient == CORRECTED and _listed(window) == ("Roe^Mary", "P-0099", "OS")
    window.close()


def test_a_folder_whose_bscan_holds_its_own_patient_shows_the_volumes(qtbot, settings: Settings, folder) -> None:
    """Saved before a volume had one patient: B-scan 6 corrected on its own, the volume's own case not. The volume's
    own case wins, as the row, the patient's links and the volume's report showed it then."""
    with Workspace.open(folder) as ws:
        volume = next(c.case_id for c in ws.cases() if c.image_path == "a_volume.dcm")
        for case_id in (volume, ws.bscan_case_id(volume, 6)):
            doc = ws.load_case(case_id)
            doc.findings_text = "seen"
            ws.save_case(doc)
        path = ws.case_files.case_file(doc.case_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data | {"patient": dataclasses.asdict(CORRECTED)}), encoding="utf-8")

    window = _window(qtbot, settings, folder)
    _show(qtbot, window, 6)
    assert window.cases.doc.findings_text == "seen"
    assert window.cases.doc.patient == HEADER and _listed(window) == ("Jane Q Doe", "P-0042", "OD")
    window.close()


def test_undo_on_one_bscan_takes_back_its_own_correction_not_one_made_on_another(qtbot, settings, folder) -> None:
    """The name corrected on B-scan 6, then the birth date on B-scan 2: Ctrl+Z on B-scan 6 took the volume back to
    all that B-scan 6 held before its step, the birth date corrected on B-scan 2 lost with the name."""
    window = _window(qtbot, settings, folder)
    _on_bscan(qtbot, window, 4)
    _show(qtbot, window, 6)
    window.cases.edits.set_patient(dataclasses.replace(HEADER, name="Roe^Mary"))
    _show(qtbot, window, 2)
    window.cases.edits.set_patient(dataclasses.replace(window.cases.doc.patient, birth_date="1958-07-01", age=65))
    both = dataclasses.replace(HEADER, name="Roe^Mary", birth_date="1958-07-01", age=65)
    _show(qtbot, window, 6)
    assert window.cases.doc.patient == both
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.cases.doc.patient == dataclasses.replace(both, name="Jane Q Doe")
    _show(qtbot, window, 1)  # never opened: the volume's own case as saved
    assert window.cases.doc.patient == dataclasses.replace(both, name="Jane Q Doe")
    _show(qtbot, window, 6)
    _key(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.cases.doc.patient == both
    _show(qtbot, window, 2)
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # B-scan 2's birth date alone
    assert window.cases.doc.patient == dataclasses.replace(HEADER, name="Roe^Mary")
    window.close()
