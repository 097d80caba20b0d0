"""What every edit command provides, and the change notices the history hands to listeners."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from annotations.document import CaseDocument

ChangeKind = Literal["mask", "boxes", "grade", "findings", "review", "patient", "ai", "modality"]
Bounds = tuple[int, int, int, int]  # (y0, y1, x0, x1), y1 and x1 exclusive


@dataclass(frozen=True)
class Change:
    """What part of the document changed: ``region`` bounds the touched pixels of a mask change, else None;
    ``uids`` names the boxes a box change added, removed or edited, None when any box may have changed (so a view
    redraws one dragged box among hundreds, not all of them)."""

    kind: ChangeKind
    region: Bounds | None = None
    uids: frozenset[str] | None = None


class Command:
    """One undoable edit. ``apply`` must bring the document from the state before to the state after, and
    ``revert`` back again; both run in strict history order, so a command may store plain old/new values.

    ``text`` is the human description shown in menus and the history panel ("Paint HE", "Move box").
    ``nbytes`` estimates the memory the command keeps alive, for the history's memory bound.
    """

    text: str = ""
    attribute = ""  # the document attribute the command replaces whole; "" for an edit in place (masks, boxes)

    def apply(self, doc: CaseDocument) -> list[Change]:
        raise NotImplementedError

    def revert(self, doc: CaseDocument) -> list[Change]:
        raise NotImplementedError

    @property
    def nbytes(self) -> int:
        return 256  # bookkeeping of a small command

    @property
    def changed(self) -> bool:
        """False when applying it changed nothing (a fill of pixels that already had the class): not a step."""
        return True

    def merge(self, later: Command) -> bool:
        """Absorb ``later`` (already applied) into this command so both undo as one; False when unrelated."""
        return False


class CommandGroup(Command):
    """Several commands that undo and redo as one step (a box drag, a multi-delete)."""

    def __init__(self, text: str = "", commands: Iterable[Command] = ()) -> None:
        """``commands``: not applied yet, applied together by the history's ``execute`` (one change per kind told);
        else those ``add_applied`` gathers."""
        self.commands: list[Command] = list(commands)
        self._text = text

    @property
    def text(self) -> str:  # type: ignore[override]
        if self._text:
            return self._text
        return self.commands[0].text if self.commands else ""

    def add_applied(self, command: Command) -> None:
        if not (self.commands and self.commands[-1].merge(command)):
            self.commands.append(command)

    # All or nothing: a member that fails (memory for a large mask, a box gone) has the members before it taken back,
    # so the document is as before the step and the history, which records nothing then, stays in step with it.
    def apply(self, doc: CaseDocument) -> list[Change]:
        return _all_or_nothing(doc, self.commands, "apply", "revert")

    def revert(self, doc: CaseDocument) -> list[Change]:
        return _all_or_nothing(doc, self.commands[::-1], "revert", "apply")

    @property
    def nbytes(self) -> int:
        return 256 + sum(command.nbytes for command in self.commands)

    @property
    def changed(self) -> bool:
        return any(command.changed for command in self.commands)


def _all_or_nothing(doc: CaseDocument, commands: list[Command], do: Literal["apply", "revert"],
                    undo: Literal["apply", "revert"]) -> list[Change]:
    """``do`` each of ``commands`` in turn; when one raises, ``undo`` those done, newest first, and raise it again."""
    changes: list[Change] = []
    done: list[Command] = []
    try:
        for command in commands:
            changes += getattr(command, do)(doc)
            done.append(command)
    except BaseException:
        for command in reversed(done):
            getattr(command, undo)(doc)
        raise
    return changes
