"""One lesion class's row of the settings dialog's thresholds: the reader's threshold as it applies with the chosen
models (moved onto their own, annotations.threshold_scale), the model's own beside it, and which source draws the
class with them (a threshold the classical detector ignores is disabled, its tool tip says why). What draws a class
is worked out by the app from the models' cards (ClassSource)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QDoubleSpinBox, QGridLayout, QLabel, QWidget

from annotations.findings import BLENDED_SOURCE, CLASSICAL_SOURCE, GATED_SOURCE
from annotations.threshold_scale import NO_ANCHOR, anchored_threshold, is_anchor
from annotations.wording import fill
from widgets.clinical_terms import lesion_source_name
from widgets.shown_lists import shown_clauses
from widgets.wrapped_label import WrappedLabel

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
    partner: str = ""  # the lesion model whose probability ``model``'s is averaged with, the mean being what is cut


class ThresholdRow(QWidget):
    def __init__(self, name: str, threshold: float, anchor: float = NO_ANCHOR, parent: QWidget | None = None) -> None:
        """``threshold``: the reader's, below zero for the model's own; ``anchor``: the model's own threshold it was
        set against (annotations.threshold_scale), below zero for none. The spin box shows it moved onto the chosen
        models' own (``show_source``); an edit sets it against that."""
        super().__init__(parent)
        self.name = name
        self._threshold = float(threshold)
        self._anchor = float(anchor)
        self._own: float | None = None  # the chosen models' own threshold the spin box shows the reader's on
        self._small_own: float | None = None  # another model's own, cut by the reader's on photos under min_field
        self._min_field = 0
        self._why = ""
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(3)
        self.spin.setRange(MODEL_OWN_SPIN, THRESHOLD_MAX)  # the bottom step is "the model's own"
        self.spin.setSingleStep(THRESHOLD_STEP)
        self.spin.setSpecialValueText(self.tr("model's own"))
        self._show_value()
        self.spin.valueChanged.connect(self._edited)
        self.own = QLabel()
        self.source = WrappedLabel()
        self.source.setStyleSheet("color: palette(placeholder-text);")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin, 0, 0)
        layout.addWidget(self.own, 0, 1)
        layout.addWidget(self.source, 1, 0, 1, 2)
        layout.setColumnStretch(1, 1)

    def value(self) -> float:
        """The reader's threshold as set, against ``anchor()`` (not as shown on the chosen models' scale); -1.0 for
        the model's own."""
        return self._threshold if self._threshold >= 0 else -1.0

    def anchor(self) -> float:
        """The model's own threshold the reader's was set against; NO_ANCHOR where none (the reader's is absolute)."""
        return self._anchor

    def show_source(self, source: ClassSource | None) -> None:
        """Say what draws the class and show the reader's threshold as it applies with it; with no source given (the
        caller cannot tell), say nothing and show the threshold as set."""
        if source is None:
            self.own.clear()
            self.source.clear()
            self._own = self._small_own = None
            self._show_value()
            self._enable(True, "")
            return
        text = self._describe(source)
        small = source.small_photos
        if small is not None and small != source:
            text = self.tr("{source}; on photos whose field is under {size} px across: {other}").format(
                source=text, size=source.min_field, other=self._describe(small))
        self.source.setText(text)
        small_own = small.threshold if small is not None and small != source else None
        self.own.setText(self._own_text(source, small_own))
        self._own = source.threshold if source.threshold is not None else small_own  # what the reader's is set against
        self._small_own = small_own if source.threshold is not None else None
        self._min_field = source.min_field
        self._show_value()
        applies = self._own is not None
        why = "" if applies else self.tr(
            "No threshold applies to {cls} with these models ({source}): the threshold cuts a class only where a "
            "model's probability draws it.").format(cls=self.name, source=text)
        self._enable(applies, why)

    def _show_value(self) -> None:
        """The reader's threshold moved onto the chosen models' own, shown without counting as an edit."""
        shown = self._threshold
        if shown >= 0 and self._own is not None:
            shown = anchored_threshold(shown, self._anchor, self._own)
        with QSignalBlocker(self.spin):
            self.spin.setValue(shown if shown >= 0 else MODEL_OWN_SPIN)
        self._unedited = (self.spin.value(), self._threshold, self._anchor)  # the value shown and what it shows

    def _edited(self, shown: float) -> None:
        """The reader set the threshold as shown: against the own threshold it is shown on (shown unmoved: the one
        it was set against). Back at the value shown before the edits, it is the threshold shown, not the rounded
        value: stepping away and back moves no threshold by the spin box's rounding."""
        unedited, threshold, anchor = self._unedited
        if shown == unedited:
            self._threshold, self._anchor = threshold, anchor
        elif shown < 0:
            self._threshold, self._anchor = -1.0, NO_ANCHOR
        else:
            self._threshold = round(shown, 3)
            self._anchor = self._own if self._own is not None else anchor
        self._show_tip()

    def _on_small_photos(self, small_own: float) -> str:
        """What the reader's threshold cuts at on photos under ``min_field``, where a model whose own is
        ``small_own`` draws the class: that model's own, or the reader's moved onto it."""
        if self._threshold < 0:
            return self.tr("On photos whose field is under {size} px across a threshold set here is moved onto the "
                           "model's own there ({own}).").format(size=self._min_field, own=f"{small_own:g}")
        value = anchored_threshold(self._threshold, self._anchor, small_own)
        return self.tr("On photos whose field is under {size} px across it cuts at {value} (the model's own there: "
                       "{own}).").format(size=self._min_field, value=f"{round(value, 3):g}", own=f"{small_own:g}")

    def _own_text(self, source: ClassSource, small_own: float | None) -> str:
        """The cards' thresholds the reader's replaces: the one cutting the class (the averaged map's for a blending
        model), and ``small_own``, another source's on photos under ``min_field``, where there is one."""
        large = None if source.threshold is None else (
            self.tr("{value} on the averaged map").format(value=f"{source.threshold:g}") if source.partner
            else f"{source.threshold:g}")
        small = None if small_own is None else self.tr("{value} where the field is under {size} px").format(
            value=f"{small_own:g}", size=source.min_field)
        parts = [part for part in (large, small) if part is not None]
        return self.tr("model's own: {value}").format(value=shown_clauses(parts)) if parts else ""

    def _describe(self, source: ClassSource) -> str:
        if not source.drawn:
            return self.tr("not drawn by these models")
        if source.partner:
            return fill(self.tr("drawn by {model}, the threshold cutting their mean"),
                        model=lesion_source_name(BLENDED_SOURCE.format(model=source.model, partner=source.partner)))
        name = source.model or (GATED_SOURCE.format(model=source.gate) if source.gate else CLASSICAL_SOURCE)
        return fill(self.tr("drawn by {model}"), model=lesion_source_name(name))

    def _enable(self, enabled: bool, why: str) -> None:
        self.spin.setEnabled(enabled)
        self._why = why
        self._show_tip()

    def _show_tip(self) -> None:
        """Why no threshold applies; or what the reader's cuts on small photos, where another model's own is
        replaced there, and whether it follows the model's own when the models change."""
        parts = [self._why]
        if self.spin.isEnabled() and self._small_own is not None:
            parts.append(self._on_small_photos(self._small_own))
        if self.spin.isEnabled() and self._threshold >= 0 and self._own is not None:
            parts.append(self.tr("Set against the model's own {value}; moves with it when the models change.").format(
                value=f"{self._anchor:g}") if is_anchor(self._anchor) else self.tr(
                "An absolute probability: it stays when the models change."))
        tip = " ".join(part for part in parts if part)
        for widget in (self.spin, self.own, self.source):
            widget.setToolTip(tip)
