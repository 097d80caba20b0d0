"""`open --settings FILE` writes the settings back into FILE as an INI file: a photo or a person's notes given there
by mistake became one. Such a file is refused before a window opens; a new file, or one of settings, is taken."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.command_end import USAGE_ERROR
from app.cli import main
from app.commands.open import settings_file_problem


def test_a_photo_or_a_file_of_other_text_is_refused_as_the_settings_file(tmp_path: Path, capsys) -> None:
    photo, notes, folder = tmp_path / "photos" / "eye.jpg", tmp_path / "notes.txt", tmp_path / "folder"
    photo.parent.mkdir()
    Image.fromarray(np.zeros((8, 8, 3), np.uint8)).save(photo)
    notes.write_text("Patient called back on Monday.\n[not a section first]\n")
    folder.mkdir()
    for path, why in ((photo, "an image"), (notes, "not a settings file"), (folder, "not a file"),
                      (tmp_path / "new.png", "an image")):
        before = path.read_bytes() if path.is_file() else None
        assert main(["open", str(photo), "--settings", str(path), "--screenshot", str(tmp_path / "s.png")]) \
            == USAGE_ERROR
        assert f"error: --settings {path}: {why}" in capsys.readouterr().err
        assert (path.read_bytes() if path.is_file() else None) == before
    assert not (tmp_path / "s.png").exists() and not (tmp_path / "new.png").exists()


def test_a_new_file_an_empty_one_or_one_of_settings_is_taken(tmp_path: Path) -> None:
    written = tmp_path / "written.ini"
    written.write_text("\ufeff; kept by hand in Notepad\n[General]\nlanguage=zh_CN\n", encoding="utf-8")
    (tmp_path / "empty.ini").write_bytes(b"")
    for name in ("new.ini", "empty.ini", "written.ini", "settings"):
        assert settings_file_problem(tmp_path / name) == ""
