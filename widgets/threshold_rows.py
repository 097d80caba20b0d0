"""One lesion class's row of the settings dialog's thresholds: the reader's threshold, the model's own beside it,
and which source draws the class with the chosen models (a threshold the classical detector ignores is disabled,
its tool tip says why). What draws a class is worked out by the app from the models' cards (ClassSource)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDoubleSpinBox, QGridLayout, QLabel, QWidget

from annotations.findings import CLASSICAL_SOURCE, GATED_SOURCE
from annotations.wording import fill
from widgets.clinical_terms import lesion_source_name

MODEL_OWN_SPIN = -0.005  # the spin box's bottom step, shown as "model's own"; saved as a negative value
THRESHOLD_STEP = 0.005  # cards carry tuned thresholds such as MA's 0.975
THRESHOLD_MAX = 0.999


@dataclass(frozen=True)
class ClassSource:
    """What draws one lesion class with the chosen models."""

    drawn: bool = True  # False: no source draws it (a lesion model without the class)
    model: str = ""  # the model whose probability draws it; "": the classical detector
    gate: str = ""  # the lesion-region model that keeps the classical detector's candidates
    threshold: float | None = None  # the card's own threshold, which the reader's replaces; None: none applies
    small_photos: ClassSource | None = None  # what draws it instead on photos whose field is under ``min_field``
    min_field: int = 0  # px across


class ThresholdRow(QWidget):
    def __init__(self, name: str, threshold: float, parent: QWidget | None = None) -> None:
        """``threshold``: the reader's, below zero for the model's own."""
        super().__init__(parent)
        self.name = name
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(3)
        self.spin.setRange(MODEL_OWN_SPIN, THRESHOLD_MAX)  # the bottom step is "the model's own"
        self.spin.setSingleStep(THRESHOLD_STEP)
        self.spin.setSpecialValueText(self.tr("model's own"))
        self.spin.setValue(float(threshold) if threshold >= 0 else MODEL_OWN_SPIN)
        self.own = QLabel()
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: palette(placeholder-text);")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin, 0, 0)
        layout.addWidget(self.own, 0, 1)
        layout.addWidget(self.source, 1, 0, 1, 2)
        layout.setColumnStretch(1, 1)

    def value(self) -> float:
        """The reader's threshold; -1.0 for the model's own."""
        return round(self.spin.value(), 3) if self.spin.value() >= 0 else -1.0

    def show_source(self, source: ClassSource | None) -> None:
        """Say what draws the class; with no source given (the caller cannot tell), say nothing."""
        if source is None:
            self.own.clear()
            self.source.clear()
            self._enable(True, "")
            return
        text = self._describe(source)
        small = source.small_photos
        if small is not None and small != source:
            text = self.tr("{source}; on photos whose field is under {size} px across: {other}").format(
                source=text, size=source.min_field, other=self._describe(small))
        self.source.setText(text)
        self.own.setText(self.tr("model's own: {value}").format(value=f"{source.threshold:g}")
                         if source.threshold is not None else "")
        applies = source.threshold is not None or (small is not None and small.threshold is not None)
        self._enable(applies, "" if applies else self.tr(
            "No threshold applies to {cls} with these models ({source}): the threshold cuts a class only where a "
            "model's probability draws it.").format(cls=self.name, source=text))

    def _describe(self, source: ClassSource) -> str:
        if not source.drawn:
            return self.tr("not drawn by these models")
        name = source.model or (GATED_SOURCE.format(model=source.gate) if source.gate else CLASSICAL_SOURCE)
        return fill(self.tr("drawn by {model}"), model=lesion_source_name(name))

    def _enable(self, enabled: bool, why: str) -> None:
        self.spin.setEnabled(enabled)
        for widget in (self.spin, self.own, self.source):
            widget.setToolTip(why)
