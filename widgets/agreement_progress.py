"""Reader agreement while it is computed: a folder's readings are compared case by case, about 0.1 s a case with
12 MP painted masks (14 s for 150 double-read cases), so the person sees how far it got and can cancel. Closing it
cancels too. It shows what it is told; the work runs elsewhere (app.agreement_controller)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

STEPS = 1000


class AgreementProgress(QDialog):
    cancel_requested = Signal()

    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reader agreement"))
        self.label = QLabel(self.tr("Comparing the readers' readings in {folder}…").format(folder=folder), self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, STEPS)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def show_fraction(self, fraction: float) -> None:
        self.bar.setValue(round(fraction * STEPS))

    def reject(self) -> None:
        """Cancel, Escape and the title bar's close: the computation is cancelled and the dialog goes."""
        self.cancel_requested.emit()
        super().reject()
