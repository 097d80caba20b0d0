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


UNREADABLE = ('The birth date "03/12/1958" is not a date this program can read: the report prints it as written, '
              'with no age from it; write it YYYY-MM-DD')


def test_a_birth_date_that_names_no_date_is_asked_about_before_saving_once_its_field_is_left(
        qtbot, settings, tmp_path: Path, no_modal_dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    """It was marked red, but the report was saved without a question, printing "03/12/1958" as written. While the
    field is typed in, a date half typed is not warned of (the warnings growing would move the field away)."""
    from widgets import report_dialog

    window = _window(qtbot, settings, fundus_folder(tmp_path, monkeypatch, ("a.png",)))
    window.cases.execute(SetPatient(PatientInfo(patient_id="P-3", exam_date="2026-01-10")))
    window.actions["report"].trigger()
    dialog = window.reports.dialog
    dialog.show()
    dialog.birth_date.setFocus()
    qtbot.keyClicks(dialog.birth_date, "03/12/1958")
    assert UNREADABLE not in dialog.warnings  # still typed in
    asked: list[str] = []
    monkeypatch.setattr(report_dialog, "ask_yes_no", lambda parent, title, question: asked.append(question) or False)
    assert dialog.save_pdf(str(tmp_path / "r.pdf")) is None  # asked, and the reader said no
    assert len(asked) == 1 and UNREADABLE in asked[0] and not (tmp_path / "r.pdf").exists()
    dialog.birth_date.editingFinished.emit()  # the field left
    assert UNREADABLE in dialog.warnings and UNREADABLE in dialog.warning_label.text()
    dialog.birth_date.setText("1958-12-03")
    assert UNREADABLE not in dialog.warnings
