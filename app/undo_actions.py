"""Edit ▸ Undo and Redo follow the open case's history: enabled only when there is a step to take, and named after
that step ("Undo Paint HE"), in the words the history panel uses, so the menu says what Ctrl+Z will take back: an
edit half made on the canvas first (a polygon's corners), which no step names."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction

from annotations.followed_history import FollowedHistory
from annotations.history import History
from app.case_controller import CaseController
from widgets.history_panel import EDIT_NAMES


class UndoActions(QObject):
    def __init__(self, undo: QAction, redo: QAction, cases: CaseController) -> None:
        super().__init__(cases)
        self.undo, self.redo = undo, redo
        self.plain_texts = (undo.text(), redo.text())  # what they say with no step to name
        self._followed = FollowedHistory(self.show_state)
        self._half_made: Callable[[], bool] = lambda: False
        cases.case_opened.connect(lambda _doc, history: self.follow(history))
        cases.workspace_closed.connect(lambda: self.follow(None))
        cases.case_failed.connect(lambda *_: self.follow(None))  # the previous case's steps are not this one's
        cases.case_loading.connect(lambda _case_id: self.follow(None))  # nor while this one is read
        self.show_state()

    def follow(self, history: History | None) -> None:
        self._followed.follow(history)

    def take_back_first(self, half_made: Callable[[], bool], changed: SignalInstance) -> None:
        """Undo is enabled, unnamed, while ``half_made()`` (an edit half made that Ctrl+Z takes back before any step,
        AnnotationController.take_back_half_made), though the history holds no step; ``changed`` says when that may
        have changed."""
        self._half_made = half_made
        changed.connect(self.show_state)
        self.show_state()

    def show_state(self) -> None:
        history = self._followed.history
        undo = (history.can_undo, history.undo_text) if history is not None else (False, "")
        if self._half_made():
            undo = (True, "")
        redo = (history.can_redo, history.redo_text) if history is not None else (False, "")
        _show(self.undo, self.tr("&Undo {edit}"), self.plain_texts[0], *undo)
        _show(self.redo, self.tr("&Redo {edit}"), self.plain_texts[1], *redo)


def _show(action: QAction, named: str, plain: str, possible: bool, edit: str) -> None:
    action.setEnabled(possible)
    action.setText(named.format(edit=EDIT_NAMES(edit)) if possible and edit else plain)
