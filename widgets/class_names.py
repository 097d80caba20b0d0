"""Lesion class and DR grade names as the interface's lists, menus and tool tips show them, in the interface
language. The data keeps the English names of annotations.classes; only what is shown is translated."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from annotations.classes import LesionClass

CONTEXT = "ClassNames"
# pyside6-lupdate reads only literal QT_TRANSLATE_NOOP calls, so the names are spelt out here; a test checks they
# are annotations.classes' names.
LESION_NAMES: dict[LesionClass, str] = {
    LesionClass.MA: QT_TRANSLATE_NOOP("ClassNames", "microaneurysm"),
    LesionClass.HE: QT_TRANSLATE_NOOP("ClassNames", "haemorrhage"),
    LesionClass.EX: QT_TRANSLATE_NOOP("ClassNames", "hard exudate"),
    LesionClass.SE: QT_TRANSLATE_NOOP("ClassNames", "soft exudate"),
    LesionClass.OD: QT_TRANSLATE_NOOP("ClassNames", "optic disc"),
}
GRADE_NAMES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("ClassNames", "No DR"),
    QT_TRANSLATE_NOOP("ClassNames", "Mild NPDR"),
    QT_TRANSLATE_NOOP("ClassNames", "Moderate NPDR"),
    QT_TRANSLATE_NOOP("ClassNames", "Severe NPDR"),
    QT_TRANSLATE_NOOP("ClassNames", "PDR"),
)


def lesion_name(cls: LesionClass) -> str:
    """"microaneurysm" / "微动脉瘤" …"""
    return QCoreApplication.translate(CONTEXT, LESION_NAMES[cls])


def grade_name(grade: int) -> str:
    """The ICDR grade's short name ("Mild NPDR" / "轻度非增殖期"); the number itself for an unknown grade."""
    return QCoreApplication.translate(CONTEXT, GRADE_NAMES[grade]) if 0 <= grade < len(GRADE_NAMES) else str(grade)
