"""What the arbiter looks at: each reading's labels (masks and boxes) over the same photo, and where they differ.

Rendered at the size shown: the photo is averaged down, the masks are reduced with OR (a pixel shown is
labelled when any pixel it covers is), so a microaneurysm of two pixels stays visible on a 4288-pixel photo; boxes
are outlined over them, on the disagreement map coloured as its pixels are, a pair matched as the box F1 matches
them (IoU 0.5) counting as both readers'.
Previews at DISPLAY_SIDE come with the case; a pane shown at another size is drawn again at that size from the
full-size photo and masks the case holds (render_panes, on a worker: 0.5-1.8 s for three panes of a 12 MP photo).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import Box
from annotations.graded_fields import SETTLED_FIELDS, GradeField, compared_fields
from annotations.image_io import load_measured_image
from annotations.pixel_spacing import PixelSpacing, shown_size
from annotations.progress import Cancelled
from annotations.reading.disagreement import (BOTH, FIRST_SUBMITTED, ONLY_A, ONLY_B, Comparison, class_disagreement,
                                              compare_readings, disputed_pair, first_submitted_differences,
                                              kinded_grade)
from annotations.reading.overlap import matched_boxes
from annotations.reading import messages as msg
from annotations.reading.readers import Reading, load_readings
from annotations.reading.settings import load_settings
from annotations.reading.standing_decision import StandingDecision, standing_decision
from annotations.render import draw_boxes, overlay_mask
from annotations.report_kind import ReportKind, report_kind

# Disagreement colours: only the first reading orange, only the second sky blue, both white.
CODE_COLOURS = {ONLY_A: (255, 140, 0), ONLY_B: (0, 176, 255), BOTH: (255, 255, 255)}
DISPLAY_SIDE = 1024  # the previews' longer side


class TooFewReadings(ValueError):
    """A case with fewer than two submitted readings; the message leaves naming the case to the caller, who says it
    as the person sees it."""

    def __init__(self, count: int) -> None:
        super().__init__(msg.TOO_FEW_READINGS.format(count=count))
        self.count = count


@dataclass(frozen=True)
class Pane:
    """One image the arbiter sees: a reading's labels over the photo (``reading``: its index), or (``reading``
    None) the disagreement map of ``map_class`` (None: every lesion class)."""

    reading: int | None = None
    map_class: LesionClass | None = None


READING_PANES = (Pane(0), Pane(1))
Size = tuple[int, int]  # width, height in pixels


@dataclass
class ArbitrationCase:
    """Two readings of one case prepared for display (of three or more submitted, the pair disputed_pair picks)."""

    case_id: str  # its caller names it (CaseController.case_name: a volume's B-scan by its number)
    readings: list[Reading]
    comparison: Comparison
    photo: np.ndarray  # full size, RGB: what a pane larger than its preview is drawn from, with the readings' masks
    previews: dict[Pane, np.ndarray] = field(default_factory=dict)  # every pane, at DISPLAY_SIDE at the most
    others: list[Reading] = field(default_factory=list)  # the case's other submitted readings, not arbitrated
    standing: StandingDecision | None = None  # the arbiter's decision it has already, which deciding replaces
    spacing: PixelSpacing | None = None  # the photo's pixel size as its file records it (a B-scan's, not square)

    @property
    def image_size(self) -> Size:
        return self.photo.shape[1], self.photo.shape[0]

    def shown_size(self, true_shape: bool) -> Size:
        """The size the photo is shown at: its own, or a B-scan's at its true shape (View ▸ B-scan at true shape)."""
        width, height = shown_size(*self.image_size, self.spacing, true_shape)
        return max(1, round(width)), max(1, round(height))

    @property
    def settled_fields(self) -> tuple[GradeField, ...]:
        """The grade fields the arbiter decides: those the readings' kinds compare (an OCT scan: its OCT class)."""
        compared = compared_fields(report_kind(r.doc) for r in self.readings)
        return tuple(field for field in SETTLED_FIELDS if field in compared)

    @property
    def map_panes(self) -> tuple[Pane, ...]:
        """The disagreement maps offered: for a photo, every lesion class together and each on its own. An OCT scan
        has no lesion tools: only the classes a reading painted (before the scan was marked OCT), each, and together
        where there are several; none where neither reading painted any."""
        if any(report_kind(r.doc) is ReportKind.DR for r in self.readings):
            classes = LESION_CLASSES
        else:
            classes = tuple(cls for cls in LESION_CLASSES if any(r.doc.class_mask(cls).any() for r in self.readings))
        return (*((Pane(),) if len(classes) > 1 else ()), *(Pane(map_class=cls) for cls in classes))

    @property
    def labels_offered(self) -> bool:
        """Whether the arbiter has readings' labels to choose between and correct: a photo's always (its lesion tools
        add what both readers missed), an OCT scan's, which has no lesion tools, only where a reading painted or drew
        some (before the scan was marked OCT)."""
        if any(report_kind(r.doc) is ReportKind.DR for r in self.readings):
            return True
        return any(r.doc.boxes or (r.doc.mask is not None and r.doc.mask.any()) for r in self.readings)


def fitted_size(size: Size, side: int) -> Size:
    """``size`` shrunk, its shape kept, to fit a square of ``side`` (never enlarged)."""
    scale = min(1.0, side / max(size))
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def reduce_bits(bits: np.ndarray, size: Size) -> np.ndarray:
    """Shrink a bit-per-class mask to ``size`` (no larger than the mask) keeping every bit set anywhere in the
    source pixels each shown pixel covers."""
    width, height = size
    rows = np.arange(height) * bits.shape[0] // height  # where each shown row's block starts
    columns = np.arange(width) * bits.shape[1] // width
    return np.bitwise_or.reduceat(np.bitwise_or.reduceat(bits, rows, axis=0), columns, axis=1)


