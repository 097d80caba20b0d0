"""How well readers agree, and how each agrees with the AI: the figures screening programmes audit.

Between two readers: quadratic-weighted Cohen's kappa and exact agreement for the DR grade and for the DME risk
(annotations.reading.agreement_stats), agreement (and kappa) on the referable decision, Cohen's kappa and exact
agreement for the OCT class, per-class pixel Dice and box F1 at IoU 0.5 (pooled over cases). A case counts towards
the fields its kind compares (annotations.graded_fields): a photo's DR grade, DME risk and referable decision,
an OCT scan's OCT class. Each reader against the AI, the reader being the reference: sensitivity and specificity for
referable, kappa for the grade, on photos. In double reading, the consensus (the agreed or arbitrated reading) against
the AI likewise, with the grade's confusion and the referable agreement and kappa: the figures a screening programme
tracks for its AI (the AI grades no DME risk, so there is none to compare); a photo whose consensus is not settled
yet is left out and counted. A photo recorded ungradable, or one the AI's quality check found not gradable, is left
out of the grade's and the referable decision's figures and counted apart (gradability).
Tallies add case by case, so a folder's masks never need to be in memory together.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable

from annotations.case_names import case_name
from annotations.classes import DME_RISK_NAMES, DR_GRADE_NAMES, LESION_CLASSES, OCT_CLASSES, LesionClass, is_referable
from annotations.document import UNGRADABLE, AIResult, CaseDocument, ReaderGrade
from annotations.graded_fields import GradeField, compared_fields, field_value, listed_dr_grade, referable_decision
from annotations.grading import image_gradable
from annotations.progress import NullState, TaskState, check_cancelled
from annotations.reading.agreement_stats import binary_figures, class_figures, figure, scale_figures
from annotations.reading.overlap import OverlapCounts, box_counts, pixel_counts
from annotations.reading.reader_naming import unnamed_reader
from annotations.reading.blind import has_submitted, viewing_reader
from annotations.reading.consensus import ConsensusGrade, consensus_grade
from annotations.reading.readers import (ReaderStore, case_files, load_readings, main_sidecar, reader_id,
                                         read_case_ids, readers_of)
from annotations.reading.settings import load_settings
from annotations.report_kind import ReportKind, report_kind
from annotations.wording import fill, join_items
from annotations.workspace import codec
from annotations.workspace.sidecar import CaseFiles
from inference import agreement_messages as msg
from inference.metrics import sensitivity_specificity

GRADES = len(DR_GRADE_NAMES)  # ICDR 0-4
DME_LEVELS = len(DME_RISK_NAMES)  # DME risk 0-2


def _per_class() -> dict[LesionClass, OverlapCounts]:
    return {cls: OverlapCounts() for cls in LESION_CLASSES}


@dataclass
class PairTally:
    """Two readers' readings, added case by case."""

    reader_a: str
    reader_b: str
    cases: int = 0
    grades: tuple[list[int], list[int]] = field(default_factory=lambda: ([], []))
    dme: tuple[list[int], list[int]] = field(default_factory=lambda: ([], []))
    referable: tuple[list[bool], list[bool]] = field(default_factory=lambda: ([], []))
    oct_class: tuple[list[int], list[int]] = field(default_factory=lambda: ([], []))  # indices in OCT_CLASSES
    pixels: dict[LesionClass, OverlapCounts] = field(default_factory=_per_class)
    boxes: dict[LesionClass, OverlapCounts] = field(default_factory=_per_class)
    # photos both readers recorded ungradable, and those one did while the other graded them: the kappa above is
    # on photos both graded
    gradability: dict[str, int] = field(default_factory=lambda: {"both_ungradable": 0, "one_ungradable": 0})

    def add(self, a: CaseDocument, b: CaseDocument) -> None:
        self.cases += 1
        tallies = {GradeField.DR_GRADE: self.grades, GradeField.DME_RISK: self.dme,
                   GradeField.REFERABLE: self.referable, GradeField.OCT_CLASS: self.oct_class}
        for graded in compared_fields((report_kind(a), report_kind(b))):
            values = [field_value(doc.grade, graded) for doc in (a, b)]
            if graded is GradeField.OCT_CLASS:
                values = [OCT_CLASSES.index(v) if v in OCT_CLASSES else None for v in values]
            if graded is GradeField.DR_GRADE:
                values = self._graded_only(values)
            _add_pair(tallies[graded], *values)
        if a.mask.shape == b.mask.shape:
            for cls in LESION_CLASSES:
                self.pixels[cls] += pixel_counts(a.class_mask(cls), b.class_mask(cls))
        for cls in LESION_CLASSES:
            self.boxes[cls] += box_counts([x for x in a.boxes if x.label == cls],
                                          [y for y in b.boxes if y.label == cls])

    def _graded_only(self, values: list[Any]) -> list[Any]:
        """The two DR grades with a reading of an ungradable photo left out (None), counted in ``gradability``."""
        ungradable = [value == UNGRADABLE for value in values]
        if all(ungradable):
            self.gradability["both_ungradable"] += 1
        elif any(ungradable) and None not in values:
            self.gradability["one_ungradable"] += 1
        return [None if flag else value for value, flag in zip(values, ungradable)]

    def figures(self) -> dict[str, Any]:
        return {"readers": [self.reader_a, self.reader_b], "cases": self.cases, "gradability": dict(self.gradability),
                "grade": scale_figures(*self.grades, GRADES), "dme": scale_figures(*self.dme, DME_LEVELS),
                "referable": binary_figures(*self.referable),
                "oct_class": class_figures(*self.oct_class, len(OCT_CLASSES)),
                "pixel_dice": {c.name: figure(self.pixels[c].score) for c in LESION_CLASSES},
                "box_f1_iou50": {c.name: figure(self.boxes[c].score) for c in LESION_CLASSES}}


