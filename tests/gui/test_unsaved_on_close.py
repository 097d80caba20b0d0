"""Edits whose save failed (a share away) are not lost with the folder: closing it saves them again, and when that
still fails their autosave snapshot stays for the next opening, which recovers them. When the snapshot cannot be
written either (its folder is on the share too), the window asks before closing: try again, close without them, or
keep the folder open."""
from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Callable

import pytest

from annotations.workspace import Workspace
from app.main_window import MainWindow
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - the fixture
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window
from widgets.unsaved_edits_box import CloseChoice, UnsavedEditsBox


class Share:
    """Stands in for the share holding the folder: while away, writing a case's files fails, and with
    ``snapshots_away`` writing an autosave snapshot too (the snapshots' folder is on it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from annotations.workspace.recovery import SnapshotStore
        from annotations.workspace.sidecar import CaseFiles

        self.away = self.snapshots_away = False
        for cls, name, flag in ((CaseFiles, "save", "away"), (SnapshotStore, "write", "snapshots_away")):
            monkeypatch.setattr(cls, name, self._unless_away(getattr(cls, name), flag))

    def _unless_away(self, real: Callable[..., object], flag: str) -> Callable[..., object]:
        def write(*args: object, **kwargs: object) -> object:
            if getattr(self, flag):
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            return real(*args, **kwargs)
        return write

    def back(self) -> None:
        self.away = self.snapshots_away = False


def _typed_then_left(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snapshotted: bool = True
                     ) -> tuple[MainWindow, Share, str, Path]:
    """a.png's findings typed while the share is away, then b.png opened: a.png's save failed. ``snapshotted``: its
    edits were put in an autosave snapshot before the share went away."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    ids = {s.image_path: s.case_id for s in window.cases.summaries.values()}
    share = Share(monkeypatch)
    window.cases.select_case(ids["a.png"])
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["a.png"],
                    timeout=10_000)
    window.cases.edits.set_findings("typed while the share was away")
    if snapshotted:
        window.cases.saver.autosave_now()
        window.cases.flush()
    share.away = True
    window.cases.select_case(ids["b.png"])
    window.cases.flush()
    assert "Input/output error" in window.statusBar().currentMessage()
    return window, share, ids["a.png"], folder


def _findings(folder: Path, case_id: str) -> str:
    with Workspace.open(folder) as ws:
        return ws.load_case(case_id).findings_text


