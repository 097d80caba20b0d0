"""Whether the cases a retrain would learn from hold anything of its task, read from the store's index before any
export or training (those take minutes, and training's own refusal names the work folder's files): the DR grade and
referable DR learn from the grades readers record, lesion segmentation from painted or boxed lesions. Qt-free."""
from __future__ import annotations

from typing import Sequence

from annotations.workspace import CaseSummary
from inference.training import messages as msg


def nothing_to_learn(task: str, summaries: Sequence[CaseSummary], consensus: bool = False) -> str:
    """Why ``summaries`` (the fundus photos marked done; ``consensus``: a double-read folder's settled consensus)
    give ``task`` nothing to learn from (English, a messages template filled); "" when one of them has a label of
    the task."""
    if task == "seg":
        labelled = any(summary.reader_lesions for summary in summaries)
        template = msg.NO_LESIONS_CONSENSUS if consensus else msg.NO_LESIONS_DONE
    else:
        labelled = any(summary.reader_grade is not None for summary in summaries)
        template = msg.NO_GRADES_CONSENSUS if consensus else msg.NO_GRADES_DONE
    return "" if labelled else template.format(count=len(summaries))
