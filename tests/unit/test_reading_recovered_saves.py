"""An arbiter's edits to a consensus case, autosaved and recovered after a crash, are saved as an ordinary save of
theirs is: their grade, masks or boxes noted as a correction of an agreed case (settled or not yet), so that settling
never replaces them; recovered edits that changed no labels (an analysis) correct nothing, and the readers' agreement
is still settled over them; those that changed the labels of a case its readers dispute are said to be no consensus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import annotations.reading.consensus
from annotations.classes import LesionClass
from annotations.document import AIResult, ReaderGrade
from annotations.reading.consensus import consensus_document, consensus_record, settle_agreed, state_of
from annotations.reading.disagreement import CaseState
from annotations.reading.opening import open_folder
from annotations.reading.readers import case_files, main_sidecar, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.unit.reading_fixtures import both_read, case_of, image_folder, read_case
from tests.unit.test_workspace_recovery import fake_dead_owner

ARBITER = "Dr Arbiter"


def _agreed(tmp_path: Path) -> Path:
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    both_read(folder, {0: 1, 1: 1})
    return folder


def _crash_while_editing(folder: Path, settled: bool, labels: bool) -> None:
    """The arbiter edits case 0 (its grade and an HE patch, or with ``labels`` False an analysis alone), the edits are
    autosaved, and the program dies."""
    consensus = open_consensus(folder, ARBITER)
    if settled:
        settle_agreed(consensus, ARBITER, {case_of(0)})  # as the window settles it when it opens
    doc = consensus.load_case(case_of(0))
    if labels:
        doc.grade = ReaderGrade(dr_grade=3, dme_risk=1)
        doc.mask[8:12, 0:6] |= LesionClass.HE.bit
    else:
        doc.ai = AIResult(dr_grade=4, referable=True, grade_source="model")
    assert consensus.autosave(doc)
    fake_dead_owner(consensus.sidecar / "lock")  # never closed: the snapshot stays


def _reopened(folder: Path) -> None:
    opened = open_folder(folder, ARBITER)  # as the arbiter's window opens it: recovery saves the snapshot
    try:
        assert any("unsaved edits of 1 case(s)" in text for text in opened.workspace.messages)
        settle_agreed(opened.workspace, ARBITER)  # as the window's list, an export or a retrain does
    finally:
        opened.workspace.close()


def test_recovered_edits_of_an_agreed_case_not_settled_yet_are_the_arbiters_correction(tmp_path: Path) -> None:
    folder = _agreed(tmp_path)
    _crash_while_editing(folder, settled=False, labels=True)
    _reopened(folder)
    stored = consensus_document(folder, case_of(0))
    assert stored.grade.dr_grade == 3 and stored.mask[10, 2] & LesionClass.HE.bit  # not replaced by settling
    assert [c["by"] for c in consensus_record(folder, case_of(0))["corrections"]] == [ARBITER]
    assert state_of(folder, case_of(0)) is CaseState.ARBITRATED


def test_recovered_edits_of_a_settled_agreed_case_are_the_arbiters_correction(tmp_path: Path) -> None:
    folder = _agreed(tmp_path)
    _crash_while_editing(folder, settled=True, labels=True)
    _reopened(folder)
    assert [c["by"] for c in consensus_record(folder, case_of(0))["corrections"]] == [ARBITER]
    both_read(folder, {0: 1})  # the readers save their agreement again: it does not replace the arbiter's
    with open_consensus(folder, ARBITER) as consensus:
        assert settle_agreed(consensus, ARBITER) == 0
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 3


def test_a_recovered_analysis_corrects_nothing_and_the_agreement_is_settled(tmp_path: Path) -> None:
    folder = _agreed(tmp_path)
    _crash_while_editing(folder, settled=False, labels=False)
    _reopened(folder)
    record = consensus_record(folder, case_of(0))
    assert record["method"] == "agreed" and "corrections" not in record
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 1
    assert state_of(folder, case_of(0)) is CaseState.AGREED


def test_a_recovered_save_that_cannot_be_noted_is_said_and_still_recovered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _agreed(tmp_path)
    _crash_while_editing(folder, settled=False, labels=True)

    def unreadable(*_args) -> None:
        raise OSError("a reader's store is unreadable")

    monkeypatch.setattr(annotations.reading.consensus, "note_arbiter_save", unreadable)
    opened = open_folder(folder, ARBITER)
    opened.workspace.close()
    assert ("'img0.png': recovered from autosave, but not noted as the arbiter's correction of the consensus (a "
            "reader's store is unreadable); settling may replace it with the readers' agreement: fix that, then "
            "correct the case again") in opened.workspace.messages
    assert case_files(main_sidecar(folder)).load(case_of(0))[0].grade.dr_grade == 3  # recovered all the same


def test_recovered_edits_of_a_case_its_readers_dispute_are_said_to_be_no_consensus(tmp_path: Path) -> None:
    """As a save of the arbiter's says it (app.consensus_corrections): recovered, they do not decide the case."""
    folder = _agreed(tmp_path)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=4)  # Ben revises: the readers disagree, the case is to arbitrate
    _crash_while_editing(folder, settled=False, labels=True)
    opened = open_folder(folder, ARBITER)
    opened.workspace.close()
    assert ("'img0.png': saved, but not as the consensus: its readers do not agree (or one has not submitted it); "
            "decide it with Case ▸ Arbitrate case") in opened.workspace.messages
    assert case_files(main_sidecar(folder)).load(case_of(0))[0].grade.dr_grade == 3  # recovered all the same
    assert state_of(folder, case_of(0)) is CaseState.NEEDS_ARBITRATION


