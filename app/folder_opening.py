"""Opening a folder or some of its images: File ▸ Open folder, Open images and Open recent, a drop on the window
and the command line all come here; a double-read folder first asks who is reading."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from annotations.dicom import DICOM_EXTENSIONS
from annotations.image_io import IMAGE_EXTENSIONS
from app.paths_to_open import CannotOpen, folder_to_open
from widgets.mnemonic import escape_mnemonic

if TYPE_CHECKING:
    from app.main_window import MainWindow


class FolderOpening(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.recent_menu: QMenu | None = None
        window.cases.workspace_opened.connect(lambda ws: self.settings.add_recent_workspace(ws.folder))

    def open_paths(self, paths: Sequence[str | Path]) -> bool:
        """A folder, or image files of one folder (the list then shows only those): True when its opening started
        (CaseController.open_workspace), False with a message when the paths cannot be opened, or when the person
        keeps the open folder open (its edits could not be saved: close_workspace asked), asked nothing more."""
        if not paths:
            return False
        window = self.window
        try:
            folder, only = folder_to_open(paths)
        except CannotOpen as exc:
            window.show_message(str(exc))
            return False
        if not window.cases.close_workspace():
            return False
        name = window.reading.ask_reader_name(folder)  # a double-read folder needs to know who reads
        if name == "":
            window.show_message(self.tr("Not opened: {folder} is read by two readers, each under their name; open it "
                                        "again and give yours.").format(folder=folder.name))
            return False
        if name:
            window.apply_settings(dataclasses.replace(window.values, reader=name))
        return window.cases.open_workspace(folder, only)

    def add_recent_menu(self, menu: QMenu) -> QMenu:
        """File ▸ Open recent, filled with the folders used last when it opens."""
        self.recent_menu = menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        return self.recent_menu

    def _last_folder(self) -> str:
        """Where the file dialogs start: the folder used last."""
        recent = self.settings.recent_workspaces()
        return recent[0] if recent else ""

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Open a folder of images"),
                                                  self._last_folder())
        if folder:
            self.open_paths([folder])

    def choose_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in sorted(IMAGE_EXTENSIONS | DICOM_EXTENSIONS))
        files, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Open images"), self._last_folder(),
                                                self.tr("Images ({patterns});;All files (*)").format(patterns=patterns))
        if files:
            self.open_paths(files)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for folder in self.settings.recent_workspaces():
            # "&" doubled: a menu shows it as the access key's mark, "R&D screening" as "RD screening", D underlined
            self.recent_menu.addAction(escape_mnemonic(folder), lambda f=folder: self.open_paths([f]))
        self.recent_menu.setEnabled(True)
