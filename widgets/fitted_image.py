"""An image shown as large as its room allows, its aspect kept: the arbiter's panes grow with the dialog."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.qimage_convert import rgb_to_qimage


class FittedImage(QWidget):
    """An RGB array drawn fitted into the widget's width and height, centred; never narrower than ``min_side``.

    Its height follows its width (heightForWidth), so a column of these keeps its captions next to the image."""

    def __init__(self, rgb: np.ndarray, min_side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_side = min_side
        self._source = QPixmap()
        self._scaled = QPixmap()  # the source at the size last drawn: smooth scaling once per size, not per paint
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_image(rgb)

    def set_image(self, rgb: np.ndarray) -> None:
        self._source = QPixmap.fromImage(rgb_to_qimage(rgb))
        self._scaled = QPixmap()
        self.updateGeometry()
        self.update()

    def image_rect(self) -> QRect:
        """Where the image is drawn: fitted into the widget, centred."""
        size = self._source.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect((self.width() - size.width()) // 2, (self.height() - size.height()) // 2,
                     size.width(), size.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._source.isNull():
            return width
        return max(1, round(width * self._source.height() / self._source.width()))

    def sizeHint(self) -> QSize:
        return QSize(self.min_side, self.heightForWidth(self.min_side))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.image_rect()
        if rect.isEmpty():
            return
        if self._scaled.size() != rect.size():
            self._scaled = self._source.scaled(rect.size(), Qt.AspectRatioMode.IgnoreAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation)
        QPainter(self).drawPixmap(rect.topLeft(), self._scaled)
