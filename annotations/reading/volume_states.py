"""Double reading of an OCT volume: each B-scan is a case of its own (annotations.frames), read, compared and
arbitrated on its own, so its consensus grade and labels are its own. The volume's one row in the case list shows
the most pressing state among its read B-scans (one B-scan in disagreement puts the volume on the arbiter's list),
and the arbiter is told which B-scans those are.
"""
from __future__ import annotations

from typing import Mapping

from annotations.frames import listed_case_id, split_bscan_case_id
from annotations.image_io import ImageLoadError
from annotations.reading.consensus import states_of
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import read_case_ids, readers_of
from annotations.reading.settings import load_settings
from annotations.workspace import Workspace, WorkspaceError

# What a volume's row shows when its B-scans stand differently: first what someone must still do, arbitration
# before reading; a volume all of whose read B-scans are settled shows "arbitrated" when any was (and that a reader
# revised one since, when any was).
PRECEDENCE = (CaseState.NEEDS_ARBITRATION, CaseState.NEEDS_READER_1, CaseState.NEEDS_READER_2,
              CaseState.REVISED_SINCE_ARBITRATION, CaseState.ARBITRATED, CaseState.AGREED)


def listed_states(states: Mapping[str, CaseState]) -> dict[str, CaseState]:
    """``states`` of cases and B-scans (consensus.folder_states) folded into one per listed row."""
    folded: dict[str, CaseState] = {}
    for case_id, state in states.items():
        listed = listed_case_id(case_id)
        if listed not in folded or PRECEDENCE.index(state) < PRECEDENCE.index(folded[listed]):
            folded[listed] = state
    return folded


def row_states(workspace: Workspace, case_id: str, unreadable: dict[str, str] | None = None) -> dict[str, CaseState]:
    """After a save of ``case_id`` (a case or a B-scan): the state of each case of the row it is listed in that
    any reader read (a volume's own case and B-scans: every reader's read cases are listed to find them; none
    read: ``case_id``'s own); listed_states folds them. A photo's row is the photo alone. ``unreadable`` as
    consensus.states_of's."""
    folder = workspace.folder
    settings = load_settings(folder)
    readers = readers_of(folder, settings)
    listed = listed_case_id(case_id)
    members = {case_id}
    if listed != case_id or _is_volume(workspace, case_id):  # those a reader read: an unread B-scan waits on none
        members = set(read_case_ids(readers, only=lambda saved: listed_case_id(saved) == listed)) or members
    return states_of(folder, sorted(members), settings, readers, unreadable)


def _is_volume(workspace: Workspace, case_id: str) -> bool:
    try:
        return workspace.bscan_count(case_id) > 1
    except (ImageLoadError, WorkspaceError, OSError):
        return False


def bscans_needing_arbitration(states: Mapping[str, CaseState], volume_id: str, shown: int) -> list[int]:
    """The numbers of the volume's B-scans whose readings disagree, in order (``shown``: the number of the
    B-scan that is the volume's own case)."""
    numbers = []
    for case_id, state in states.items():
        volume, number = split_bscan_case_id(case_id)
        if state is CaseState.NEEDS_ARBITRATION and volume == volume_id:
            numbers.append(shown if number is None else number)
    return sorted(numbers)
