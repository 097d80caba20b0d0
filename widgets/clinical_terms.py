"""The clinical words people read, rendered from the language-neutral findings: lesion names, ICDR grade names,
OCT class names, referable, image quality, the rule that decided "referable", the ICDR sentence, and what produced
an AI result.

Every function takes ``translate(context, text) -> str``: by default Qt's (the interface's language); a report
passes its own, for the report's language. Strings are literal ``translate("Context", ...)`` calls or
QT_TRANSLATE_NOOP marks, so pyside6-lupdate finds them (catalogue "clinical"). The module imports no Qt itself,
so a report in English is made without Qt.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from annotations.classes import OCT_CNV, OCT_DME, OCT_DRUSEN, OCT_NORMAL, LesionClass
from annotations.document import UNGRADABLE, AIResult
from annotations.findings import (CLASSICAL_SOURCE, DISC_SCALE_SOURCE, FIELD_SCALE_SOURCE, ClassFindings, Findings,
                                  blended_models, gating_model, scale_template)
from annotations.grading import image_gradable
from annotations.icdr import QUADRANTS, icdr_reading
from annotations.icdr import icdr_sentence as _icdr_sentence
from annotations.pixel_spacing import RECORDED_SCALE_SOURCE
from annotations.quality_reasons import TEMPLATES as QUALITY_TEMPLATES
from annotations.quality_reasons import known_problem, templates
from annotations.result_sources import ResultSource
from annotations.wording import CLAUSE_SEPARATOR, Translate, join_clauses, join_items


def qt_translate(context: str, text: str) -> str:
    """The translators installed for the interface."""
    from PySide6.QtCore import QCoreApplication  # late: reports in English use this module without Qt

    return QCoreApplication.translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Mark ``text`` for translation where it is translated later (Qt's own marker is this identity too)."""
    return text


def lesion_name(cls: LesionClass, translate: Translate = qt_translate) -> str:
    """"microaneurysm" for MA."""
    names = {LesionClass.MA: translate("ClinicalTerms", "microaneurysm"),
             LesionClass.HE: translate("ClinicalTerms", "haemorrhage"),
             LesionClass.EX: translate("ClinicalTerms", "hard exudate"),
             LesionClass.SE: translate("ClinicalTerms", "soft exudate"),
             LesionClass.OD: translate("ClinicalTerms", "optic disc")}
    return names[cls]


def lesion_label(cls: LesionClass, translate: Translate = qt_translate) -> str:
    """"MA microaneurysm": the code, which is the same in every language, and the name."""
    return f"{cls.name} {lesion_name(cls, translate)}"


def quadrant_legend(translate: Translate = qt_translate) -> str:
    """What the quadrant codes of the lesion table stand for ("Quadrants: ST superotemporal, SN superonasal, …"):
    the codes are the same in every language, their names are not."""
    names = {"ST": translate("ClinicalTerms", "superotemporal"), "SN": translate("ClinicalTerms", "superonasal"),
             "IT": translate("ClinicalTerms", "inferotemporal"), "IN": translate("ClinicalTerms", "inferonasal")}
    quadrants = join_items((f"{code} {names[code]}" for code in QUADRANTS), translate)
    return translate("ClinicalTerms", "Quadrants: {quadrants}").format(quadrants=quadrants)


def quadrant_counts(counts: Iterable[tuple[str, str]]) -> str:
    """"ST 26 SN 22 IT 15 IN 5" from (code, count) pairs: a no-break space holds each code to its count, so a narrow
    cell wraps between quadrants and never reads "SN" on one line and its count, seemingly IT's, on the next."""
    return " ".join(f"{code}\u00a0{count}" for code, count in counts)


