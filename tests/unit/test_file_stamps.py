"""file_stamps: the one rule for "have these files changed" (training's prepared cache, the automatic model)."""
from __future__ import annotations

import os
from pathlib import Path

from inference.file_stamps import file_stamps


def test_a_stamp_changes_when_a_file_is_edited_added_or_removed(tmp_path: Path) -> None:
    card, weights = tmp_path / "model.json", tmp_path / "model.safetensors"
    card.write_text("{}")
    missing = file_stamps([card, weights])
    assert missing == file_stamps([card, weights])  # nothing changed: the same stamps
    weights.write_bytes(b"1234")
    added = file_stamps([card, weights])
    assert added != missing
    os.utime(weights, ns=(0, weights.stat().st_mtime_ns + 1_000_000))  # copied over: same size, newer
    assert file_stamps([card, weights]) != added
    weights.unlink()
    assert file_stamps([card, weights]) == missing
