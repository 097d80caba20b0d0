"""Lists every keyboard shortcut, grouped; the rows come from the app's actions table."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from widgets.screen_room import open_fitted


class ShortcutsDialog(QDialog):
    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        """``rows``: (group, what it does, keys as shown, e.g. "Ctrl+Return, Ctrl+Enter")."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        groups: dict[str, QTreeWidgetItem] = {}
        for group, text, keys in rows:
            if group not in groups:
                groups[group] = QTreeWidgetItem(self.tree, [group, ""])
                font = groups[group].font(0)
                font.setBold(True)
                groups[group].setFont(0, font)
            QTreeWidgetItem(groups[group], [text, keys])
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # never narrower than the texts
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        # Wide enough for both columns whole, whatever the language: a cut-off key list is worse than none.
        chrome = self.tree.verticalScrollBar().sizeHint().width() + 4 * self.tree.frameWidth() + 40
        width = header.length() + chrome
        self.setMinimumWidth(width)
        open_fitted(self, QSize(max(460, width), 560))

    def shortcut_texts(self) -> dict[str, str]:
        """Action text -> keys, as listed (for tests and for searching)."""
        found: dict[str, str] = {}
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for child in range(group.childCount()):
                item = group.child(child)
                found[item.text(0)] = item.text(1)
        return found
