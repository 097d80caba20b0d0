"""`python -m app.translations`: bring every translation catalogue up to date with its sources.

For each catalogue in resources/i18n/catalogues.json (name -> its source files), pyside6-lupdate adds the new
strings of the sources to ``<name>_zh_CN.ts`` (new ones unfinished, vanished ones dropped) and pyside6-lrelease
compiles it to the ``.qm`` the program loads. Both files are committed, so a fresh clone needs no Qt tools.
After a run, fill in the unfinished entries this prints (edit the .ts) and run it again.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N_DIR = ROOT / "resources" / "i18n"
CATALOGUES_FILE = I18N_DIR / "catalogues.json"
TARGET_LANGUAGES: tuple[str, ...] = ("zh_CN",)


def catalogues() -> dict[str, list[str]]:
    """Catalogue name -> its source files, relative to the repository root."""
    return json.loads(CATALOGUES_FILE.read_text(encoding="utf-8"))


def ts_file(catalogue: str, language: str) -> Path:
    return I18N_DIR / f"{catalogue}_{language}.ts"


def qm_file(catalogue: str, language: str) -> Path:
    return I18N_DIR / f"{catalogue}_{language}.qm"


def tool(name: str) -> str:
    """A PySide6 tool (pyside6-lupdate, pyside6-lrelease): beside this Python first (a venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found beside {sys.executable} or on PATH; install PySide6 there")
    return found


def lupdate(sources: list[str], ts: Path, language: str) -> None:
    """Merge the strings of ``sources`` into ``ts`` (created when missing), dropping those no source has."""
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(ts), "-no-obsolete",
                    # no source line numbers: they would change every catalogue whenever any source moves
                    "-locations", "none", "-target-language", language, "-silent"], cwd=ROOT, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm), "-silent"], cwd=ROOT, check=True)


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every entry with no finished translation."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
                found.append((name, message.findtext("source", "")))
    return found


def main() -> int:
    missing = 0
    for name, sources in catalogues().items():
        for language in TARGET_LANGUAGES:
            ts = ts_file(name, language)
            lupdate(sources, ts, language)
            lrelease(ts, qm_file(name, language))
            todo = unfinished(ts)
            missing += len(todo)
            print(f"{ts.relative_to(ROOT)}: {len(todo)} unfinished")
            for context, source in todo:
                print(f"  {context}: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
