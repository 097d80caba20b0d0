"""Storing an analysis result in a saved case that is not open: the same edit (SetAIResult through a history) that
records it in the open case, then a save, so a batch analysis leaves every case as an analysis of the open one
would."""
from __future__ import annotations

from annotations.commands import SetAIResult
from annotations.document import AIResult, CaseDocument, Modality
from annotations.history import History
from annotations.workspace import Workspace


def store_ai_result(workspace: Workspace, case_id: str, result: AIResult, reader: str = "") -> CaseDocument:
    """The case with ``result`` recorded and saved; raises what loading or saving raises (ImageLoadError,
    WorkspaceError, OSError, ValueError). A case whose saved mask or AI file is missing takes it as the window's case
    opened without the file does (Workspace.load_case's ``without_missing``): its new AI result replaces the missing
    one, a missing mask stays named. (A case whose edit history the window keeps takes the result through that
    history instead, so its document and its undo steps stay one: app.ai_results.)"""
    doc = workspace.load_case(case_id, without_missing=True)
    if result.modality and not workspace.case_files.exists(case_id):  # never saved: what its analysis took it for,
        doc.modality = Modality(result.modality)  # as the window decides a case it opens (not the default, fundus)
    history = History(doc)
    history.execute(SetAIResult(result))
    workspace.save_case(history.doc, reader)
    history.mark_clean()
    return history.doc
