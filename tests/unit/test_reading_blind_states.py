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


def test_reader_agreement_in_a_readers_window_counts_the_cases_that_reader_submitted(tmp_path: Path) -> None:
    """Found by the window's store, not its typed name: a reader's window without a name ("reader 1") had failed."""
    from inference.agreement import folder_agreement
    from annotations.reading.readers import main_sidecar

    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, read in (("Anna", (0, 1)), ("Ben", (0, 1, 2))):
        with open_reader(folder, name) as reader:
            for index in read:
                read_case(reader, index, grade=index)
            sidecar = reader.sidecar
    with open_reader(folder, "Anna") as anna:
        seen = folder_agreement(folder, seen_in=anna.sidecar)
    assert (seen["cases"], seen["seen_by"]) == (2, "Anna")
    assert folder_agreement(folder, seen_in=sidecar)["cases"] == 3  # Ben submitted all three
    assert folder_agreement(folder, seen_in=main_sidecar(folder))["seen_by"] is None  # the arbiter: every case