def _ai_gradability() -> dict[str, int]:
    """Photos the reference (a reader, the consensus) recorded ungradable and the AI's quality check found not
    gradable, and those only one of them did while the other graded them: the grade's and the referable decision's
    figures are on photos both graded, as a pair of readers' are (PairTally.gradability)."""
    return {"both_ungradable": 0, "reference_only_ungradable": 0, "ai_only_ungradable": 0}


@dataclass
class AITally:
    """One reader against the AI, the reader being the reference standard."""

    reader: str
    grades: tuple[list[int], list[int]] = field(default_factory=lambda: ([], []))
    referable: tuple[list[bool], list[bool]] = field(default_factory=lambda: ([], []))
    gradability: dict[str, int] = field(default_factory=_ai_gradability)

    def add(self, reading: CaseDocument, ai: AIResult) -> None:
        self.add_grade(reading.grade, report_kind(reading), ai)

    def add_grade(self, grade: ReaderGrade, kind: ReportKind, ai: AIResult) -> None:
        """A photo's grade; an OCT scan has no DR grade to compare. The AI's grade of a photo its quality check found
        not gradable is UNGRADABLE, as the case list shows it (its models grade one all the same): counted in
        ``gradability`` with a reading recorded ungradable, neither in the grade's nor the referable figures."""
        if kind is not ReportKind.DR:
            return
        reference = field_value(grade, GradeField.DR_GRADE)
        tested = listed_dr_grade(ai.dr_grade, not image_gradable(ai))
        if UNGRADABLE in (reference, tested):
            self._count_ungradable(reference, tested)
            return
        _add_pair(self.grades, reference, tested)
        ai_referable = ai.referable if ai.referable is not None else is_referable(ai.dr_grade)
        _add_pair(self.referable, referable_decision(grade), ai_referable)

    def _count_ungradable(self, reference: int | str | None, tested: int | str | None) -> None:
        if reference == tested:
            self.gradability["both_ungradable"] += 1
        elif None not in (reference, tested):  # the other side graded it
            self.gradability["reference_only_ungradable" if reference == UNGRADABLE else "ai_only_ungradable"] += 1

    def figures(self) -> dict[str, Any]:
        truth, predicted = self.referable
        sensitivity, specificity = sensitivity_specificity(truth, predicted) if truth else (math.nan, math.nan)
        grade = scale_figures(*self.grades, GRADES)
        return {"reader": self.reader, "grade": {k: grade[k] for k in ("cases", "kappa_quadratic", "exact_agreement")},
                "referable": {"cases": len(truth), "sensitivity": figure(sensitivity),
                              "specificity": figure(specificity)},
                "gradability": dict(self.gradability)}


@dataclass
class ConsensusTally(AITally):
    """The consensus against the AI, the consensus being the reference; and the photos with no consensus yet."""

    reader: str = "consensus"  # no reader's name: the figures name none
    without_consensus: int = 0

    def add_case(self, consensus: ConsensusGrade | None, ai: AIResult | None, photo: bool) -> None:
        """A case's consensus (None: not settled yet, counted where a photo) and its AI (None: not analysed)."""
        if consensus is None:
            self.without_consensus += photo
        elif ai is not None:
            self.add_grade(consensus.grade, consensus.kind, ai)

    def figures(self) -> dict[str, Any]:
        """The grade's figures with its confusion (rows the consensus, columns the AI); the referable decision's
        agreement and kappa, and the AI flag's sensitivity and specificity."""
        truth, predicted = self.referable
        sensitivity, specificity = sensitivity_specificity(truth, predicted) if truth else (math.nan, math.nan)
        return {"grade": scale_figures(*self.grades, GRADES),
                "referable": {**binary_figures(truth, predicted), "sensitivity": figure(sensitivity),
                              "specificity": figure(specificity)},
                "gradability": dict(self.gradability), "without_consensus": self.without_consensus}