def grade_name(grade: int | str | None, translate: Translate = qt_translate) -> str:
    """The ICDR grade's short name ("Moderate NPDR"), for tables and lists; a grade off the scale as its number. A
    reading of an ungradable photo (UNGRADABLE in the grade's place: graded_fields.field_value) is "Ungradable"."""
    if grade == UNGRADABLE:
        return translate("ClinicalTerms", "Ungradable")
    names = (translate("ClinicalGrade", "No DR"), translate("ClinicalGrade", "Mild NPDR"),
             translate("ClinicalGrade", "Moderate NPDR"), translate("ClinicalGrade", "Severe NPDR"),
             translate("ClinicalGrade", "PDR"))
    if grade is None:
        return translate("ClinicalTerms", "not recorded")
    return names[grade] if isinstance(grade, int) and 0 <= grade < len(names) else str(grade)


def grade_full_name(grade: int, translate: Translate = qt_translate) -> str:
    """The grade's name where a sentence needs the whole term (Chinese spells out 糖尿病视网膜病变)."""
    names = (translate("ClinicalGradeFull", "No DR"), translate("ClinicalGradeFull", "Mild NPDR"),
             translate("ClinicalGradeFull", "Moderate NPDR"), translate("ClinicalGradeFull", "Severe NPDR"),
             translate("ClinicalGradeFull", "PDR"))
    return names[grade] if 0 <= grade < len(names) else str(grade)


def oct_class_short_name(code: str, translate: Translate = qt_translate) -> str:
    """An OCT class in a word, where a row has room for little more (the findings panel's chart): "CNV" and "DME",
    the abbreviations clinicians know them by, "Drusen" and "Normal"; a code this version does not know as stored."""
    names = {OCT_DRUSEN: translate("ClinicalOctClass", "Drusen"), OCT_NORMAL: translate("ClinicalOctClass", "Normal")}
    return names.get(code, code)


def oct_class_name(code: str, translate: Translate = qt_translate) -> str:
    """An OCT class as a person reads it wherever one is named ("CNV — choroidal neovascularisation", "Drusen"): an
    abbreviation with what it stands for, as a DR grade's number comes with its name. The code itself ("CNV",
    "DRUSEN") is what files and models store."""
    meanings = {OCT_CNV: translate("ClinicalOctClass", "choroidal neovascularisation"),
                OCT_DME: translate("ClinicalOctClass", "diabetic macular oedema")}
    short = oct_class_short_name(code, translate)
    return f"{short} — {meanings[code]}" if code in meanings else short


def lesion_area(entry: ClassFindings | None, translate: Translate = qt_translate) -> str:
    """A class's lesion area: "0.012 mm²" where the photo's scale is known (three decimals: a microaneurysm covers
    a few thousandths of a mm²), else "130 px"; "" for a class with no lesion."""
    if entry is None or not entry.count:
        return ""
    if entry.area_mm2 is not None:
        return translate("ClinicalTerms", "{area} mm²").format(area=f"{entry.area_mm2:.3f}")
    return translate("ClinicalTerms", "{area} px").format(area=entry.area_px)


def area_scale(findings: Findings, translate: Translate = qt_translate) -> str:
    """Where the scale of a photo's lesion areas in mm² comes from, said under its lesion table ("Areas in mm² from
    the DICOM header's Pixel Spacing", "… from optic disc diameter taken as 1.8 mm"); its µm per pixel the measuring
    tools say. Short, so that a one-eye report's line of notes under its table holds it; "" where no area is given
    in mm²."""
    if not findings.mm_per_px or not any(entry.count and entry.area_mm2 is not None
                                         for entry in findings.classes.values()):
        return ""
    return translate("ClinicalTerms", "Areas in mm² from {source}").format(
        source=scale_source_name(findings.scale_source, translate))


def dme_risk_name(risk: int, translate: Translate = qt_translate) -> str:
    names = (translate("ClinicalTerms", "No DME risk"), translate("ClinicalTerms", "DME risk 1"),
             translate("ClinicalTerms", "DME risk 2"))
    return names[risk] if 0 <= risk < len(names) else str(risk)


