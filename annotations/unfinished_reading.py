"""What a report warns of a case its reader has not finished: no reader grade (an OCT scan's class), not marked done,
labels a crash's recovery saved that nobody has opened to check since. One rule and one wording for the report dialog
(patients.report_warnings) and the `report` command, which said neither (the dialog said nothing of the third)."""
from __future__ import annotations

from annotations.document import CaseDocument, ReviewState
from annotations.report_kind import ReportKind, report_kind
from annotations.wording import Translate, english


def unfinished_warnings(doc: CaseDocument, name: str, translate: Translate = english,
                        recovered: bool = False) -> list[str]:
    """The warnings of ``doc``, named ``name`` (annotations.case_names), worded by ``translate`` (catalogue
    "report"); ``recovered``: its labels hold a crash's edits recovered from autosave that nobody has opened to check
    (Workspace.to_check; the window's app.recovered_note). None is printed in the report: each is said to the person
    making it, before it leaves (the dialog, the command's warnings)."""
    warnings = []
    oct_case = report_kind(doc) is ReportKind.OCT
    if not reader_graded(doc) and doc.ai is None:  # "the report shows only the AI's" where it shows none either
        warnings.append(translate("ReportWarnings", "{case} has no reader OCT class and no AI result (the report "
                                                    "shows none)").format(case=name) if oct_case else
                        translate("ReportWarnings", "{case} has no reader grade and no AI result (the report shows "
                                                    "no grade)").format(case=name))
    elif not reader_graded(doc) and oct_case:
        warnings.append(translate("ReportWarnings", "{case} has no reader OCT class (the report shows only "
                                                    "the AI's)").format(case=name))
    elif not reader_graded(doc):
        warnings.append(translate("ReportWarnings", "{case} has no reader grade (the report shows only the "
                                                    "AI's)").format(case=name))
    if doc.review_state is not ReviewState.DONE:
        warnings.append(translate("ReportWarnings", "{case} is not marked done").format(case=name))
    if recovered:
        warnings.append(translate("ReportWarnings", "{case}: the report prints edits recovered from autosave after a "
                                                    "crash, which nobody has checked since; check them in the window "
                                                    "first (the last seconds' edits may be lost)").format(case=name))
    return warnings


def reader_graded(doc: CaseDocument) -> bool:
    """Whether a reader recorded the grade the report prints for ``doc``: an OCT scan's class, else a DR grade or
    "ungradable" (the reader's outcome)."""
    if report_kind(doc) is ReportKind.OCT:
        return doc.grade.oct_class is not None
    return doc.grade.dr_grade is not None or doc.grade.ungradable
