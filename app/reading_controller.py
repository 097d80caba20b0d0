"""Double reading settings in the window: the folder's reading settings for the Settings dialog (stored with
annotations.reading.settings, as `retina-review reading` does), the folder opened again when they or the
reader's name change who works in which store (neither changes where the person keeps it open), and the reader's
name asked for on opening a double-read folder when none is set."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from annotations.reading.settings import ReadingSettings, load_settings, save_settings
from annotations.workspace import WorkspaceError
from app.case_controller import CaseController
from widgets.domain_messages import shown_message


def _ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label)
    return text.strip() if ok and text.strip() else None


class ReadingController(QObject):
    message = Signal(str)
    # the reader's name before Settings changed it, kept: the folder stayed open in that reader's store, as the person
    # chose when asked before closing it (edits of it could not be saved: CaseController.close_workspace)
    reader_kept = Signal(str)

    def __init__(self, cases: CaseController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        # Asked (title, label) for a line of text; None when the person cancels. Tests answer it themselves.
        self.ask_text: Callable[[str, str], str | None] = lambda title, label: _ask_text(parent, title, label)

    def folder_values(self) -> dict[str, Any] | None:
        """The open folder's reading settings for the dialog (with its name), None without a folder."""
        workspace = self.cases.workspace
        if workspace is None:
            return None
        try:
            settings = load_settings(workspace.folder)
        except WorkspaceError as exc:
            self.message.emit(str(exc))
            return None
        return {"name": workspace.folder.name, "mode": settings.mode.value, "blind_ai": settings.blind_ai,
                "dice_threshold": settings.dice_threshold, "arbiters": settings.arbiters}

    def apply(self, reader_before: str, edited: dict[str, Any] | None) -> bool:
        """Store the folder's edited reading settings; open the folder again when who works in which store may
        have changed (mode, arbiters, or the reader's name in double reading), closing it first: where the person
        keeps it open (close_workspace asked), nothing changes, the reader's name neither (reader_kept). False
        when nothing changed; a failed write comes back as a message."""
        workspace = self.cases.workspace
        if workspace is None or edited is None:
            return False
        folder = workspace.folder
        try:
            before = load_settings(folder)
            after = dataclasses.replace(before, **{key: edited[key] for key in
                                                   ("mode", "blind_ai", "dice_threshold", "arbiters")})
        except (WorkspaceError, ValueError) as exc:
            self.message.emit(str(exc))
            return False
        if after.double and not before.double and not self.cases.confirm(
                self.tr("Double reading"),
                self.tr("Read {folder} by two readers from now on? Each reader's grades and labels are then kept "
                        "in a store of their own, and the labels saved so far stay as the folder's consensus. The "
                        "folder is opened again.").format(folder=folder.name)):
            return False
        reader = self.cases.reader
        stores_change = _roles(before) != _roles(after) or (after.double and reader != reader_before)
        self.cases.reader = reader_before  # what closing saves is the open store's reader's edits, in their name
        if stores_change and not self.cases.close_workspace():
            self.message.emit(self.tr("{folder} stays open as it was: its reading settings and the reader's name are "
                                      "not changed.").format(folder=folder.name))
            if reader != reader_before:
                self.reader_kept.emit(reader_before)
            return False
        self.cases.reader = reader
        if after != before:  # through the storage queue, in order with the folder's saves
            self.cases.storage.submit(save_settings, folder, after, failed=lambda error: self.message.emit(
                self.tr("Could not store the reading settings: {error}").format(error=shown_message(error))))
        if stores_change:
            self.cases.open_workspace(folder, self.cases.only)
        if after != before:
            self.message.emit(self.tr("{folder}: {mode} reading").format(
                folder=folder.name, mode=self.tr("double") if after.double else self.tr("single")))
        return after != before

    def ask_reader_name(self, folder: Path) -> str | None:
        """On opening ``folder``, double-read, without a reader's name: ask for it once. None: nothing to ask; "":
        asked, and no name given (the folder is not opened: as "reader 1" it made a store every agreement then counted
        as another reader)."""
        if self.cases.reader.strip() or not folder.is_dir():
            return None
        try:
            double = load_settings(folder).double
        except WorkspaceError:
            return None  # opening says what is wrong with the file
        if not double:
            return None
        return self.ask_text(self.tr("Who is reading?"),
                             self.tr("{folder} is read by two readers. Your name keeps your readings apart from "
                                     "the other reader's (it is kept in Settings):").format(folder=folder.name)) or ""


def _roles(settings: ReadingSettings) -> tuple[bool, tuple[str, ...]]:
    """What decides which store a person opens (annotations.reading.readers.open_as)."""
    return settings.double, settings.arbiters
