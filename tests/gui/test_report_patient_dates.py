"""The report dialog warns of dates no patient has, as the fields stand: a birth date after the exam date it prints
(an exam date corrected in the dialog too), before the report is saved."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.commands import SetPatient
from annotations.document import PatientInfo
from tests.gui.test_main_window import _window, fundus_folder, settings  # noqa: F401 - a fixture
from tests.gui.test_report_and_modality import no_modal_dialogs  # noqa: F401 - a fixture

AFTER = "The birth date 2020-06-01 is after the exam date 2019-01-10: check both"


def test_an_exam_date_before_the_birth_date_is_warned_of(qtbot, settings, tmp_path: Path, no_modal_dialogs,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png",)))
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-3", birth_date="2020-06-01", exam_date="2026-01-10")))
    window.actions["report"].trigger()
    dialog = window.reports.dialog
    assert AFTER not in dialog.warnings
    dialog.exam_date.setText("2019-01-10")  # as typed in the dialog: the warning shows at once
    assert AFTER in dialog.warnings and AFTER in dialog.warning_label.text()
