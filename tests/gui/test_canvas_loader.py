"""The loader delivers a decoded image through the event loop, never inside open(): every listener of the signal
that asked for the image (e.g. all case_opened slots) must run first, or a later one undoes the earlier work."""
from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import numpy as np
from PIL import Image

from widgets.canvas_loader import ImageFileLoader


def test_an_already_finished_decode_is_delivered_after_open_returns(qtbot, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "eye.png"
    Image.fromarray(np.full((20, 30, 3), 90, dtype=np.uint8)).save(path)

    def finished_at_once(function, *args):  # noqa: ANN001, ANN202 - the executor's submit signature
        future: Future = Future()
        future.set_result(function(*args))
        return future

    monkeypatch.setattr(ImageFileLoader._executor, "submit", finished_at_once)
    loader = ImageFileLoader()
    delivered: list[tuple[int, ...]] = []
    loader.loaded.connect(lambda rgb: delivered.append(rgb.shape))
    loader.open(path)
    assert delivered == []  # not inside open()
    qtbot.waitUntil(lambda: delivered == [(20, 30, 3)], timeout=5_000)
