"""In English, `open` prints the lines it printed before they went through the interface's language
(app.open_command_messages; tests/gui/test_open_command_zh.py checks the Chinese side), line for line: why the window
does not open, and what a screenshot run says."""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app import xcb_check
from app.cli import main
from app.commands import open as open_command
from tests.unit.test_xcb_check import LDD, fake_site

ROOT = Path(__file__).resolve().parents[2]


def said(root: Path, *argv: str) -> tuple[int, list[str], list[str]]:
    """The exit status and the lines on stdout and on stderr, ``root`` written ROOT."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as stop:  # the parser's own error
            code = stop.code
    return code, *([line.replace(str(root), "ROOT") for line in text.getvalue().splitlines()] for text in (out, err))


def photo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((24, 40, 3), 80, np.uint8)).save(path)
    return path


@pytest.mark.parametrize("options, error", [
    (["--overwrite"], "--overwrite needs --screenshot OUT.png: without it nothing is waited for or saved"),
    (["--timeout", "3", "--overwrite"],
     "--timeout and --overwrite need --screenshot OUT.png: without it nothing is waited for or saved")])
def test_a_screenshot_option_alone_is_refused_as_before(tmp_path: Path, options: list[str], error: str) -> None:
    code, stdout, stderr = said(tmp_path, "open", str(tmp_path), *options)
    assert (code, stdout, stderr[-1]) == (2, [], f"retina-review open: error: {error}")


def test_a_screenshot_in_the_way_is_refused_as_before(tmp_path: Path) -> None:
    """Changed on purpose: a picture no screenshot replaces is refused as such, not as "already exists … ask to
    overwrite (--overwrite)", which --overwrite never lifted for it."""
    picture = photo(tmp_path / "clinic.png")
    assert said(tmp_path, "open", "--screenshot", str(picture)) == (2, [], [
        "error: ROOT/clinic.png: is not a screenshot this program wrote: a screenshot replaces only an earlier one, "
        "which carries the program's mark in its PNG or JPEG file, whatever it is asked (to replace one saved before "
        "screenshots carried it, delete it first); nothing was written — choose another output folder or file"])
    photos = photo(tmp_path / "photos" / "a.png").parent
    assert said(tmp_path, "open", str(photos), "--screenshot", str(photos / "shot.png")) == (2, [], [
        "error: ROOT/photos: is a folder of photos (or inside one, or holding one) and holds other files: images "
        "written here would be listed as cases; nothing was written — write into a new or empty folder, best beside "
        "the photos"])


def test_a_settings_file_refused_is_said_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What needs no look at its lines (tests/gui/test_open_command_zh.py says those: they are Qt's settings')."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "large.ini").write_bytes(b"\n" * (open_command.MAX_SETTINGS_BYTES + 1))
    (tmp_path / "env.ini").write_text("PATH=/usr/bin\n")
    for name, problem in (("eye.png", "an image; the settings would be written over it: give an .ini file"),
                          ("folder", "not a file"),
                          ("large.ini", "not this program's settings file (larger than a settings file), and the "
                                        "settings would be written over it: give a new file or one the program wrote")):
        assert said(tmp_path, "open", "--settings", str(tmp_path / name)) == (
            2, [], [f"error: --settings ROOT/{name}: {problem}"]), name

    def unreadable(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(open_command, "open", unreadable, raising=False)  # the module's own open(), as root reads all
    assert said(tmp_path, "open", "--settings", str(tmp_path / "env.ini")) == (
        2, [], ["error: --settings ROOT/env.ini: cannot be read (Permission denied)"])


def test_no_display_and_missing_libraries_are_said_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(open_command, "_has_display", lambda: False)
    assert said(tmp_path, "open") == (2, [], [
        "error: no display found (DISPLAY and WAYLAND_DISPLAY are unset); start RetinaReview from a desktop session, "
        "or use --screenshot OUT.png to render the window without one"])
    monkeypatch.setattr(open_command, "_has_display", lambda: True)
    checked = xcb_check.check_xcb
    site = fake_site(tmp_path / "site")
    monkeypatch.setattr(xcb_check, "check_xcb", lambda **kwargs: checked(
        "linux", {"DISPLAY": ":0"}, [site], ldd=lambda path: LDD, **kwargs))
    assert said(tmp_path, "open") == (2, [], [
        "error: Qt's X11 platform plugin cannot load: these system libraries are missing: libxcb-icccm.so.4, "
        "libxcb-keysyms.so.1.", "On Debian or Ubuntu install them with:",
        "    sudo apt-get install libxcb-icccm4 libxcb-keysyms1",
        "(other systems: the packages that provide those files). Checked with: ldd "
        "ROOT/site/PySide6/Qt/plugins/platforms/libqxcb.so"])


def test_a_screenshot_run_past_its_timeout_says_so_as_before(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "main.py", "open", str(photo(tmp_path / "photos" / "a.png")),
                             "--screenshot", str(shot), "--timeout", "0", "--settings", str(tmp_path / "cli.ini")],
                            cwd=ROOT, capture_output=True, text=True, timeout=240,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [f"saved {shot}"]
    assert "warning: analysis still running after 0 s; saving the window as it is" in result.stderr.splitlines()
