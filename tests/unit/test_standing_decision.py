"""The decision a case has, told when it is arbitrated again: whose labels it kept. Two readings with the same labels
(neither painted, or both alike) were both a match for it, and the first was named: "keeping the labels of Anna"
when Ben's had been chosen."""
from __future__ import annotations

from pathlib import Path

from annotations.reading.consensus import arbitrate, draft_from
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.standing_decision import standing_decision
from tests.unit.reading_fixtures import case_of, image_folder, read_case


def test_the_reading_chosen_is_named_where_both_readings_hold_its_labels(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Wang",)))
    for name, grade in (("Anna", 1), ("Ben", 3)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade)  # the same EX patch
    readings = load_readings(folder, case_of(0))
    with open_consensus(folder, "Dr Wang") as consensus:
        arbitrate(consensus, draft_from(readings[1]), "Dr Wang", readings, readings[1].reader)
    decision = standing_decision(folder, case_of(0), readings)
    assert decision is not None and decision.kept == 1 and decision.grade.dr_grade == 3
