"""Edits whose save failed (a share away) are not lost with the folder: closing it saves them again, and when that
still fails their autosave snapshot stays for the next opening, which recovers them."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from annotations.workspace import Workspace
from app.main_window import MainWindow
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window


class Share:
    """Stands in for the share holding the folder: while away, writing a case's files fails."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from annotations.workspace.sidecar import CaseFiles

        self.away = False
        real = CaseFiles.save

        def save(files, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - CaseFiles.save's own
            if self.away:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            return real(files, *args, **kwargs)
        monkeypatch.setattr(CaseFiles, "save", save)


def _typed_then_left(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[MainWindow, Share, str, Path]:
    """a.png's findings typed while the share is away, then b.png opened: a.png's save failed."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    ids = {s.image_path: s.case_id for s in window.cases.summaries.values()}
    share = Share(monkeypatch)
    window.cases.select_case(ids["a.png"])
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["a.png"],
                    timeout=10_000)
    window.cases.edits.set_findings("typed while the share was away")
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
