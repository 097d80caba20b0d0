"""The interface language: which one (command line > Settings > system locale > English) and its translators.

Choosing the language is plain Python (unit-tested without Qt); installing it imports Qt only when called. The
compiled catalogues (.qm) are committed under resources/i18n, so a fresh clone speaks Chinese with no build step;
a catalogue that is missing is skipped, and its strings stay English.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

from annotations.shipped_fonts import SHIPPED_CJK

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES: tuple[str, ...] = (ENGLISH, CHINESE)
FOLLOW_SYSTEM = ""  # the Settings value that leaves the choice to the system locale
# Each language named in itself, so a person who cannot read the current interface still finds their own.
LANGUAGE_NAMES: dict[str, str] = {ENGLISH: "English", CHINESE: "简体中文"}
LOCALE_VARIABLES: tuple[str, ...] = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence: the first set one wins
I18N_DIR = Path(__file__).resolve().parents[1] / "resources" / "i18n"
# report: its dialog; a PDF loads its own
INTERFACE_CATALOGUES: tuple[str, ...] = ("interface", "dialogs", "clinical", "report")


def normalise_language(tag: str | None) -> str | None:
    """A supported language for a locale or option value ("zh_CN.UTF-8", "zh-cn", "en_GB", "zh"), else None.

    Any Chinese but the traditional-script regions reads Simplified Chinese; "C" and "POSIX" mean English."""
    if not tag:
        return None
    base = tag.split(".")[0].split("@")[0].replace("-", "_")
    language, _, region = base.partition("_")
    language, region = language.lower(), region.upper()
    if language in ("c", "posix", "en"):
        return ENGLISH
    if language == "zh" and region not in ("TW", "HK", "MO"):
        return CHINESE
    return None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale variables ask for; English when unset or not one this program speaks."""
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        if environ.get(variable):
            return normalise_language(environ[variable]) or ENGLISH
    return ENGLISH


def resolve_language(option: str | None, setting: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The interface language: the command-line option, else the Settings choice, else the system locale."""
    for choice in (option, setting):
        language = normalise_language(choice)
        if language is not None:
            return language
    return system_language(environ)


def catalogue_file(catalogue: str, language: str) -> Path:
    return I18N_DIR / f"{catalogue}_{language}.qm"


def install_language(app: Any, language: str) -> list[Any]:
    """Install Qt's own translations (standard buttons, file dialogs) and the interface catalogues for
    ``language`` into ``app`` (a QCoreApplication); returns the installed QTranslators (owned by ``app``)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(language))
    if language == ENGLISH:
        return []
    candidates = [(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    candidates += [(str(catalogue_file(name, language)), "") for name in INTERFACE_CATALOGUES]
    installed = []
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed


def register_cjk_font() -> str | None:
    """Make Chinese text render where no CJK font is installed (a bare Linux, the offscreen platform): add the
    shipped Droid Sans Fallback to Qt's fonts, which Qt then falls back to for Han characters. Returns the
    family added, None when a system font already covers Simplified Chinese or the file cannot be read."""
    from PySide6.QtGui import QFontDatabase

    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return None
    font_id = QFontDatabase.addApplicationFont(str(SHIPPED_CJK))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None
