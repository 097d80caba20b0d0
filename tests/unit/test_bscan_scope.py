"""Analyse all sees every B-scan of an OCT volume as a case of its own: its own address, review state and whether
it already has an AI result, so only B-scans without one are analysed unless asked, and blind reading holds back
the B-scans the reader has not submitted."""
from __future__ import annotations

from pathlib import Path

from annotations.bscan_scope import with_bscans
from annotations.case_scopes import CaseFacts, analysis_scope
from annotations.document import AIResult, ReviewState
from annotations.frames import with_frame
from annotations.workspace import Workspace
from tests.unit.test_oct_volume import SHOWN, make_folder, volume_id


def facts_of(ws: Workspace) -> list[CaseFacts]:
    return [CaseFacts(c.case_id, c.image_path, c.review_state, c.ai_grade, c.analysed, c.error) for c in ws.cases()]


def test_a_volume_is_analysed_bscan_by_bscan(tmp_path: Path) -> None:
    make_folder(tmp_path)
    with Workspace.open(tmp_path) as ws:
        volume = volume_id(ws)
        doc = ws.load_case(ws.bscan_case_id(volume, 2))
        doc.ai, doc.review_state = AIResult(oct_probs={"DME": 0.8}), ReviewState.DONE
        ws.save_case(doc)
        listed = facts_of(ws)
        facts = with_bscans(ws, listed)
        bscan_2 = ws.bscan_case_id(volume, 2)
    photo = next(f for f in listed if f.image_path == "photo.dcm")
    bscans = [f for f in facts if f != photo]
    assert len(facts) == 8 and facts.index(photo) == 0  # in file order: photo.dcm, then the volume in B-scan order
    assert [f.image_path for f in bscans] == [with_frame("scans/vol.dcm", n) for n in range(1, 8)]
    assert bscans[SHOWN - 1].case_id == volume and bscans[1].case_id == bscan_2 != volume
    assert [f.analysed for f in bscans] == [n == 2 for n in range(1, 8)]
    scope = analysis_scope(facts, blind_ai=False)
    assert len(scope.readable) == 8 and scope.analysed == 1
    assert [f.case_id for f in analysis_scope(facts, blind_ai=True).readable] == [bscan_2]
