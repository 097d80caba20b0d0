"""View ▸ B-scan at true shape (1:1 µm): a B-scan whose DICOM header records pixels taller or wider than square
(Pixel Spacing) drawn to that size, or, by default, square: one screen pixel per image pixel, as OCT devices
(Heidelberg HEYEX's "1:1 Pixel", Zeiss Cirrus) show it, its thin layers stretched deep as clinicians read them. The
choice is the reader's, kept in the Settings; the report prints B-scans the same way (report_controller.eye_input).
Enabled only while the image shown has such pixels."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from app.main_window import MainWindow


class BScanShape(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.action = window.actions["bscan_true_shape"]
        self.action.setChecked(window.values.bscan_true_shape)
        window.canvas.set_true_shape(self.action.isChecked())
        self.action.toggled.connect(self._choose)
        window.canvas.image_changed.connect(self._enable)
        self._enable()

    def _choose(self, on: bool) -> None:
        self.window.canvas.set_true_shape(on)
        # kept at once, the rest of the values as they are: a view's choice, which loads no models (apply_settings)
        self.window.values.bscan_true_shape = on
        self.window.settings.save(self.window.values)

    def _enable(self) -> None:
        enabled = self.window.canvas.pixels_not_square()
        self.action.setEnabled(enabled)
        tip = (self.tr("Draw and print a B-scan to the pixel size its DICOM header records (Pixel Spacing): the "
                       "retina at its true shape. Off: one screen pixel per image pixel, as OCT devices show it")
               if enabled else
               self.tr("Only for an image whose DICOM header records pixels taller or wider than square "
                       "(Pixel Spacing)"))
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
