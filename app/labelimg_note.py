"""Telling a person coming from labelImg that the boxes beside their photos (NAME.xml next to NAME.jpg) are not
imported yet: opened in this program such a folder showed no boxes and said nothing, and the work looked gone.

Once the folder is listed (opened, or rescanned: photos added since) the files are looked for on the storage queue
(annotations.workspace.labelimg_files: names, and a file only where it changed since its import; the queue is flushed
before the folder's store closes), and a note across the centre (widgets.note_bar) says how many and offers the import
dialog set to VOC and to the folder. Never imported unasked: the case's own boxes and the file's may differ. Said once
a folder: closed, the note comes back only for files it did not count yet; after an import it counts again, and goes
once none is left."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from annotations.workspace import Workspace
from annotations.workspace.labelimg_files import unimported_labelimg_files
from widgets.note_bar import NoteBar

if TYPE_CHECKING:
    from app.main_window import MainWindow


class LabelImgNote(QObject):
    def __init__(self, window: "MainWindow", bar: NoteBar) -> None:
        super().__init__(window)
        self.window, self.cases, self.bar = window, window.cases, bar
        self.found: list[str] = []  # the files not imported, as last counted
        self._counted: set[str] = set()  # every file the note counted in the open folder
        self.cases.scan_finished.connect(self.count)
        self.cases.workspace_opened.connect(lambda _ws: self._forget())
        self.cases.workspace_closed.connect(self._forget)
        window.annotation.labels_imported.connect(self.count)
        bar.acted.connect(self.open_import)

    def count(self) -> None:
        """Count the labelImg files not imported yet, after every write queued before (an import's saves)."""
        ws = self.cases.workspace
        if ws is None or ws.read_only:  # a folder that cannot be written takes no import
            return
        self.cases.storage.submit(unimported_labelimg_files, ws, self.cases.only,
                                  done=lambda found: self._counted_in(ws, found), failed=lambda _error: None)

    def _counted_in(self, ws: Workspace, found: list[str]) -> None:
        if ws is not self.cases.workspace:
            return  # another folder opened meanwhile
        self.found = found
        news = set(found) - self._counted
        self._counted |= news
        if not found:
            self.bar.hide()
        elif news or self.bar.isVisible():
            button = QCoreApplication.translate("AnnotationController", "Import labels…")  # the menu's own words
            self.bar.show_note(
                self.tr("{count} photo(s) have labelImg boxes beside them (NAME.xml, e.g. {example}) not imported "
                        "yet, or changed since their import: they are not shown until Annotate ▸ Import labels "
                        "(Pascal VOC) brings them in.").format(
                    count=len(found), example=found[0]),
                button, self.tr("Annotate ▸ Import labels, set to Pascal VOC and to the files beside the photos"))

    def open_import(self) -> None:
        ws = self.cases.workspace
        if ws is not None:
            self.window.annotation.show_import("voc", ws.folder)

    def _forget(self) -> None:
        self.found, self._counted = [], set()
        self.bar.hide()
