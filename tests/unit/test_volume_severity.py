"""A report of one B-scan of an OCT volume warns where another B-scan of it records a more severe class."""
from __future__ import annotations

from annotations.volume_severity import number_runs, severer_bscans, severer_bscans_warning
from annotations.volume_summary import GradedFields


def test_a_more_severe_class_on_other_bscans_is_named_with_their_numbers() -> None:
    others = {6: GradedFields(reader_oct_class="CNV"), 7: GradedFields(reader_oct_class="DME"),
              9: GradedFields(ai_oct_class="CNV"), 10: GradedFields(reader_oct_class="NORMAL", ai_oct_class="CNV")}
    assert severer_bscans("NORMAL", others) == ("CNV", [6, 9])  # the reader's class wins over the AI's
    assert severer_bscans(None, others) == ("CNV", [6, 9])
    assert severer_bscans("DME", {7: GradedFields(reader_oct_class="DRUSEN")}) is None
    assert severer_bscans("CNV", others) is None and severer_bscans("DME", {7: GradedFields("DME")}) is None


def test_normal_bscans_and_ungradable_ai_results_warn_of_nothing() -> None:
    assert severer_bscans(None, {3: GradedFields(reader_oct_class="NORMAL")}) is None
    assert severer_bscans("NORMAL", {3: GradedFields(ai_oct_class="CNV", ai_ungradable=True)}) is None
    assert severer_bscans("NORMAL", {}) is None


def test_the_warning_names_the_case_the_bscans_and_the_class() -> None:
    others = {n: GradedFields(reader_oct_class="DME") for n in (2, 3, 4, 9)}
    assert severer_bscans_warning("'vol.dcm', B-scan 5", "NORMAL", others) == (
        "'vol.dcm', B-scan 5: B-scan(s) 2-4, 9 of the same volume record DME, more severe than the class this "
        "report prints; it shows this B-scan alone")
    assert severer_bscans_warning("'vol.dcm', B-scan 5", "DME", others) is None
    assert number_runs([1, 2, 3, 5, 7, 8]) == ["1-3", "5", "7-8"]


def test_the_other_bscans_are_read_by_number_without_an_ai_class_withheld(tmp_path) -> None:
    import numpy as np
    from pydicom import uid

    from annotations.document import AIResult, ReaderGrade
    from annotations.volume_severity import other_bscans
    from annotations.workspace import Workspace
    from tests.dicom_files import write_dicom

    pixels = np.random.default_rng(0).integers(0, 255, (5, 32, 48), dtype=np.uint8)
    write_dicom(tmp_path / "vol.dcm", pixels, sop_class=uid.OphthalmicTomographyImageStorage, frames=True)
    with Workspace.open(tmp_path) as ws:
        (case,) = ws.cases()
        for number, grade, ai in ((2, "DME", None), (3, "NORMAL", None), (5, None, AIResult(oct_probs={"CNV": 0.9}))):
            doc = ws.load_case(ws.bscan_case_id(case.case_id, number))
            doc.grade, doc.ai = ReaderGrade(oct_class=grade), ai
            ws.save_case(doc)
        found = other_bscans(ws, case.case_id)  # the volume's own case is B-scan 3: the others
        assert sorted(found) == [2, 5] and found[2].reader_oct_class == "DME" and found[5].ai_oct_class == "CNV"
        fifth = ws.bscan_case_id(case.case_id, 5)
        assert other_bscans(ws, fifth)[3].reader_oct_class == "NORMAL"
        assert other_bscans(ws, case.case_id, lambda member: member == fifth)[5].ai_oct_class is None


def test_a_mixed_volume_reads_alike_in_its_warning_and_in_each_bscans_report(tmp_path) -> None:
    """Some B-scans classed by the reader, some by the AI alone (one of them on a scan it found not gradable): what
    a B-scan stands for in the warning is what its own report acts on (annotations.acted_grade)."""
    import numpy as np
    from pydicom import uid

    from annotations.acted_grade import effective_oct_class
    from annotations.document import AIResult, ReaderGrade
    from annotations.volume_severity import bscan_class, other_bscans
    from annotations.workspace import Workspace
    from app.report.recommendation import suggest
    from tests.dicom_files import write_dicom

    blurred = {"gradable": False, "reason": "blur"}
    saved = {1: ("NORMAL", AIResult(oct_probs={"CNV": 0.9})), 2: (None, AIResult(oct_probs={"DME": 0.8})),
             3: (None, AIResult(oct_probs={"CNV": 0.9}, quality=blurred)),
             4: ("DRUSEN", AIResult(oct_probs={"CNV": 0.7}, quality=blurred)), 5: (None, None)}
    pixels = np.random.default_rng(0).integers(0, 255, (6, 32, 48), dtype=np.uint8)
    write_dicom(tmp_path / "vol.dcm", pixels, sop_class=uid.OphthalmicTomographyImageStorage, frames=True)
    with Workspace.open(tmp_path) as ws:
        (case,) = ws.cases()
        docs = {}
        for number, (grade, ai) in saved.items():
            doc = ws.load_case(ws.bscan_case_id(case.case_id, number))
            doc.grade, doc.ai = ReaderGrade(oct_class=grade), ai
            ws.save_case(doc)
            docs[number] = ws.load_case(doc.case_id)
        others = other_bscans(ws, ws.bscan_case_id(case.case_id, 6))
    assert {n: bscan_class(fields) for n, fields in others.items()} == {
        n: effective_oct_class(doc).grade for n, doc in docs.items()} == {1: "NORMAL", 2: "DME", 3: None,
                                                                          4: "DRUSEN", 5: None}
    assert severer_bscans("NORMAL", others) == ("DME", [2])
    assert [suggest([docs[n]]).refer for n in sorted(docs)] == [False, True, None, False, None]
