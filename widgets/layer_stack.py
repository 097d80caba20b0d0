"""Which overlays a canvas shows and what they draw from the case document (no zooming or input here)."""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from annotations.classes import ALL_CLASSES
from annotations.document import Box, CaseDocument
from annotations.probability_maps import GRAD_CAM, heat_map
from widgets.canvas_items import BoxItem, FovItem, HeatmapItem, LayerRoot, MaskOverlayItem

LAYER_NAMES: tuple[str, ...] = tuple(cls.name for cls in ALL_CLASSES) + ("boxes", "heatmap", "fov")
# "both": the reader's mask filled, the AI mask as solid class-coloured outlines over it.
MASK_SOURCES: tuple[str, ...] = ("reader", "ai", "both")


class LayerStack:
    """Heat map, mask fill, AI outlines, boxes and FOV, stacked in that order under one hideable root."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.root = LayerRoot()
        self.root.setZValue(1)  # above the photo
        scene.addItem(self.root)
        self.heatmap = HeatmapItem(self.root)
        self.mask = MaskOverlayItem(self.root)
        self.ai_outline = MaskOverlayItem(self.root, outline_only=True)
        self.boxes = LayerRoot()
        self.boxes.setParentItem(self.root)
        self.fov = FovItem(self.root)
        for z, item in enumerate((self.heatmap, self.mask, self.ai_outline, self.boxes, self.fov)):
            item.setZValue(z)
        self._visible = {name: True for name in LAYER_NAMES}
        self._doc: CaseDocument | None = None
        self._source = "reader"
        self._heat_source: str | None = GRAD_CAM
        self._size = (0, 0)
        self._fov_set = False
        self._box_items: dict[str, BoxItem] = {}  # by the uid of the box each draws
        self.set_mask_opacity(0.5)
        self.heatmap.setOpacity(0.45)
        self.fov.setVisible(False)

    # -- document ----------------------------------------------------------------------------------------------
    def set_image_size(self, width: int, height: int) -> None:
        self._size = (width, height)

    def set_document(self, doc: CaseDocument | None) -> None:
        self._doc = doc
        self.refresh_masks()
        self.refresh_boxes()
        self.refresh_heatmap()

    def document(self) -> CaseDocument | None:
        return self._doc

    def set_mask_source(self, source: str) -> None:
        if source not in MASK_SOURCES:
            raise ValueError(f"mask source must be one of {', '.join(MASK_SOURCES)}, not {source!r}")
        if source != self._source:
            self._source = source
            self.refresh_masks()

    def mask_source(self) -> str:
        return self._source

    def refresh_masks(self) -> None:
        """Redraw both mask layers from the document (new document, new AI result, or a change without a
        region)."""
        reader = self._doc.mask if self._doc is not None else None
        ai = self._ai_mask()
        self.mask.set_bits(ai if self._source == "ai" else reader)
        self.ai_outline.set_bits(ai if self._source == "both" else None)

    def refresh_ai(self) -> None:
        """A new AI result: only the layers drawn from it (AI outlines, or the fill when it shows the AI mask,
        and the heat map); the reader's fill and the boxes are untouched."""
        if self._source == "both":
            self.ai_outline.set_bits(self._ai_mask())
        elif self._source == "ai":
            self.mask.set_bits(self._ai_mask())
        self.refresh_heatmap()

    def update_mask_region(self, y0: int, y1: int, x0: int, x1: int) -> None:
        """The reader's mask changed inside rows y0:y1, columns x0:x1 (exclusive ends)."""
        if self._source != "ai":
            self.mask.update_region(y0, y1, x0, x1)

    def refresh_boxes(self) -> None:
        """Draw every box again (a new document, or the boxes replaced whole)."""
        for item in self.boxes.childItems():
            _remove(item)
        self._box_items = {}
        for box in self._doc.boxes if self._doc is not None else ():
            self._box_items[box.uid] = self._box_item(box)

    def update_boxes(self, uids: frozenset[str]) -> None:
        """Redraw only these boxes (added, removed or edited): one box dragged among hundreds costs one item, not
        hundreds. Each new item is stacked in document order, as refresh_boxes stacks them."""
        boxes = self._doc.boxes if self._doc is not None else []
        order = {box.uid: index for index, box in enumerate(boxes)}
        for uid in uids:
            if uid in self._box_items:
                _remove(self._box_items.pop(uid))
            if uid not in order:
                continue
            index = order[uid]
            item = self._box_items[uid] = self._box_item(boxes[index])
            above = next((self._box_items[box.uid] for box in boxes[index + 1:] if box.uid in self._box_items), None)
            if above is not None:
                item.stackBefore(above)

    def _box_item(self, box: Box) -> BoxItem:
        item = BoxItem(box, self.boxes)
        item.setVisible(self._visible[box.label.name])
        return item

    def set_heatmap_source(self, source: str | None) -> None:
        """What the heat map layer draws: GRAD_CAM, a class name (its probability map) or None (nothing)."""
        if source != self._heat_source:
            self._heat_source = source
            self.refresh_heatmap()

    def heatmap_source(self) -> str | None:
        return self._heat_source

    def refresh_heatmap(self) -> None:
        ai = self._doc.ai if self._doc is not None else None
        self.set_heatmap(heat_map(ai, self._heat_source) if self._heat_source is not None else None)

    def set_heatmap(self, heat: np.ndarray | None) -> None:
        """Draw ``heat`` (0..1, any size: stretched over the photo)."""
        self.heatmap.set_cam(heat, *self._size)

    def set_fov(self, cx: float | None, cy: float | None = None, radius: float | None = None) -> None:
        self._fov_set = cx is not None and cy is not None and radius is not None and radius > 0
        if self._fov_set:
            self.fov.set_circle(float(cx), float(cy), float(radius))
        self.fov.setVisible(self._fov_set and self._visible["fov"])

    # -- visibility and opacity --------------------------------------------------------------------------------
    def set_layer_visible(self, name: str, visible: bool) -> None:
        """A class name toggles that class's mask pixels and its boxes; "boxes", "heatmap", "fov" their layer."""
        if name not in self._visible:
            raise ValueError(f"unknown layer {name!r}; layers are {', '.join(LAYER_NAMES)}")
        self._visible[name] = visible
        if name == "boxes":
            self.boxes.setVisible(visible)
        elif name == "heatmap":
            self.heatmap.setVisible(visible)
        elif name == "fov":
            self.fov.setVisible(visible and self._fov_set)
        else:
            shown = {cls for cls in ALL_CLASSES if self._visible[cls.name]}
            self.mask.set_visible_classes(shown)
            self.ai_outline.set_visible_classes(shown)
            for item in self._box_items.values():
                item.setVisible(self._visible[item.label.name])

    def is_layer_visible(self, name: str) -> bool:
        return self._visible[name]

    def set_mask_opacity(self, opacity: float) -> None:
        """Opacity of mask fills (a full recolour, tens of ms on 12 MP); the OD outline and the AI outlines
        stay opaque so they remain distinguishable from fills."""
        self.mask.set_fill_opacity(opacity)

    def mask_opacity(self) -> float:
        return self.mask.fill_opacity()

    def set_heatmap_opacity(self, opacity: float) -> None:
        self.heatmap.setOpacity(min(1.0, max(0.0, opacity)))

    def heatmap_opacity(self) -> float:
        return self.heatmap.opacity()

    def set_shown(self, shown: bool) -> None:
        """False shows the bare photo; each layer keeps its own visibility for when overlays return."""
        self.root.setVisible(shown)

    def is_shown(self) -> bool:
        return self.root.isVisible()

    def set_magnification(self, zoom: float) -> None:
        self.mask.set_smooth(zoom < 1.0)
        self.ai_outline.set_smooth(zoom < 1.0)

    def box_items(self) -> list[BoxItem]:
        return [item for item in self.boxes.childItems() if isinstance(item, BoxItem)]

    def _ai_mask(self) -> np.ndarray | None:
        ai = self._doc.ai if self._doc is not None else None
        return ai.mask if ai is not None else None


def _remove(item: QGraphicsItem) -> None:
    item.setParentItem(None)
    if item.scene() is not None:
        item.scene().removeItem(item)
