"""The AI's grade of a photo its quality check found not gradable is, in `agreement`, what the case list shows (U):
left out of the AI's grade and referable figures against a reader and against the consensus, as a reading recorded
ungradable is, and counted apart with it (gradability) in agreement.json and on the console."""
from __future__ import annotations

from pathlib import Path

from annotations.classes import LesionClass
from annotations.document import AIResult, ReaderGrade, ReviewState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from inference.agreement import folder_agreement
from inference.agreement_report import format_text
from tests.unit.reading_fixtures import case_of, image_folder

NOT_GRADABLE = {"gradable": False, "reason": "too dark"}
# image: (both readers' grade, None: recorded ungradable; the AI's grade; whether its quality check passed)
CASES = {0: (2, 2, False), 1: (None, 3, True), 2: (None, 1, False), 3: (1, 3, True)}


def _read(folder: Path, name: str, with_ai: bool) -> None:
    with open_reader(folder, name) as ws:
        for index, (grade, ai_grade, gradable) in CASES.items():
            doc = ws.load_case(case_of(index))
            doc.grade = ReaderGrade(dr_grade=grade, dme_risk=0) if grade is not None else ReaderGrade(ungradable=True)
            if grade is not None:
                doc.mask[2:6, 4:12] |= LesionClass.EX.bit
            if with_ai:
                doc.ai = AIResult(dr_grade=ai_grade, referable=ai_grade >= 2, grade_source="model",
                                  quality={"gradable": True} if gradable else NOT_GRADABLE)
            doc.review_state = ReviewState.DONE
            ws.save_case(doc)


def test_the_ais_ungradable_photos_are_counted_apart_from_its_grade_figures(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=len(CASES))
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    _read(folder, "Anna", with_ai=True)
    _read(folder, "Ben", with_ai=False)  # compared with the AI of Anna's readings
    report = folder_agreement(folder)
    counts = {"both_ungradable": 1, "reference_only_ungradable": 1, "ai_only_ungradable": 1}
    for row in (*report["versus_ai"], report["versus_consensus"]):
        # img3 alone: img0's grade 2 from a photo too dark to grade is no exact agreement, nor a referral caught
        assert (row["grade"]["cases"], row["grade"]["exact_agreement"], row["referable"]["cases"]) == (1, 0.0, 1)
        assert row["gradability"] == counts
    line = ("  ungradable to both 1, to the reference only (the AI graded it) 1, to the AI only (the reference "
            "graded it) 1")
    assert format_text(report).splitlines().count(line) == 3  # under each reader's line and the consensus's
