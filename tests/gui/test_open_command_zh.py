"""`open` says why its window does not open, and what a screenshot run did, in the interface's language (--lang, else
the Settings' choice of the file the window reads, else the system's), as the other commands do; a Chinese clinic's IT
person read English there alone.

The command's catalogues are a pseudo translator's here (tests.gui.pseudo_walk: every translated text ⟦wrapped⟧), so a
line that bypassed translation shows words outside the brackets whether or not the .ts translates it yet. The lines
tests/unit/test_open_console_english.py cannot reach without Qt (a settings file's lines) are pinned in English here."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPixmap

from app import open_command_messages as msg
from app import xcb_check
from app.cli import main
from app.command_words import CommandWords
from app.commands import open as open_command
from tests.gui.pseudo_walk import PseudoTranslator, pseudo_locale, unwrapped
from tests.gui.test_analyze_command_zh import pseudo_chinese  # noqa: F401 - a fixture
from tests.unit.test_open_console_english import ROOT, photo, said
from tests.unit.test_xcb_check import LDD, fake_site

FOREIGN = "not this program's settings file ({}), and the settings would be written over it: give a new file or one " \
          "the program wrote"
SETTINGS_FILES = {"git.ini": ("[user]\nname = Dr Li\n", "line 1: [user] is not a section of its settings"),
                  "notes.ini": ("; notes\nCall the vendor.\n", "line 2 is not a setting (key=value)"),
                  "env.ini": ("PATH=/usr/bin\n", "line 1: PATH is not one of its settings")}
SCREENSHOT = ("SAVED", "NOT_A_FORMAT", "NOT_WRITTEN")  # what a screenshot's saving says (STILL_RUNNING: its run's)


def test_another_programs_settings_file_is_refused_as_before(qapp, tmp_path: Path) -> None:
    for name, (text, why) in SETTINGS_FILES.items():
        (tmp_path / name).write_text(text)
        assert said(tmp_path, "open", "--settings", str(tmp_path / name)) == (
            2, [], [f"error: --settings ROOT/{name}: {FOREIGN.format(why)}"]), name


def test_why_the_window_does_not_open_is_said_in_the_interfaces_language(
        pseudo_chinese: PseudoTranslator, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def lines(*argv: str) -> list[tuple[str, str]]:
        """What ``open ARGV`` printed, as one text (the missing libraries take four lines)."""
        try:
            assert main(["open", *argv]) == 2
            return [(" ".join(argv), capsys.readouterr().err.rstrip("\n"))]
        except SystemExit as stop:  # the parser's own error: its usage, then "retina-review open: error: …"
            assert stop.code == 2
            return [(" ".join(argv), capsys.readouterr().err.splitlines()[-1].split("retina-review open: ")[1])]

    picture, photos = photo(tmp_path / "clinic.png"), photo(tmp_path / "photos" / "a.png").parent
    for name, (text, _) in SETTINGS_FILES.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "large.ini").write_bytes(b"\n" * (open_command.MAX_SETTINGS_BYTES + 1))
    runs = [("--overwrite",), ("--timeout", "3", "--overwrite"), ("--screenshot", str(picture)),
            (str(photos), "--screenshot", str(photos / "shot.png")), ("--settings", str(picture)),
            ("--settings", str(photos)), *(("--settings", str(tmp_path / name)) for name in [*SETTINGS_FILES,
                                                                                             "large.ini"])]
    said_lines = [line for argv in runs for line in lines(*argv)]
    with monkeypatch.context() as patched:  # the module's own open(): as root, every file reads
        patched.setattr(open_command, "open", _unreadable, raising=False)
        said_lines += lines("--settings", str(tmp_path / "env.ini"))
    monkeypatch.setattr(open_command, "_has_display", lambda: False)
    said_lines += lines()
    monkeypatch.setattr(open_command, "_has_display", lambda: True)
    checked, site = xcb_check.check_xcb, fake_site(tmp_path / "site")
    monkeypatch.setattr(xcb_check, "check_xcb", lambda **kwargs: checked(
        "linux", {"DISPLAY": ":0"}, [site], ldd=lambda path: LDD, **kwargs))
    said_lines += lines()
    assert len(said_lines) == len(runs) + 3 and said_lines[-1][1].count("\n") == 3
    assert unwrapped(said_lines, data=(str(tmp_path),)) == []
    assert ("XcbCheck", xcb_check.MISSING) in pseudo_chinese.asked
    every = {name for name, value in vars(msg).items() if name.isupper() and isinstance(value, str)}
    assert _templates(*every - {"CONTEXT", "STILL_RUNNING", *SCREENSHOT}) <= pseudo_chinese.asked  # a window's run


def _templates(*names: str) -> set[tuple[str, str]]:
    return {(msg.CONTEXT, getattr(msg, name)) for name in names}


def _unreadable(*args: object) -> None:
    raise PermissionError(13, "Permission denied")


def test_a_screenshot_saved_or_not_is_said_in_the_interfaces_language(
        pseudo_chinese: PseudoTranslator, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    picture = QPixmap(40, 30)
    picture.fill(QColor(200, 30, 30))
    shot, photo_path = tmp_path / "shot.png", photo(tmp_path / "photos" / "a.png")
    with pseudo_locale() as direct:  # the window's catalogues (app.commands.open installs them for the run)
        words = CommandWords(english=False)
        assert open_command._save_screenshot(picture, shot, [], False, words)
        for path, photos, overwrite in ((shot, [], False), (tmp_path / "shot.xyz", [], False),
                                        (photo_path, [photo_path], True)):
            assert not open_command._save_screenshot(picture, path, photos, overwrite, words)
        monkeypatch.setattr("annotations.atomic.os.replace", _disk_full)
        assert not open_command._save_screenshot(picture, shot, [], True, words)
    printed = capsys.readouterr()
    said_lines = [("screenshot", line) for line in (printed.out + printed.err).splitlines()]
    assert len(said_lines) == 5
    assert unwrapped(said_lines, data=(str(tmp_path),)) == []
    assert _templates(*SCREENSHOT) <= direct.asked


def _disk_full(*args: object) -> None:
    raise OSError(28, "No space left on device")


def test_a_chinese_screenshot_run_warns_in_chinese(tmp_path: Path) -> None:
    """The window's catalogues say the screenshot's lines: the warning's word is translated already."""
    result = subprocess.run([sys.executable, "main.py", "open", str(photo(tmp_path / "photos" / "a.png")),
                             "--screenshot", str(tmp_path / "shot.png"), "--timeout", "0", "--lang", "zh_CN",
                             "--settings", str(tmp_path / "cli.ini")], cwd=ROOT, capture_output=True, text=True,
                            timeout=240, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 1, result.stderr
    assert any(line.startswith("警告：") for line in result.stderr.splitlines()), result.stderr
