"""Asked before a folder closes with edits that could be neither saved nor kept in an autosave snapshot (a network
share away, with the snapshots' folder on it): try again, close without them, or keep the folder open."""
from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from widgets.shown_lists import shown_items

NAMED = 5  # photos the question names; the details hold every one's error


class CloseChoice(Enum):
    TRY_AGAIN = "try again"  # the share may be back
    DISCARD = "discard"  # close, the edits lost
    CANCEL = "cancel"  # nothing closes; the edits stay held


class UnsavedEditsBox(QMessageBox):
    def __init__(self, names: list[str], errors: list[str], parent: QWidget | None = None) -> None:
        """``names``: the photos as messages name them; ``errors``: why each could not be saved, naming the file."""
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Edits not saved"))
        listed = names[:NAMED]
        if len(names) > NAMED:
            listed.append(self.tr("{count} more").format(count=len(names) - NAMED))
        self.setText(self.tr("The edits of {photos} could be neither saved nor kept for recovery: closing now loses "
                             "them.").format(photos=shown_items(listed)))
        self.setInformativeText(errors[0])
        if len(errors) > 1:
            self.setDetailedText("\n\n".join(errors))
        self._choices = {
            self.addButton(self.tr("&Try again"), QMessageBox.ButtonRole.AcceptRole): CloseChoice.TRY_AGAIN,
            self.addButton(self.tr("Close &without saving"), QMessageBox.ButtonRole.DestructiveRole):
                CloseChoice.DISCARD,
            self.addButton(QMessageBox.StandardButton.Cancel): CloseChoice.CANCEL}
        self.setDefaultButton(next(iter(self._choices)))  # Enter tries again: it loses nothing

    def choice(self) -> CloseChoice:
        """Show the question until answered; closing it is Cancel."""
        self.exec()
        answer = self._choices.get(self.clickedButton(), CloseChoice.CANCEL)
        self.deleteLater()
        return answer
