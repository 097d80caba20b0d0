"""An import of masks walks --from for its folders of labels before it matches any case (seconds on a big tree): it
said nothing then, the bar at 0 %; it says how far the walk got, and a cancel stops it there."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.progress import Cancelled
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.scan import LOOKING_FOR_LABEL_FOLDERS
from tests.unit.test_named_class_folders import _ddr


class Heard:
    """A TaskState that keeps what it is told, and cancels at the first message ``cancel_at`` begins."""

    def __init__(self, cancel_at: str | None = None) -> None:
        self.messages: list[tuple[float, str]] = []
        self.cancel_at = cancel_at

    def progress(self, fraction: float, message: str = "") -> None:
        self.messages.append((fraction, message))

    def is_cancelled(self) -> bool:
        return self.cancel_at is not None and any(text.startswith(self.cancel_at) for _, text in self.messages)


def test_the_walk_for_folders_of_labels_says_how_far_it_got_before_the_first_case(tmp_path: Path) -> None:
    _ddr(tmp_path / "DDR")
    heard = Heard()
    with Workspace.open(tmp_path / "DDR") as ws:
        import_labels(ws, tmp_path / "DDR", "masks", state=heard)
    assert heard.messages[0] == (0.0, LOOKING_FOR_LABEL_FOLDERS.format(count=1))  # was: the first case's path
    walked = [text for _, text in heard.messages if text.startswith("Looking for folders of labels")]
    assert heard.messages[:len(walked)] == [(0.0, text) for text in walked]  # all of them before the cases


def test_a_cancel_during_the_walk_stops_the_import_before_any_case(tmp_path: Path) -> None:
    _ddr(tmp_path / "DDR")
    heard = Heard(cancel_at="Looking for folders of labels")
    with Workspace.open(tmp_path / "DDR") as ws:
        with pytest.raises(Cancelled):
            import_labels(ws, tmp_path / "DDR", "masks", state=heard)
        assert all(not ws.load_case(case.case_id).mask.any() for case in ws.cases())
    assert len(heard.messages) == 1
