"""On a slow share, a case the reader moved past while its saved files were read went on being read (its mask,
then its AI file, each taking seconds there), and the case moved to waited for them all on the storage worker."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations.workspace import sidecar
from tests.gui.test_main_window import _ids, _window, settings  # noqa: F401 - fixture
from tests.unit.test_export_skips_a_missing_mask import MISSING


def test_the_next_case_opens_without_waiting_for_the_rest_of_the_left_ones_files(
        qtbot, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photos = tmp_path / "photos"
    MISSING["ai"][0](photos)  # a and c painted and analysed
    window = _window(qtbot, settings, photos)
    ids = _ids(window)
    slow = window.cases.workspace.case_files.case_dir(ids["c.png"])
    moved_on = threading.Event()
    read: list[str] = []
    for name, part in (("decode_mask_png", "mask"), ("decode_ai_npz", "ai")):
        real = getattr(sidecar, name)

        def reading(path: Path, *args, real=real, part=part):
            if path.parent == slow:
                read.append(part)
                moved_on.wait(10)  # the share's seconds, over once the reader has moved on
            return real(path, *args)
        monkeypatch.setattr(sidecar, name, reading)
    window.cases.select_case(ids["c.png"])
    qtbot.waitUntil(lambda: read == ["mask"])
    window.cases.select_case(ids["b.png"])
    moved_on.set()
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["b.png"])
    window.cases.storage.flush()
    assert read == ["mask"]  # the left case's AI file is not read
