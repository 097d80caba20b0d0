"""FolderItems: "Analyse all"'s cases kept as strings, each AnalysisItem made when the worker comes to it, with the
modality its case is recorded as."""
from __future__ import annotations

from pathlib import Path

from annotations.case_scopes import CaseFacts
from annotations.document import Modality, ReviewState
from annotations.frames import bscan_case_id
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


def test_a_choice_made_of_the_items_keeps_its_cases_and_counts_its_own_volumes(tmp_path: Path) -> None:
    """Analyse all's choices (the new cases, all again) are made of one build's strings: each multi-frame file's
    kind is worked out once, not once per choice, and each choice counts the files among its own cases."""
    def frames(volume: str, count: int) -> list[CaseFacts]:
        return [CaseFacts(bscan_case_id(volume, n), f"{volume}.dcm#frame={n}", ReviewState.TODO, None, False, None)
                for n in range(1, count + 1)]

    photo = CaseFacts("p", "p.jpg", ReviewState.TODO, None, False, None)
    asked: list[str] = []
    kinds = {bscan_case_id("vol", 1): Modality.OCT, bscan_case_id("series", 1): Modality.FUNDUS}
    items = FolderItems(tmp_path, [photo, *frames("vol", 3), *frames("series", 2)],
                        lambda case_id: asked.append(case_id) or kinds.get(case_id))
    assert (len(items), items.volumes, items.photo_series) == (6, 1, 1)
    chosen = items.only({"p", bscan_case_id("series", 2)})
    assert [item.case_id for item in chosen] == ["p", bscan_case_id("series", 2)]
    assert (chosen.volumes, chosen.photo_series) == (0, 1)
    assert chosen[1].source == tmp_path / "series.dcm#frame=2"
    assert len(items) == 6 and items.volumes == 1  # the build it was made of is as it was
    assert sorted(set(asked) - {"p", bscan_case_id("series", 2)}) == sorted(kinds)  # each file's kind asked once
    assert all(asked.count(case_id) == 1 for case_id in kinds)
