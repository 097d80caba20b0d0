"""Atomic writes: the old file survives a failure, temp files are cleaned up, modes are the usual ones."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotations import atomic
from annotations.atomic import atomic_write_bytes, atomic_write_text


def test_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "labels.xml"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second 中文")
    assert target.read_text(encoding="utf-8") == "second 中文"


def test_failure_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "mask.png"
    atomic_write_bytes(target, b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mask.png"]


def test_new_files_are_not_private(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    atomic_write_bytes(target, b"a")
    assert target.stat().st_mode & 0o777 == atomic._DEFAULT_MODE


def test_existing_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    target.write_bytes(b"a")
    os.chmod(target, 0o640)
    atomic_write_bytes(target, b"b")
    assert target.stat().st_mode & 0o777 == 0o640
