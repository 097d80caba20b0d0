"""An image shown as large as its room allows, its aspect kept: the arbiter's panes grow with the dialog.

The pixels it holds may be fewer than it shows (a preview): it draws them scaled until its owner hands it pixels at
``wanted_size``, the size it takes on the screen in device pixels (no more than the image's own size)."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget


class FittedImage(QWidget):
    """An image of ``image_size`` drawn fitted into the widget's width and height, centred; never narrower than
    ``min_side``.

    Its height follows its width (heightForWidth), so a column of these keeps its captions next to the image."""

    def __init__(self, image: QImage, image_size: tuple[int, int], min_side: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_side = min_side
        self.image_size = QSize(*image_size)
        self._pixels = QPixmap()
        self._scaled = QPixmap()  # the pixels at the size last drawn, where they differ: scaled once, not per paint
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_image(image)

    def set_image(self, image: QImage) -> None:
        """Show ``image``: the whole image, at any size up to its own."""
        self._pixels = QPixmap.fromImage(image)
        self._scaled = QPixmap()  # one copy of the image at a time, more only while a resize waits for pixels
        self.update()

    def pixels_size(self) -> QSize:
        """The size of the pixels held."""
        return self._pixels.size()

    def wanted_size(self) -> QSize:
        """The pixels the image takes on the screen (device pixels), the image's own size at the most."""
        device = self.image_rect().size() * self.devicePixelRatioF()
        return self.image_size if device.width() >= self.image_size.width() or \
            device.height() >= self.image_size.height() else device

    def image_rect(self) -> QRect:
        """Where the image is drawn: fitted into the widget, centred."""
        size = self.image_size.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect((self.width() - size.width()) // 2, (self.height() - size.height()) // 2,
                     size.width(), size.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(1, round(width * self.image_size.height() / self.image_size.width()))

    def sizeHint(self) -> QSize:
        return QSize(self.min_side, self.heightForWidth(self.min_side))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.image_rect()
        if rect.isEmpty():
            return
        device = rect.size() * self.devicePixelRatioF()
        shown = self._pixels
        if shown.size() != device:
            if self._scaled.size() != device:
                self._scaled = self._pixels.scaled(device, Qt.AspectRatioMode.IgnoreAspectRatio, self._scaling())
            shown = self._scaled
        QPainter(self).drawPixmap(rect, shown)

    def _scaling(self) -> Qt.TransformationMode:
        """Smooth only for a photo smaller than its pane: pixels waiting to be replaced by ones of the size shown (a
        resize under way) are scaled fast, smoothing a large pixmap on the GUI thread taking 40-74 ms each step."""
        if self._pixels.size() != self.wanted_size():
            return Qt.TransformationMode.FastTransformation
        return Qt.TransformationMode.SmoothTransformation
