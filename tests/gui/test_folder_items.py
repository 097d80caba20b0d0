"""FolderItems: "Analyse all"'s cases kept as strings, each AnalysisItem made when the worker comes to it, with the
modality its case is recorded as."""
from __future__ import annotations

from pathlib import Path

from annotations.case_scopes import CaseFacts
from annotations.document import Modality, ReviewState
from app.analysis_controller import AnalysisItem
from app.folder_items import FolderItems


def test_items_name_each_case_and_its_photo_in_order(tmp_path: Path) -> None:
    facts = [CaseFacts(f"c{n}", f"sub/p{n}.jpg", ReviewState.TODO, None, False, None) for n in range(3)]
    recorded = {"c1": Modality.OCT}  # c1 marked an OCT scan; the others' images decide
    items = FolderItems(tmp_path, facts, recorded.get)
    assert len(items) == 3
    assert list(items) == [AnalysisItem(f"c{n}", tmp_path / f"sub/p{n}.jpg", recorded.get(f"c{n}"),
                                        named=f"sub/p{n}.jpg")  # progress names a case by its path in the folder
                           for n in range(3)]
    assert items[-1].case_id == "c2" and [item.case_id for item in items[1:]] == ["c1", "c2"]
