"""Edits whose save failed (a share away) are not lost with the folder: closing it saves them again, and when that
still fails their autosave snapshot stays for the next opening, which recovers them. When the snapshot cannot be
written either (its folder is on the share too), the window asks before closing: try again, close without them, or
keep the folder open."""
from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import QCoreApplication

from annotations.messages import INPUT_OUTPUT
from annotations.reading.settings import ReadingMode, ReadingSettings, load_settings, save_settings
from annotations.workspace import Workspace
from app.main_window import MainWindow
from app.settings import Settings
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - the fixture
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window
from tests.unit.reading_fixtures import image_folder
from widgets.settings_dialog import SettingsDialog
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


def _typed_then_left(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snapshotted: bool = True,
                     double: bool = False, snapshots_away: bool = False) -> tuple[MainWindow, Share, str, Path]:
    """a.png's findings typed while the share is away, then b.png opened: a.png's save failed. ``snapshotted``: its
    edits were put in an autosave snapshot before the share went away; ``double``: the folder is read by two
    readers (the window works in its reader's own store); ``snapshots_away``: the snapshots' folder went with it."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    if double:
        save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
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
    share.away, share.snapshots_away = True, snapshots_away
    window.cases.select_case(ids["b.png"])
    window.cases.flush()
    # the system's EIO, worded, in the interface's language
    assert QCoreApplication.translate("OsReasons", INPUT_OUTPUT) in window.statusBar().currentMessage()
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


def test_a_crash_long_after_a_failed_save_still_recovers_them(qtbot, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The save of a case left behind failed (its case folder refused, the snapshots' folder still written), and
    nothing snapshotted its edits: they were on no disk until the folder closed, and a crash while the reader worked
    on the next case lost them. The disk as a crash now leaves it (a copy, its owner's lock gone) recovers them."""
    window, share, case_id, folder = _typed_then_left(qtbot, tmp_path, monkeypatch, snapshotted=False)
    window.cases.edits.set_findings("b.png worked on since")
    crashed = tmp_path / "as the crash left it"
    shutil.copytree(folder, crashed)
    (crashed / ".retinareview" / "lock").unlink()
    share.back()
    assert _findings(crashed, case_id) == "typed while the share was away"


def test_a_case_left_while_its_save_runs_keeps_its_edits_when_that_save_fails(qtbot, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """a.png, left for x.png (kept with unsaved edits) while its save ran, was taken for saved, and leaving x.png
    for y.png dropped it from the kept histories over their budget: the save failed, and its edits were gone from
    memory, from the disk (nothing written there) and from the question on closing."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "x.png", "y.png"))
    window = reviewer_window(qtbot, tmp_path, folder)
    cases = window.cases
    qtbot.waitUntil(lambda: cases.image is not None, timeout=10_000)
    ids = {s.image_path: s.case_id for s in cases.summaries.values()}
    cases.histories.max_bytes = 1  # every history over the budget: only those with unsaved edits are kept
    share = Share(monkeypatch)
    share.away = share.snapshots_away = True
    for name, findings in (("x.png", "x typed"), ("a.png", "a typed")):
        cases.select_case(ids[name])
        cases.flush()
        cases.edits.set_findings(findings)
    cases.select_case(ids["x.png"])  # kept: opened at once, a.png's save still under way
    cases.select_case(ids["y.png"])
    cases.flush()
    assert set(cases.unsafe_edits()) == {ids["a.png"], ids["x.png"]}
    share.back()
    cases.select_case(ids["a.png"])
    assert cases.doc.findings_text == "a typed" and window.isWindowModified()


class Person:
    """Answers the window's question (UnsavedEditsBox) with ``answers`` in turn, noting each question asked;
    ``before_answer`` runs first (e.g. the share comes back while the question is shown). Asked once more (the
    window closed when the test ends, or one that failed), it closes without them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: CloseChoice, before_answer=lambda: None) -> None:
        self.asked: list[tuple[str, str]] = []
        pending = list(answers)

        def choice(box: UnsavedEditsBox) -> CloseChoice:
            self.asked.append((box.text(), box.informativeText()))
            before_answer()
            return pending.pop(0) if pending else CloseChoice.DISCARD
        monkeypatch.setattr(UnsavedEditsBox, "choice", choice)


def _nothing_kept(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, double: bool = False
                  ) -> tuple[MainWindow, Share, str, Path]:
    """a.png's save failed (its edits held in its kept history alone), b.png open with an edit, the share away with
    the snapshots' folder."""
    window, share, case_a, folder = _typed_then_left(qtbot, tmp_path, monkeypatch, snapshotted=False, double=double,
                                                     snapshots_away=True)
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
    assert INPUT_OUTPUT in error and ".retinareview" in error  # the file it could not write
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


