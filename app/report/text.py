"""The words of one report in the report's language, which is independent of the interface's (a clinic may print
English referral letters from a Chinese interface).

A ReportText holds its own QTranslator instances for catalogues "report" and "clinical" of its language and asks
them directly: the translators installed for the interface are never consulted. QTranslator needs no
QCoreApplication; English needs no Qt at all (the source text is the English).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from annotations.wording import QT_TRANSLATE_NOOP

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
CATALOGUES = ("report", "clinical")
# Each language by its own name, as a person looking for it would read it.
REPORT_LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"
UNSPACED_LANGUAGES = frozenset({"zh_CN"})  # written without spaces: lines break between any two characters
DICOM_TITLE = QT_TRANSLATE_NOOP("Report", "Retinal examination report")  # a DICOM report's Document Title


def report_language(last_chosen: str, interface: str) -> str:
    """The language a report is written in unless another is asked for (the dialog offers it first; ``report``
    without --lang writes it): the one last chosen in the report dialog, else the interface's, else English."""
    for language in (last_chosen, interface):
        if language in REPORT_LANGUAGES:
            return language
    return DEFAULT_LANGUAGE


class ReportLanguageError(RuntimeError):
    """The report's language is unknown or its translation files are missing; the message says what to do."""


@lru_cache(maxsize=None)
def _translators(language: str) -> tuple[Any, ...]:
    from PySide6.QtCore import QTranslator  # late: only a report in another language than English needs Qt

    found = []
    for catalogue in CATALOGUES:
        path = I18N_DIR / f"{catalogue}_{language}.qm"
        translator = QTranslator()
        if not translator.load(str(path)):
            raise ReportLanguageError(f"translation file {path} is missing or unreadable; reinstall RetinaReview "
                                      "or print the report in English")
        found.append(translator)
    return tuple(found)


class ReportText:
    """``translate(context, text)`` in the report's language; a text without a translation stays English."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        if language not in REPORT_LANGUAGES:
            raise ReportLanguageError(f"unknown report language {language!r}; expected one of "
                                      f"{', '.join(REPORT_LANGUAGES)}")
        self.language = language
        self._translators = () if language == DEFAULT_LANGUAGE else _translators(language)
        self.unspaced = language in UNSPACED_LANGUAGES

    def translate(self, context: str, text: str) -> str:
        for translator in self._translators:
            found = translator.translate(context, text)
            if found:
                return found
        return text


def dicom_title(language: str) -> str:
    """A DICOM report's Document Title in the report's language, as the archive lists it (a Chinese report was filed
    under an English title)."""
    return ReportText(language).translate("Report", DICOM_TITLE)
