"""open_folder: what the window learns when it opens a folder (on its storage worker), in one call."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotations.reading import opening
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import WorkspaceError
from annotations.workspace.scan import SIDECAR_NAME
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


def test_the_window_terms_change_only_with_what_the_persons_window_works_by() -> None:
    """A window opened by settings whose terms differ from the folder's now works by stale ones (app.reader_watch)."""
    single = ReadingSettings()
    double = ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Lee",))
    anna, lee = opening.window_terms(double, "Anna"), opening.window_terms(double, "dr lee")
    assert opening.window_terms(single, "Anna") != anna  # turned double: Anna's own store now
    assert (anna.store, lee.store) == ("anna", "consensus") and not anna.blind_ai
    blind = dataclasses.replace(double, blind_ai=True)
    assert opening.window_terms(blind, "Anna").blind_ai  # a reader's AI is hidden now...
    assert opening.window_terms(blind, "Dr Lee") == lee  # ...never the arbiter's
    stricter = dataclasses.replace(double, dice_threshold=0.7)
    assert opening.window_terms(stricter, "Dr Lee") != lee  # the consensus's list states are decided anew...
    assert opening.window_terms(stricter, "Anna") == anna  # ...a reader's window does not use the threshold
    assert opening.window_terms(dataclasses.replace(double, arbiters=("Dr Lee", "Dr Wu")), "Anna") == anna
    assert opening.window_terms(dataclasses.replace(double, arbiters=("Anna",)), "Anna").store == "consensus"


def test_the_folder_opened_comes_with_the_terms_it_was_opened_by(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f")
    settings = ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True)
    save_settings(folder, settings)
    opened = opening.open_folder(folder, "Anna")
    try:
        assert opened.terms == opening.window_terms(settings, "Anna")
    finally:
        opened.workspace.close()
