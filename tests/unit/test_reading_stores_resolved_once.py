"""Reading where a double-read folder's cases stand (`reading`, the window's list) and the agreement figures resolve
each reader's store once, not at every read of one of its case files (nor the consensus store for a case that has no
consensus yet): each resolving stats every part of the folder's path (round trips on a share), which 2,000 cases'
states did 7,500 times."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

from annotations.reading.consensus import folder_states
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from inference.agreement import folder_agreement
from tests.unit.reading_fixtures import both_read, image_folder


def _resolved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, count: int, read: Callable[[Path], object]) -> int:
    folder = image_folder(tmp_path / str(count), count=count)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    both_read(folder, dict.fromkeys(range(count), 1))
    real, calls = os.path.realpath, []
    monkeypatch.setattr(os.path, "realpath", lambda path, *a, **k: calls.append(path) or real(path, *a, **k))
    read(folder)
    monkeypatch.setattr(os.path, "realpath", real)
    return len(calls)


@pytest.mark.parametrize("read", [folder_states, folder_agreement], ids=["states", "agreement"])
def test_the_stores_are_resolved_as_often_for_six_cases_as_for_two(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, read: Callable[[Path], object]) -> None:
    assert _resolved(monkeypatch, tmp_path, 6, read) == _resolved(monkeypatch, tmp_path, 2, read)
