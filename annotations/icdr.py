"""The ICDR grade the lesion findings imply, as a structured reading (which rule decided, on which counts) and as
a sentence in any language.

The reading is derived from the findings' per-class counts and haemorrhage quadrants, so it can be worked out again
wherever the findings are shown; the sentence is rendered from it through a ``translate(context, text)`` function
(the identity gives the English that findings JSON has always stored; Qt's translate gives the interface's
language, a report passes its own). Every wording is a literal ``translate("IcdrSentence", ...)`` call, so
pyside6-lupdate finds it (catalogue "clinical"). Qt-free.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Mapping

from annotations.classes import LESION_CLASSES
from annotations.findings import ClassFindings
from annotations.wording import Translate, english

QUADRANTS: tuple[str, ...] = ("ST", "SN", "IT", "IN")
SEVERE_HE_PER_QUADRANT = 20  # ICDR severe NPDR, first arm of the 4-2-1 rule


class IcdrRule(str, Enum):
    """The rule that decided the grade."""

    NO_LESIONS = "no-lesions"  # ICDR 0
    MA_ONLY = "ma-only"  # ICDR 1
    SEVERE_HAEMORRHAGES = "severe-haemorrhages"  # ICDR 3: >= 20 HE in each of the 4 quadrants
    MORE_THAN_MA = "more-than-ma"  # ICDR 2


@dataclass(frozen=True)
class IcdrReading:
    grade: int
    rule: IcdrRule
    counts: dict[str, int]  # per lesion class name, in LESION_CLASSES order
    he_quadrants: int  # quadrants with at least one haemorrhage

    @property
    def exudates(self) -> bool:
        return bool(self.counts["EX"] or self.counts["SE"])


def icdr_reading(classes: Mapping[str, ClassFindings]) -> IcdrReading:
    """ICDR grade (0-3) from lesion counts (by class name) and the rule that gave it. PDR is never inferred."""
    none = ClassFindings()
    counts = {cls.name: int(classes.get(cls.name, none).count or 0) for cls in LESION_CLASSES}
    he_quadrants = classes.get("HE", none).quadrants or {}
    he_in = sum(1 for q in QUADRANTS if int(he_quadrants.get(q, 0)) > 0)
    if not any(counts.values()):
        return IcdrReading(0, IcdrRule.NO_LESIONS, counts, he_in)
    if counts["MA"] and not (counts["HE"] or counts["EX"] or counts["SE"]):
        return IcdrReading(1, IcdrRule.MA_ONLY, counts, he_in)
    if all(int(he_quadrants.get(q, 0)) >= SEVERE_HE_PER_QUADRANT for q in QUADRANTS):
        return IcdrReading(3, IcdrRule.SEVERE_HAEMORRHAGES, counts, he_in)
    return IcdrReading(2, IcdrRule.MORE_THAN_MA, counts, he_in)


def icdr_sentence(reading: IcdrReading, translate: Translate = english) -> str:
    """The reading in a sentence: which lesions, which grade, by which rule, and what masks cannot show."""
    note = translate("IcdrSentence", "venous beading and IRMA (the 4-2-1 rule's other arms) and new vessels "
                                     "(proliferative DR, grade 4) cannot be seen in these lesion masks")
    listed = _listed(reading.counts, translate)
    if reading.rule is IcdrRule.NO_LESIONS:
        template = translate("IcdrSentence", "No lesions found: no DR (ICDR 0); {note}.")
    elif reading.rule is IcdrRule.MA_ONLY:
        template = translate("IcdrSentence", "MA only ({ma}): mild NPDR (ICDR 1); {note}.")
    elif reading.rule is IcdrRule.SEVERE_HAEMORRHAGES:
        template = translate("IcdrSentence", "HE in 4 quadrants with at least {severe} each ({listed}): severe NPDR "
                                             "(ICDR 3) by the 4-2-1 rule's haemorrhage arm; {note}.")
    else:
        template = translate("IcdrSentence", "More than MA only ({listed}{where}): moderate NPDR (ICDR 2{exudates}), "
                                             "below the severe 4-2-1 threshold; {note}.")
    where = ""
    if reading.counts["HE"]:
        where = (translate("IcdrSentence", "; HE in {n} quadrant") if reading.he_quadrants == 1
                 else translate("IcdrSentence", "; HE in {n} quadrants")).format(n=reading.he_quadrants)
    exudates = translate("IcdrSentence", "; exudates imply at least moderate") if reading.exudates else ""
    return template.format(note=note, ma=reading.counts["MA"], severe=SEVERE_HE_PER_QUADRANT, listed=listed,
                           where=where, exudates=exudates)


def _listed(counts: Mapping[str, int], translate: Translate) -> str:
    """"2 MA, 3 HE": the classes found with their counts (class codes are the same in every language)."""
    item = translate("IcdrSentence", "{count} {code}")
    separator = translate("IcdrSentence", ", ")
    return separator.join(item.format(count=n, code=code) for code, n in counts.items() if n)
