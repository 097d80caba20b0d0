"""Qt-free editing tools: state machines that take image coordinates, flags and key names and issue history
commands. widgets/tools/ adapts canvas mouse events to them; tests drive them directly."""
from annotations.tools.base import Tool
from annotations.tools.boxes import BoxTool
from annotations.tools.brush import BrushTool
from annotations.tools.candidates import Candidate, CandidateReview, RejectCandidate, find_candidates
from annotations.tools.components import Component, add_boxes_from_masks, boxes_from_mask, find_components
from annotations.tools.context import ToolContext, ToolSettings, ToolUnavailable, ai_magic_area
from annotations.tools.fill import EraseComponentTool, FillTool, LassoTool, PolygonTool
from annotations.tools.measure import AreaTool, Measurement, RulerTool, Scale, case_scale

__all__ = [
    "AreaTool", "BoxTool", "BrushTool", "Candidate", "CandidateReview", "Component", "EraseComponentTool",
    "FillTool", "LassoTool", "Measurement", "PolygonTool", "RejectCandidate", "RulerTool", "Scale", "Tool",
    "ToolContext", "ToolSettings", "ToolUnavailable", "add_boxes_from_masks", "ai_magic_area",
    "boxes_from_mask", "case_scale", "find_candidates", "find_components", "make_tools",
]


def make_tools(context: ToolContext) -> dict[str, Tool]:
    """One of each tool, keyed by ``Tool.name``, all sharing ``context``."""
    tools: list[Tool] = [BrushTool(context), BrushTool(context, erase=True), BrushTool(context, magic=True),
                         FillTool(context), LassoTool(context), PolygonTool(context),
                         EraseComponentTool(context), BoxTool(context), RulerTool(context), AreaTool(context)]
    return {tool.name: tool for tool in tools}
