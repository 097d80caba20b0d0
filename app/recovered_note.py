"""The cases a crash's recovery saved and nobody has checked since (Workspace.to_check), named in a note over the
photo (widgets.note_bar) until each has been opened to be checked: the status bar said so for 15 seconds only, and a
person looking elsewhere did not learn which cases held edits the crash may have cut short. The case the window opens
by itself with the folder (where its person left off: usually the one whose edits the crash cut short) is named until
the person moves on from it; counted as opened at once, a crash of one case's edits went unsaid. The note's button
opens the next one still to check; it goes once all were checked, when it is closed, or with the folder. Closed, it
still follows which are opened (to_check: the report dialog warns of one not yet, as `report` does). Each case
checked is noted in the store: one left unchecked (the window closed, or a command at night recovered it) is named
again at the next open, as each command names it."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from annotations.reading.readers import reader_id
from annotations.wording import NAMES_SHOWN, join_named
from annotations.workspace import Workspace
from app.inference_messages import shown_message
from widgets.note_bar import NoteBar

if TYPE_CHECKING:
    from annotations.document import CaseDocument
    from annotations.history import History
    from app.main_window import MainWindow

log = logging.getLogger(__name__)


class RecoveredNote(QObject):
    def __init__(self, window: "MainWindow", bar: NoteBar) -> None:
        super().__init__(window)
        self.cases, self.bar = window.cases, bar
        self.unchecked: list[str] = []  # recovered cases still to check, in the order recovered
        self._count = 0  # cases recovered when the folder opened
        self._first_open = False  # the folder just opened: the next case opened is the window's own choice
        self._resumed: str | None = None  # a recovered case the window opened by itself, on screen: to check
        self._crashed_reader = ""  # another person's name, whose program crashed holding the store: their edits
        self._closed = False  # the person closed the note: not shown again for this folder
        self.cases.workspace_opened.connect(self._opened)
        self.cases.workspace_closed.connect(self._forget)
        self.cases.case_opened.connect(self._case_opened)
        # the scan listed more: a case named by its id (an index rebuilt, the list empty as the folder opened) is
        # named by its photo now
        self.cases.cases_added.connect(self._show)
        bar.acted.connect(self.open_next)
        bar.closed.connect(self._close)

    def _opened(self, workspace: Workspace) -> None:
        self.unchecked, self._count = list(workspace.to_check), len(workspace.to_check)
        self._first_open, self._resumed, self._closed = True, None, False
        self._crashed_reader = _someone_else(workspace.crashed_reader, workspace.reader)
        if workspace.recovered_message:  # said here, not in the status bar: logged as the window logs what it says
            log.info("%s", shown_message(workspace.recovered_message))
        self._show()

    def _case_opened(self, doc: "CaseDocument", _history: "History") -> None:
        if self._first_open:  # opened by the window, not by its person: named until they move on from it
            self._first_open = False
            self._resumed = doc.case_id if doc.case_id in self.unchecked else None
            return
        self._check(self._resumed, doc.case_id)

    def _check(self, *case_ids: str | None) -> None:
        self._resumed = None
        workspace = self.cases.workspace
        for case_id in case_ids:
            if case_id in self.unchecked:
                self.unchecked.remove(case_id)
                if workspace is not None:  # not named again at the next open, nor by a command
                    self.cases.storage.submit(workspace.recovery_checked, case_id)
        self._show()

    def to_check(self, case_id: str) -> bool:
        """Whether ``case_id`` holds a crash's recovered edits nobody has opened to check since (the case the window
        opened by itself still, until its person moves on from it), as the store says to a command."""
        return case_id in self.unchecked

    def open_next(self) -> None:
        if self._resumed is not None:  # the case on screen was looked at: the person asks for the next
            self._check(self._resumed)
        if self.unchecked:
            self.cases.select_case(self.unchecked[0])

    def _show(self) -> None:
        if not self.unchecked or self._closed:
            self.bar.hide()
            return
        names = [self.cases.case_name(case_id) for case_id in self.unchecked[:NAMES_SHOWN]]
        images = join_named(names, len(self.unchecked), QCoreApplication.translate)
        if self._crashed_reader:
            text = self.tr("After {reader}'s program crashed, their unsaved edits of {count} case(s) were recovered "
                           "from autosave and saved; open each to check it (the last seconds' edits may be lost). "
                           "Still to check: {images}")
        else:
            text = self.tr("After a crash, unsaved edits of {count} case(s) were recovered from autosave and saved; "
                           "open each to check it (the last seconds' edits may be lost). Still to check: {images}")
        text = text.format(reader=self._crashed_reader, count=self._count, images=images)
        self.bar.show_note(text, self.tr("Open next"),
                           self.tr("Open the next recovered case still to check"))

    def _close(self) -> None:
        self._closed = True
        self.bar.hide()

    def _forget(self) -> None:
        self.unchecked, self._count, self._first_open, self._resumed, self._crashed_reader = [], 0, False, None, ""
        self._closed = False
        self.bar.hide()


def _someone_else(crashed: str, opener: str) -> str:
    """``crashed`` where it names another reader than ``opener`` (a second arbiter, or in single reading another
    person, opened the store after its holder crashed), else "": the note then names whose edits were recovered."""
    if not crashed.strip():
        return ""
    return "" if opener.strip() and reader_id(crashed) == reader_id(opener) else crashed.strip()
