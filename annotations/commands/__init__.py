"""Undoable edit commands on a CaseDocument; run them through annotations.history.History."""
from annotations.commands.base import Change, ChangeKind, Command, CommandGroup
from annotations.commands.boxes import AddBox, AddBoxes, DeleteBox, RelabelBox, SetBoxFlags, SetBoxGeometry
from annotations.commands.case import (SetAIResult, SetFindings, SetGrade, SetModality, SetPatient,
                                      SetReviewState)
from annotations.commands.labels import SetLabels
from annotations.commands.mask import TILE, ApplyAIPrediction, FillRegion, MaskEdit, MaskPatch, PaintStroke

__all__ = [
    "TILE", "AddBox", "AddBoxes", "ApplyAIPrediction", "Change", "ChangeKind", "Command", "CommandGroup", "DeleteBox",
    "FillRegion", "MaskEdit", "MaskPatch", "PaintStroke", "RelabelBox", "SetAIResult", "SetBoxFlags",
    "SetBoxGeometry", "SetFindings", "SetGrade", "SetLabels", "SetModality", "SetPatient", "SetReviewState",
]
