"""Which heat map the canvas shows: the grade model's Grad-CAM or one class's probability (what its mask was
thresholded from), with the colour scale and the threshold. Sources a case lacks are disabled and say why."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from annotations.classes import ALL_CLASSES, LesionClass
from annotations.document import AIResult
from annotations.probability_maps import GRAD_CAM, HEAT_SOURCES, Unavailable, shown_heat_source, unavailable_reason
from widgets.clinical_terms import lesion_name
from widgets.heat_scale import HeatScale

WHY_UNAVAILABLE = {
    Unavailable.NOT_ANALYSED: QT_TRANSLATE_NOOP("HeatMapChoice", "Not analysed yet."),
    Unavailable.NO_CAM: QT_TRANSLATE_NOOP("HeatMapChoice", "No Grad-CAM: no installed model explained this "
                                                           "analysis."),
    Unavailable.OCT: QT_TRANSLATE_NOOP("HeatMapChoice", "OCT B-scans have no lesion classes: only the Grad-CAM "
                                                        "heat map applies."),
    Unavailable.NOT_KEPT: QT_TRANSLATE_NOOP("HeatMapChoice", "This analysis kept no probability maps (it was made "
                                                             "before they were kept): analyse the case again (F5)."),
    Unavailable.NOT_DRAWN: QT_TRANSLATE_NOOP("HeatMapChoice", "This analysis has no probability map of this class: "
                                                              "no source drew it."),
}


class HeatMapChoice(QWidget):
    shown_changed = Signal(object)  # the source the canvas should show (GRAD_CAM, a class name) or None
    picked = Signal(str)  # the reader chose a source (the combo box or next_source)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ai: AIResult | None = None
        self._oct = False
        self._wanted = GRAD_CAM
        self._shown: str | None = None
        self.combo = QComboBox()
        self.combo.addItem(self.tr("Grad-CAM"), GRAD_CAM)
        for cls in ALL_CLASSES:
            self.combo.addItem(self.tr("{code} probability").format(code=cls.name), cls.name)
        self.combo.setPlaceholderText(self.tr("None shown: pick a map"))  # no current item: nothing is shown
        self.scale = HeatScale()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: gray;")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Heat map")))
        row.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.scale)
        layout.addWidget(self.caption)
        self.combo.activated.connect(lambda index: self._pick(self.combo.itemData(index)))
        self.show_result(None)

    def show_result(self, ai: AIResult | None, oct_scan: bool | None = None) -> None:
        """Offer the sources ``ai`` has (an OCT scan: Grad-CAM only) and show the reader's choice, else Grad-CAM."""
        self._ai = ai
        if oct_scan is not None:
            self._oct = oct_scan
        for row, source in enumerate(HEAT_SOURCES):
            reason = unavailable_reason(ai, source, self._oct)
            self.combo.model().item(row).setEnabled(reason is None)
            self.combo.setItemData(row, QCoreApplication.translate("HeatMapChoice", WHY_UNAVAILABLE[reason])
                                   if reason else self._about(source), Qt.ItemDataRole.ToolTipRole)
        self._update()

    def shown_source(self) -> str | None:
        return self._shown

    def available_sources(self) -> list[str]:
        return [source for source in HEAT_SOURCES if unavailable_reason(self._ai, source, self._oct) is None]

    def next_source(self) -> None:
        """Pick the next source this case has, after the one shown (Grad-CAM after the last)."""
        available = self.available_sources()
        if available:
            after = available.index(self._shown) + 1 if self._shown in available else 0
            self._pick(available[after % len(available)])

    def _pick(self, source: str) -> None:
        self._wanted = source
        self._update()
        self.picked.emit(source)

    def _update(self) -> None:
        shown = shown_heat_source(self._ai, self._wanted, self._oct)
        # a result with class maps but no Grad-CAM shows none until the reader picks one: the box stays open to pick,
        # and names no source while none is shown
        self.combo.setEnabled(bool(self.available_sources()))
        self.combo.setCurrentIndex(HEAT_SOURCES.index(shown) if shown else -1)
        self.scale.setVisible(shown is not None)
        self.caption.setVisible(shown is not None)
        threshold = self._ai.probability_thresholds.get(shown) if self._ai is not None and shown else None
        self.scale.set_threshold(threshold)
        self.caption.setText(self._caption(shown, threshold) if shown else "")
        if shown != self._shown:
            self._shown = shown
            self.shown_changed.emit(shown)

    def _about(self, source: str) -> str:
        if source == GRAD_CAM:
            return self.tr("Where the grading model looked (relative, 0 to 1)")
        return self.tr("Probability of {name} at each pixel, as the analysis found it").format(
            name=lesion_name(LesionClass[source]))

    def _caption(self, source: str, threshold: float | None) -> str:
        if source == GRAD_CAM:
            return self.tr("Grad-CAM: where the grading model looked (relative)")
        name = lesion_name(LesionClass[source])
        if threshold is None:
            return self.tr("Probability of {name}; the mask's threshold is not known").format(name=name)
        return self.tr("Probability of {name}; the mask is cut at {threshold} (▲)").format(
            name=name, threshold=f"{threshold:.2f}")
