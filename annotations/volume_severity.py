"""Whether a report of one B-scan of an OCT volume leaves out what another B-scan of it records: a screening
programme grades a volume by what any B-scan shows (annotations.volume_summary), but a report prints the B-scan shown
alone, its follow-up from that B-scan's class. A reader who classed B-scan 6 CNV and prints the normal middle B-scan
must be told before the report says "routine follow-up"."""
from __future__ import annotations

import dataclasses
from typing import Callable, Mapping

from annotations.acted_grade import reader_else_ai
from annotations.classes import OCT_BY_SEVERITY, OCT_NORMAL, most_severe_oct_class
from annotations.frames import listed_case_id, split_frame
from annotations.volume_summary import GradedFields
from annotations.wording import Translate, english, fill, join_items
from annotations.workspace import Workspace


def other_bscans(workspace: Workspace, case_id: str,
                 ai_hidden: Callable[[str], bool] = lambda _case_id: False) -> dict[int, GradedFields]:
    """The saved fields of the other B-scans of the volume B-scan ``case_id`` belongs to, by number (none for a
    photo), without the AI's class of those where ``ai_hidden`` (a blind reader's, not yet submitted); no image file
    is read."""
    found = {}
    for member, fields in workspace.volume_bscans(listed_case_id(case_id)).items():
        number = split_frame(workspace.case_address(member))[1]
        if member != case_id and number is not None:
            found[number] = dataclasses.replace(fields, ai_oct_class=None) if ai_hidden(member) else fields
    return found


def bscan_class(fields: GradedFields) -> str | None:
    """The class a saved B-scan stands for, as a report of it would act on it (acted_grade.effective_oct_class)."""
    return reader_else_ai(fields.reader_oct_class, fields.ai_oct_class, not fields.ai_ungradable).oct_class


def severer_bscans(printed: str | None, others: Mapping[int, GradedFields]) -> tuple[str, list[int]] | None:
    """The most severe abnormal class among ``others`` (the volume's other B-scans by number) where it is more severe
    than ``printed`` (the class the report acts on; None: none), with the B-scans holding it; None when none is."""
    classes = {number: bscan_class(fields) for number, fields in others.items()}
    worst = most_severe_oct_class(classes.values())
    if worst is None or worst == OCT_NORMAL or worst not in OCT_BY_SEVERITY:
        return None
    if printed is not None and most_severe_oct_class([printed, worst]) == printed:
        return None
    return worst, sorted(number for number, found in classes.items() if found == worst)


def severer_bscans_warning(case: str, printed: str | None, others: Mapping[int, GradedFields],
                           translate: Translate = english, class_name: Callable[[str], str] = str) -> str | None:
    """The report's warning that ``others`` hold a more severe class than the B-scan ``case`` printed (severer_bscans),
    in ``translate``'s language, the class named by ``class_name``; None when they do not."""
    found = severer_bscans(printed, others)
    if found is None:
        return None
    worst, numbers = found
    return fill(translate("ReportWarnings", "{case}: B-scan(s) {numbers} of the same volume record {oct_class}, "
                                            "more severe than the class this report prints; it shows this B-scan "
                                            "alone"),
                case=case, numbers=join_items(number_runs(numbers), translate), oct_class=class_name(worst))


def number_runs(numbers: list[int]) -> list[str]:
    """Sorted B-scan numbers as runs ("3-7", "12"): fluid across 40 neighbouring B-scans makes one short item."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return [f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
