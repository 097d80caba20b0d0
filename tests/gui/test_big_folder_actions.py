"""Whole-folder actions in a big folder: the export's scopes, "Analyse all" and the retrain dialog count the right
cases (saved ones from the index, edits not yet saved over them) and never read every case on the GUI thread."""
from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from annotations.case_source import CaseSource
from annotations.document import ReviewState
from annotations.workspace.store import IndexStore
from app.main_window import MainWindow
from bench.bench_big_folder import make_folder
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_big_folder import settings, window  # noqa: F401 - fixtures

PHOTOS = 3000
SAVED_DONE = 40  # marked done in the index
ANALYSED = 100  # with an AI result in the index, half of them with no DR grade (OCT scans)


@pytest.fixture
def listed(opened: MainWindow) -> list[str]:
    """The folder's case ids in file order (read before the watch on the GUI thread starts)."""
    return list(opened.cases.summaries)


@pytest.fixture
def opened(qtbot, window: MainWindow, tmp_path: Path) -> MainWindow:  # noqa: F811
    make_folder(tmp_path / "big", PHOTOS)
    assert window.open_paths([tmp_path / "big"])
    qtbot.waitUntil(lambda: not window.cases.busy and not window.case_list.pending, timeout=60_000)
    index = window.cases.workspace.index
    ids = list(window.cases.summaries)
    rows = index.cases_by_id(ids[:ANALYSED])
    index.upsert_cases([row | {"analysed": 1, "ai_grade": 1 if n % 2 else None}  # even: an OCT result, no grade
                        for n, row in enumerate(rows.values())])
    rows = index.cases_by_id(ids[-SAVED_DONE:])
    index.upsert_cases([row | {"review_state": ReviewState.DONE.value} for row in rows.values()])
    unsaved = window.cases.summaries[ids[ANALYSED]]  # marked done, not saved yet
    window.cases.summaries[unsaved.case_id] = dataclasses.replace(unsaved, review_state=ReviewState.DONE)
    return window


@pytest.fixture
def whole_reads_on_gui_thread(monkeypatch) -> list[str]:
    """Reads of every case made on the GUI thread (the window must leave them to workers)."""
    found: list[str] = []

    def watch(owner: type, name: str, whole: callable = lambda *args, **kwargs: True) -> None:
        original = getattr(owner, name)

        def watched(*args, **kwargs):
            if threading.current_thread() is threading.main_thread() and whole(*args, **kwargs):
                found.append(name)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, watched)

    for owner, name in ((CaseSource, "values"), (CaseSource, "facts"), (IndexStore, "case_facts"),
                        (IndexStore, "all_cases")):
        watch(owner, name)
    watch(IndexStore, "case_ids", lambda self, where="1", *rest, **kwargs: where == "1")
    return found


def test_the_export_counts_its_scopes_on_a_worker(qtbot, opened, whole_reads_on_gui_thread) -> None:
    dialog = opened.annotation.show_export()
    assert "counting…" in dialog.scope_buttons["all"].text() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.counted, timeout=20_000)
    assert dialog.scope_buttons["all"].text() == f"&All cases ({PHOTOS})"
    assert dialog.scope_buttons["done"].text() == f"&Done cases only ({SAVED_DONE + 1})"
    assert dialog.scope_buttons["shown"].text() == f"Cases in the li&st ({PHOTOS})"
    assert dialog.scope_buttons["selection"].text() == "S&elected cases (1)"  # the open case's row
    assert whole_reads_on_gui_thread == []
    keep_screenshot(dialog, "export-counted.png")


def test_analyse_all_asks_with_the_right_figures(qtbot, opened, listed, whole_reads_on_gui_thread,
                                                monkeypatch) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(opened.analysis, "analyze_all", lambda items: started.append([i.case_id for i in items]))
    asked: list[str] = []
    opened.analysis_actions.choose = lambda title, question, choices: asked.append(question) or 0  # only the new ones
    opened.analysis_actions.analyze_all()
    assert asked == [] and "Counting" in opened.statusBar().currentMessage()  # the answer comes from a worker
    qtbot.waitUntil(lambda: bool(started), timeout=20_000)
    assert asked == [f"{ANALYSED} of {PHOTOS} cases already have an AI result. Analyse only the "
                     f"{PHOTOS - ANALYSED} without one, or all {PHOTOS} again?"]
    assert started == [listed[ANALYSED:]]
    assert whole_reads_on_gui_thread == []


def test_the_retrain_dialog_counts_done_cases_from_the_index(qtbot, opened, whole_reads_on_gui_thread) -> None:
    dialog = opened.retrain.open_dialog()
    qtbot.addWidget(dialog)
    assert dialog.cases_label.text().startswith(f"{SAVED_DONE + 1} reviewed cases are marked done")
    assert whole_reads_on_gui_thread == []
