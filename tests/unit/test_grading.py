from annotations.document import AIResult, ReaderGrade
from annotations.grading import (NO_AI_GRADE, NOT_ANALYSED, NOT_GRADABLE, grade_from_ai, replaced_reader_values,
                                 why_no_ai_grade, with_dme_risk, with_dr_grade)


def test_ai_grade_is_copied_and_referable_follows_it_as_for_a_typed_grade() -> None:
    """The AI's own referable call (signs beside grade 1) stayed hidden in the reader's grade: two readers of the same
    grade, one typing it and one accepting it, were sent to arbitration over it, and the report referred one eye."""
    new = grade_from_ai(ReaderGrade(dme_risk=1), AIResult(dr_grade=3), oct_scan=False)
    assert new == ReaderGrade(dr_grade=3, dme_risk=1, referable=True)
    for ai_grade, ai_referable in ((1, True), (0, True), (2, False)):
        accepted = grade_from_ai(ReaderGrade(), AIResult(dr_grade=ai_grade, referable=ai_referable), False)
        assert accepted == with_dr_grade(ReaderGrade(), ai_grade)
    assert grade_from_ai(ReaderGrade(), None, False) is None
    assert grade_from_ai(ReaderGrade(), AIResult(), False) is None


def test_oct_class_is_the_most_probable() -> None:
    new = grade_from_ai(ReaderGrade(), AIResult(oct_probs={"CNV": 0.2, "DME": 0.7, "NORMAL": 0.1}), True)
    assert new is not None and new.oct_class == "DME"
    assert grade_from_ai(ReaderGrade(), AIResult(dr_grade=2), True) is None


def test_why_the_ai_grade_cannot_be_taken() -> None:
    blurred = {"gradable": False, "reason": "blurred"}
    assert why_no_ai_grade(None, oct_scan=False) == NOT_ANALYSED  # not analysed, or the analysis failed
    assert why_no_ai_grade(AIResult(), oct_scan=False) == NO_AI_GRADE
    assert why_no_ai_grade(AIResult(dr_grade=2), oct_scan=True) == NO_AI_GRADE  # a fundus grade is no OCT class
    assert why_no_ai_grade(AIResult(dr_grade=2, quality=blurred), oct_scan=False) == NOT_GRADABLE
    assert why_no_ai_grade(AIResult(oct_probs={"DME": 0.9}, quality=blurred), oct_scan=True) == NOT_GRADABLE
    assert why_no_ai_grade(AIResult(dr_grade=2, quality={"gradable": True}), oct_scan=False) is None
    assert why_no_ai_grade(AIResult(dr_grade=0), oct_scan=False) is None  # grade 0 is a grade; quality not assessed
    assert why_no_ai_grade(AIResult(oct_probs={"DME": 0.9}), oct_scan=True) is None


def test_the_grade_of_an_ungradable_image_is_not_taken() -> None:
    assert grade_from_ai(ReaderGrade(), AIResult(dr_grade=3, quality={"gradable": False}), False) is None
    assert grade_from_ai(ReaderGrade(), AIResult(oct_probs={"CNV": 1.0}, quality={"gradable": False}), True) is None


def test_only_a_grade_the_reader_set_and_the_ai_changes_counts_as_replaced() -> None:
    assert replaced_reader_values(ReaderGrade(), ReaderGrade(dr_grade=3)) == []
    assert replaced_reader_values(ReaderGrade(dr_grade=3), ReaderGrade(dr_grade=3, referable=True)) == []
    assert replaced_reader_values(ReaderGrade(dr_grade=1), ReaderGrade(dr_grade=3)) == [("dr_grade", 1, 3)]
    assert replaced_reader_values(ReaderGrade(oct_class="CNV"), ReaderGrade(oct_class="DME")) == [
        ("oct_class", "CNV", "DME")]


def test_a_picked_dr_grade_sets_referable_by_the_icdr_rule_and_keeps_the_rest() -> None:
    assert with_dr_grade(ReaderGrade(dme_risk=2), 2) == ReaderGrade(dr_grade=2, dme_risk=2, referable=True)
    assert with_dr_grade(ReaderGrade(dr_grade=3, referable=True), 1) == ReaderGrade(dr_grade=1, referable=False)
    kept = ReaderGrade(dr_grade=1, referable=True)  # the reader referred a mild case: the same grade keeps that
    assert with_dr_grade(kept, 1) == kept


def test_a_risk_of_macular_oedema_makes_the_eye_referable_whatever_its_grade() -> None:
    """Grade 1 with DME risk 2 was recorded "referable: no", and the report printed it beside "Refer to an
    ophthalmologist (possible macular oedema)"; the readers' agreement on referral ignored the risk too."""
    mild = ReaderGrade(dr_grade=1, referable=False)
    assert with_dme_risk(mild, 2) == ReaderGrade(dr_grade=1, dme_risk=2, referable=True)
    assert with_dme_risk(with_dme_risk(mild, 1), 0) == ReaderGrade(dr_grade=1, dme_risk=0, referable=False)
    assert with_dr_grade(ReaderGrade(dme_risk=1), 0).referable is True
    assert with_dme_risk(ReaderGrade(), 2).referable is True  # no grade yet: the risk alone refers
    assert with_dme_risk(ReaderGrade(), 0).referable is None
    assert grade_from_ai(ReaderGrade(dme_risk=2), AIResult(dr_grade=0), oct_scan=False).referable is True


def test_a_flag_stored_before_the_risk_counted_is_read_by_the_rule() -> None:
    """A case saved earlier with grade 1, DME risk 1 and "referable: no" printed that beside a referral."""
    from annotations.formats.grades_csv import grades_csv_text
    from annotations.graded_fields import referable_decision
    from annotations.document import CaseDocument

    stored = ReaderGrade(dr_grade=1, dme_risk=1, referable=False)
    assert referable_decision(stored) is True
    assert referable_decision(ReaderGrade(dr_grade=1, dme_risk=0, referable=True)) is True  # the reader's call
    assert "a,1,1,yes," in grades_csv_text([CaseDocument("a", "a.png", 4, 4, grade=stored)], ["a"])


def test_two_readers_of_one_grade_agree_however_they_recorded_it() -> None:
    from annotations.document import CaseDocument
    from annotations.reading.disagreement import compare_readings

    ai = AIResult(dr_grade=1, referable=True, grade_source="icdr-rules", quality={"gradable": True})
    typed, accepted = CaseDocument("c1", "a.jpg", 64, 48, ai=ai), CaseDocument("c1", "a.jpg", 64, 48, ai=ai)
    typed.grade = with_dr_grade(typed.grade, 1)  # Ctrl+G 1
    accepted.grade = grade_from_ai(accepted.grade, ai, oct_scan=False)  # G
    assert compare_readings(typed, accepted, 0.5).reasons == []
