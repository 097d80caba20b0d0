"""A patient's birth and exam date fields marked as the patient panel and the report dialog both mark them: a date
that names no date (03/12/1958: which day?) is shown red, its tooltip saying how to write it: it gives no age and no
DICOM date. So are dates no patient has (patients.date_checks: born after the exam, a date in the future), the
tooltip saying which: they give no age either."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from annotations.patients import date_checks, names_no_date

MARKED_STYLE = "color: #b00020;"


def mark_dates(birth_date: QLineEdit, exam_date: QLineEdit, typed: QLineEdit | None = None) -> None:
    """Mark both fields as they are now, but for a date that names none in ``typed``, the field being typed in: it
    may be one half typed (the report dialog marks it once the field is left)."""
    birth, exam = birth_date.text(), exam_date.text()
    checks = date_checks(birth, exam, QCoreApplication.translate)
    alone = {birth_date: date_checks("", exam, QCoreApplication.translate),  # the other date's own
             exam_date: date_checks(birth, "", QCoreApplication.translate)}
    for line in (birth_date, exam_date):
        unread = line is not typed and names_no_date(line.text())
        said = QCoreApplication.translate(
            "DateMarks", "Not a date this program can read: write it YYYY-MM-DD (1958/3/12 and 1958年3月12日 are read "
                         "too)") if unread else " ".join(text for text in checks if text not in alone[line])
        line.setStyleSheet(MARKED_STYLE if said else "")
        line.setToolTip(said)
