"""The report dialog prefills a name a DICOM header writes in both forms as shown, "Xiaoming Wang (王小明)": that text
was taken for a name the reader typed, given to every case of the report, so another name the other eye's case
records under the same patient ID ("Hua Li") was no longer warned of, and the report printed Xiaoming Wang over Hua
Li's eye."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.commands import SetPatient
from annotations.document import PatientInfo
from tests.gui.test_main_window import _window, fundus_folder, settings  # noqa: F401 - a fixture
from tests.gui.test_report_and_modality import _open, no_modal_dialogs  # noqa: F401 - a fixture

WANG = PatientInfo(patient_id="P-1", name="Xiaoming Wang", ideographic_name="王小明", eye="OD")
DIFFER = ("The cases record different patient details (name Xiaoming Wang (王小明) vs Hua Li): the report prints "
          "those of 'a.png', check them")


@pytest.mark.parametrize("other, warned", [(PatientInfo(patient_id="P-1", name="Hua Li", eye="OS"), True),
                                           # the name a device writing only its ideographic form records
                                           (PatientInfo(patient_id="P-1", name="王小明", eye="OS"), False)],
                         ids=["another-name", "the-same-name-in-one-form"])
def test_a_name_left_as_prefilled_in_both_forms_is_compared_with_the_other_eyes(
        qtbot, settings, tmp_path: Path, no_modal_dialogs, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        other: PatientInfo, warned: bool) -> None:
    window = _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")))
    _open(qtbot, window, "b.png")
    window.cases.execute(SetPatient(other))
    _open(qtbot, window, "a.png")
    window.cases.execute(SetPatient(WANG))
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda partner: True)
    window.actions["report"].trigger()
    dialog = window.reports.dialog
    assert dialog.name.text() == "Xiaoming Wang (王小明)" and len(dialog.fields().eyes) == 2
    assert (DIFFER in dialog.warnings) is warned
    assert not any("different patient details" in warning for warning in dialog.warnings) or warned
    dialog.name.setText("Hua Li")  # typed: a correction given to every case, which then agree
    assert not any("different patient details" in warning for warning in dialog.warnings)
