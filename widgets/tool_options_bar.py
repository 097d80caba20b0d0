"""The tool options bar: brush size, fill tolerance, magic-brush threshold, mask opacity, and whether painting stays
inside the field of view. A tool bar of its own beside the tools (widgets.tool_bar), so that on a narrow window it
can take a row of its own instead of hiding behind the tools' » menu. It edits a shared ToolSettings and follows it;
its number boxes leave the window's keys working (widgets.number_box_keys)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QSpinBox, QToolBar, QWidget

from annotations.tools import ToolSettings
from annotations.footprint import MAX_SIZE, MIN_SIZE
from annotations.magic_area import AI_OWN
from widgets.number_box_keys import NumberBoxKeys


class ToolOptionsBar(QToolBar):
    keys_returned = Signal()  # done with a number box (Enter, Esc, a click on its arrows): the keyboard goes back

    def __init__(self, settings: ToolSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tool options"))
        self.setObjectName("tool_options")
        self.settings = settings
        self.brush_size = QSpinBox(self)
        self.brush_size.setRange(MIN_SIZE, MAX_SIZE)
        self.brush_size.setSuffix(self.tr(" px"))
        self.brush_size.setToolTip(self.tr("Brush size: the width it paints in image pixels (1 paints one pixel)  "
                                     "[ [ smaller, ] larger ]"))
        self.brush_size.valueChanged.connect(lambda value: self.settings.update(size=value))
        self.tolerance = QSpinBox(self)
        self.tolerance.setRange(0, 255)
        self.tolerance.setToolTip(self.tr("Fill: how far a pixel's colour may differ from the clicked one"))
        self.tolerance.valueChanged.connect(lambda value: self.settings.update(tolerance=value))
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setRange(AI_OWN, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setSpecialValueText(self.tr("AI's"))
        self.threshold.setToolTip(self.tr(
            "Magic brush: paint where the AI's probability of the class is at least this.\n"
            "AI's (the lowest): where the analysis found the class, at the model's own threshold, to the pixel.\n"
            "A number: the probability map the analysis kept, in blocks (3x3 pixels on a 12-megapixel photo)"))
        self.threshold.valueChanged.connect(lambda value: self.settings.update(magic_threshold=value))
        self.opacity = QSpinBox(self)
        self.opacity.setRange(0, 100)
        self.opacity.setSingleStep(10)
        self.opacity.setSuffix(" %")
        self.opacity.setToolTip(self.tr("How opaque the painted masks are drawn over the photo (0 % hides them)"))
        self.opacity.valueChanged.connect(lambda value: self.settings.update(mask_opacity=value / 100))
        number_keys = NumberBoxKeys(self)
        number_keys.done.connect(self.keys_returned)
        for label, box in ((self.tr("Size"), self.brush_size), (self.tr("Tolerance"), self.tolerance),
                           (self.tr("Threshold"), self.threshold), (self.tr("Opacity"), self.opacity)):
            self.addWidget(QLabel(f" {label} "))
            self.addWidget(box)
            number_keys.watch(box)
        self.inside_fov = QAction(self.tr("Inside FOV"), self)
        self.inside_fov.setObjectName("inside_fov")
        self.inside_fov.setCheckable(True)
        self.inside_fov.setToolTip(self.tr("Paint and fill only inside the photo's field of view "
                                           "(erasing is not limited)"))
        self.inside_fov.toggled.connect(lambda on: self.settings.update(inside_fov=on))
        self.addSeparator()
        self.addAction(self.inside_fov)
        settings.add_listener(self._show_settings)
        self._show_settings()

    def _show_settings(self) -> None:
        s = self.settings
        if self.inside_fov.isChecked() != s.inside_fov:
            self.inside_fov.setChecked(s.inside_fov)
        for box, value in ((self.brush_size, s.size), (self.tolerance, s.tolerance),
                           (self.threshold, s.magic_threshold), (self.opacity, round(s.mask_opacity * 100))):
            if box.value() != value:
                box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(False)
