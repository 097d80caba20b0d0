"""`open --settings FILE` writes the settings back into FILE as an INI file: a photo or a person's notes given there
by mistake became one. Such a file is refused before a window opens; a new file, or one of settings, is taken."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
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
    for path, why in ((photo, "an image"), (notes, "not this program's settings file (line 1 is not a setting"),
                      (folder, "not a file"), (tmp_path / "new.png", "an image")):
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


@pytest.mark.parametrize("name, text, why", [
    ("backup.sh", "#!/bin/sh\n# nightly backup of the clinic photos\nrsync -a ~/photos /mnt/backup\n",
     "line 3 is not a setting (key=value)"),
    ("notes.md", "# Project notes\n\nThe clinic = two rooms\nCall the vendor.\n", "line 3: The clinic is not one"),
    ("gitconfig", "[user]\n\tname = Dr Li\n\temail = li@example.org\n", "line 1: [user] is not a section"),
    ("pyproject.toml", '[project]\nname = "x"\n', "line 1: [project] is not a section"),
    ("grades.json", '[{"patient": "P1", "grade": 2}]\n', 'line 1: [{"patient": "P1", "grade": 2}] is not a'),
    ("env.ini", "PATH=/usr/bin\n", "line 1: PATH is not one of its settings"),
])
def test_another_programs_file_given_as_the_settings_is_refused_untouched(tmp_path: Path, capsys, name: str,
                                                                         text: str, why: str) -> None:
    """Their first line starts with "[" or "#", which had passed for an INI file's: the window then wrote the
    settings over a script's lines, a git configuration or a person's notes."""
    path = tmp_path / name
    path.write_text(text)
    photo = tmp_path / "photos" / "eye.png"
    photo.parent.mkdir()
    Image.fromarray(np.zeros((8, 8, 3), np.uint8)).save(photo)
    assert main(["open", str(photo), "--settings", str(path), "--screenshot", str(tmp_path / "s.png")]) == USAGE_ERROR
    error = capsys.readouterr().err
    assert f"--settings {path}: not this program's settings file ({why}" in error, error
    assert path.read_text() == text


def test_a_settings_file_the_program_wrote_with_every_kind_of_setting_is_taken(tmp_path: Path) -> None:
    from PySide6.QtCore import QByteArray

    from app.annotation_controller import VOC_NEXT_TO_IMAGES
    from app.settings import Settings, SettingsValues
    from inference.training.retrain_going_back import Replaced

    path = tmp_path / "settings.ini"
    settings = Settings.from_file(path)
    settings.save(SettingsValues(clinic_name="东城眼科诊所", clinic_address="1 Road\n2 Floor\u2028Suite 3",
                                 reader="Dr\u2029Li\x85", language="zh_CN"))  # separators Qt keeps in a line
    settings.store.setValue("colours/MA", "#ff0000")  # an earlier version's
    settings.add_recent_workspace(str(tmp_path / "photos"))
    settings.save_last_case(str(tmp_path / "photos"), "abc")
    settings.save_window_geometry(QByteArray(b"\x01\x02[x]=y"))
    settings.save_window_state(QByteArray(b"state"))
    settings.save_case_list_width(300)
    settings.save_report_language("zh_CN")
    settings.save_report_reader("王医生")
    settings.save_patient_details_shown(False)
    settings.save_export_formats(["voc", "grades"])
    settings.save_arbitration_layout(QByteArray(b"g"), QByteArray(b"s"))
    settings.save_replaced_model(Replaced("seg", "", "idrid-lesions", tmp_path / "old"))
    settings.save_tool_values({"size": 12, "opacity": 0.5})
    settings.store.setValue(VOC_NEXT_TO_IMAGES, "true")
    settings.store.sync()
    assert path.stat().st_size > 0
    assert settings_file_problem(path) == "", path.read_text()