def test_closing_the_folder_saves_them_once_the_share_is_back(qtbot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window, share, case_id, folder = _typed_then_left(qtbot, tmp_path, monkeypatch)
    share.away = False
    window.cases.close_workspace()
    assert _findings(folder, case_id) == "typed while the share was away"


def test_still_away_on_closing_they_come_back_at_the_next_opening(qtbot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window, share, case_id, folder = _typed_then_left(qtbot, tmp_path, monkeypatch)
    window.cases.close_workspace()
    share.away = False
    assert _findings(folder, case_id) == "typed while the share was away"  # recovered from its snapshot


class Person:
    """Answers the window's question (UnsavedEditsBox) with ``answers`` in turn, noting each question asked;
    ``before_answer`` runs first (e.g. the share comes back while the question is shown)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: CloseChoice, before_answer=lambda: None) -> None:
        self.asked: list[tuple[str, str]] = []
        pending = list(answers)

        def choice(box: UnsavedEditsBox) -> CloseChoice:
            self.asked.append((box.text(), box.informativeText()))
            before_answer()
            return pending.pop(0)
        monkeypatch.setattr(UnsavedEditsBox, "choice", choice)


def _nothing_kept(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[MainWindow, Share, str, Path]:
    """a.png's save failed (its edits held in its kept history alone), b.png open with an edit, the share away with
    the snapshots' folder."""
    window, share, case_a, folder = _typed_then_left(qtbot, tmp_path, monkeypatch, snapshotted=False)
    share.snapshots_away = True
    window.cases.edits.set_findings("b typed while the share was away")
    return window, share, case_a, folder


def test_cancel_keeps_the_window_and_the_edits_then_try_again_saves_them(qtbot, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window, share, case_a, folder = _nothing_kept(qtbot, tmp_path, monkeypatch)
    case_b = window.cases.current_id
    assert set(window.cases.unsafe_edits()) == {case_a, case_b}  # no dialog: which cases would be lost
    person = Person(monkeypatch, CloseChoice.CANCEL)
    assert not window.close()
    (question, error), = person.asked
    assert "'a.png'" in question and "'b.png'" in question and "closing now loses them" in question
    assert "Input/output error" in error and ".retinareview" in error  # the file it could not write
    assert window.isVisible() and window.cases.workspace is not None  # nothing closed
    assert window.cases.current_id == case_b and window.cases.is_dirty and window.isWindowModified()
    assert not window.cases.histories.get(case_a).is_clean  # a.png's edits still held

    person = Person(monkeypatch, CloseChoice.TRY_AGAIN, before_answer=share.back)
    assert window.close()
    assert len(person.asked) == 1 and window.cases.workspace is None
    assert _findings(folder, case_a) == "typed while the share was away"
    assert _findings(folder, case_b) == "b typed while the share was away"


def test_close_without_saving_closes_and_loses_them(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window, share, case_a, folder = _nothing_kept(qtbot, tmp_path, monkeypatch)
    person = Person(monkeypatch, CloseChoice.DISCARD)
    assert window.close()
    assert len(person.asked) == 1 and not window.isVisible() and window.cases.workspace is None
    share.back()
    assert _findings(folder, case_a) == ""  # lost, as the person chose


def test_opening_another_folder_asks_too_and_cancel_keeps_this_one(qtbot, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window, share, case_a, folder = _nothing_kept(qtbot, tmp_path, monkeypatch)
    other = tmp_path / "other"
    other.mkdir()
    person = Person(monkeypatch, CloseChoice.CANCEL)
    assert not window.open_paths([other])
    assert len(person.asked) == 1 and window.cases.workspace is not None and window.cases.workspace.folder == folder
    assert not window.cases.histories.get(case_a).is_clean
    share.back()
    assert window.close()  # saved now: nothing to ask
    assert len(person.asked) == 1


@pytest.mark.parametrize("share_back", [True, False], ids=["saved", "snapshotted"])
def test_edits_saved_or_snapshotted_close_without_a_question(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             share_back: bool) -> None:
    window, share, case_a, folder = _typed_then_left(qtbot, tmp_path, monkeypatch, snapshotted=False)
    share.away = not share_back  # away: the snapshots' folder still takes the edits, on closing
    person = Person(monkeypatch)
    assert window.close()
    assert person.asked == [] and window.cases.workspace is None
    share.away = False
    assert _findings(folder, case_a) == "typed while the share was away"  # saved, or recovered from its snapshot


def test_a_read_only_folders_analysis_alone_closes_without_a_question(qtbot, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder open read-only (another program holds it, a read-only share) keeps nothing: an analysis result is
    no edit of the person's and closing does not ask of it; an edit it still asks of."""
    from annotations.document import AIResult

    folder = fundus_folder(tmp_path, monkeypatch, ("a.png",))
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=10_000)
    window.cases.workspace._go_read_only("held by another program")  # as Workspace.open does when the lock is held
    window.cases.ai_results.apply(window.cases.current_id, AIResult(dr_grade=2, referable=True, grade_source="model"))
    assert window.cases.doc.ai is not None and not window.cases.is_dirty
    person = Person(monkeypatch, CloseChoice.DISCARD)
    window.cases.edits.set_findings("typed in a read-only folder")
    assert window.close()
    assert len(person.asked) == 1  # the edit: asked
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=10_000)
    window.cases.workspace._go_read_only("held by another program")
    window.cases.ai_results.apply(window.cases.current_id, AIResult(dr_grade=2, referable=True, grade_source="model"))
    assert window.close()
    assert len(person.asked) == 1  # the result alone: not asked


def test_the_question_in_chinese(qtbot, chinese) -> None:  # noqa: F811 - the fixture
    box = UnsavedEditsBox([f"'{n}.png'" for n in "abcdefg"], ["/share/a.png: saving failed", "/share/b.png: …"])
    qtbot.addWidget(box)
    assert box.windowTitle() == "修改未保存"
    assert box.text() == ("'a.png'、'b.png'、'c.png'、'd.png'、'e.png'、另外 2 张照片 的修改既无法保存，"
                          "也无法留作恢复：现在关闭将丢失这些修改。")
    assert {button.text() for button in box.buttons()} >= {"重试", "不保存并关闭", "取消"}
    keep_screenshot(box, "unsaved-edits-zh.png")
