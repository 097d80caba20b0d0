"""Retraining in a double-read folder learns from the consensus, never from the reader whose window starts it."""
from __future__ import annotations

from pathlib import Path

from annotations.frames import bscan_case_id
from annotations.reading.consensus import arbitrate, draft_from, record_path
from annotations.reading.consensus_export import consensus_case_ids
from annotations.reading import messages as msg
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.training_source import settle_for_training, training_source
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from tests.unit.test_reading_volume import SHOWN, read_bscan, read_volume_twice


def double_read(tmp_path: Path) -> Path:
    """img0: both readers agree; img1: they disagree and Ben's reading was arbitrated with grade 4; img2: Anna only."""
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=1)
        read_case(anna, 1, grade=1)
        read_case(anna, 2, grade=2)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=1)
        read_case(ben, 1, grade=3, rows=slice(10, 20))
    readings = load_readings(folder, case_of(1))
    chosen = draft_from(next(r for r in readings if r.reader == "Ben"))
    chosen.grade.dr_grade = 4
    with open_consensus(folder, "Dr Arbiter") as consensus:
        arbitrate(consensus, chosen, "Dr Arbiter", readings)
    return folder


def test_a_readers_window_trains_on_the_consensus(tmp_path: Path) -> None:
    folder = double_read(tmp_path)
    with open_reader(folder, "Anna") as anna:
        source = training_source(anna, [case_of(0), case_of(1), case_of(2)], "retrain")
        try:
            assert source.consensus and source.owned and source.workspace is not anna
            assert source.case_ids == sorted([case_of(0), case_of(1)])  # img2 has one reading only
            assert source.workspace.load_case(case_of(1)).grade.dr_grade == 4  # the arbiter's, not Anna's 1
            assert source.workspace.load_case(case_of(1)).mask[15, 5]  # Ben's labels, as arbitrated
            assert record_path(folder, case_of(0)).is_file()  # the agreed case was stored as the consensus
            assert any("consensus of 2 case(s)" in note for note in source.notes)
        finally:
            source.close()
        assert anna.load_case(case_of(1)).grade.dr_grade == 1  # the reader's own store is untouched
    assert consensus_case_ids(folder) == sorted([case_of(0), case_of(1)])


def test_settling_first_leaves_training_nothing_to_write(tmp_path: Path) -> None:
    folder = double_read(tmp_path)
    with open_reader(folder, "Anna") as anna:
        assert not record_path(folder, case_of(0)).is_file()
        assert settle_for_training(anna, "retrain") == 1  # img0, agreed by both, becomes the consensus
        assert record_path(folder, case_of(0)).is_file()
        written = record_path(folder, case_of(0)).stat().st_mtime_ns
        source = training_source(anna, [], "retrain", settled=1)
        try:
            assert source.case_ids == sorted([case_of(0), case_of(1)])
            assert any("1 agreed case(s) were stored" in note for note in source.notes)
        finally:
            source.close()
        assert record_path(folder, case_of(0)).stat().st_mtime_ns == written
        assert settle_for_training(anna, "retrain") == 0  # nothing left to settle


def test_an_arbiters_window_uses_its_own_consensus_store(tmp_path: Path) -> None:
    folder = double_read(tmp_path)
    with open_consensus(folder, "Dr Arbiter") as consensus:
        source = training_source(consensus, [], "retrain")
        assert source.workspace is consensus and not source.owned
        assert len(source.case_ids) == 2


def test_single_reading_trains_on_the_cases_marked_done(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    with Workspace.open(folder, reader="Anna") as ws:
        source = training_source(ws, [case_of(1)], "retrain")
        assert source.workspace is ws and source.case_ids == [case_of(1)]
        assert not source.consensus and source.notes == []
        source.close()
        assert ws.load_case(case_of(0)) is not None  # not closed


def test_with_the_consensus_store_open_elsewhere_training_takes_agreed_cases_from_the_readings(tmp_path: Path
                                                                                                ) -> None:
    folder = double_read(tmp_path)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 2, grade=2)  # img2 agreed now, and the arbiter's window holds the store
    with open_consensus(folder, "Dr Arbiter"), open_reader(folder, "Anna") as anna:
        source = training_source(anna, [], "retrain")
        try:
            assert source.workspace.read_only and not record_path(folder, case_of(0)).is_file()
            assert source.case_ids == sorted([case_of(0), case_of(1), case_of(2)])  # agreed ones not stored too
            assert source.labels.load(case_of(2)).mask[3, 5] and source.labels.load(case_of(2)).grade.dr_grade == 2
            summary = export_labels(source.workspace, "csv", tmp_path / "out", case_ids=source.case_ids,
                                    source=source.labels)
        finally:
            source.close()
    assert msg.FROM_READINGS_READ_ONLY.format(count=2) in summary.warnings


def test_a_volumes_agreed_bscans_are_learnt_from_once_each_and_no_other(tmp_path: Path) -> None:
    folder, volume = read_volume_twice(tmp_path / "f")
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_bscan(reader, SHOWN, 1)  # the volume's own B-scan agreed too: the volume and B-scan 6 are chosen
    with open_consensus(folder, "Dr Arbiter") as consensus:
        read_bscan(consensus, 5, 3)  # labelled in the consensus store only: no reader read it, it is no consensus
        source = training_source(consensus, [], "retrain")
        assert source.case_ids == [volume, bscan_case_id(volume, 6)]
        summary = export_labels(consensus, "dataset", tmp_path / "out", case_ids=source.case_ids,
                                source=source.labels)
    assert summary.cases == 2 and not any("share the output name" in note for note in summary.warnings)
    assert sorted(path.name for path in (tmp_path / "out" / "images").iterdir()) == ["vol_b004.png", "vol_b006.png"]
