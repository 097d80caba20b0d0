"""A reader's window shows where a case stands between the other readers only once the reader submitted it: a third
reader saw "agreed" or "needs arbitration" before reading, while the blind rule hides the other readings until then.
The arbiter's window sees every state."""
from __future__ import annotations

from pathlib import Path

from annotations.reading.blind import states_shown_to
from annotations.reading.consensus import folder_states
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import case_of, image_folder, read_case


def test_a_third_reader_sees_no_agreement_before_submitting(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=2)  # agreed
            read_case(reader, 1, grade=3 if name == "Anna" else 1)  # disputed
    with open_reader(folder, "Cleo") as cleo:
        read_case(cleo, 1, grade=3)  # Cleo submitted case 1 alone
        read_case(cleo, 2, grade=1, submit=False)  # a draft: nothing to hide, only one reading
    states = folder_states(folder)
    assert states[case_of(0)] is CaseState.AGREED and states[case_of(1)] is CaseState.NEEDS_ARBITRATION
    with open_reader(folder, "Cleo") as cleo:
        shown = states_shown_to(cleo, states)
    assert shown[case_of(0)] is CaseState.NEEDS_READER_2  # not "agreed": Cleo has not read it yet
    assert shown[case_of(1)] is CaseState.NEEDS_ARBITRATION  # submitted: she sees where it stands
    with open_consensus(folder, "Dr Arbiter") as arbiter:
        assert states_shown_to(arbiter, states) == states
