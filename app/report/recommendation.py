"""The suggested follow-up from the grades of one or both eyes (the reader may overwrite it in the dialog).

The reader's grade wins over the AI grade (annotations.acted_grade); the worse eye decides. Intervals follow the
usual screening practice (ICO guidelines): no or mild DR re-screen, moderate NPDR or any DME refer, severe NPDR / PDR
refer urgently.
An OCT B-scan's case (annotations.report_kind) is judged by its OCT class on the same scale: choroidal
neovascularisation refer urgently (treatment within weeks saves sight), macular oedema refer, drusen review.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from annotations.acted_grade import effective_grade, effective_oct_class
from annotations.classes import OCT_CNV, OCT_DME, OCT_DRUSEN, OCT_NORMAL, REFERABLE_MIN_GRADE, refers_oedema
from annotations.document import CaseDocument
from annotations.patients import eye_label
from annotations.report_kind import ReportKind, report_kind
from annotations.wording import Translate, english
from widgets.clinical_terms import grade_full_name


NOT_GRADABLE = 4  # the rank (_rank) of an eye whose photo or scan is not gradable: above any eye not referred


@dataclass(frozen=True)
class Recommendation:
    text: str
    refer: bool | None  # None when no grade is known


def _oct_rank(doc: CaseDocument, translate: Translate) -> tuple[int, str, bool | None]:
    """(severity rank, sentence, refer) for an OCT B-scan's eye, on _rank's scale."""
    found = effective_oct_class(doc)
    if found.grade == OCT_CNV:
        return 6, translate("Recommendation", "Refer urgently to a retina specialist (choroidal neovascularisation "
                                              "on OCT)."), True
    if found.grade == OCT_DME:
        return 5, translate("Recommendation", "Refer to an ophthalmologist (macular oedema on OCT)."), True
    if not found.gradable:
        return NOT_GRADABLE, translate("Recommendation", "Scan not gradable: repeat the OCT scan or examine in "
                                                         "clinic."), None
    if found.grade == OCT_DRUSEN:
        return 3, translate("Recommendation", "Drusen on OCT: re-examine in 12 months, sooner if central vision "
                                              "worsens."), False
    if found.grade == OCT_NORMAL:
        return 2, translate("Recommendation", "No abnormality on OCT: routine follow-up."), False
    return 1, translate("Recommendation", "No OCT class recorded: a qualified reader must classify the scan before "
                                          "follow-up is decided."), None


def _rank(doc: CaseDocument, translate: Translate) -> tuple[int, str, bool | None]:
    """(severity rank, sentence, refer) for one eye; higher rank is more urgent."""
    if report_kind(doc) is ReportKind.OCT:
        return _oct_rank(doc, translate)
    found = effective_grade(doc)
    oedema = refers_oedema(doc.grade.dme_risk)
    if found.grade is not None and found.grade >= 3:
        name = grade_full_name(min(found.grade, 4), translate)
        text = translate("Recommendation", "Refer urgently to an ophthalmologist ({reason}).")
        return 6, text.format(reason=name), True
    graded_referable = found.grade is not None and found.grade >= REFERABLE_MIN_GRADE
    if graded_referable or oedema or doc.grade.referable:
        if oedema:
            reason = translate("Recommendation", "possible macular oedema")
        elif graded_referable:
            reason = grade_full_name(found.grade, translate)
        else:  # marked referable below moderate NPDR (or ungraded): no grade name stands for it
            reason = translate("Recommendation", "referable signs recorded")
        return 5, translate("Recommendation", "Refer to an ophthalmologist ({reason}).").format(reason=reason), True
    if not found.gradable:
        return NOT_GRADABLE, translate("Recommendation", "Image not gradable: repeat the photograph or examine in "
                                                         "clinic."), None
    if found.grade == 1:
        return 3, translate("Recommendation", "Re-screen in 6 to 12 months."), False
    if found.grade == 0:
        return 2, translate("Recommendation", "Re-screen in 12 months."), False
    return 1, translate("Recommendation", "No grade recorded: a qualified reader must grade the images before "
                                          "follow-up is decided."), None


def suggest(docs: Sequence[CaseDocument], translate: Translate = english,
            eyes: Sequence[str] = ()) -> Recommendation:
    """The follow-up for the worse eye, in the language of ``translate``. Two eyes that are both referred for
    different reasons (``eyes``: their labels, OD or OS, in the order of ``docs``) each have theirs, the worse first
    and each named: one eye's CNV and the other's macular oedema had read as the CNV alone, naming no eye. So do two
    eyes of which the worse is not gradable and the other is not referred: "Image not gradable: repeat the
    photograph" named neither the eye to photograph again nor the other's follow-up."""
    if not docs:
        raise ValueError("a recommendation needs at least one case")
    labels = [*eyes, *[""] * (len(docs) - len(eyes))]
    ranked = sorted((_rank(doc, translate) + (eye,) for doc, eye in zip(docs, labels)),
                    key=lambda item: -item[0])  # stable: of two eyes alike, the first
    _, text, refer, _ = ranked[0]
    referred = [item for item in ranked if item[2]]
    named = referred if len(referred) == 2 else ranked if ranked[0][0] == NOT_GRADABLE else []
    if len(named) == 2 and named[0][1] != named[1][1] and all(item[3] for item in named):
        (_, first, _, first_eye), (_, second, _, second_eye) = named
        text = translate("Recommendation", "{first_eye}: {first} {second_eye}: {second}").format(
            first_eye=eye_label(first_eye, translate), first=first, second_eye=eye_label(second_eye, translate),
            second=second)
    return Recommendation(text=text, refer=refer)
