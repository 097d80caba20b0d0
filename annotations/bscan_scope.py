"""Whole-folder analysis sees every B-scan of an OCT volume: each B-scan is a case of its own (annotations.frames)
with its own stored AI result, so "Analyse all" runs on each, not on the volume's shown (middle) B-scan only.

A screening programme grades a volume by what any B-scan shows (fluid or a membrane may lie off the centre), so
every B-scan is analysed; its result is kept with its own case and shown when the reader moves the slider there.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable

from annotations.case_scopes import CaseFacts
from annotations.frames import member_case_ids, with_frame
from annotations.image_io import ImageLoadError
from annotations.saved_bscan import saved_bscan
from annotations.workspace import Workspace, WorkspaceError


def with_bscans(workspace: Workspace, facts: Iterable[CaseFacts]) -> list[CaseFacts]:
    """``facts`` in order, each volume's replaced by one per B-scan (1..N, each image path the B-scan's address; the
    shown one is the volume's own case). A B-scan's review state and whether it has an AI result come from its saved
    case, if any: the volume's listed facts summarise all its B-scans (annotations.volume_summary). Reads each DICOM
    file's header: call it on a worker."""
    saved = workspace.case_files
    expanded: list[CaseFacts] = []
    for fact in facts:
        count = _bscan_count(workspace, fact)
        if count == 1:
            expanded.append(fact)
            continue
        for number, case_id in enumerate(member_case_ids(fact.case_id, count), 1):
            state = saved_bscan(saved, case_id)
            expanded.append(dataclasses.replace(fact, case_id=case_id, image_path=with_frame(fact.image_path, number),
                                                review_state=state.review_state, ai_grade=None,
                                                analysed=state.analysed))
    return expanded


def _bscan_count(workspace: Workspace, fact: CaseFacts) -> int:
    if fact.error:
        return 1
    try:
        return workspace.bscan_count(fact.case_id)
    except (ImageLoadError, WorkspaceError, OSError):
        return 1  # its analysis says what is wrong with the file

