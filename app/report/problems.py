"""Why a report cannot be made from its settings (a font, the clinic's logo, a translation file), as templates
marked for translation (context "ReportProblems"): the window and `report` say them in the interface's language."""
from __future__ import annotations

from typing import Callable

from annotations.wording import QT_TRANSLATE_NOOP, Translate

CONTEXT = "ReportProblems"
FONT_MISSING = QT_TRANSLATE_NOOP("ReportProblems", "font file {path} is missing; reinstall RetinaReview or choose "
                                                   "another font in the report settings")
FONT_NOT_EMBEDDABLE = QT_TRANSLATE_NOOP("ReportProblems", "font file {path} cannot be embedded ({error}); choose a "
                                                          "TrueType (.ttf/.ttc) font with TrueType outlines in the "
                                                          "report settings")
FONT_NOT_CJK = QT_TRANSLATE_NOOP("ReportProblems", "font file {path} has no Chinese characters; choose a CJK font "
                                                   "in the report settings")
LOGO_UNREADABLE = QT_TRANSLATE_NOOP("ReportProblems", "clinic logo {path} cannot be read ({reason}); choose a PNG "
                                                      "or JPEG file (the report settings in the window, --logo on "
                                                      "the command line), or clear the logo")
NOT_AN_IMAGE = QT_TRANSLATE_NOOP("ReportProblems", "not an image file this program reads")  # a logo's {reason}
TRANSLATION_MISSING = QT_TRANSLATE_NOOP("ReportProblems", "translation file {path} is missing or unreadable; "
                                                          "reinstall RetinaReview or print the report in English")
UNKNOWN_LANGUAGE = QT_TRANSLATE_NOOP("ReportProblems", "unknown report language {language}; expected one of {known}")


class ReportProblem(RuntimeError):
    """A report cannot be made from these settings: ``template`` (above) filled with ``values``. A value that is
    the system's or a library's words (a font reader's error) is kept as written; a logo's {reason} is one of ours
    (NOT_AN_IMAGE) or annotations/' (annotations.os_reasons), said by ``shown_text``."""

    def __init__(self, template: str, **values: str) -> None:
        super().__init__(template.format(**values))
        self.template, self.values = template, values

    def shown(self, translate: Translate, shown_text: Callable[[str], str]) -> str:
        """The message in ``translate``'s language; annotations/' words in it said by ``shown_text``."""
        values = dict(self.values)
        if "reason" in values:
            reason = values["reason"]
            values["reason"] = translate(CONTEXT, reason) if reason == NOT_AN_IMAGE else shown_text(reason)
        return translate(CONTEXT, self.template).format(**values)
