"""The reader's edits of the open case (app.case_edits): one undo step per real change, and accepting the AI's
grade asks before it replaces a grade the reader set."""
from __future__ import annotations

from pathlib import Path

from annotations.commands import SetAIResult
from annotations.document import AIResult, Modality, ReaderGrade
from app.case_controller import CaseController
from tests.unit.reading_fixtures import case_of, image_folder


def _open_case(qtbot, tmp_path: Path) -> CaseController:
    cases = CaseController()
    assert cases.open_workspace(image_folder(tmp_path / "images", count=1))
    qtbot.waitUntil(lambda: not cases.busy, timeout=10_000)
    cases.select_case(case_of(0))
    qtbot.waitUntil(lambda: cases.image is not None, timeout=10_000)
    cases.pixels.choose(Modality.FUNDUS)  # a fundus photo: the AI's DR grade is what is accepted
    return cases


def test_an_unchanged_value_adds_no_undo_step(qtbot, tmp_path: Path) -> None:
    cases = _open_case(qtbot, tmp_path)
    cases.edits.set_findings("small haemorrhage")
    cases.edits.set_findings("small haemorrhage")
    cases.undo()
    assert cases.doc.findings_text == ""
    cases.shutdown()


def test_accepting_the_ai_grade_asks_before_it_replaces_the_readers(qtbot, tmp_path: Path) -> None:
    cases = _open_case(qtbot, tmp_path)
    questions: list[str] = []
    answer = False
    cases.confirm = lambda title, question: questions.append(question) or answer
    assert not cases.edits.accept_ai_grade()  # no AI result yet
    cases.execute(SetAIResult(AIResult(dr_grade=3)))
    assert cases.edits.accept_ai_grade() and cases.doc.grade.dr_grade == 3 and questions == []  # nothing to lose
    cases.edits.set_grade(ReaderGrade(dr_grade=1))
    assert not cases.edits.accept_ai_grade() and cases.doc.grade.dr_grade == 1
    assert "DR grade 1 → 3" in questions[0]
    answer = True
    assert cases.edits.accept_ai_grade() and cases.doc.grade == ReaderGrade(dr_grade=3, referable=True)
    cases.shutdown()


def test_accepting_the_ai_class_names_the_oct_classes_it_replaces(qtbot, tmp_path: Path) -> None:
    """The question names the classes as the findings panel does, not by the codes files store."""
    cases = _open_case(qtbot, tmp_path)
    cases.pixels.choose(Modality.OCT)
    questions: list[str] = []
    cases.confirm = lambda title, question: questions.append(question) or False
    cases.execute(SetAIResult(AIResult(oct_probs={"CNV": 0.8, "DME": 0.1, "DRUSEN": 0.05, "NORMAL": 0.05})))
    cases.edits.set_grade(ReaderGrade(oct_class="DRUSEN"))
    assert not cases.edits.accept_ai_grade() and cases.doc.grade.oct_class == "DRUSEN"
    assert "OCT class Drusen → CNV — choroidal neovascularisation" in questions[0], questions
    cases.shutdown()