def test_reading_settings_that_reopen_the_folder_ask_and_cancel_changes_nothing(qtbot, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Switching to double reading opens the folder again, in the reader's own store: Cancel keeps it open as it
    was, its reading settings unchanged (not stored as double reading while the window still works in the main
    store); Try again, once the share is back, saves the edits and switches."""
    window, share, case_a, folder = _nothing_kept(qtbot, tmp_path, monkeypatch)
    window.cases.confirm = lambda title, question: True  # "Read by two readers from now on?"
    double = {**window.reading.folder_values(), "mode": "double"}
    person = Person(monkeypatch, CloseChoice.CANCEL)
    assert not window.reading.apply("tester", double)
    window.cases.flush()
    assert len(person.asked) == 1 and not load_settings(folder).double
    assert window.cases.workspace.sidecar == folder / ".retinareview"  # still open, in the main store
    assert not window.cases.histories.get(case_a).is_clean and window.cases.is_dirty
    assert "reading settings" in window.statusBar().currentMessage()

    person = Person(monkeypatch, CloseChoice.TRY_AGAIN, before_answer=share.back)
    assert window.reading.apply("tester", double)
    window.cases.flush()
    assert len(person.asked) == 1 and load_settings(folder).double
    assert window.cases.workspace.sidecar == folder / ".retinareview" / "readers" / "tester"
    assert _findings(folder, case_a) == "typed while the share was away"  # saved in the main store before switching


def test_a_new_reader_name_that_would_reopen_the_folder_is_kept_back_on_cancel(qtbot, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """In a double-read folder the reader's name decides their store: a new name given in Settings opens the folder
    again in it. Cancel keeps the folder open in the store it was, and the name with it (saves there are this
    reader's)."""
    window, share, case_a, folder = _nothing_kept(qtbot, tmp_path, monkeypatch, double=True)
    store = window.cases.workspace.sidecar
    assert store == folder / ".retinareview" / "readers" / "tester"
    monkeypatch.setattr(SettingsDialog, "exec", lambda dialog: dialog.reader.setText("Ben") or 1)
    person = Person(monkeypatch, CloseChoice.CANCEL)
    window.edit_settings()
    window.cases.flush()
    assert len(person.asked) == 1 and window.cases.workspace.sidecar == store
    assert window.values.reader == window.cases.reader == "tester"
    assert Settings.from_file(tmp_path / "settings.ini").load().reader == "tester"
    assert not window.cases.histories.get(case_a).is_clean


def test_opening_a_folder_that_asks_for_a_name_asks_to_close_this_one_first(qtbot, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The name a double-read folder asks for is given only once the open folder may close: Cancel asks nothing
    more and changes nothing."""
    import dataclasses

    window, share, case_a, folder = _nothing_kept(qtbot, tmp_path, monkeypatch)
    window.apply_settings(dataclasses.replace(window.values, reader=""))
    other = image_folder(tmp_path / "other", count=1, width=64, height=48)
    save_settings(other, ReadingSettings(mode=ReadingMode.DOUBLE))
    names: list[str] = []
    window.reading.ask_text = lambda title, label: names.append(label) or "Ben"
    person = Person(monkeypatch, CloseChoice.CANCEL)
    assert not window.open_paths([other])
    assert len(person.asked) == 1 and names == [] and window.values.reader == window.cases.reader == ""
    assert window.cases.workspace.folder == folder and not window.cases.histories.get(case_a).is_clean


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
    assert {button.text() for button in box.buttons()} >= {"重试(&T)", "不保存并关闭(&W)", "取消"}
    keep_screenshot(box, "unsaved-edits-zh.png")


def test_the_question_says_why_in_chinese_after_the_share_went_away(qtbot, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    chinese) -> None:  # noqa: F811 - the fixture
    """The save's error the question shows reads in Chinese, the system's reason too (was: "Input/output error")."""
    window, share, case_a, folder = _nothing_kept(qtbot, tmp_path, monkeypatch)
    boxes: list[UnsavedEditsBox] = []

    def choice(box: UnsavedEditsBox) -> CloseChoice:
        boxes.append(box)
        box.resize(box.sizeHint())
        keep_screenshot(box, "unsaved-edits-eio-zh.png")
        return CloseChoice.CANCEL
    monkeypatch.setattr(UnsavedEditsBox, "choice", choice)
    assert not window.close()
    error = boxes[0].informativeText()
    assert "保存 'b.png' 失败（磁盘或网络共享发生输入/输出错误）" in error, error
    assert not re.search("Input/output|error", error, re.IGNORECASE)
    share.back()


def test_a_save_waited_for_right_after_marking_done_is_that_save(qtbot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Marking done queues the case's save without waiting; a save that waits (Ctrl+S before an export reads the
    files) right after it found the case unchanged and said it was written while that save was still under way,
    and even when it then failed: a power cut then lost the case the export had been told was saved."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png",))
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    share = Share(monkeypatch)
    share.away = True
    window.cases.edits.mark_done()
    assert not window.cases.save()
    assert window.cases.is_dirty  # its edits are still to save
    share.back()
    assert window.cases.save()
    with Workspace.open(folder) as ws:
        assert ws.load_case(window.cases.current_id).review_state.value == "done"


def test_a_save_waited_for_after_marking_done_waits_for_that_save_not_for_jobs_queued_after_it(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """D, then a long job queued (the retrain dialog's count of the folder's cases), then Start (a waited save): the
    window froze until the count ended, the waited save waiting for every job queued, not for the done case's save
    alone. (A job queued before that save, it waits for: the saves keep their place in the queue.)"""
    import threading
    import time

    folder = fundus_folder(tmp_path, monkeypatch, ("a.png",))
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    counted = threading.Event()
    window.cases.edits.mark_done()
    window.cases.storage.submit(counted.wait, 20)  # the count, queued after the done case's save
    started = time.monotonic()
    try:
        assert window.cases.save()
        assert time.monotonic() - started < 10  # not the count's 20 s
    finally:
        counted.set()
    with Workspace.open(folder) as ws:
        assert ws.load_case(window.cases.current_id).review_state.value == "done"
