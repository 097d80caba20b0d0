"""A folder on a slow network share: opening a case reads its saved files (case.json, mask) and its photo off the
GUI thread, so the window keeps turning meanwhile (Page Down through a list); the case's labels appear once read, and
nothing can be edited before. Before, the case's files and the photo's quick preview were read on the GUI thread: at
2 s a read the window froze for 6 s at every case switch."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass
from annotations.commands import AddBox
from annotations.document import Box, ReviewState
from annotations.workspace import Workspace
import app.image_loader
from app.main_window import MainWindow
from tests.gui.slow_share import READ_S, SlowShare, slow_stat
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window
from widgets.tools.waiting_view import WaitingView

def _saved_boxed(folder: Path, name: str) -> str:
    """Saves ``name``'s case with a box and a painted mask; returns its case id."""
    with Workspace.open(folder) as ws:
        case = next(case for case in ws.cases() if case.image_path == name)
        doc = ws.load_case(case.case_id)
        doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
        doc.mask[10:14, 10:14] = LesionClass.EX.bit
        ws.save_case(doc)
        return case.case_id


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))


def test_a_case_on_a_slow_share_opens_with_the_window_turning_and_its_labels_once_read(
        qtbot, tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, ticks: list[float]) -> None:
    case_id = _saved_boxed(folder, "b.png")
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.annotation.choose_tool("brush")
    window.cases.edits.set_review_state(ReviewState.IN_PROGRESS)  # a step of a.png's, for Undo to name
    share = SlowShare(folder, monkeypatch)
    share.slow = True
    started = time.monotonic()
    window.cases.select_case(case_id)
    returned = time.monotonic()
    assert returned - started < READ_S  # no read waited for
    # nothing edits b.png before its saved state is in, nor a.png left (its brush, its Undo)
    assert window.cases.doc is None and not window.cases.execute(AddBox(Box(LesionClass.MA, 1, 1, 5, 5)))
    assert window.cases.loading and isinstance(window.canvas.tool(), WaitingView)
    assert not window.actions["undo"].isEnabled() and not window.findings.isEnabled()
    qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=10_000)
    read = time.monotonic()
    assert len([tick for tick in ticks if returned <= tick <= read]) >= 3  # the event loop turned meanwhile
    doc = window.cases.doc
    assert doc.case_id == case_id and [box.label for box in doc.boxes] == [LesionClass.HE]
    assert np.count_nonzero(doc.mask) == 16
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.canvas.layers.document() is doc and window.centre.currentWidget() is window.canvas
    assert share.on_gui_thread == []  # not the case's files, not the photo (its quick preview)


