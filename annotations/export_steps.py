"""An export of several parts on one progress bar (a double-read folder's consensus sorted out, then each format
chosen): each part's messages say which part it is, or its "(92 of 150)" would disagree with the bar. The export
dialog and the `export` command say their steps alike, in the interface's language where shown
(widgets.transfer_progress.STEP_PROGRESS)."""
from __future__ import annotations

from annotations.progress import SubState, TaskState

STEP = "Step {number} of {count}: {progress}"


class Step(SubState):
    """Part ``number`` of ``count`` of a run: its share of the bar, its messages led by the part's place (none when
    it is the only one)."""

    def __init__(self, parent: TaskState, number: int, count: int) -> None:
        super().__init__(parent, (number - 1) / count, number / count)
        self._number, self._count = number, count

    def progress(self, fraction: float, message: str = "") -> None:
        super().progress(fraction, message if self._count == 1 else STEP.format(
            number=self._number, count=self._count, progress=message))
