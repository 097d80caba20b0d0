"""The workspace's own error: a message a person can act on, naming the file."""
from __future__ import annotations


class WorkspaceError(Exception):
    """Raised for sidecar files that are missing or damaged, and for writes to a read-only workspace."""
