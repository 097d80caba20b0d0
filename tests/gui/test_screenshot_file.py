"""`open --screenshot`'s file is written whole or not at all: a failed write leaves the file of that name as it was
(the window's picture was saved straight into it); a file of that name is replaced only when asked and only where it
is an earlier screenshot, a photo or a person's picture never."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QColor, QPixmap

from annotations.command_end import USAGE_ERROR
from app.command_words import CommandWords
from annotations.own_outputs import SCREENSHOT_MARK_KEY, program_mark
from app import __version__
from app.commands.open import _save_screenshot

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = CommandWords(english=True)


@pytest.fixture
def picture(qtbot) -> QPixmap:  # noqa: ARG001 - the QApplication
    pixmap = QPixmap(40, 30)
    pixmap.fill(QColor(200, 30, 30))
    return pixmap


def test_a_screenshot_is_written_in_the_format_its_suffix_names(picture: QPixmap, tmp_path: Path) -> None:
    for name, kind in (("shot.png", "PNG"), ("shot.jpg", "JPEG"), ("deeper/shot", "PNG")):
        assert _save_screenshot(picture, tmp_path / name, [], overwrite=False, words=ENGLISH)
        with Image.open(tmp_path / name) as image:
            assert image.format == kind and image.size == (40, 30)


def test_a_screenshot_carries_the_programs_mark_and_replaces_only_an_earlier_one(picture: QPixmap, tmp_path: Path,
                                                                                 capsys) -> None:
    """--overwrite replaced any file of its name: a patient's photo kept elsewhere, a person's JPEG, a document."""
    for name in ("shot.png", "shot.jpg"):
        assert _save_screenshot(picture, tmp_path / name, [], overwrite=False, words=ENGLISH)
        assert _save_screenshot(picture, tmp_path / name, [], overwrite=True, words=ENGLISH)  # its own earlier one
    with Image.open(tmp_path / "shot.png") as image:
        assert image.info[SCREENSHOT_MARK_KEY] == program_mark(__version__)
    capsys.readouterr()
    photo, camera, document = tmp_path / "IDRiD_01.png", tmp_path / "camera.jpg", tmp_path / "letter.png"
    Image.new("RGB", (8, 8)).save(photo)
    Image.new("RGB", (8, 8)).save(camera)
    document.write_text("a person's notes")
    for path in (photo, camera, document):
        before = path.read_bytes()
        assert not _save_screenshot(picture, path, [], overwrite=True, words=ENGLISH)
        error = capsys.readouterr().err
        assert f"{path}: is not a screenshot this program wrote" in error and "delete it first" in error
        assert path.read_bytes() == before


def test_a_failed_screenshot_leaves_the_file_of_its_name_as_it_was(picture: QPixmap, tmp_path: Path, capsys,
                                                                    monkeypatch) -> None:
    shot = tmp_path / "shot.png"
    assert _save_screenshot(picture, shot, [], overwrite=False, words=ENGLISH)
    earlier = shot.read_bytes()

    def disk_full(*_args) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("annotations.atomic.os.replace", disk_full)
    assert not _save_screenshot(picture, shot, [], overwrite=True, words=ENGLISH)
    assert shot.read_bytes() == earlier and [p.name for p in tmp_path.iterdir()] == ["shot.png"]
    assert f"could not write {shot}" in capsys.readouterr().err


def test_a_screenshot_in_a_format_qt_does_not_write_is_refused(picture: QPixmap, tmp_path: Path, capsys) -> None:
    assert not _save_screenshot(picture, tmp_path / "shot.xyz", [], overwrite=False, words=ENGLISH)
    assert not (tmp_path / "shot.xyz").exists() and "name it .png" in capsys.readouterr().err


def test_a_file_of_its_name_is_replaced_only_when_asked_and_a_photo_never(picture: QPixmap, tmp_path: Path,
                                                                          capsys) -> None:
    """Checked as written, not only before the window opened: the file may have appeared during the analysis (was:
    any file of that name replaced)."""
    shot, photo = tmp_path / "clinic.png", tmp_path / "photos" / "a.png"
    shot.write_bytes(b"a person's picture")
    photo.parent.mkdir()
    photo.write_bytes(b"an opened photo")
    assert not _save_screenshot(picture, shot, [], overwrite=False, words=ENGLISH)
    assert shot.read_bytes() == b"a person's picture"
    error = capsys.readouterr().err  # what it is refused as, asked or not: no "ask to overwrite" it would not lift
    assert f"{shot}: is not a screenshot this program wrote" in error and "--overwrite" not in error
    assert _save_screenshot(picture, tmp_path / "shot.png", [], overwrite=False, words=ENGLISH)
    assert not _save_screenshot(picture, tmp_path / "shot.png", [], overwrite=False, words=ENGLISH)
    assert f"{tmp_path / 'shot.png'}: already exists" in capsys.readouterr().err  # an earlier one: --overwrite
    assert not _save_screenshot(picture, photo, [photo], overwrite=True, words=ENGLISH)
    assert photo.read_bytes() == b"an opened photo" and "is an original image" in capsys.readouterr().err
    assert not _save_screenshot(picture, shot, [], overwrite=True, words=ENGLISH)  # asked, and still not its own
    assert shot.read_bytes() == b"a person's picture"


@pytest.mark.parametrize("opened, shot", [("missing", "shot.png"), ("", "shot.xyz")], ids=["folder missing", "format"])
def test_a_screenshot_run_stopped_by_something_to_fix_exits_2(tmp_path: Path, opened: str, shot: str) -> None:
    """A folder that is not there, or a picture format the program does not write, is the person's to fix: exit 2,
    as every command says it (README's table); it was 1, which a script reads as a run that went through in part."""
    paths = [str(tmp_path / opened)] if opened else []
    result = subprocess.run([sys.executable, "main.py", "open", *paths, "--screenshot", str(tmp_path / shot),
                             "--settings", str(tmp_path / "cli.ini")], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=240)
    assert result.returncode == USAGE_ERROR, result.stderr
