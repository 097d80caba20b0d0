from annotations.classes import LesionClass
from annotations.consistency import case_flags, reader_lesion_names
from annotations.document import Box, CaseDocument, ReviewState


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