def dme_risk_meaning(risk: int, translate: Translate = qt_translate) -> str:
    """What a DME risk grade says (IDRiD's scale: the nearest hard exudate's distance from the macula's centre)."""
    meanings = (translate("ClinicalTerms", "no hard exudates seen"),
                translate("ClinicalTerms", "hard exudates more than one disc diameter from the macula's centre"),
                translate("ClinicalTerms", "hard exudates within one disc diameter of the macula's centre"))
    return meanings[risk] if 0 <= risk < len(meanings) else ""


def dme_risk_choice(risk: int, translate: Translate = qt_translate) -> str:
    """A DME risk as a choice offered to a reader or the arbiter: its name and what it means ("1 DME risk 1" said
    nothing more than the number)."""
    return translate("ClinicalTerms", "{name} — {meaning}").format(name=dme_risk_name(risk, translate),
                                                                   meaning=dme_risk_meaning(risk, translate))


def yes_no(value: bool | None, translate: Translate = qt_translate) -> str:
    """"yes", "no", or "–" when not assessed."""
    if value is None:
        return "–"
    return translate("ClinicalTerms", "yes") if value else translate("ClinicalTerms", "no")


# What the pipeline writes into Findings.referable_source (inference/pipeline.py; stored as written, in ASCII), and
# how it reads: "≥", as a clinician writes it.
REFERABLE_SOURCES = {
    "referable model": QT_TRANSLATE_NOOP("ReferableSource", "referable model"),
    "DR grade >= 2 (ICDR rules)": QT_TRANSLATE_NOOP("ReferableSource", "DR grade ≥ 2 (ICDR rules)"),
    "DR grade >= 2 (grade model)": QT_TRANSLATE_NOOP("ReferableSource", "DR grade ≥ 2 (grade model)"),
    "DR signs classifier or DR grade >= 2 (ICDR rules)": QT_TRANSLATE_NOOP(
        "ReferableSource", "DR signs classifier or DR grade ≥ 2 (ICDR rules)"),
    "DR signs classifier or DR grade >= 2 (grade model)": QT_TRANSLATE_NOOP(
        "ReferableSource", "DR signs classifier or DR grade ≥ 2 (grade model)"),
    "DR signs classifier": QT_TRANSLATE_NOOP("ReferableSource", "DR signs classifier"),
    "DR signs classifier and DR grade >= 2 (ICDR rules)": QT_TRANSLATE_NOOP(
        "ReferableSource", "DR signs classifier and DR grade ≥ 2 (ICDR rules)"),
    "DR signs classifier and DR grade >= 2 (grade model)": QT_TRANSLATE_NOOP(
        "ReferableSource", "DR signs classifier and DR grade ≥ 2 (grade model)"),
}


def referable_source(source: str, translate: Translate = qt_translate) -> str:
    """The rule or model that decided "referable"; a source this version does not know is shown as stored."""
    shown = REFERABLE_SOURCES.get(source)
    return translate("ReferableSource", shown) if shown else source


# Results saved before the quality check stored codes hold only its English: matched against the same templates.
_REASON_PATTERNS = tuple(
    (re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[-\\d.]+)", re.escape(template)) + "$"), template)
    for template in QUALITY_TEMPLATES.values())


def quality_reason(quality: Mapping[str, Any], translate: Translate = qt_translate) -> str:
    """Why the quality check judged as it did ("too dark (mean level 20, needs 25); ...") in the reader's language:
    worded from its problems' codes (annotations.quality_reasons), else from the English an older result stored."""
    problems = quality.get("problems")
    if isinstance(problems, list) and problems and all(isinstance(p, dict) and known_problem(p) for p in problems):
        worded = templates(translate)
        return join_clauses((worded[p["code"]].format(**p) for p in problems), translate)
    parts = []
    for part in str(quality.get("reason") or "").split(CLAUSE_SEPARATOR):
        found = next(((pattern.match(part), template) for pattern, template in _REASON_PATTERNS
                      if pattern.match(part)), None)
        parts.append(translate("ImageQuality", found[1]).format(**found[0].groupdict()) if found else part)
    return join_clauses((part for part in parts if part), translate)


