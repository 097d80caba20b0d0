"""An export of a double-read folder's consensus, also while its store is open elsewhere (read-only): every settled
or agreed case is written (an agreed one the store could not store, from the agreeing reading), a case whose
consensus is not settled is left out whatever the store holds of it, and the summary says so."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.export_steps import STEP
from annotations.formats import grades_csv
from annotations.frames import bscan_case_id
from annotations.progress import NullState
from annotations.reading import consensus as consensus_module
from annotations.reading import consensus_export
from annotations.reading import messages as msg
from annotations.reading.consensus import consensus_record, settle_agreed
from annotations.reading.consensus_export import consensus_source
from annotations.reading.readers import open_consensus, open_reader
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.transfer import export_labels
from app.cli import main
from app.reader_export import export_for
from tests.unit.reading_fixtures import (case_of, read_case, revised_since_arbitration,
                                        stale_and_unstored_agreements)
from tests.unit.test_reading_volume import read_volume_twice

LEFT_OUT_DISPUTED = msg.NOT_SETTLED_LEFT_OUT.format(count=1, arbitrate=1, readers=0)


def test_a_read_only_consensus_store_exports_agreed_cases_from_the_readings(tmp_path: Path) -> None:
    folder = stale_and_unstored_agreements(tmp_path / "f")
    out = tmp_path / "out"
    with open_consensus(folder, "Dr Arbiter"), open_consensus(folder, "export") as ws:  # the arbiter has it open
        assert ws.read_only and settle_agreed(ws, "export") == 0
        grades = export_labels(ws, "csv", out / "csv", source=consensus_source(ws))
        masks = export_labels(ws, "masks", out / "masks", source=consensus_source(ws))
    assert {k: v.dr_grade for k, v in grades_csv.read_grades_csv(out / "csv" / "grades.csv").items()} == \
        {"img0": 1, "img2": 3}
    assert sorted({p.stem.split("_")[0] for p in (out / "masks").glob("*.png")}) == ["img0", "img2"]
    for summary in (grades, masks):
        assert summary.cases == 2
        assert LEFT_OUT_DISPUTED in summary.warnings
        assert msg.FROM_READINGS_READ_ONLY.format(count=1) in summary.warnings
    assert consensus_record(folder, case_of(2)) is None  # nothing written into the store


def test_the_chosen_cases_alone_are_counted_left_out(tmp_path: Path) -> None:
    folder = stale_and_unstored_agreements(tmp_path / "f")
    with open_consensus(folder, "Dr Arbiter") as ws:
        summary = export_labels(ws, "csv", tmp_path / "out", case_ids=[case_of(0)],
                                source=consensus_source(ws, settle_agreed(ws, "Dr Arbiter")))
    assert summary.cases == 1
    assert summary.warnings == [msg.SETTLED_FIRST.format(count=1)]  # img2 stored; img1 was not chosen


def test_a_bscan_agreed_but_not_stored_is_exported_and_a_disputed_one_left_out(tmp_path: Path) -> None:
    folder, volume = read_volume_twice(tmp_path / "f")  # B-scan 2 disputed, B-scan 6 agreed
    with open_consensus(folder, "Dr Arbiter"), open_consensus(folder, "export") as ws:
        summary = export_labels(ws, "masks", tmp_path / "out", source=consensus_source(ws))
    names = {p.name for p in (tmp_path / "out").glob("*.png")}
    assert any("b006" in name for name in names) and not any("b002" in name for name in names)
    assert summary.cases == 1 and LEFT_OUT_DISPUTED in summary.warnings
    assert consensus_record(folder, bscan_case_id(volume, 6)) is None


def test_cli_consensus_export_while_the_store_is_open_elsewhere(tmp_path: Path, capsys) -> None:
    folder = stale_and_unstored_agreements(tmp_path / "f")
    out = tmp_path / "out"
    with open_consensus(folder, "Dr Arbiter"):
        assert main(["export", str(folder), "--format", "csv", "--out", str(out), "--reader", "consensus"]) == 0
    assert set(grades_csv.read_grades_csv(out / "grades.csv")) == {"img0", "img2"}
    printed = capsys.readouterr().out
    assert LEFT_OUT_DISPUTED in printed and msg.FROM_READINGS_READ_ONLY.format(count=1) in printed


def test_a_case_from_the_readings_is_compared_once_however_often_it_is_loaded(tmp_path: Path, monkeypatch) -> None:
    """Sorting out compares the agreed readings; loading the case after (whether it is labelled, then to write it)
    reads the agreeing reading alone, not both readers' masks compared again each time."""
    folder = stale_and_unstored_agreements(tmp_path / "f")
    compared: list[str] = []
    compare = consensus_module.case_state
    monkeypatch.setattr(consensus_module, "case_state",
                        lambda docs, *args: compared.append(docs[0].case_id) or compare(docs, *args))
    with open_consensus(folder, "Dr Arbiter"), open_consensus(folder, "export") as ws:
        source = consensus_source(ws)
        assert set(source.scope.from_readings) == {case_of(2)}
        summary = export_labels(ws, "masks", tmp_path / "out", source=source)
    assert summary.cases == 2 and msg.FROM_READINGS_READ_ONLY.format(count=1) in summary.warnings
    assert compared.count(case_of(2)) == 1
    assert any(p.name.startswith("img2") for p in (tmp_path / "out").glob("*.png"))


