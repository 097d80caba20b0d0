"""Blind double reading: until a reader submits a case, they see neither the other readings nor (when the folder
says so) the AI's result, so that the two readings are independent."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from annotations.document import CaseDocument, ReviewState
from annotations.reading.disagreement import CaseState, submitted_readings
from annotations.reading.readers import (Reading, ReaderStore, load_readings, main_sidecar, reader_id, readers_of,
                                         submitted_by)
from annotations.reading.settings import ReadingSettings, load_settings
from annotations.workspace import Workspace, WorkspaceError


@dataclass
class ReaderView:
    """What one reader may see of a case: their own document and, once allowed, the other readings."""

    doc: CaseDocument
    others: list[Reading] = field(default_factory=list)
    ai_shown: bool = True


def sees_everything(settings: ReadingSettings, own: CaseDocument) -> bool:
    """Single reading, or a double reading the reader already submitted (review state done)."""
    return not settings.double or own.review_state is ReviewState.DONE


def withholds_ai(blind_ai: bool, state: ReviewState | None) -> bool:
    """The blind-AI rule: where blind AI applies, a case's AI result stays hidden until the reader submits it."""
    return blind_ai and state is not ReviewState.DONE


def view_for_reader(settings: ReadingSettings, own: CaseDocument, others: list[Reading]) -> ReaderView:
    """The blind rule. In double reading, before ``own`` is submitted, the other readings are withheld, and
    with ``blind_ai`` the AI result is taken out of the reader's document (the caller must then not run the
    analysis for them either)."""
    if sees_everything(settings, own):
        return ReaderView(own, list(others), ai_shown=True)
    if not withholds_ai(settings.blind_ai, own.review_state):
        return ReaderView(own, [], ai_shown=True)
    hidden = copy.copy(own)
    hidden.ai = None
    return ReaderView(hidden, [], ai_shown=False)


def open_view(folder: Path, reader: str, own: CaseDocument) -> ReaderView:
    """``view_for_reader`` with the folder's settings and the other readers' saved readings of the case (read
    only when the reader may see them)."""
    settings = load_settings(folder)
    others: list[Reading] = []
    if sees_everything(settings, own):
        me = reader_id(reader)
        others = load_readings(folder, own.case_id, [s for s in readers_of(folder, settings) if s.reader_id != me])
    return view_for_reader(settings, own, others)


def hides_ai_from(workspace_folder: Path, sidecar: Path) -> bool:
    """Whether a window working in ``sidecar`` is a reader's under blind AI: it must then neither show nor run
    the analysis for a case the reader has not submitted (an arbiter's window, in the main store, sees all)."""
    settings = load_settings(workspace_folder)
    return settings.double and settings.blind_ai and sidecar != main_sidecar(workspace_folder)


def states_shown_to(workspace: Workspace, states: Mapping[str, CaseState]) -> dict[str, CaseState]:
    """``states`` (consensus.folder_states, volume_states.row_states) as the window working in ``workspace`` may
    show them: a reader's window shows a case they have not submitted as still needing a reading ("needs reader
    2"), however the others' readings stand: a third reader saw "agreed" or "needs arbitration" before submitting,
    while the blind rule hides the other readings until then. The arbiter's window (the main store) shows all."""
    viewer = viewing_reader(workspace.folder, workspace.sidecar)
    if viewer is None:
        return dict(states)
    return {case_id: state if submitted_readings(state) < 2 or has_submitted(viewer, case_id)
            else CaseState.NEEDS_READER_2 for case_id, state in states.items()}


def viewing_reader(folder: Path, sidecar: Path) -> ReaderStore | None:
    """The reader whose store ``sidecar`` is, in a double-read ``folder``: what the blind rule keeps from them
    follows from what they submitted. None for the arbiter's store (the main one), or in single reading."""
    settings = load_settings(folder)
    if not settings.double or sidecar == main_sidecar(folder):
        return None
    return next((store for store in readers_of(folder, settings) if store.sidecar == sidecar), None)


def has_submitted(reader: ReaderStore, case_id: str) -> bool:
    """Whether ``reader`` submitted the case (readers.submitted_by); a case file that cannot be read: not."""
    try:
        return bool(submitted_by([reader], case_id))
    except (WorkspaceError, OSError, ValueError):
        return False
