"""Brush, eraser and magic brush: one stroke per press-drag-release, one undo step each.

Shift+click draws a straight line from where the previous stroke ended, as in image editors.
"""
from __future__ import annotations

from annotations.classes import ALL_CLASSES
from annotations.tools import messages as msg
from annotations.tools.base import Tool
from annotations.tools.context import ToolContext, ToolUnavailable, refuse_ai_only
from annotations.wording import join_items


class BrushTool(Tool):
    name, text = "brush", "Brush"

    def __init__(self, context: ToolContext, erase: bool = False, magic: bool = False) -> None:
        super().__init__(context)
        self.erase, self.magic = erase, magic
        if magic:
            self.name, self.text = ("magic_eraser", "Magic eraser") if erase else ("magic_brush", "Magic brush")
        elif erase:
            self.name, self.text = "eraser", "Eraser"
        self.last_point: tuple[float, float] | None = None  # where the previous stroke ended (Shift+click)
        self._threshold_unmet = False  # a magic stroke followed the AI's mask: no map to follow its threshold

    def press(self, x: float, y: float, shift: bool = False, ctrl: bool = False) -> None:
        super().press(x, y)
        settings = self.settings
        area = None
        if self.magic:
            area = self.context.magic(settings.cls, settings.magic_threshold)
            if area is None:
                raise ToolUnavailable(msg.MAGIC_NEEDS_AI.format(cls=settings.cls.name))
        if self.erase and not self.magic:
            refuse_ai_only(self.context.doc, x, y, settings.size, [settings.cls])
        self._threshold_unmet = area is not None and area.unmet
        self.history.begin_stroke(settings.cls, settings.size, erase=self.erase, magic=area,
                                  limit=self.context.painting_limit(self.erase))
        if shift and self.last_point is not None:
            self.history.extend_stroke(*self.last_point)
        self.history.extend_stroke(x, y)

    def drag(self, x: float, y: float) -> None:
        super().drag(x, y)
        if self.history.stroke_active:
            self.history.extend_stroke(x, y)

    def jump(self, x: float, y: float, travelled: bool = False) -> None:
        self.pointer = (x, y)  # nothing painted on the way
        if self.history.stroke_active:
            self.history.move_stroke_to(x, y)

    def release(self, x: float, y: float) -> None:
        """Commit the stroke; a brush that painted nothing because Inside FOV kept it out, an eraser that erased
        nothing where other classes are painted, or a magic brush that could not follow the threshold (said once for
        each class on the case's AI result), raises ToolUnavailable saying so (the stroke is over all the same)."""
        super().release(x, y)
        stroke = self.history.open_stroke
        if stroke is None:
            return
        self.history.commit_stroke()
        self.last_point = (x, y)
        if self._threshold_unmet and self.context.unmet_threshold_is_news(stroke.cls):
            raise ToolUnavailable(msg.MAGIC_NO_MAP.format(cls=stroke.cls.name,
                                                          threshold=f"{self.settings.magic_threshold:.2f}"))
        if stroke.kept_out:
            raise ToolUnavailable(msg.PAINTED_NOTHING_OUTSIDE_FOV.format(cls=stroke.cls.name))
        others = [cls for cls in ALL_CLASSES if stroke.swept_bits & cls.bit]
        if not stroke.changed and others:
            painted = join_items(f"{cls.name} [{cls.value}]" for cls in others)
            raise ToolUnavailable(msg.ERASER_OTHER_CLASS.format(cls=stroke.cls.name, painted=painted))

    def key(self, name: str) -> bool:
        if name == "Escape" and self.history.stroke_active:
            self.history.cancel_stroke()
            return True
        return False

    def cancel(self) -> None:
        if self.history.stroke_active:
            self.history.commit_stroke()  # what was painted stays, as one step

    @property
    def busy(self) -> bool:
        return self.history.stroke_active
