"""Lesion classes, their mask bits and display colours (DESIGN.md: MA, HE, EX, SE, optional OD)."""
from __future__ import annotations

from enum import IntEnum
from typing import Iterable

from annotations import messages as msg
from annotations.wording import join_items


class LesionClass(IntEnum):
    """Class index as used in indexed masks and class-number keys; bit = 1 << (index - 1)."""

    MA = 1
    HE = 2
    EX = 3
    SE = 4
    OD = 5

    @property
    def bit(self) -> int:
        return 1 << (self.value - 1)

    @property
    def colour(self) -> str:
        return CLASS_COLOURS[self]

    @property
    def long_name(self) -> str:
        return CLASS_LONG_NAMES[self]


LESION_CLASSES: tuple[LesionClass, ...] = (LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.SE)
ALL_CLASSES: tuple[LesionClass, ...] = LESION_CLASSES + (LesionClass.OD,)

CLASS_COLOURS: dict[LesionClass, str] = {
    LesionClass.MA: "#FFD400",
    LesionClass.HE: "#00C853",
    LesionClass.EX: "#2979FF",
    LesionClass.SE: "#FF40C0",
    LesionClass.OD: "#FFFFFF",
}

CLASS_LONG_NAMES: dict[LesionClass, str] = {
    LesionClass.MA: "microaneurysm",
    LesionClass.HE: "haemorrhage",
    LesionClass.EX: "hard exudate",
    LesionClass.SE: "soft exudate",
    LesionClass.OD: "optic disc",
}

DR_GRADE_NAMES: tuple[str, ...] = ("No DR", "Mild NPDR", "Moderate NPDR", "Severe NPDR", "PDR")
DME_RISK_NAMES: tuple[str, ...] = ("No DME risk", "DME risk 1", "DME risk 2")
OCT_CLASSES: tuple[str, ...] = ("CNV", "DME", "DRUSEN", "NORMAL")
OCT_CNV, OCT_DME, OCT_DRUSEN, OCT_NORMAL = OCT_CLASSES  # by name, where a rule picks one (report recommendation)
# Most severe first, as the report's follow-up ranks them (app.report.recommendation): choroidal neovascularisation
# is referred urgently, macular oedema referred, drusen reviewed, a normal scan followed up as routine. A volume is
# classed by its most severe B-scan (annotations.volume_summary): fluid or a membrane off the centre is still there.
OCT_BY_SEVERITY: tuple[str, ...] = (OCT_CNV, OCT_DME, OCT_DRUSEN, OCT_NORMAL)
REFERABLE_MIN_GRADE = 2
REFERABLE_MIN_DME_RISK = 1  # exudates anywhere (IDRiD risk 1 or 2): ICO guidelines refer any diabetic macular oedema


def refers_oedema(dme_risk: int | None) -> bool:
    """Whether a reader's DME risk alone refers the eye (any risk of macular oedema)."""
    return dme_risk is not None and dme_risk >= REFERABLE_MIN_DME_RISK


def is_referable(grade: int | None, dme_risk: int | None = None) -> bool | None:
    """Referable diabetic retinopathy: moderate NPDR or worse (ICDR), or a risk of macular oedema; None where the
    grade is not known and no risk is recorded. The AI grades no DME risk: its flag rests on the grade alone."""
    if refers_oedema(dme_risk):
        return True
    return None if grade is None else grade >= REFERABLE_MIN_GRADE


def most_severe_oct_class(classes: Iterable[str | None]) -> str | None:
    """The most severe of ``classes`` (OCT_BY_SEVERITY); a class this version does not know (a later version's)
    ranks below the known ones, None (no class) below all."""
    known = [c for c in classes if c is not None]
    ranks = {name: rank for rank, name in enumerate(OCT_BY_SEVERITY)}
    return min(known, key=lambda c: ranks.get(c, len(ranks)), default=None)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def class_from_name(name: str) -> LesionClass:
    """Parse 'MA', 'ma' or '1'; raise ValueError naming the accepted names otherwise."""
    key = name.strip().upper()
    if key.isdigit() and int(key) in LesionClass._value2member_map_:
        return LesionClass(int(key))
    try:
        return LesionClass[key]
    except KeyError:
        accepted = join_items(c.name for c in ALL_CLASSES)
        raise ValueError(msg.UNKNOWN_CLASS.format(name=repr(name), accepted=accepted)) from None