def disagreement_rgb(image: np.ndarray, bits_a: np.ndarray, bits_b: np.ndarray,
                     classes: tuple[LesionClass, ...] = LESION_CLASSES) -> np.ndarray:
    """The photo, dimmed, with every pixel of ``classes`` coloured by who labelled it (CODE_COLOURS)."""
    out = (image.astype(np.float32) * 0.5).astype(np.uint8)
    for cls in classes:
        codes = class_disagreement(bits_a, bits_b, cls)
        for code, colour in CODE_COLOURS.items():
            out[codes == code] = colour
    return out


def boxes_by_code(a: list[Box], b: list[Box], classes: tuple[LesionClass, ...]) -> dict[int, list[Box]]:
    """Two readings' boxes of ``classes`` by who drew them: ONLY_A, ONLY_B, or BOTH (both boxes of a pair matched as
    the box F1 matches them)."""
    coded: dict[int, list[Box]] = {ONLY_A: [], ONLY_B: [], BOTH: []}
    for cls in classes:
        mine, theirs = [x for x in a if x.label == cls], [y for y in b if y.label == cls]
        matched = matched_boxes(mine, theirs)
        coded[ONLY_A] += [x for i, x in enumerate(mine) if i not in matched]
        coded[ONLY_B] += [y for j, y in enumerate(theirs) if j not in matched.values()]
        coded[BOTH] += [box for i, j in matched.items() for box in (mine[i], theirs[j])]
    return coded


def render_panes(case: ArbitrationCase, wanted: dict[Pane, Size],
                 cancelled: Callable[[], bool] = lambda: False) -> dict[Pane, np.ndarray]:
    """Each pane drawn at its size from the full-size photo and masks; panes of one size share the reduced photo and
    masks. A size larger than the photo one way (a B-scan at its true shape) is drawn at the photo's there and
    stretched. Raises Cancelled before a pane once ``cancelled()`` is true (a pane of a 12 MP photo takes up to
    0.6 s)."""
    reduced: dict[Size, tuple[np.ndarray, list[np.ndarray]]] = {}
    drawn = {}
    for pane, shown in wanted.items():
        if cancelled():
            raise Cancelled
        size = min(shown[0], case.image_size[0]), min(shown[1], case.image_size[1])
        if size not in reduced:
            photo = case.photo if size == case.image_size else \
                np.asarray(Image.fromarray(case.photo).resize(size, Image.Resampling.BOX))
            reduced[size] = photo, [reduce_bits(r.doc.mask, size) for r in case.readings]
        photo, bits = reduced[size]
        scale = size[0] / case.image_size[0], size[1] / case.image_size[1]
        if pane.reading is not None:
            drawn[pane] = draw_boxes(overlay_mask(photo, bits[pane.reading]), case.readings[pane.reading].doc.boxes,
                                     *scale)
        else:
            classes = LESION_CLASSES if pane.map_class is None else (pane.map_class,)
            drawn[pane] = disagreement_rgb(photo, *bits, classes=classes)
            coded = boxes_by_code(*(r.doc.boxes for r in case.readings), classes)
            for code, boxes in coded.items():  # the matched pairs last, on top
                drawn[pane] = draw_boxes(drawn[pane], boxes, *scale, colour=CODE_COLOURS[code])
        if size != shown:
            drawn[pane] = np.asarray(Image.fromarray(drawn[pane]).resize(shown, Image.Resampling.NEAREST))
    return drawn


def prepare_arbitration(folder: Path, case_id: str, side: int = DISPLAY_SIDE) -> ArbitrationCase:
    """Load the case's submitted readings, its photo and the decision it has already, and render previews of the two
    readings arbitrated (of three or more, the first pair that disagrees) and of the disagreement maps, fitted into
    ``side``.

    Raises TooFewReadings when fewer than two readings were submitted (nothing to arbitrate yet)."""
    settings = load_settings(folder)
    submitted = [r for r in load_readings(folder, case_id) if r.submitted]
    if len(submitted) < 2:
        raise TooFewReadings(len(submitted))
    pair, comparison = disputed_pair([r.doc for r in submitted], settings.dice_threshold)
    firsts = [kinded_grade(r.independent) for r in submitted]
    if comparison.agree:  # as they stand: the pair whose first submissions differ is the one disputed
        pair = next(((i, j) for i, j in combinations(range(len(submitted)), 2)
                     if first_submitted_differences(firsts[i], firsts[j])), pair)
        comparison = compare_readings(submitted[pair[0]].doc, submitted[pair[1]].doc, settings.dice_threshold)
    readings = [submitted[i] for i in pair]
    comparison.reasons += [reason for reason in first_submitted_differences(firsts[pair[0]], firsts[pair[1]])
                           if reason.removesuffix(FIRST_SUBMITTED) not in comparison.reasons]
    photo = load_measured_image(Path(folder) / readings[0].doc.image_path)
    case = ArbitrationCase(case_id, readings, comparison, photo.pixels,
                           others=[r for k, r in enumerate(submitted) if k not in pair],
                           standing=standing_decision(folder, case_id, readings), spacing=photo.spacing)
    preview = fitted_size(case.image_size, side)
    case.previews = render_panes(case, {pane: preview for pane in (*READING_PANES, *case.map_panes)})
    return case

