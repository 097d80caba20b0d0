"""A batch analysis result stored in a case that is not open: saved, undoable like any edit, other labels kept."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.ai_store import store_ai_result
from annotations.document import AIResult, Modality, ReaderGrade
from annotations.findings import Findings
from annotations.workspace import Workspace
from annotations.workspace.recorded_modality import saved_modality


def test_a_result_is_stored_in_a_saved_case_and_keeps_its_other_labels(tmp_path: Path) -> None:
    Image.fromarray(np.full((24, 32, 3), 90, np.uint8)).save(tmp_path / "a.png")
    with Workspace.open(tmp_path, reader="dr-test") as ws:
        case_id = ws.cases()[0].case_id
        doc = ws.load_case(case_id)
        doc.grade = ReaderGrade(dr_grade=1)
        ws.save_case(doc, "dr-test")
        result = AIResult(dr_grade=2, findings=Findings(summary="2 HE"), mask=np.ones((24, 32), np.uint8))
        stored = store_ai_result(ws, case_id, result, "dr-test")
        assert stored.ai is result
    with Workspace.open(tmp_path) as reopened:
        loaded = reopened.load_case(case_id)
    assert loaded.ai is not None and loaded.ai.dr_grade == 2 and loaded.ai.findings.summary == "2 HE"
    assert np.array_equal(loaded.ai.mask, result.mask) and loaded.grade.dr_grade == 1


def test_a_case_never_saved_takes_the_modality_its_analysis_took_it_for(tmp_path: Path) -> None:
    """Analyse all stored an OCT scan nobody had opened (or only looked at) as a fundus photo, the default: it then
    opened with the lesion tools and without its OCT class. A saved case keeps the modality recorded with it."""
    Image.fromarray(np.full((20, 60, 3), 90, np.uint8)).save(tmp_path / "scan.png")
    Image.fromarray(np.full((20, 60, 3), 90, np.uint8)).save(tmp_path / "other.png")
    with Workspace.open(tmp_path) as ws:
        ids = {case.image_path: case.case_id for case in ws.cases()}
        saved = ws.load_case(ids["other.png"])
        saved.modality = Modality.FUNDUS  # the reader's choice: what its pixels say (OCT) does not override it
        ws.save_case(saved)
        for case_id in ids.values():
            store_ai_result(ws, case_id, AIResult(modality="oct"))
    with Workspace.open(tmp_path) as reopened:
        assert reopened.load_case(ids["scan.png"]).modality is Modality.OCT
        assert reopened.load_case(ids["other.png"]).modality is Modality.FUNDUS


def test_the_modality_saved_with_a_case_is_read_before_it_opens(tmp_path: Path) -> None:
    """What Analyse all analyses a case the window does not hold as: its saved modality (the reader's choice);
    nothing for a case never saved or whose file cannot be read, whose image then decides."""
    for name in ("marked.png", "never.png", "damaged.png"):
        Image.fromarray(np.full((24, 32, 3), 90, np.uint8)).save(tmp_path / name)
    with Workspace.open(tmp_path) as ws:
        ids = {case.image_path: case.case_id for case in ws.cases()}
        for name in ("marked.png", "damaged.png"):
            doc = ws.load_case(ids[name])
            doc.modality = Modality.OCT
            ws.save_case(doc)
        ws.case_files.case_file(ids["damaged.png"]).write_text("{not json")
        recorded = {name: saved_modality(ws.case_files, case_id) for name, case_id in ids.items()}
    assert recorded == {"marked.png": Modality.OCT, "never.png": None, "damaged.png": None}