def test_a_case_left_before_its_read_came_is_not_opened(qtbot, tmp_path: Path, folder: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Page Down past a case still being read: its read is dropped, the case the reader stopped at opens."""
    case_id = _saved_boxed(folder, "b.png")
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    first = window.cases.current_id
    opened: list[str] = []
    window.cases.case_opened.connect(lambda doc, _history: opened.append(doc.case_id))
    SlowShare(folder, monkeypatch).slow = True
    window.cases.select_case(case_id)
    window.cases.select_case(first)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.cases.flush()
    assert opened == [first] and window.cases.doc.case_id == first == window.cases.current_id


def test_page_down_past_cases_reads_the_one_under_way_and_the_one_stopped_at(qtbot, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Page Down held on a share: the reads of cases passed before their turn came are skipped, and so is the full
    photo of the one whose files and preview were being read as the reader moved on (seconds each)."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png", "d.png"))
    b, c, d = (_saved_boxed(folder, name) for name in ("b.png", "c.png", "d.png"))
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    share = SlowShare(folder, monkeypatch)
    share.slow = True
    window.cases.select_case(b)
    qtbot.waitUntil(lambda: folder / "b.png" in share.opened and any(p.name == "case.json" for p in share.opened),
                    timeout=5_000)  # its files and its photo are being read
    window.cases.select_case(c)
    window.cases.select_case(d)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=20_000)
    window.cases.flush()
    assert window.cases.doc.case_id == d
    read = {case_id: [p.name for p in share.opened if p.parent.name.startswith(case_id)] for case_id in (b, c, d)}
    # b's read under way stops after its file under way (case.json), before its mask; c's is never begun
    assert read[b] == ["case.json"] and read[c] == [] and read[d] == ["case.json", "mask.1.png"]
    assert [p.name for p in share.opened if p.parent == folder] == ["b.png", "d.png", "d.png"]  # b's preview alone


def test_a_row_listed_with_an_error_is_looked_at_off_the_gui_thread(qtbot, tmp_path: Path, folder: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether its photo is back is asked of the share by the storage worker: on a share that is away, that look may
    hang for as long as the system waits for it. A photo still missing shows the list's reason, as before."""
    labelled, gone = _saved_boxed(folder, "b.png"), folder / "b.png"
    gone.unlink()
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    assert window.cases.summaries[labelled].error
    looked_on_gui_thread = slow_stat(monkeypatch, lambda path: path == gone)
    started = time.monotonic()
    window.cases.select_case(labelled)
    assert time.monotonic() - started < READ_S
    qtbot.waitUntil(lambda: window.cases.open_error is not None, timeout=10_000)
    assert "its labels are kept in" in window.notice.text() and window.centre.currentWidget() is window.notice
    assert looked_on_gui_thread == [] and window.cases.image is None


def test_a_cases_photo_is_not_looked_at_on_the_gui_thread_for_its_bscan_count(qtbot, tmp_path: Path, folder: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the photo changed since the folder's scan (is it a volume of B-scans now?) was a stat on the GUI thread
    at the first showing of each case: on a share that answers slowly, or is away, the window waited for it."""
    case_id, photo = _saved_boxed(folder, "b.png"), folder / "b.png"
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    looked_on_gui_thread = slow_stat(monkeypatch, lambda path: path == photo)
    started = time.monotonic()
    window.cases.select_case(case_id)
    assert time.monotonic() - started < READ_S
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    assert window.cases.doc.case_id == case_id and not window.bscans.bar.isVisible()  # a photo: no B-scan bar
    assert window.cases.bscan_counts.known(case_id) == 1 and looked_on_gui_thread == []


class Gates:
    """Opening ``case``'s case.json and ``photo`` each waits, at most WAIT_S, for the other to have started: both
    wait in vain where one is read only once the other has been (``overlapped`` then holds a False)."""

    WAIT_S = 3.0

    def __init__(self, case: str, photo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read_started, self.photo_started = threading.Event(), threading.Event()
        self.overlapped: list[bool] = []
        real = os.open

        def gated_open(path, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's own
            if Path(path) == photo:
                self.photo_started.set()
                self.overlapped.append(self.read_started.wait(self.WAIT_S))
            elif Path(path).name == "case.json" and Path(path).parent.name.startswith(case):
                self.read_started.set()
                self.overlapped.append(self.photo_started.wait(self.WAIT_S))
            return real(path, *args, **kwargs)
        monkeypatch.setattr(os, "open", gated_open)


def test_a_cases_photo_is_read_beside_its_files_not_after_them(qtbot, tmp_path: Path, folder: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """On a share both reads take seconds: the photo's decode starts with the read of the case's files, from the size
    the folder's scan listed, and the case opens with its own photo, once."""
    case_id = _saved_boxed(folder, "b.png")
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    shown: list[str] = []
    window.cases.image_loaded.connect(lambda shown_id, _image: shown.append(shown_id))
    gates = Gates("b.png", folder / "b.png", monkeypatch)
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert gates.overlapped and all(gates.overlapped)
    assert shown == [case_id] and window.cases.doc.case_id == case_id and window.canvas.layers.document() is not None
    assert window.canvas.image_size() == (window.cases.doc.width, window.cases.doc.height)


def test_a_case_whose_read_fails_shows_no_photo_decoded_meanwhile(qtbot, tmp_path: Path, folder: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Its photo decoded while its damaged case.json was read: the notice says why, no photo comes over it."""
    case_id = _saved_boxed(folder, "b.png")
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=10_000)
    case_json = window.cases.workspace.case_files.case_dir(case_id) / "case.json"
    case_json.write_text("{ not json")
    decoded, real_open, real_decode = threading.Event(), os.open, app.image_loader.decode_and_classify

    def decode(request, state=None):  # noqa: ANN001, ANN202 - decode_and_classify's own
        try:
            return real_decode(request, state)
        finally:
            decoded.set()

    def after_the_photo(path, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's own
        if Path(path) == case_json:
            decoded.wait(Gates.WAIT_S)  # the photo's decode ahead has ended: its results are on their way
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(app.image_loader, "decode_and_classify", decode)
    monkeypatch.setattr(os, "open", after_the_photo)
    shown: list[object] = []
    window.cases.image_loaded.connect(lambda shown_id, _image: shown.append(shown_id))
    window.cases.preview_ready.connect(lambda shown_id, *_: shown.append(shown_id))
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.open_error is not None, timeout=10_000)
    qtbot.wait(300)
    assert shown == [] and window.cases.image is None and window.centre.currentWidget() is window.notice
