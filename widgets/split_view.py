"""The overlay canvas, optionally beside the bare photo at the same zoom and position (original | overlay).

Embed a SplitView and drive ``split.canvas`` (the overlay canvas) as usual; the original pane copies the
canvas's image (the same array: no copy) and follows its view, and panning or zooming either pane moves both.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from widgets.canvas import ImageCanvas


class SplitView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = ImageCanvas()
        self.original = ImageCanvas()
        self.original.setToolTip("Original image (no overlays)")
        self.original.minimap.set_enabled(False)  # one overview (on the overlay side) is enough
        self._original_pane, _ = _captioned(self.original, "Original")
        # Both panes carry a caption while split, so their images line up; alone, the canvas has none.
        overlay_pane, self._overlay_caption = _captioned(self.canvas, "With overlays")
        self._overlay_caption.hide()
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.addWidget(self._original_pane)
        self._splitter.addWidget(overlay_pane)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._splitter)
        self._original_pane.hide()
        self._syncing = False
        self.canvas.image_changed.connect(self._copy_image)
        self.canvas.view_changed.connect(lambda: self._follow(self.canvas, self.original))
        self.original.view_changed.connect(lambda: self._follow(self.original, self.canvas))

    def set_split(self, split: bool) -> None:
        """Show (True) or hide the original beside the overlay canvas."""
        self._original_pane.setVisible(split)
        self._overlay_caption.setVisible(split)
        if split:
            self._splitter.setSizes([10**6, 10**6])  # equal halves, whatever the current width
            self._copy_image()
            self._follow(self.canvas, self.original)

    def is_split(self) -> bool:
        return not self._original_pane.isHidden()

    def _copy_image(self) -> None:
        rgb = self.canvas.image_array()
        if rgb is not None and self.is_split():
            self.original.set_image(rgb, self.canvas.image_size())
            self._follow(self.canvas, self.original)

    def _follow(self, source: ImageCanvas, target: ImageCanvas) -> None:
        if self._syncing or not self.is_split() or source.image_array() is None:
            return
        self._syncing = True
        try:
            target.set_view(source.zoom_level(), source.view_centre())
        finally:
            self._syncing = False


def _captioned(canvas: ImageCanvas, caption: str) -> tuple[QWidget, QLabel]:
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    label = QLabel(caption)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("background: #181818; color: #bbbbbb; padding: 2px;")
    layout.addWidget(label)
    layout.addWidget(canvas)
    return pane, label