@pytest.mark.parametrize("command", ["analyze --workspace", "report"])
def test_recovered_edits_stay_the_arbiters_correction_when_a_command_opens_the_folder_first(
        tmp_path: Path, command: str) -> None:
    from contextlib import ExitStack

    from app.report.sources import ReportSources
    from inference.batch.results import WorkspaceCases

    folder = _agreed(tmp_path)
    _crash_while_editing(folder, settled=False, labels=True)
    if command == "report":
        with ExitStack() as stack:
            ReportSources(stack)._workspace(folder)  # opened to read the case a report is made of
    else:
        WorkspaceCases.open(folder, [folder / "img0.png"]).workspace.close()
    with open_consensus(folder, ARBITER) as consensus:
        settle_agreed(consensus, ARBITER)
    assert consensus_document(folder, case_of(0)).grade.dr_grade == 3
    assert [c["by"] for c in consensus_record(folder, case_of(0))["corrections"]] == ["arbiter"]  # no name given


def test_only_the_reading_module_opens_a_folders_stores() -> None:
    """Every store is opened through annotations.reading.readers, so recovery is noted as the arbiter's save
    wherever the main store is opened (a plain Workspace.open there would recover the edits unnoted)."""
    import ast

    root = Path(__file__).resolve().parents[2]
    callers = []
    for package in ("annotations", "app", "inference", "widgets"):
        for source in (root / package).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "open"
                        and isinstance(node.func.value, ast.Name) and node.func.value.id == "Workspace"):
                    callers.append(str(source.relative_to(root)))
    assert sorted(set(callers)) == ["annotations/reading/readers.py"]


def _crashed_as_its_arbiter(lock: Path) -> None:
    """Make the lock the one a crashed arbiter's program left: its reader's name kept, its process gone."""
    owner = json.loads(lock.read_text())
    lock.write_text(json.dumps({**owner, "pid": 2**22 + 12345, "process": ""}))


@pytest.mark.parametrize("opener", ["Dr Bo", ""])  # a second arbiter, or a command naming nobody (export, report)
def test_recovered_edits_are_the_correction_of_the_arbiter_who_made_them_whoever_opens_first(
        tmp_path: Path, opener: str) -> None:
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER, "Dr Bo")))
    both_read(folder, {0: 1, 1: 1})
    consensus = open_consensus(folder, ARBITER)
    doc = consensus.load_case(case_of(0))
    doc.mask[8:12, 0:6] |= LesionClass.HE.bit
    assert consensus.autosave(doc)
    _crashed_as_its_arbiter(consensus.sidecar / "lock")
    with open_consensus(folder, opener) as first:
        assert first.recovered == [case_of(0)]
    assert [c["by"] for c in consensus_record(folder, case_of(0))["corrections"]] == [ARBITER]
