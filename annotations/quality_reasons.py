"""Why an image is not gradable, language-neutral: each problem the quality check finds is stored as a code with its
figures ({"code": "blurred", "value": "1.2", "limit": "2.6"}); the interface words it from the code in its own
language (widgets.clinical_terms), the command line and JSON outputs read the English."""
from __future__ import annotations

from typing import Iterable, Mapping

from annotations.wording import Translate, english, join_clauses

NO_FIELD, TOO_DARK, TOO_BRIGHT, BLURRED = "no_field", "too_dark", "too_bright", "blurred"
OCT_TOO_DARK, OCT_TOO_BRIGHT, OCT_BLURRED = "oct_too_dark", "oct_too_bright", "oct_blurred"


def templates(translate: Translate = english) -> dict[str, str]:
    """Each code's wording, its figures as {placeholders}; in English (the default) what the quality dict's "reason"
    holds, and what older saved results (before the codes) are matched against."""
    return {
        NO_FIELD: translate("ImageQuality", "field of view not found (no dark circular border: is this a fundus "
                                            "photograph?)"),
        TOO_DARK: translate("ImageQuality", "too dark (mean level {level}, needs {limit})"),
        TOO_BRIGHT: translate("ImageQuality", "too bright (mean level {level}, at most {limit})"),
        BLURRED: translate("ImageQuality", "blurred (sharpness {value}, needs {limit})"),
        OCT_TOO_DARK: translate("ImageQuality", "OCT scan too dark (mean level {level}, needs {limit})"),
        OCT_TOO_BRIGHT: translate("ImageQuality", "OCT scan too bright (mean level {level}, at most {limit})"),
        OCT_BLURRED: translate("ImageQuality", "OCT scan blurred (sharpness {value}, needs {limit})"),
    }


TEMPLATES = templates()  # the English


def quality_problem(code: str, **figures: str) -> dict[str, str]:
    """One problem as the quality dict stores it: its code and its figures, already written as shown."""
    return {"code": code, **figures}


def known_problem(problem: Mapping[str, str]) -> bool:
    """Whether this version words ``problem`` (a code it knows, with every figure its template needs)."""
    template = TEMPLATES.get(str(problem.get("code")))
    if template is None:
        return False
    try:
        template.format(**problem)
    except (KeyError, IndexError, ValueError):
        return False
    return True


def english_reason(problems: Iterable[Mapping[str, str]]) -> str:
    """The problems in English, joined ("too dark (…); blurred (…)"): the quality dict's "reason"."""
    return join_clauses(TEMPLATES[problem["code"]].format(**problem) for problem in problems)
