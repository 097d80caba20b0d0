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

from app.report.problems import TRANSLATION_MISSING, UNKNOWN_LANGUAGE, ReportProblem

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


class ReportLanguageError(ReportProblem):
    """The report's language is unknown or its translation files are missing; the message says what to do."""


def _translators(language: str) -> tuple[Any, ...]:
    """The catalogues of ``language``, loaded once while they live: a QCoreApplication deleted (a command's, app.
    command_words) deletes the translators made in its time, and a later report in the process must not ask them."""
    import shiboken6

    found = _loaded_translators(language)
    if not all(shiboken6.isValid(translator) for translator in found):
        _loaded_translators.cache_clear()
        found = _loaded_translators(language)
    return found


@lru_cache(maxsize=None)
def _loaded_translators(language: str) -> tuple[Any, ...]:
    from PySide6.QtCore import QTranslator  # late: only a report in another language than English needs Qt

    found = []
    for catalogue in CATALOGUES:
        path = I18N_DIR / f"{catalogue}_{language}.qm"
        translator = QTranslator()
        if not translator.load(str(path)):
            raise ReportLanguageError(TRANSLATION_MISSING, path=str(path))
        found.append(translator)
    return tuple(found)


class ReportText:
    """``translate(context, text)`` in the report's language; a text without a translation stays English."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        if language not in REPORT_LANGUAGES:
            raise ReportLanguageError(UNKNOWN_LANGUAGE, language=repr(language), known=", ".join(REPORT_LANGUAGES))
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
