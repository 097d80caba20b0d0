"""What the report dialog edits: plain data (no Qt), so the app can turn it into a report without widgets/."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReportFields:
    patient_name: str = ""
    patient_id: str = ""
    age: int | None = None
    birth_date: str = ""  # ISO date, or as typed where it names none
    sex: str = ""  # "F", "M", "X" or ""
    exam_date: str = ""  # ISO date
    eyes: list[str] = field(default_factory=list)  # "OD"/"OS"/"" per case shown, in the caller's order
    # per case: its eye is the AI's guess (patients.guessed_eye), as prefilled, not yet chosen by the reader
    ai_eyes: list[bool] = field(default_factory=list)
    reader: str = ""
    diagnosis: str = ""
    recommendation: str = ""  # empty: the report suggests one from the grades
    template: str = "clinical"
    paper: str = "A4"
    language: str = "en"  # the report's language, independent of the interface's
