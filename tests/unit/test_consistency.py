from annotations.classes import LesionClass
from annotations.consistency import case_flags, reader_lesion_names
from annotations.document import Box, CaseDocument, ReviewState
from annotations.graded_fields import listed_kind, listed_name
from annotations.report_kind import ReportKind


def test_reader_lesions_come_from_painted_bits_and_reader_boxes() -> None:
    doc = CaseDocument("a", "a.png", 10, 10)
    assert reader_lesion_names(doc) == []
    doc.mask[2, 3] = LesionClass.HE.bit | LesionClass.OD.bit
    doc.boxes.append(Box(LesionClass.MA, 0, 0, 2, 2))
    doc.boxes.append(Box(LesionClass.EX, 0, 0, 2, 2, source="ai"))  # the AI's boxes are not the reader's
    assert reader_lesion_names(doc) == ["MA", "HE"]


def test_done_with_grade_0_and_painted_haemorrhages_is_flagged() -> None:
    flags = case_flags(ReviewState.DONE, 0, None, ["HE"])
    assert [flag.text for flag in flags] == ["marked done with grade 0 (no DR) but HE painted or boxed"]
    assert case_flags(ReviewState.DONE, 0, None, []) == []
    assert case_flags(ReviewState.DONE, 2, None, ["HE"]) == []


def test_ai_and_reader_disagreement_is_flagged_only_when_both_graded() -> None:
    assert [flag.text for flag in case_flags(ReviewState.TODO, 1, 3, [])] == ["AI grade 3 differs from reader grade 1"]
    assert case_flags(ReviewState.TODO, None, 3, []) == []
    assert case_flags(ReviewState.TODO, 3, 3, []) == []


def test_an_oct_scan_is_flagged_by_its_classes_not_by_a_dr_grade_left_from_before() -> None:
    differ = case_flags(ReviewState.TODO, 1, 1, [], reader_oct_class="CNV", ai_oct_class="DME")
    assert [flag.text for flag in differ] == ["AI OCT class DME differs from reader OCT class CNV"]
    assert (differ[0].case_kind, differ[0].ai_grade, differ[0].reader_grade) == (ReportKind.OCT, "DME", "CNV")
    assert case_flags(ReviewState.TODO, 1, 3, [], reader_oct_class="CNV", ai_oct_class="CNV") == []
    assert case_flags(ReviewState.TODO, 1, 3, [], ai_oct_class="CNV") == []  # the reader has not classed it
    assert case_flags(ReviewState.DONE, 0, None, ["HE"], reader_oct_class="NORMAL") == []  # grade 0 names no scan


def test_a_case_list_takes_a_case_with_a_listed_class_for_an_oct_scan_named_by_it() -> None:
    assert listed_kind(None, None) is ReportKind.DR and listed_name(ReportKind.DR, 2, None) == 2
    assert listed_kind("CNV", None) is listed_kind(None, "DME") is ReportKind.OCT
    assert listed_name(ReportKind.OCT, 2, None) is None and listed_name(ReportKind.OCT, 2, "DME") == "DME"
