"""open_folder: what the window learns when it opens a folder (on its storage worker), in one call."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.reading import opening
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import WorkspaceError
from annotations.store_folder import SIDECAR_NAME
from tests.unit.reading_fixtures import image_folder


def test_a_reader_of_a_blind_double_read_folder_gets_their_own_store_without_the_ai(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True))
    opened = opening.open_folder(folder, "Anna")
    try:
        assert opened.double and opened.blind_ai
        assert opened.workspace.sidecar == folder / SIDECAR_NAME / "readers" / "anna"
    finally:
        opened.workspace.close()


def test_a_single_read_folder_opens_its_main_store(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    opened = opening.open_folder(folder, "Anna")
    try:
        assert not opened.double and not opened.blind_ai and opened.workspace.sidecar == folder / SIDECAR_NAME
    finally:
        opened.workspace.close()


def test_a_store_whose_settings_cannot_be_read_is_closed_again(tmp_path: Path, monkeypatch) -> None:
    folder = image_folder(tmp_path / "f")

    def unreadable(*_args) -> bool:
        raise WorkspaceError(f"{folder / SIDECAR_NAME / 'reading.json'} cannot be read")

    monkeypatch.setattr(opening, "hides_ai_from", unreadable)
    with pytest.raises(WorkspaceError, match="reading.json"):
        opening.open_folder(folder, "Anna")
    assert not (folder / SIDECAR_NAME / "lock").exists()  # its lock released: the folder can be opened again
