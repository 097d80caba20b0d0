"""When two readings of a case disagree, where their masks differ, and what a double-read case needs next."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from itertools import combinations
from typing import Callable

import numpy as np

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import CaseDocument, PatientInfo
from annotations.graded_fields import KindedGrade, grade_differences
from annotations.patients import patient_key
from annotations.reading.overlap import box_counts, pixel_counts
from annotations.report_kind import report_kind

# Codes of a disagreement map: each pixel of one class is found by nobody, only A, only B, or both.
NEITHER, ONLY_A, ONLY_B, BOTH = 0, 1, 2, 3


class CaseState(str, Enum):
    NEEDS_READER_1 = "needs reader 1"
    NEEDS_READER_2 = "needs reader 2"
    AGREED = "agreed"
    NEEDS_ARBITRATION = "needs arbitration"
    ARBITRATED = "arbitrated"
    REVISED_SINCE_ARBITRATION = "revised since arbitration"  # still the arbiter's decision, which a reader revisited


@dataclass
class Comparison:
    """Why two readings disagree (empty: they agree), with the overlap of each lesion class present in either."""

    reasons: list[str] = field(default_factory=list)
    dice: dict[LesionClass, float] = field(default_factory=dict)
    box_f1: dict[LesionClass, float] = field(default_factory=dict)

    @property
    def agree(self) -> bool:
        return not self.reasons


def kinded_grade(doc: CaseDocument) -> KindedGrade:
    """The reading's grade with its kind (report_kind: the recorded modality), which decides what is compared."""
    return KindedGrade(doc.grade, report_kind(doc))


def identity_differences(a: PatientInfo, b: PatientInfo) -> list[str]:
    """The patient ID and the eye, where both readers recorded one and they differ: one of them has the wrong patient
    or eye, and the consensus took one reader's details without a word."""
    differences = []
    if a.patient_id.strip() and b.patient_id.strip() and patient_key(a.patient_id) != patient_key(b.patient_id):
        differences.append(f"patient ID {a.patient_id.strip()} vs {b.patient_id.strip()}")
    if a.eye and b.eye and a.eye.upper() != b.eye.upper():
        differences.append(f"eye {a.eye.upper()} vs {b.eye.upper()}")
    return differences


def compare_readings(a: CaseDocument, b: CaseDocument, threshold: float) -> Comparison:
    """The grades must agree on the fields of the readings' kinds (grade_differences), and the patient's ID and eye
    where both recorded them (identity_differences); for every lesion class either reader marked, pixel Dice and box
    F1 (IoU 0.5) must reach ``threshold``."""
    result = Comparison(grade_differences(kinded_grade(a), kinded_grade(b)) + identity_differences(a.patient,
                                                                                                    b.patient))
    for cls in LESION_CLASSES:
        dice = pixel_counts(a.class_mask(cls), b.class_mask(cls)).score
        if dice is not None:
            result.dice[cls] = dice
            if dice < threshold:
                result.reasons.append(f"{cls.name} mask Dice {dice:.2f}")
        f1 = box_counts([x for x in a.boxes if x.label == cls], [y for y in b.boxes if y.label == cls]).score
        if f1 is not None:
            result.box_f1[cls] = f1
            if f1 < threshold:
                result.reasons.append(f"{cls.name} boxes F1 {f1:.2f}")
    return result


FIRST_SUBMITTED = " as first submitted"  # a reason told by the readings' grades as first submitted


def first_submitted_differences(a: KindedGrade, b: KindedGrade) -> list[str]:
    """Where two readings' grades as first submitted differ (Reading.first_grade): revised since to agree, the case
    is still the arbiter's, so that a reader cannot revise their way out of arbitration once they saw the other."""
    return [reason + FIRST_SUBMITTED for reason in grade_differences(a, b)]


def disputed_pair(docs: list[CaseDocument], threshold: float) -> tuple[tuple[int, int], Comparison]:
    """The two of three or more readings an arbiter decides between (indices in ``docs``' order), with why they
    disagree: the first pair whose grades differ, else the first whose labels disagree (case_state wants every pair
    to agree, so any disagreeing pair is why the case is disputed); the first two when every pair agrees."""
    pairs = list(combinations(range(len(docs)), 2))
    graded_apart = [(i, j) for i, j in pairs if grade_differences(kinded_grade(docs[i]), kinded_grade(docs[j]))]
    first = None
    for i, j in graded_apart or pairs:
        comparison = compare_readings(docs[i], docs[j], threshold)
        if not comparison.agree:
            return (i, j), comparison
        first = first or comparison
    assert first is not None, "two readings at least"
    return (0, 1), first


def disagreement_map(a: CaseDocument, b: CaseDocument) -> dict[LesionClass, np.ndarray]:
    """Per lesion class, a uint8 array the size of the image: NEITHER, ONLY_A, ONLY_B or BOTH for each pixel."""
    return {cls: class_disagreement(a.mask, b.mask, cls) for cls in LESION_CLASSES}


def class_disagreement(bits_a: np.ndarray, bits_b: np.ndarray, cls: LesionClass) -> np.ndarray:
    """One class of two bit-per-class masks: NEITHER, ONLY_A, ONLY_B or BOTH for each pixel."""
    in_a = ((bits_a & cls.bit) != 0).astype(np.uint8)
    in_b = ((bits_b & cls.bit) != 0).astype(np.uint8)
    return in_a * ONLY_A | in_b * ONLY_B


def case_state(submitted: list[CaseDocument], arbitrated: bool, threshold: float) -> CaseState:
    """A double-read case: readings submitted so far (their review state is done), and whether an arbiter
    already settled it. Every pair of submitted readings must agree for the case to count as agreed."""
    return reading_state([kinded_grade(doc) for doc in submitted], arbitrated,
                         lambda: all(compare_readings(a, b, threshold).agree for a, b in combinations(submitted, 2)))


def submitted_readings(state: CaseState) -> int:
    """How many readings of a case were submitted, as far as its state tells (2: two or more, enough to arbitrate)."""
    return {CaseState.NEEDS_READER_1: 0, CaseState.NEEDS_READER_2: 1}.get(state, 2)


# Still with the readers: nothing for the arbiter to do yet.
AWAITING_READERS = tuple(state for state in CaseState if submitted_readings(state) < 2)


def reading_state(grades: list[KindedGrade], arbitrated: bool, labels_agree: Callable[[], bool]) -> CaseState:
    """case_state from the submitted readings' grades; ``labels_agree`` (the costly part: masks and boxes) is
    asked only when every grade agrees, so a case list can be filled from the small case files."""
    if arbitrated:
        return CaseState.ARBITRATED
    if not grades:
        return CaseState.NEEDS_READER_1
    if len(grades) == 1:
        return CaseState.NEEDS_READER_2
    if any(grade_differences(a, b) for a, b in combinations(grades, 2)) or not labels_agree():
        return CaseState.NEEDS_ARBITRATION
    return CaseState.AGREED
