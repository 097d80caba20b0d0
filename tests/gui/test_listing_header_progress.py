"""While a listing reads the headers of files named as masks (photo_sorter: ``histeq/P1_HE.png``, a photo), its
progress says so and how far it got, with its Stop: it stood still, saying the photos found so far, until all were
read (seconds on a share)."""
from __future__ import annotations

from pathlib import Path

import pytest

import app.folder_listing
from annotations.formats import masks
from tests.gui.test_stop_listing import WAIT_S, _Hold, _listed
from tests.gui.windows import reviewer_window
from tests.photos_named_as_masks import photo_study


def test_the_progress_says_how_far_the_headers_of_files_named_as_masks_were_read(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    folder = tmp_path / "study"
    written = photo_study(folder, ("P1", "P2", "P3"), (48, 64))
    hold, real = _Hold("P2_HE.png"), masks._header_mode  # what masks.has_photo_mode reads
    monkeypatch.setattr(masks, "_header_mode", lambda path: hold.at(Path(path).name) or real(path))
    monkeypatch.setattr(app.folder_listing, "PROGRESS_S", 0.0)  # a batch at each read, not twice a second
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(hold.reached.is_set, timeout=WAIT_S * 1000)
    text = "Listing the folder: 3 photos found so far; checking whether files named as masks are photos: 1 of 3"
    qtbot.waitUntil(lambda: window.status.scan_label.text() == text, timeout=WAIT_S * 1000)
    assert window.status.scan_label.isVisible() and window.status.stop_scan_button.isVisible()
    hold.go.set()
    qtbot.waitUntil(lambda: not window.cases.busy and not window.status.scan_label.isVisible(), timeout=WAIT_S * 1000)
    assert _listed(window) == set(written)
