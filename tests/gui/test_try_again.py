"""A photo that could not be read because its share or disk was away opens once it is back: with Try again under
the reason (or F5), or by choosing it again in the list; Analyse all counts the cases it leaves out unread. A photo
still missing keeps the list's reason; one deleted since the folder was last opened leaves the list without an
error."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.image_io import ImageLoadError, load_image_with_header
from annotations.regular_files import unreadable
from annotations.workspace import Workspace
from app.analysis_controller import BatchTally
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window


class Share:
    """Stands in for the network share holding b.png: while away, reading its pixels fails as a lost share does."""

    def __init__(self) -> None:
        self.away = False

    def load_image_with_header(self, path):  # noqa: ANN001, ANN201 - load_image_with_header's own
        if self.away and Path(path).name == "b.png":
            raise unreadable(path, OSError(errno.EIO, os.strerror(errno.EIO)), ImageLoadError)
        return load_image_with_header(path)


@pytest.fixture
def share(monkeypatch: pytest.MonkeyPatch) -> Share:
    share = Share()
    monkeypatch.setattr("app.image_loader.load_image_with_header", share.load_image_with_header)
    return share


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    window = reviewer_window(qtbot, tmp_path, fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")))
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    return window


def case_id(window: MainWindow, name: str) -> str:
    return next(s.case_id for s in window.cases.summaries.values() if s.image_path == name)


def test_chosen_again_once_the_share_is_back_the_photo_opens(qtbot, window: MainWindow, share: Share) -> None:
    share.away = True
    window.cases.select_case(case_id(window, "b.png"))
    qtbot.waitUntil(lambda: "b.png" in window.notice.text(), timeout=10_000)
    assert "network share" in window.notice.text()
    share.away = False
    window.cases.select_case(case_id(window, "a.png"))
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.cases.select_case(case_id(window, "b.png"))
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.centre.currentWidget() is window.canvas


def test_try_again_under_the_reason_opens_the_photo_once_the_share_is_back(qtbot, window: MainWindow,
                                                                           share: Share) -> None:
    share.away = True
    failed = case_id(window, "b.png")
    window.cases.select_case(failed)
    qtbot.waitUntil(lambda: "b.png" in window.notice.text(), timeout=10_000)
    button = window.notice.retry_button
    assert button.isVisibleTo(window) and button.text() == "Try again"
    assert window.cases.summaries[failed].error  # the case list says so too
    button.click()  # still away: the reason again, nothing else
    qtbot.waitUntil(lambda: window.cases.open_error is not None, timeout=10_000)
    assert "network share" in window.notice.text() and window.cases.current_id == failed
    share.away = False
    button.click()
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.centre.currentWidget() is window.canvas and window.cases.current_id == failed
    assert window.cases.summaries[failed].error is None


def test_f5_on_a_photo_that_could_not_be_read_reads_it_again_then_analyses_it(qtbot, window: MainWindow,
                                                                              share: Share) -> None:
    """Analyse (F5) cannot analyse a file it cannot read: it reads it again, as Try again does (whose tooltip names
    the key), and analyses it once it opens."""
    share.away = True
    failed = case_id(window, "b.png")
    window.cases.select_case(failed)
    qtbot.waitUntil(lambda: window.cases.open_error is not None, timeout=10_000)
    assert "F5" in window.notice.retry_button.toolTip()
    started: list[str] = []
    window.analysis.analyze_case = lambda item: started.append(item.case_id)
    share.away = False
    window.actions["analyze"].trigger()
    qtbot.waitUntil(lambda: bool(started), timeout=10_000)
    assert started == [failed] and window.centre.currentWidget() is window.canvas
    assert window.cases.summaries[failed].error is None


def test_analyse_all_says_how_many_cases_it_leaves_out_unread(qtbot, window: MainWindow, share: Share,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A case whose file could not be read is not analysed: the start and the end of the run count it."""
    share.away = True
    window.cases.select_case(case_id(window, "b.png"))
    qtbot.waitUntil(lambda: window.cases.open_error is not None, timeout=10_000)
    started: list[list[str]] = []
    monkeypatch.setattr(window.analysis, "analyze_all", lambda items: started.append([i.case_id for i in items]))
    window.analysis_actions.analyze_all()
    qtbot.waitUntil(lambda: bool(started), timeout=10_000)
    assert started == [[case_id(window, "a.png")]]
    left_out = "1 left out because their files cannot be read (opening one reads it again)"
    assert window.statusBar().currentMessage() == (
        f"Analysing 1 case(s); {left_out}; progress and Cancel are in the status bar.")
    window.analysis.batch_ended.emit(BatchTally(analysed=1))
    assert window.statusBar().currentMessage() == f"Analyse all done: 1 case(s) analysed; {left_out}"
    window.analysis.batch_ended.emit(BatchTally(analysed=1))  # a later run counts its own
    assert window.statusBar().currentMessage() == "Analyse all done: 1 case(s) analysed"


def test_the_welcome_has_no_try_again(qtbot, tmp_path: Path) -> None:
    window = MainWindow(Settings.from_file(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    assert window.centre.currentWidget() is window.notice and not window.notice.retry_button.isVisibleTo(window)


def test_a_photo_still_missing_keeps_the_lists_reason_and_opens_once_put_back(qtbot, window: MainWindow) -> None:
    """The scan's reason for a missing photo (where its labels are kept) is shown, not a read's "not found"."""
    gone, labelled = window.cases.workspace.folder / "b.png", case_id(window, "b.png")
    window.cases.close_workspace()
    with Workspace.open(gone.parent) as workspace:  # labels saved before the photo went away
        doc = workspace.load_case(labelled)
        doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
        workspace.save_case(doc)
    kept = gone.read_bytes()
    gone.unlink()
    assert window.open_paths([gone.parent])
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.cases.select_case(labelled)
    qtbot.waitUntil(lambda: window.cases.open_error is not None, timeout=10_000)
    assert "its labels are kept in" in window.notice.text()  # the scan's reason
    gone.write_bytes(kept)
    window.notice.retry_button.click()
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.cases.summaries[labelled].error is None and window.cases.doc.boxes


@pytest.mark.parametrize("reopened", [False, True], ids=["new window", "same window"])
def test_a_photo_deleted_since_the_folder_was_last_opened_leaves_the_list_without_an_error(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reopened: bool) -> None:
    """The list shows the index's rows before the scan finds the photo gone: the row of a case the index no longer
    holds is drawn empty until the next listing drops it (it raised KeyError in the list's data())."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png"))
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, reader="tester"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    if reopened:
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
        window.cases.close_workspace()
    else:
        Workspace.open(folder).close()  # the index of an earlier run holds b.png
    (folder / "b.png").unlink()
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 2 and not window.cases.busy, timeout=10_000)
    window.case_list.table.viewport().repaint()  # every row's data() asked for
    assert {window.case_list.model.index(row, 0).data() for row in range(2)} == {"a.png", "c.png"}
