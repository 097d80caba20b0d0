"""What opening a folder's store said that a command passes on: a crash's unsaved edits recovered from autosave and
saved, and the cases recovered so and not checked since (Workspace.to_check), a snapshot that could not be recovered,
labels moved to a volume's B-scan 1. The window shows them (app.recovered_note, its status bar); a command run at
night is read from its log: each prints them, in the window's words (the templates of annotations.workspace.messages),
as warnings on stderr."""
from __future__ import annotations

import sys

from annotations.workspace import Workspace
from app.command_words import CommandWords


def warn_opening(workspace: Workspace, words: CommandWords) -> None:
    """Print what opening ``workspace`` said, but why it opened read-only: a command that only reads has no concern
    with it, and one that writes says it in its refusal."""
    for message in workspace.messages:
        if message != workspace.read_only_reason:
            print(words.warning(words.shown(message)), file=sys.stderr)