def _add_pair(lists: tuple[list, list], a: Any, b: Any) -> None:
    if a is not None and b is not None:
        lists[0].append(a)
        lists[1].append(b)


def folder_agreement(folder: Path, reader_names: list[str] | None = None,
                     state: TaskState = NullState(), seen_in: Path | None = None) -> dict[str, Any]:
    """Every figure for a folder's readers (default: all of them). In double reading only submitted readings
    count, each with its grade as first submitted (Reading.independent: a revision made after seeing the other
    reading does not make two readers agree); in single reading every saved one. The AI of a reading is the
    reader's own analysis, else the consensus's, else another reader's. ``seen_in``: the store of the window that
    shows them; a reader's (blind.viewing_reader) counts only the cases that reader submitted, the ones whose
    readings the blind rule shows them (a reader mid-way read the others' figures over cases still to read). The
    consensus's AI, against which it is compared in double reading (``versus_consensus``; None in single reading, whose
    labels are a reader's), is its own analysis, else the one a reading's would be."""
    folder = Path(folder).absolute()
    settings = load_settings(folder)
    every_reader = readers_of(folder, settings)  # a consensus is of them all
    stores = _chosen(every_reader, reader_names)
    pairs = [PairTally(a.name, b.name) for a, b in combinations(stores, 2)]
    versus_ai = {s.name: AITally(s.name) for s in stores}
    case_ids = read_case_ids(stores)
    viewer = viewing_reader(folder, seen_in) if seen_in is not None else None
    if viewer is not None:
        case_ids = [case_id for case_id in case_ids if has_submitted(viewer, case_id)]
    consensus = case_files(main_sidecar(folder))
    versus_consensus = ConsensusTally() if settings.double else None  # single reading's labels are a reader's
    for done, case_id in enumerate(case_ids):
        check_cancelled(state)
        loaded = load_readings(folder, case_id, stores)
        # named by its image as messages name cases, not by its id (no header read: a volume's by its file)
        state.progress(done / max(len(case_ids), 1), case_name(loaded[0].doc.image_path) if loaded else case_id)
        readings = {r.reader: r.independent if settings.double else r.doc
                    for r in loaded if r.submitted or not settings.double}
        for pair in pairs:
            if pair.reader_a in readings and pair.reader_b in readings:
                pair.add(readings[pair.reader_a], readings[pair.reader_b])
        shared_ai = _shared_ai(consensus, case_id, readings.values())
        for name, doc in readings.items():
            ai = doc.ai or shared_ai
            if ai is not None:
                versus_ai[name].add(doc, ai)
        if versus_consensus is not None:
            agreed = consensus_grade(folder, case_id, settings, every_reader, loaded)
            photo = any(report_kind(r.doc) is ReportKind.DR for r in loaded)  # an OCT scan's has no DR grade
            versus_consensus.add_case(agreed, (agreed.ai if agreed is not None else None) or shared_ai, photo)
    state.progress(1.0, "")
    return {"folder": str(folder), "mode": settings.mode.value, "readers": [s.name for s in stores],
            "seen_by": viewer.name if viewer is not None else None,
            "folders_labels": unnamed_reader(settings),
            "cases": len(case_ids), "pairs": [p.figures() for p in pairs],
            "versus_ai": [t.figures() for t in versus_ai.values()],
            "versus_consensus": versus_consensus.figures() if versus_consensus is not None else None}


class UnknownReaders(ValueError):
    """Readers asked for whom the folder has not: said in English here, in the interface's language by the command
    (``missing`` and ``known``, the folder's readers, in its words)."""

    def __init__(self, missing: list[str], known: list[str]) -> None:
        super().__init__(fill(msg.NO_READER, names=join_items(missing), readers=join_items(known) or msg.NO_READERS))
        self.missing, self.known = missing, known


def _chosen(stores: list[ReaderStore], names: list[str] | None) -> list[ReaderStore]:
    if not names:
        return stores
    by_id = {s.reader_id: s for s in stores}
    missing = [n for n in names if reader_id(n) not in by_id]
    if missing:
        raise UnknownReaders(missing, [s.name for s in stores])
    return [by_id[reader_id(n)] for n in names]


def _shared_ai(consensus: CaseFiles, case_id: str, docs: Iterable[CaseDocument]) -> AIResult | None:
    """The AI's grade and referable flag (its arrays are not needed here)."""
    if consensus.exists(case_id):
        ai = consensus.read_checked(case_id, codec.saved_ai)
        if ai is not None:
            return ai
    return next((d.ai for d in docs if d.ai is not None), None)
