"""What every editing tool shares: the history it edits through, the reader's tool settings, and where to find the
photo, the AI's lesions and the pixel size the photo's file records (they may arrive after the tool was made, so
they are looked up, not stored)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from annotations.classes import LesionClass
from annotations.document import CaseDocument
from annotations.footprint import MAX_SIZE, MIN_SIZE, stroke_region
from annotations.history import History
from annotations.magic_area import AI_OWN, MagicArea, magic_area
from annotations.pixel_spacing import PixelSpacing
from annotations.tools import messages as msg

SIZE_STEP = 1.25  # `[` / `]` change the brush size by this factor (by one pixel at least)


class ToolUnavailable(Exception):
    """A tool cannot act now (no photo loaded yet, no AI result); the message says what to do."""


def refuse_ai_only(doc: CaseDocument, x: float, y: float, size: int, classes: Iterable[LesionClass]) -> None:
    """Raise ToolUnavailable when an eraser ``size`` pixels across at (x, y) (1: the pixel under it) would touch
    only the AI's lesions: it erases the reader's labels, and erasing nothing without a word looks like a broken
    tool."""
    ai_mask = doc.ai.mask if doc.ai is not None else None
    if ai_mask is None or ai_mask.shape != doc.mask.shape:
        return
    touched = stroke_region(doc.mask.shape, (x, y), (x, y), size)
    if not touched.mask.size:
        return
    y0, y1, x0, x1 = touched.bounds
    for cls in classes:
        if (ai_mask[y0:y1, x0:x1][touched.mask] & cls.bit).any() \
                and not (doc.mask[y0:y1, x0:x1][touched.mask] & cls.bit).any():
            raise ToolUnavailable(msg.AI_ONLY.format(cls=cls.name))


@dataclass
class ToolSettings:
    """Choices the reader makes in the tool bar; listeners hear about every change (tool bar, brush outline)."""

    cls: LesionClass = LesionClass.MA
    size: int = 12  # brush and eraser: the painted diameter in image pixels (annotations.footprint)
    tolerance: int = 20  # flood fill: largest per-channel colour difference from the clicked pixel
    magic_threshold: float = AI_OWN  # magic brush: the AI probability to reach; AI_OWN: the AI's mask as it was cut
    fill_window: int = 300  # flood fill searches this many pixels around the click at most
    inside_fov: bool = True  # painting and filling stay inside the photo's field of view
    mask_opacity: float = 0.5  # how opaque painted masks are drawn over the photo (0 hides the fills)
    _listeners: list[Callable[[], None]] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._clamp()

    def add_listener(self, fn: Callable[[], None]) -> None:
        self._listeners.append(fn)

    def remove_listener(self, fn: Callable[[], None]) -> None:
        self._listeners.remove(fn)

    def update(self, **values: object) -> None:
        """Set several settings at once (clamped to their ranges) and tell the listeners."""
        for name, value in values.items():
            if not hasattr(self, name) or name.startswith("_"):
                raise AttributeError(f"no tool setting {name!r}")
            setattr(self, name, value)
        self._clamp()
        for fn in list(self._listeners):
            fn()

    def _clamp(self) -> None:
        """Keep every setting in its range, however it was given (made or updated)."""
        self.size = int(min(MAX_SIZE, max(MIN_SIZE, round(self.size))))
        self.tolerance = int(min(255, max(0, self.tolerance)))
        self.magic_threshold = float(min(1.0, max(AI_OWN, self.magic_threshold)))
        self.mask_opacity = float(min(1.0, max(0.0, self.mask_opacity)))

    def grow_size(self) -> None:
        self.update(size=max(self.size + 1, round(self.size * SIZE_STEP)))

    def shrink_size(self) -> None:
        self.update(size=min(self.size - 1, round(self.size / SIZE_STEP)))


ProbabilitySource = Callable[[LesionClass], "np.ndarray | None"]
MagicSource = Callable[[LesionClass, float], "MagicArea | None"]


@dataclass
class ToolContext:
    history: History
    settings: ToolSettings
    image: Callable[[], "np.ndarray | None"] = lambda: None  # the RGB photo, None until decoded
    magic: MagicSource = lambda cls, threshold: None  # where the magic brush may paint a class at a threshold
    fov: Callable[[], "np.ndarray | None"] = lambda: None  # the field of view (bool), None when unknown
    pixel_spacing: Callable[[], PixelSpacing | None] = lambda: None  # as the image's file records it, if it does
    shown: Callable[[LesionClass], bool] = lambda cls: True  # whether the view shows the class (not hidden)
    boxes_shown: Callable[[], bool] = lambda: True  # whether the view shows the boxes (View ▸ Show boxes)
    # the AI result on which the magic brush said it could not follow the threshold, and for which classes
    _unmet_said: tuple[object, set[LesionClass]] = field(default_factory=lambda: (None, set()), repr=False)

    @property
    def doc(self):  # noqa: ANN201 - CaseDocument; the history's document is the one being edited
        return self.history.doc

    def unmet_threshold_is_news(self, cls: LesionClass) -> bool:
        """True the first time on this case's AI result that the magic brush or eraser could not follow the
        threshold for ``cls`` (no map of it was kept): said then, not at every stroke, since nothing changes until
        the case is analysed again, which brings a new result."""
        result, said = self._unmet_said
        if result is not self.doc.ai:
            result, said = self._unmet_said = (self.doc.ai, set())
        if cls in said:
            return False
        said.add(cls)
        return True

    def painting_limit(self, erase: bool) -> np.ndarray | None:
        """Where a paint or fill may add labels: the field of view when the setting asks for it; erasing is
        never limited (removing a label outside the field only helps)."""
        if erase or not self.settings.inside_fov:
            return None
        fov = self.fov()
        return fov if fov is not None and fov.shape == self.doc.mask.shape else None


def ai_magic_area(history: History) -> MagicSource:
    """Where the magic brush may paint, from the AI result of the document being edited (annotations.magic_area)."""
    return lambda cls, threshold: magic_area(history.doc.ai, cls, threshold, history.doc.mask.shape)
