"""Before the window starts on an X11 desktop: are the system libraries Qt's xcb platform plugin needs there?

Without them Qt aborts with "could not load the Qt platform plugin xcb" and names nothing useful. This runs
``ldd`` on the plugin that PySide6 ships, lists the libraries it reports "not found", and names the packages to
install (Debian and Ubuntu names). No Qt import: it must run before Qt loads the plugin.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterable, Mapping

from annotations.wording import QT_TRANSLATE_NOOP, Translate, english, fill, join_items

PLUGIN = Path("PySide6") / "Qt" / "plugins" / "platforms" / "libqxcb.so"
# soname -> Debian/Ubuntu package; others are named by their soname
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-sync.so.1": "libxcb-sync1", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-xinput.so.0": "libxcb-xinput0", "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1", "libX11.so.6": "libx11-6", "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0", "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3", "libglib-2.0.so.0": "libglib2.0-0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
MISSING = QT_TRANSLATE_NOOP("XcbCheck", "Qt's X11 platform plugin cannot load: these system libraries are missing: "
                                        "{libraries}.\nOn Debian or Ubuntu install them with:\n"
                                        "    sudo apt-get install {packages}\n"
                                        "(other systems: the packages that provide those files). Checked with: ldd "
                                        "{plugin}")


def uses_xcb(platform: str, environ: Mapping[str, str]) -> bool:
    """Qt will pick its xcb plugin: Linux, and xcb asked for, or an X display without a Wayland one."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def find_plugin(search: Iterable[str | os.PathLike]) -> Path | None:
    """PySide6's xcb plugin in the first of ``search`` (sys.path entries) that has it."""
    for entry in search:
        candidate = Path(entry) / PLUGIN
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reports "not found", each once, in its order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def advice(missing: list[str], plugin: Path, translate: Translate = english) -> str:
    """What to tell the person, in ``translate``'s language: the missing libraries and the packages that bring
    them."""
    packages = " ".join(dict.fromkeys(PACKAGES.get(name, name) for name in missing))
    return fill(translate("XcbCheck", MISSING), libraries=join_items(missing, translate), packages=packages,
                plugin=plugin)


def run_ldd(path: Path) -> str | None:
    """``ldd``'s report on ``path``, or None when ldd is not there or fails (then nothing is claimed)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        done = subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def check_xcb(platform: str = sys.platform, environ: Mapping[str, str] = os.environ,
              search: Iterable[str | os.PathLike] | None = None,
              ldd: Callable[[Path], str | None] = run_ldd, translate: Translate = english) -> str | None:
    """Why the window would fail for want of system libraries, in ``translate``'s language (the command says it as
    its error); None when it will not (another platform, everything there, or nothing can be checked)."""
    if not uses_xcb(platform, environ):
        return None
    plugin = find_plugin(sys.path if search is None else search)
    if plugin is None:
        return None
    report = ldd(plugin)
    missing = missing_libraries(report) if report else []
    return advice(missing, plugin, translate) if missing else None