def test_a_reading_saved_again_since_sorting_out_is_compared_anew(tmp_path: Path) -> None:
    folder = stale_and_unstored_agreements(tmp_path / "f")
    with open_consensus(folder, "Dr Arbiter"), open_consensus(folder, "export") as ws:
        source = consensus_source(ws)
        with open_reader(folder, "Anna") as anna:  # saved first: hers stood for the agreement
            read_case(anna, 2, grade=4)
        with pytest.raises(WorkspaceError, match="its readings changed during the export"):
            export_labels(ws, "csv", tmp_path / "out", source=source)


def test_the_settling_is_said_once_in_an_export_of_several_formats(tmp_path: Path) -> None:
    folder = stale_and_unstored_agreements(tmp_path / "f")
    with open_consensus(folder, "Dr Arbiter") as ws:
        source = consensus_source(ws, settle_agreed(ws, "Dr Arbiter"))
        summaries = [export_labels(ws, fmt, tmp_path / fmt, source=source) for fmt in ("csv", "masks")]
    assert [msg.SETTLED_FIRST.format(count=1) in summary.warnings for summary in summaries] == [True, False]
    assert all(LEFT_OUT_DISPUTED in summary.warnings for summary in summaries)


class _Fractions(NullState):
    """What a run reported, in order."""

    def __init__(self) -> None:
        self.seen: list[tuple[float, str]] = []

    def progress(self, fraction: float, message: str = "") -> None:
        self.seen.append((fraction, message))


def test_the_cli_consensus_export_fills_the_bar_once_the_sorting_out_its_first_step(tmp_path: Path) -> None:
    """Sorting out the consensus, its first step as in the window's export, reports each case (minutes for a
    screening programme's folder), by its image as the export names it (not its id): first as the agreed cases are
    stored as the consensus, in the first quarter of the bar, then as they are compared; the export goes on from
    there: not a bar filled by the one and started again from 0 by the other."""
    folder = stale_and_unstored_agreements(tmp_path / "f")
    bar = _Fractions()
    with open_consensus(folder, "export") as ws:
        export_for("csv", tmp_path / "out", "consensus", False)(ws, None, bar)
    fractions = [fraction for fraction, _ in bar.seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0

    def step_1(template: str, n: int) -> str:
        return STEP.format(number=1, count=2, progress=template.format(name=f"'img{n}.png'", number=n + 1, count=3))

    assert [case for fraction, case in bar.seen if fraction < 0.25] == [step_1(msg.SETTLING, n) for n in range(3)]
    assert [case for fraction, case in bar.seen if 0.25 <= fraction < 0.5] == [
        step_1(msg.COMPARING, n) for n in range(3)]
    assert all(case.startswith("Step 2 of 2: ") for fraction, case in bar.seen if fraction >= 0.5)


def test_double_readings_notes_end_as_the_exports_warnings_do_without_a_full_stop() -> None:
    """Each is one line of an export's summary ("warning: ...") or of the retrain dialog's notes, beside the warnings
    of the export it trained on."""
    notes = (msg.TRAINED_ON_CONSENSUS, msg.SETTLED_FIRST, msg.NOT_SETTLED_LEFT_OUT, msg.FROM_READINGS_READ_ONLY,
             msg.FROM_READINGS)
    assert [note for note in notes if note.endswith(".")] == []


def test_cli_export_of_the_done_consensus_takes_the_settled_cases(tmp_path: Path, capsys) -> None:
    """`export --reader consensus --done`: the cases whose consensus is settled, as the arbiter's "Done cases only"
    (the disputed one is not chosen, so not counted as left out)."""
    folder = stale_and_unstored_agreements(tmp_path / "f")
    out = tmp_path / "out"
    assert main(["export", str(folder), "--format", "csv", "--out", str(out), "--reader", "consensus", "--done"]) == 0
    assert set(grades_csv.read_grades_csv(out / "grades.csv")) == {"img0", "img2"}
    assert LEFT_OUT_DISPUTED not in capsys.readouterr().out


def test_a_case_revised_since_its_arbitration_is_written_as_arbitrated_and_the_summary_names_it(
        tmp_path: Path) -> None:
    """The arbitration stands, as documented; the export gave no word of the reader's late revision."""
    folder = revised_since_arbitration(tmp_path / "f")
    with open_consensus(folder, "export") as ws:
        summary = export_labels(ws, "csv", tmp_path / "out", source=consensus_source(ws))
    assert grades_csv.read_grades_csv(tmp_path / "out" / "grades.csv")["img0"].dr_grade == 1
    assert msg.REVISED_WRITTEN_AS_ARBITRATED.format(count=1, images="'img0.png'") in summary.warnings


def test_cli_export_of_the_done_consensus_sorts_the_cases_out_once(tmp_path: Path, monkeypatch) -> None:
    """Its done cases are those the sorting out on its bar found (ConsensusScope.taken_up): the readings are not
    compared again after it, unseen on the bar (seconds a case on 12-megapixel photos)."""
    folder = stale_and_unstored_agreements(tmp_path / "f")
    compared: list[str] = []
    state_of = consensus_export.state_of
    monkeypatch.setattr(consensus_export, "state_of",
                        lambda folder, case_id, *args: compared.append(case_id) or state_of(folder, case_id, *args))
    out = tmp_path / "out"
    assert main(["export", str(folder), "--format", "csv", "--out", str(out), "--reader", "consensus", "--done"]) == 0
    assert set(grades_csv.read_grades_csv(out / "grades.csv")) == {"img0", "img2"}
    assert sorted(compared) == [case_of(n) for n in range(3)]
