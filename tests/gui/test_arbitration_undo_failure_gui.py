"""An arbiter's decision undone (Ctrl+Z) or redone (Ctrl+Shift+Z) while the consensus store cannot be written: the
step is taken back in the window, so the case shows what the store still holds, unsaved edits claimed by no one, and
a message names the case and the folder that could not be written."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest

from annotations.reading.consensus import consensus_record, state_of
from annotations.reading.disagreement import CaseState
from annotations.workspace.sidecar import CaseFiles
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_arbitration_undo_gui import ARBITER, _decide
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.gui.test_double_reading_gui import disputed, select, window_on  # noqa: F401 - fixture
from tests.unit.reading_fixtures import case_of


def _refuse_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: CaseFiles, doc, *_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self.case_dir(doc.case_id)))
    monkeypatch.setattr(CaseFiles, "save", refuse)


def _take_failing(qtbot, window, action: str) -> str:
    """Edit ▸ Undo or Redo while the store refuses writes; the message it shows."""
    with qtbot.waitSignal(window.arbitration.message, timeout=10_000) as shown:
        window.actions[action].trigger()
    window.cases.flush()
    return shown.args[0]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_an_undo_the_store_refuses_leaves_the_decision_in_the_window_and_the_store(qtbot, disputed: Path, request,
                                                                                    monkeypatch, language: str) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    window = window_on(qtbot, disputed.parent, disputed, ARBITER)
    qtbot.waitUntil(lambda: window.cases.current_id is not None, timeout=10_000)
    select(qtbot, window, case_of(0))
    _decide(qtbot, window, grade=4)
    _refuse_writes(monkeypatch)
    message = _take_failing(qtbot, window, "undo")
    assert consensus_record(disputed, case_of(0))["dr_grade"] == 4  # the store still holds the decision
    assert state_of(disputed, case_of(0)) is CaseState.ARBITRATED
    assert window.cases.doc.grade.dr_grade == 4 and window.cases.doc.mask.any()  # and so does the window
    assert not window.cases.is_dirty and window.actions["undo"].isEnabled()
    failed = {"en": "Cannot undo the arbitration of 'img0.png': ", "zh_CN": "无法撤销 'img0.png' 的仲裁："}[language]
    read_only = {"en": "read-only", "zh_CN": "只读"}[language]
    assert message.startswith(failed) and read_only in message and str(disputed) in message
    window.resize(1400, 800)
    keep_screenshot(window, f"arbitration-undo-refused-{language}.png")


def test_a_redo_the_store_refuses_leaves_the_case_to_arbitrate(qtbot, disputed: Path, monkeypatch) -> None:
    window = window_on(qtbot, disputed.parent, disputed, ARBITER)
    qtbot.waitUntil(lambda: window.cases.current_id is not None, timeout=10_000)
    select(qtbot, window, case_of(0))
    _decide(qtbot, window, grade=4)
    with qtbot.waitSignal(window.arbitration.steps.put_back, timeout=10_000):
        window.actions["undo"].trigger()
    _refuse_writes(monkeypatch)
    message = _take_failing(qtbot, window, "redo")
    assert consensus_record(disputed, case_of(0)) is None
    assert state_of(disputed, case_of(0)) is CaseState.NEEDS_ARBITRATION
    assert window.cases.doc.grade.dr_grade is None and not window.cases.doc.mask.any()
    assert not window.cases.is_dirty and window.actions["redo"].text() == "&Redo Arbitrate case"
    assert message.startswith("Cannot redo the arbitration of 'img0.png'")
