"""Help > About: the program's version and intended use, the models an analysis runs now, the data they learned
from, the libraries with their licences and where the program keeps its files; "Copy details" puts the same, in
English, on the clipboard for a support request."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from widgets.screen_room import open_fitted


@dataclass(frozen=True)
class AboutContent:
    """What the dialog shows, gathered by app.about_facts (widgets/ reads no models itself)."""
    version: str
    models: Sequence[tuple[str, str, str, str]]  # (task as the interface names it, name, version, the card's limits)
    training_data: Sequence[tuple[str, str]]  # (source with its citation, licence)
    components: Sequence[tuple[str, str, str]]  # (library, version or "" when not installed, licence)
    python: str
    log_file: str
    models_folder: str
    settings_file: str
    details: str  # the plain English text "Copy details" puts on the clipboard


class AboutDialog(QDialog):
    def __init__(self, content: AboutContent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.setWindowTitle(self.tr("About RetinaReview"))
        title = QLabel(f"<h2>RetinaReview {escape(content.version)}</h2>", self)
        self.body = QTextBrowser(self)
        self.body.setOpenLinks(False)
        self.body.setHtml(self._html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.setToolTip(self.tr("The version, models, libraries and file places as plain English text, "
                                            "for a support request"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.body)
        layout.addWidget(buttons)
        open_fitted(self, QSize(640, 620))

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.content.details)
        self.copy_button.setText(self.tr("Copied"))

    def _html(self) -> str:
        content = self.content
        intended_use = self.tr("An aid for qualified readers of retinal photographs and OCT scans: it shows the AI "
                               "grade, lesion masks and heat map for a reader to check and correct. It is not a "
                               "medical device and makes no diagnosis: the reader decides.")
        parts = [_paragraph(intended_use), _heading(self.tr("Models an analysis runs"))]
        if content.models:
            parts.append(_paragraph(self.tr("Under each model, what it was not trained or tested for, in its card's "
                                            "own words.")))
            version_text = self.tr("version {version}")
            parts.append(_table([(task, f"<b>{escape(name)}</b>", escape(version_text.format(version=version)))
                                 for task, name, version, _ in content.models],
                                limits=[limits for *_, limits in content.models]))
        else:
            parts.append(_paragraph(self.tr("No model is installed: the classical detector finds the lesions.")))
        parts.append(_heading(self.tr("Data the bundled models learned from")))
        parts.append("<ul>" + "".join(f"<li>{escape(source)}: {escape(licence)}</li>"
                                      for source, licence in content.training_data) + "</ul>")
        parts.append(_heading(self.tr("Built on")))
        missing = self.tr("not installed")
        parts.append(_table([(name, escape(version or missing), escape(licence))
                             for name, version, licence in content.components]))
        parts.append(_paragraph(self.tr("Python {python}").format(python=content.python)))
        parts.append(_heading(self.tr("Where the program keeps its files")))
        parts.append(_table([(self.tr("Log file"), escape(content.log_file)),
                             (self.tr("Models you install"), escape(content.models_folder)),
                             (self.tr("Settings"), escape(content.settings_file))]))
        return "".join(parts)


def _heading(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _table(rows: Sequence[tuple[str, ...]], limits: Sequence[str] = ()) -> str:
    """Rows whose first cell is plain text and the others HTML; under row i, limits[i] in small type."""
    cells = []
    for index, (first, *others) in enumerate(rows):
        cells.append(f"<tr><td>{escape(first)}</td>" + "".join(f"<td>{cell}</td>" for cell in others) + "</tr>")
        if index < len(limits):
            cells.append(f"<tr><td></td><td colspan='{len(others)}'><small>{escape(limits[index])}</small></td></tr>")
    return "<table cellspacing='4'>" + "".join(cells) + "</table>"
