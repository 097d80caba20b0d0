"""The workspace store: a folder of images plus its ``.retinareview`` sidecar (index, labels, autosave)."""
from annotations.workspace.errors import WorkspaceError
from annotations.workspace.store import AuditEntry
from annotations.workspace.workspace import CaseSummary, Workspace

__all__ = ["AuditEntry", "CaseSummary", "Workspace", "WorkspaceError"]
