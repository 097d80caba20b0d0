"""`make run` on a desktop without the libraries Qt's xcb plugin needs: a message naming them, not Qt's abort."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.xcb_check import PLUGIN, check_xcb, find_plugin, missing_libraries, uses_xcb

LDD = """\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f10)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f20)
\tlibxcb-icccm.so.4 => not found
"""


def fake_site(tmp_path: Path) -> Path:
    plugin = tmp_path / PLUGIN
    plugin.parent.mkdir(parents=True)
    plugin.write_bytes(b"")
    return tmp_path


def test_missing_libraries_are_read_from_ldd_once_each() -> None:
    assert missing_libraries(LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert missing_libraries("\tlibxcb.so.1 => /lib/libxcb.so.1 (0x1)\n") == []


def test_the_message_names_the_libraries_and_the_packages(tmp_path: Path) -> None:
    site = fake_site(tmp_path)
    message = check_xcb("linux", {"DISPLAY": ":0"}, [tmp_path / "elsewhere", site], ldd=lambda path: LDD)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in message
    assert str(site / PLUGIN) in message


@pytest.mark.parametrize("platform, environ", [
    ("linux", {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}),  # Qt takes Wayland
    ("linux", {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}),
    ("linux", {}),
    ("darwin", {"DISPLAY": ":0"}),
    ("win32", {}),
])
def test_no_check_where_qt_will_not_use_xcb(platform: str, environ: dict[str, str], tmp_path: Path) -> None:
    assert not uses_xcb(platform, environ)
    assert check_xcb(platform, environ, [fake_site(tmp_path)], ldd=lambda path: LDD) is None


def test_xcb_asked_for_is_checked_even_under_wayland() -> None:
    assert uses_xcb("linux", {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"})


def test_nothing_is_claimed_when_everything_is_there_or_cannot_be_checked(tmp_path: Path) -> None:
    site = fake_site(tmp_path)
    assert check_xcb("linux", {"DISPLAY": ":0"}, [site], ldd=lambda path: "\tlibxcb.so.1 => /lib/x (0x1)\n") is None
    assert check_xcb("linux", {"DISPLAY": ":0"}, [site], ldd=lambda path: None) is None  # no ldd
    assert check_xcb("linux", {"DISPLAY": ":0"}, [tmp_path / "no-pyside"], ldd=lambda path: LDD) is None


def test_the_installed_plugin_agrees_with_ldd() -> None:
    """On this machine: the check names exactly what ldd says is missing (nothing, where all is installed)."""
    plugin = find_plugin(sys.path)
    if plugin is None or not sys.platform.startswith("linux"):
        pytest.skip("PySide6's xcb plugin is not installed here")
    report = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False).stdout
    message = check_xcb("linux", {"DISPLAY": ":0"})
    missing = missing_libraries(report)
    assert (message is None) == (not missing)
    assert all(name in message for name in missing) if missing else True
