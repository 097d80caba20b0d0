"""The B-scan slider under the canvas: which B-scan of an OCT volume is shown, and a way to choose another.

A view only: it shows the number it is given and announces the one the person picks; the controller opens it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from widgets.shown_lists import shown_items


class BScanBar(QWidget):
    bscan_chosen = Signal(int)  # the B-scan number (1-based) the person moved to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bscans = True  # the frames are B-scans (an OCT volume), else frames (annotations.case_names)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setPageStep(1)  # PageUp/PageDown on the focused slider step one B-scan, as the menu keys do
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the canvas keeps the keys
        self.slider.setMinimumWidth(100)  # stays usable beside the disagreement note on a narrow canvas
        self.label = QLabel()
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(self._text("000", "000")) + 8)
        self.disagreements = QLabel()  # double reading: the B-scans whose readings need arbitration
        self.disagreements.setStyleSheet("color: #c62828")  # the case list's colour for "needs arbitration"
        self.disagreements.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.disagreements)
        self.slider.valueChanged.connect(self._on_value)
        self._showing = False
        self._count = 1
        self.setVisible(False)

    def show_bscan(self, number: int, count: int, bscans: bool = True) -> None:
        """Show B-scan ``number`` of ``count``, or frame where not ``bscans`` (a multi-frame photo's:
        case_names.called_bscans); a single image (count 1) hides the bar."""
        self._count, self._bscans = count, bscans
        self.setVisible(count > 1)
        self._showing = True  # a value set here is no choice of the person's
        try:
            self.slider.setRange(1, max(count, 1))
            self.slider.setTickInterval(max(1, count // 16))
            self.slider.setValue(number)
        finally:
            self._showing = False
        self._update_label()

    def show_disagreements(self, numbers: list[int]) -> None:
        """Name the B-scans of the volume (a photo's frames: show_bscan) whose two readings disagree (none: the
        note is hidden)."""
        text = self.tr("Readings disagree on B-scan(s) %1") if self._bscans else \
            self.tr("Readings disagree on frame(s) %1")
        self.disagreements.setText(text.replace("%1", shown_items(str(number) for number in numbers)))
        self.disagreements.setVisible(bool(numbers))

    def step(self, steps: int) -> None:
        """Move ``steps`` B-scans on (the menu's next and previous B-scan)."""
        if self._count > 1:
            self.slider.setValue(self.slider.value() + steps)

    @property
    def number(self) -> int:
        return self.slider.value()

    @property
    def count(self) -> int:
        return self._count

    def _on_value(self, value: int) -> None:
        self._update_label()
        if not self._showing:
            self.bscan_chosen.emit(value)

    def _update_label(self) -> None:
        self.label.setText(self._text(self.slider.value(), self.slider.maximum()))

    def _text(self, number: int | str, count: int | str) -> str:
        text = self.tr("B-scan %1 / %2") if self._bscans else self.tr("Frame %1 / %2")
        return text.replace("%1", str(number)).replace("%2", str(count))
