"""A case file's AI findings edited by hand or written by another tool: a value not of its field's kind is read as
absent, as a damaged case value is. A count "many" stopped the window at the case's opening (an uncaught ValueError in
the ICDR sentence) and stopped `retina-review report` of the case."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.findings import ClassFindings, Findings
from annotations.icdr import icdr_reading

GOOD = {"MA": {"count": 3, "area_px": 40, "area_mm2": 0.01, "quadrants": {"ST": 2, "IN": 1}},
        "HE": {"count": 2, "area_px": 90.0, "area_mm2": None, "quadrants": ["ST", "SN"]},
        "optic_disc": {"found": True, "center": [310.5, 200], "radius": 40.0, "area_px": 5000},
        "mm_per_px": 0.004, "icdr_grade": 1, "summary": "Microaneurysms only: mild NPDR (ICDR 1).",
        "lesion_sources": {"MA": "idrid-lesions"}, "grade_confidence": 0.8, "lesions_present_signs": True}


def test_values_of_their_kind_read_as_written() -> None:
    found = Findings.from_json(GOOD)
    assert found.of("MA") == ClassFindings(3, 40, 0.01, {"ST": 2, "IN": 1})
    assert found.of("HE").quadrants == {"ST": 1, "SN": 1} and found.of("HE").area_px == 90.0
    assert found.optic_disc.center == [310.5, 200] and found.lesion_sources == {"MA": "idrid-lesions"}
    written = found.to_json()
    assert all(written[key] == GOOD[key] for key in GOOD if key != "HE")


def test_a_value_not_of_its_fields_kind_reads_as_absent() -> None:
    damaged = {**GOOD, "MA": {**GOOD["MA"], "count": "many", "area_mm2": "big", "quadrants": {"ST": "two"}},
               "HE": {**GOOD["HE"], "count": True, "quadrants": [1, 2]},
               "optic_disc": {**GOOD["optic_disc"], "center": "x", "radius": [1]},
               "mm_per_px": "0.004", "icdr_grade": 1.5, "summary": 7, "lesion_sources": {"MA": 3},
               "grade_confidence": False, "lesions_present_signs": "yes"}
    found = Findings.from_json(damaged)
    assert found.of("MA") == ClassFindings(0, 40, None, {})
    assert found.of("HE") == ClassFindings(0, 90.0, None, {})
    assert (found.optic_disc.found, found.optic_disc.center, found.optic_disc.radius) == (True, None, None)
    assert (found.mm_per_px, found.icdr_grade, found.summary, found.lesion_sources) == (None, None, "", None)
    assert (found.grade_confidence, found.lesions_present_signs) == (None, None)
    assert icdr_reading(found.classes) is not None  # what the window's findings panel reads first


def test_the_report_of_a_case_with_a_damaged_count_is_written(tmp_path: Path) -> None:
    from annotations.document import AIResult
    from annotations.workspace import Workspace
    from app.cli import main

    photos = tmp_path / "study"
    photos.mkdir()
    Image.fromarray(np.full((60, 80, 3), 90, np.uint8)).save(photos / "eye.png")
    with Workspace.open(photos) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.ai = AIResult(dr_grade=1, findings=Findings.from_json(GOOD))
        ws.save_case(doc)
        case_file = ws.case_files.case_file(doc.case_id)
    case_file.write_text(case_file.read_text().replace('"count": 3', '"count": "many"'))
    assert '"many"' in case_file.read_text()
    assert main(["report", str(photos / "eye.png"), "--out", str(tmp_path / "r.pdf"), "--no-analysis"]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
