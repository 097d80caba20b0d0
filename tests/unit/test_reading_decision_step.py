"""An arbiter's decision as a history step (annotations.reading.decision_step): undone, the document and the
consensus store are as before the decision (the case to arbitrate again); redone, decided again."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.history import History
from annotations.reading.consensus import arbitrate, consensus_record, draft_from, put_back, state_of
from annotations.reading.decision_step import DECISION_STEP, DecisionStep, StoredConsensus, stored_consensus
from annotations.reading.disagreement import CaseState
from annotations.reading.readers import load_readings, open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace.errors import WorkspaceError
from tests.unit.reading_fixtures import case_of, image_folder, read_case


def disputed_case(folder: Path) -> tuple[Path, list]:
    """A double-read folder whose first case Anna graded 2 and Ben 3, with other pixels: (folder, its readings)."""
    image_folder(folder)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3, rows=slice(8, 12))
    return folder, load_readings(folder, case_of(0))


def test_undoing_a_decision_puts_back_the_document_and_the_store_and_redoing_decides_again(tmp_path: Path) -> None:
    folder, readings = disputed_case(tmp_path / "f")
    stored: list[tuple[int | None, bool]] = []
    with open_consensus(folder, "Dr Arbiter") as consensus:
        history = History(consensus.load_case(case_of(0)))  # the case as the arbiter's window opened it
        before = stored_consensus(consensus, case_of(0))
        arbitrate(consensus, draft_from(readings[1]), "Dr Arbiter", readings)
        after = stored_consensus(consensus, case_of(0))

        def store(put: StoredConsensus, undone: bool) -> None:
            stored.append((put.doc.grade.dr_grade, undone))
            put_back(consensus, put.doc, put.record, "Dr Arbiter", "undo arbitrate" if undone else "arbitrate")

        history.execute_saved(DecisionStep(before, after, store))
        assert history.undo_text == DECISION_STEP and history.is_clean and not stored  # stored by arbitrate
        assert history.doc.grade.dr_grade == 3 and history.doc.mask[8:12].any()
        assert history.undo()
        assert history.doc.grade.dr_grade is None and not history.doc.mask.any()
        assert consensus_record(folder, case_of(0)) is None
        assert state_of(folder, case_of(0)) is CaseState.NEEDS_ARBITRATION
        assert consensus.load_case(case_of(0)).grade.dr_grade is None
        assert history.redo()
        assert history.doc.grade.dr_grade == 3 and consensus_record(folder, case_of(0))["dr_grade"] == 3
        assert state_of(folder, case_of(0)) is CaseState.ARBITRATED
        assert consensus.load_case(case_of(0)).grade.dr_grade == 3
    assert stored == [(None, True), (3, False)]


def test_labels_that_cannot_be_put_back_leave_the_decision_stored_with_its_record(tmp_path: Path,
                                                                                  monkeypatch) -> None:
    folder, readings = disputed_case(tmp_path / "f")
    with open_consensus(folder, "Dr Arbiter") as consensus:
        before = stored_consensus(consensus, case_of(0))
        arbitrate(consensus, draft_from(readings[1]), "Dr Arbiter", readings)

        def refuse(*_args, **_kwargs) -> None:
            raise WorkspaceError("cannot write the case's labels")
        monkeypatch.setattr(consensus, "save_case", refuse)
        with pytest.raises(WorkspaceError, match="cannot write"):
            put_back(consensus, before.doc, before.record, "Dr Arbiter", "undo arbitrate")
    assert consensus_record(folder, case_of(0))["dr_grade"] == 3  # the decision, labels and record, as it was
    assert state_of(folder, case_of(0)) is CaseState.ARBITRATED
