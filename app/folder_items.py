"""A folder's cases to analyse, kept as plain strings until the worker comes to each one.

"Analyse all" over 100,000 cases built an AnalysisItem and a Path per case at once, on the storage worker: some
400,000 more objects for Python's garbage collector, whose full collections, triggered again and again while they
were made, walked them all holding the GIL the GUI thread waits on (bench big_folder: stalls of 0.35 s). Strings,
and lists of them, are not objects the collector walks.
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Callable, Collection, Sequence, overload

from annotations.case_names import called_bscans
from annotations.case_scopes import CaseFacts
from annotations.document import Modality
from annotations.frames import is_bscan_case_id, listed_case_id, split_frame
from annotations.modality import file_modality
from app.analysis_controller import AnalysisItem


class FolderItems(Sequence[AnalysisItem]):
    """The cases ``facts`` names, in their order; each item (its photo under ``folder``, the modality ``recorded``
    gives it: None, its image decides) is made on access, on the analysis worker as it comes to it."""

    def __init__(self, folder: Path, facts: Sequence[CaseFacts], recorded: Callable[[str], Modality | None]) -> None:
        """Made on the worker that read ``facts``: the GUI thread only counts them. ``recorded``: what a case is
        recorded as (app.case_pixels.CasePixels.recorded_modalities), asked on the worker."""
        self._folder, self._recorded = folder, recorded
        self._case_ids = [f.case_id for f in facts]
        self._image_paths = [f.image_path for f in facts]
        # the multi-frame files whose frames are among them (annotations.bscan_scope), for the message that says so:
        # an OCT volume's are B-scans, a photo series' frames (case_names.called_bscans; one of 3 frames of a photo
        # was announced "each B-scan of 1 OCT volume(s)"), as its first frame listed is recorded, else its file says
        firsts: dict[str, tuple[str, str]] = {}  # listed case id -> its first frame's case id and address
        for case_id, address in zip(self._case_ids, self._image_paths):
            if is_bscan_case_id(case_id):
                firsts.setdefault(listed_case_id(case_id), (case_id, address))
        self._bscans = {listed: called_bscans(recorded(case_id) or file_modality(folder / split_frame(address)[0]))
                        for listed, (case_id, address) in firsts.items()}  # listed case id -> its frames are B-scans
        self._count_files()

    def only(self, case_ids: Collection[str]) -> FolderItems:
        """Its cases named in ``case_ids``, in its order, made from its strings: a run's choices (the new cases, all
        again) were each built anew from the folder's cases, each reading every multi-frame file's kind again."""
        kept = copy.copy(self)
        indices = [index for index, case_id in enumerate(self._case_ids) if case_id in case_ids]
        kept._case_ids = [self._case_ids[index] for index in indices]
        kept._image_paths = [self._image_paths[index] for index in indices]
        kept._count_files()
        return kept

    def _count_files(self) -> None:
        listed = {listed_case_id(case_id) for case_id in self._case_ids if is_bscan_case_id(case_id)}
        bscans = [self._bscans[volume] for volume in listed]
        self.volumes, self.photo_series = bscans.count(True), bscans.count(False)

    def __len__(self) -> int:
        return len(self._case_ids)

    @property
    def case_ids(self) -> list[str]:
        """The cases' ids, in order, without making their items."""
        return list(self._case_ids)

    @overload
    def __getitem__(self, index: int) -> AnalysisItem: ...

    @overload
    def __getitem__(self, index: slice) -> list[AnalysisItem]: ...

    def __getitem__(self, index: int | slice) -> AnalysisItem | list[AnalysisItem]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        case_id = self._case_ids[index]
        return AnalysisItem.in_folder(case_id, self._folder, self._image_paths[index],
                                      modality=self._recorded(case_id))