def quality_verdict(quality: Mapping[str, Any], translate: Translate = qt_translate) -> str:
    """"gradable", "NOT gradable: too dark (…)" or "not assessed"."""
    if not quality:
        return translate("ImageQuality", "not assessed")
    reason = quality_reason(quality, translate)
    if quality.get("gradable") is False:
        return (translate("ImageQuality", "NOT gradable: {reason}").format(reason=reason) if reason
                else translate("ImageQuality", "NOT gradable"))
    return (translate("ImageQuality", "gradable ({reason})").format(reason=reason) if reason
            else translate("ImageQuality", "gradable"))


def icdr_sentence(findings: Findings, translate: Translate = qt_translate) -> str:
    """The ICDR sentence of these findings in the reader's language, worked out again from their lesion classes;
    findings without lesion classes (an old or foreign file) keep the sentence they carry."""
    if not findings.classes:
        return findings.summary or findings.grade_rule or ""
    return _icdr_sentence(icdr_reading(findings.classes), translate)


def lesion_source_name(source: str, translate: Translate = qt_translate) -> str:
    """What drew a lesion class, from its name as the findings store it: the classical detector in words (alone,
    or gated by a lesion-region model), a model by its own name, two whose probabilities were averaged by both. The
    one place the classical detector and an averaged source are worded."""
    model = gating_model(source)
    if model is not None:
        return translate("ResultSources", "classical lesion detector gated by {model}").format(model=model)
    blended = blended_models(source)
    if blended is not None:
        return translate("ResultSources", "{model} averaged with {partner}").format(model=blended[0],
                                                                                     partner=blended[1])
    if source == CLASSICAL_SOURCE:
        return translate("ResultSources", "classical lesion detector")
    return source


def scale_source_name(source: str, translate: Translate = qt_translate) -> str:
    """How the findings found their scale, from the English they store (Findings.scale_source), or that the image's
    file records it (RECORDED_SCALE_SOURCE), in words; a text written otherwise (a caller's own) as written."""
    if source == RECORDED_SCALE_SOURCE:
        return translate("ScaleSources", "the DICOM header's Pixel Spacing")
    written = scale_template(source)
    if written is None:
        return source
    template, mm = written
    words = {DISC_SCALE_SOURCE: translate("ScaleSources", "optic disc diameter taken as {mm} mm"),
             FIELD_SCALE_SOURCE: translate("ScaleSources", "field-of-view diameter taken as {mm} mm (45-degree photo)")}
    return words[template].format(mm=mm)


# A source's optic disc, said in a word: "(OD)" beside a model's name read as the right eye, on a left eye's report too
SOURCE_DISC = QT_TRANSLATE_NOOP("ResultSources", "disc")


def result_source_label(source: ResultSource, translate: Translate = qt_translate) -> str:
    """One producer of an AI result as the status bar, the findings panel and the report name it: a model by its
    own name and version, the classical detector in words (lesion_source_name), each with the classes it drew on the
    photo ("ma-candidates 1 (MA)", "classical lesion detector (HE)", "codras-optic-disc 1 (disc)")."""
    classes = join_items((translate("ResultSources", SOURCE_DISC) if name == LesionClass.OD.name else name
                          for name in source.classes), translate)
    classical = source.name == CLASSICAL_SOURCE or gating_model(source.name) is not None
    name = lesion_source_name(source.name, translate) if classical else f"{source.name} {source.version}".strip()
    return translate("ResultSources", "{model} ({classes})").format(model=name, classes=classes) if classes else name


def flagged_if_ungradable(found: str, ai: AIResult, scan: bool, translate: Translate = qt_translate) -> str:
    """The AI's grade or class as the models found it, flagged where its image is not gradable: they grade one all
    the same, and a grade read from it must not pass for a finding (the report's follow-up ignores it too)."""
    if image_gradable(ai):
        return found
    flag = (translate("ClinicalTerms", "{found}; not reliable: the scan is not gradable") if scan
            else translate("ClinicalTerms", "{found}; not reliable: the photo is not gradable"))
    return flag.format(found=found)
