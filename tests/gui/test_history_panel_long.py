"""The history panel on a long history: an annotator dabbing a few hundred microaneurysms on one photo. Each stroke's
start and end refreshed the panel, which rebuilt and translated every row: 25-30 ms at 450 steps, twice per stroke
(bench_painting). A refresh now names only the steps that changed, and the rows show what a panel built anew shows:
after undo, redo, a new step that drops the undone ones, the oldest steps dropped past max_steps, another case's
history."""
from __future__ import annotations

import pytest

from annotations.classes import LESION_CLASSES
from annotations.document import CaseDocument
from annotations.history import History
from widgets import history_panel
from widgets.history_panel import HistoryPanel


def _history(max_steps: int = 500) -> History:
    return History(CaseDocument("case", "case.png", 400, 300), max_steps=max_steps)


def _dab(history: History, n: int) -> None:
    """Stroke ``n`` of the classes in turn, a short one at its own place."""
    history.begin_stroke(LESION_CLASSES[n % len(LESION_CLASSES)], 3)
    history.extend_stroke(10.0 + n % 300, 10.0 + n // 300)
    history.commit_stroke()


def _rows(panel: HistoryPanel) -> list[tuple[str, bool]]:
    """Each row's text and whether it shows an undone step (italic)."""
    return [(panel.item(row).text(), panel.item(row).font().italic()) for row in range(panel.count())]


def _as_built_anew(qtbot, history: History | None) -> list[tuple[str, bool]]:
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_history(history)
    return _rows(panel)


@pytest.fixture
def named(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The steps the panel names (translates), in order."""
    names: list[str] = []
    shown = history_panel.EDIT_NAMES

    def counted(text: str) -> str:
        names.append(text)
        return shown(text)

    monkeypatch.setattr(history_panel, "EDIT_NAMES", counted)
    return names


def test_a_stroke_on_a_long_history_names_only_its_own_step(qtbot, named: list[str]) -> None:
    history = _history()
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_history(history)
    for n in range(300):
        _dab(history, n)
    named.clear()
    _dab(history, 300)
    assert named == ["Paint MA"] and panel.count() == 302 and panel.currentRow() == 301
    named.clear()
    history.undo()
    history.undo()
    assert named == [] and panel.currentRow() == 299


def test_the_rows_stay_as_a_panel_built_anew_shows_them(qtbot, named: list[str]) -> None:
    history = _history(max_steps=40)
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_history(history)
    for n in range(30):
        _dab(history, n)
    for _ in range(10):
        history.undo()
    assert _rows(panel) == _as_built_anew(qtbot, history) and _rows(panel)[-1] == ("Paint HE", True)
    history.redo()
    assert _rows(panel) == _as_built_anew(qtbot, history)
    _dab(history, 101)  # drops the 9 steps still undone
    assert panel.count() == 23 and _rows(panel) == _as_built_anew(qtbot, history)
    for n in range(40):  # past max_steps: the oldest steps go, every row names another step
        _dab(history, n + 2)
    assert panel.count() == 41 and _rows(panel) == _as_built_anew(qtbot, history)
    history.go_to(3)
    assert _rows(panel) == _as_built_anew(qtbot, history) and panel.currentRow() == 3

    other = _history()
    for n in range(5):
        _dab(other, n + 1)
    panel.set_history(other)  # another case's steps
    assert _rows(panel) == _as_built_anew(qtbot, other) and panel.count() == 6
    panel.set_history(None)
    assert panel.count() == 0
    panel.set_history(history)
    assert _rows(panel) == _as_built_anew(qtbot, history)
