"""What the status bar says when an edit, an undo or a redo fails (History.add_failure_listener): the step by the
name the history panel gives it, that nothing of it was done (a step changes all or nothing), and why. The error
itself goes on to the log, with its traceback, as every failure the window does not expect."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from annotations.history import Action
from widgets.domain_messages import shown_os_reason
from widgets.history_panel import EDIT_NAMES

_TEXTS = {
    "edit": QT_TRANSLATE_NOOP("EditFailures", "“{step}” failed and changed nothing: {reason}"),
    "undo": QT_TRANSLATE_NOOP("EditFailures", "Cannot undo “{step}”, nothing of it was undone: {reason}"),
    "redo": QT_TRANSLATE_NOOP("EditFailures", "Cannot redo “{step}”, nothing of it was redone: {reason}"),
}


def failure_text(action: Action, step: str, error: Exception) -> str:
    """The message for ``step`` (its English name, as the history keeps it) failing to be done, undone or redone."""
    return QCoreApplication.translate("EditFailures", _TEXTS[action]).format(step=EDIT_NAMES(step),
                                                                             reason=failure_reason(error))


def failure_reason(error: Exception) -> str:
    """Why an edit failed, in the interface's language."""
    if isinstance(error, MemoryError):  # says nothing of itself
        return QCoreApplication.translate("EditFailures", "not enough memory; close other programs and try again")
    if isinstance(error, OSError):
        return shown_os_reason(error)
    return str(error) or type(error).__name__
