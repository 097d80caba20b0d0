"""Whether the cases a retrain would learn from hold anything of its task, read from the store's index before any
export or training (those take minutes, and training's own refusal names the work folder's files): the DR grade and
referable DR learn from the grades readers record, lesion segmentation from painted or boxed lesions (a case with
none and no grade No DR says nothing of its lesions: the export writes it no masks, and the retrain's notes count
it). Qt-free."""
from __future__ import annotations

from typing import Mapping, Sequence

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.wording import join_items
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


def never_labelled(task: str, boxes: Mapping[LesionClass, int], pixels: Mapping[LesionClass, int]) -> list[str]:
    """The note naming the lesion classes no case of the export paints or boxes (``boxes`` and ``pixels`` per class):
    training reads such a class as absent on every painted photo (inference.targets), so the new model learns it is
    never there; none for the other tasks."""
    unlabelled = [cls.name for cls in LESION_CLASSES if not boxes.get(cls) and not pixels.get(cls)]
    return [msg.NEVER_LABELLED.format(classes=join_items(unlabelled))] if task == "seg" and unlabelled else []
