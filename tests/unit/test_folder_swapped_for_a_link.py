"""A folder swapped for a link between the check that it stays inside and the change made in it (another user of a
shared folder, a sync tool): checked by its path and then changed by its path, the change went where the link led,
and a person's photo of that name there was replaced or removed. The folder checked is now the folder changed
(annotations.pinned_folder)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

from annotations.output_folder import OutputError, OutputFolder
from annotations.pinned_folder import SUPPORTED
from annotations.workspace.confined import ConfinedFolder, LinkRefused

pytestmark = pytest.mark.skipif(not SUPPORTED, reason="the system cannot change a folder held open (Windows)")

PHOTO = b"\xff\xd8 a person's photo"


def victim_folder(tmp_path: Path, name: str) -> Path:
    """A folder outside, holding a person's file ``name``."""
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / name).write_bytes(PHOTO)
    return folder


def swap_for_link(folder: Path, target: Path) -> None:
    """``folder`` moved aside and a link to ``target`` put in its place."""
    folder.rename(folder.with_name(f"{folder.name}-moved"))
    folder.symlink_to(target, target_is_directory=True)


def once_then(call: Callable, folder: Path, target: Path) -> Callable:
    """``call`` that swaps ``folder`` for a link to ``target`` once it has run the first time."""
    swapped = []

    def swapping(*args, **kwargs):
        result = call(*args, **kwargs)
        if not swapped:
            swapped.append(True)
            swap_for_link(folder, target)
        return result
    return swapping


def raised(call: Callable) -> Exception | None:
    try:
        call()
    except Exception as exc:  # what the call refused with, asserted after what matters: the person's file
        return exc
    return None


def test_an_output_written_while_its_folder_is_swapped_for_a_link_replaces_no_photo_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photos = victim_folder(tmp_path, "a_MA.png")
    out = OutputFolder(tmp_path / "out", overwrite=True)
    (tmp_path / "out" / "masks").mkdir(parents=True)

    def export() -> None:
        with out.claimed():
            out.write_bytes("grades.csv", b"")  # the run's first write, with the folder's unfinished marker
            monkeypatch.setattr(os, "fsync", once_then(os.fsync, tmp_path / "out" / "masks", photos))  # as written
            out.write_bytes("masks/a_MA.png", b"the export's mask")
    refusal = raised(export)
    assert (photos / "a_MA.png").read_bytes() == PHOTO
    assert refusal is None
    assert (tmp_path / "out" / "masks-moved" / "a_MA.png").read_bytes() == b"the export's mask"


def test_an_earlier_output_swept_while_its_folder_is_swapped_for_a_link_removes_no_photo_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photos = victim_folder(tmp_path, "a_MA.png")
    earlier = OutputFolder(tmp_path / "out", job="masks")
    with earlier.claimed():
        earlier.write_bytes("masks/a_MA.png", PHOTO)  # the same bytes: is_own would prove the photo the program's
    out = OutputFolder(tmp_path / "out", job="masks")
    with out.claimed():
        monkeypatch.setattr(out, "is_own", once_then(out.is_own, tmp_path / "out" / "masks", photos))
        refusal = raised(lambda: out.remove_own("masks/a_MA.png"))
    assert (photos / "a_MA.png").read_bytes() == PHOTO
    assert isinstance(refusal, OutputError) and "leads outside the output folder through a link" in str(refusal)


def test_a_workspace_file_removed_while_its_folder_is_swapped_for_a_link_removes_nothing_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photos = victim_folder(tmp_path, "mask.1.png")
    (tmp_path / "ws" / "cases").mkdir(parents=True)
    (tmp_path / "ws" / "cases" / "mask.1.png").write_bytes(b"an old mask")
    confined = ConfinedFolder(tmp_path / "ws")
    monkeypatch.setattr(os.path, "realpath", once_then(os.path.realpath, tmp_path / "ws" / "cases", photos))
    refusal = raised(lambda: confined.unlink(tmp_path / "ws" / "cases" / "mask.1.png"))
    assert (photos / "mask.1.png").read_bytes() == PHOTO
    assert isinstance(refusal, (OSError, LinkRefused))  # the folder changed while it was looked at: nothing removed

