"""Image panels for a report: the photo, the AI lesion overlay, the reader's overlay and Grad-CAM, as JPEG bytes.

Images are scaled down to print size *before* the overlay is drawn, and masks are scaled with a logical OR,
so a microaneurysm a few pixels wide still shows in its class colour on paper.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

from annotations.case_names import bscan_label, case_name
from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import CaseDocument, Modality
from annotations.frames import split_frame
from annotations.pixel_spacing import shown_size
from annotations.reading.report_grading import DoubleReading
from annotations.report_kind import shows_lesions
from annotations.wording import Translate, english, fill
from annotations.render import draw_boxes, drawn_classes, overlay_heatmap, overlay_mask
from widgets.clinical_terms import QT_TRANSLATE_NOOP

from app.report.model import EyeInput

PANEL_TITLES = {
    "original": QT_TRANSLATE_NOOP("ReportPanels", "Original"),
    "ai": QT_TRANSLATE_NOOP("ReportPanels", "AI lesion overlay"),
    "reader": QT_TRANSLATE_NOOP("ReportPanels", "Reader's overlay"),
    "cam": QT_TRANSLATE_NOOP("ReportPanels", "Grad-CAM"),
}
# The reader's panel says whose masks it draws: it read "Reader-corrected" over the AI's masks taken as they were, and
# over masks the reader drew with no AI mask to correct; a clinician took the AI's lesions for a reader's correction.
READER_CORRECTED = QT_TRANSLATE_NOOP("ReportPanels", "Reader-corrected overlay")
AI_MASKS_UNCHANGED = QT_TRANSLATE_NOOP("ReportPanels", "the AI's masks, unchanged")
# In double reading the consensus store's masks are printed once settled: they are the consensus, not one reader's.
ARBITRATED_CONSENSUS = QT_TRANSLATE_NOOP("ReportPanels", "Arbitrated consensus overlay")
AGREED_CONSENSUS = QT_TRANSLATE_NOOP("ReportPanels", "Agreed consensus overlay")
NO_LESIONS = QT_TRANSLATE_NOOP("ReportPanels", "no lesions drawn")
NO_IMAGE = QT_TRANSLATE_NOOP("ReportPanels", "Image not available: {path}")
NO_READER_LESIONS = QT_TRANSLATE_NOOP("ReportPanels", "no lesions drawn by the reader")
NO_AI_RESULT = QT_TRANSLATE_NOOP("ReportPanels", "No AI result for this case")
NO_AI_MASK = QT_TRANSLATE_NOOP("ReportPanels", "The AI result has no lesion mask")
NO_CAM = QT_TRANSLATE_NOOP("ReportPanels", "The AI result has no Grad-CAM map")
TEMPLATE_PANELS = {"clinical": ("original", "ai", "reader", "cam"), "summary": ("original", "reader")}
LESION_PANELS = frozenset({"ai", "reader"})  # left out where the case shows no lesions (an OCT B-scan's)
JPEG_QUALITY = 90


@dataclass(frozen=True)
class Panel:
    kind: str
    jpeg: bytes | None  # None: nothing to show, ``note`` says why
    note_text: str = ""  # one of the notes above (English, translated where printed); may name {path}
    aspect: float = 1.5  # width / height of the image as printed (a B-scan as the canvas draws it), placeholders too
    path: str = ""  # the image file a note names (a B-scan: its address, annotations.frames)
    classes: frozenset[LesionClass] = frozenset()  # the lesion classes its overlay draws: the colour key's
    title_text: str = ""  # its title where not its kind's (PANEL_TITLES): English, translated where printed
    modality: Modality | None = None  # of the case whose image a note names: a B-scan's or a photo's frame's word

    def note_in(self, translate: Translate = english) -> str:
        """The note in ``translate``'s language; a B-scan named as every message names it (its volume and number),
        never by its address."""
        if not self.note_text:
            return ""
        return fill(translate("ReportPanels", self.note_text), path=case_name(self.path, translate,
                                                                              modality=self.modality))

    def unbroken_in(self, translate: Translate = english) -> str:
        """The words of the note a line must not break: a B-scan's number with its label ("B-scan 12"), so the
        number never starts a line of its own; "" for none."""
        number = split_frame(self.path)[1]
        return bscan_label(number, translate, self.modality) if self.note_text and number is not None else ""

    def title_in(self, translate: Translate = english) -> str:
        return translate("ReportPanels", self.title_text or PANEL_TITLES[self.kind])

    def caption_in(self, translate: Translate = english) -> str:
        """The words under its picture: its title, with its note beside it (a missing picture's note stands in the
        picture's place instead)."""
        title, note = self.title_in(translate), self.note_in(translate)
        return translate("Report", "{title} ({note})").format(title=title, note=note) \
            if self.jpeg is not None and note else title


def scaled_size(width: float, height: float, max_px: int) -> tuple[int, int]:
    scale = min(1.0, max_px / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def shrink_image(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    if (image.shape[1], image.shape[0]) == size:
        return image
    return np.asarray(Image.fromarray(image).resize(size, Image.Resampling.LANCZOS))


def shrink_mask(mask_bits: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Scale a bit-per-class mask so a target pixel has a class bit when any source pixel under it has it."""
    height, width = mask_bits.shape
    out_w, out_h = size
    out = np.zeros((out_h, out_w), dtype=np.uint8)
    ys, xs = np.nonzero(mask_bits)  # lesions are sparse: touch only labelled pixels
    if ys.size:
        target_y, target_x = ys * out_h // height, xs * out_w // width
        values = mask_bits[ys, xs]
        present = int(np.bitwise_or.reduce(values))
        for bit in (1 << i for i in range(8) if present & (1 << i)):
            chosen = (values & bit) != 0
            out[target_y[chosen], target_x[chosen]] |= bit  # repeated targets get the same value: safe
    return out


def shrink_cam(cam: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    resized = Image.fromarray(np.asarray(cam, dtype=np.float32), mode="F").resize(size, Image.Resampling.BILINEAR)
    return np.asarray(resized)


def encode_jpeg(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="JPEG", quality=JPEG_QUALITY, subsampling=0)  # 4:4:4 keeps colours
    return buffer.getvalue()


def _mask_matches(mask: np.ndarray | None, image: np.ndarray) -> bool:
    return mask is not None and mask.shape == image.shape[:2]


def _reader_provenance(doc: CaseDocument, ai_mask: np.ndarray | None, grading: DoubleReading | None
                       ) -> tuple[str, str]:
    """The reader's panel's title and note: drawn by the reader alone (no AI mask beside it, or nothing drawn), the AI's
    lesion masks taken unchanged (no box added), or the AI's corrected. A settled double reading's are the consensus,
    as its "Graded by" row says: titled so, arbitrated or agreed, whatever they were made from."""
    consensus = grading is not None and grading.settled
    title = (ARBITRATED_CONSENSUS if grading.arbiter else AGREED_CONSENSUS) if consensus else ""
    if not doc.mask.any() and not doc.boxes:
        return title, NO_LESIONS if consensus else NO_READER_LESIONS
    if ai_mask is None:
        return title, ""
    lesions = np.uint8(sum(cls.bit for cls in LESION_CLASSES))
    if not doc.boxes and np.array_equal(doc.mask & lesions, ai_mask & lesions):
        return title, AI_MASKS_UNCHANGED
    return title or READER_CORRECTED, ""


def make_panels(eye: EyeInput, template: str, max_px: int) -> list[Panel]:
    """The template's panels for one eye, each at most ``max_px`` on its longer side; an OCT B-scan without lesion
    marks gets no lesion overlays (report_kind.shows_lesions). A B-scan whose pixels are not square is printed as the
    canvas draws it: at its true shape where ``eye.true_shape`` (annotations.pixel_spacing.shown_size), else square."""
    doc, image = eye.doc, eye.image
    kinds = [kind for kind in TEMPLATE_PANELS[template] if shows_lesions(doc) or kind not in LESION_PANELS]
    shown_width, shown_height = shown_size(doc.width, doc.height, eye.pixel_spacing, eye.true_shape)
    aspect = shown_width / shown_height if doc.height else 1.5
    if image is None:
        return [Panel(kind, None, NO_IMAGE, aspect, eye.address, modality=doc.modality) for kind in kinds]
    size = scaled_size(*shown_size(image.shape[1], image.shape[0], eye.pixel_spacing, eye.true_shape), max_px)
    small = shrink_image(image, size)
    scale_x, scale_y = size[0] / image.shape[1], size[1] / image.shape[0]
    ai = doc.ai
    panels = []
    for kind in kinds:
        note, title, picture, drawn = "", "", None, frozenset[LesionClass]()
        if kind == "original":
            picture = small
        elif kind == "reader":
            picture = draw_boxes(overlay_mask(small, shrink_mask(doc.mask, size)), doc.boxes, scale_x, scale_y)
            drawn = frozenset(drawn_classes(doc.mask, doc.boxes))
            title, note = _reader_provenance(doc, ai.mask if ai is not None and _mask_matches(ai.mask, image) else None,
                                             eye.double_reading)
        elif ai is None:
            note = NO_AI_RESULT
        elif kind == "ai":
            if _mask_matches(ai.mask, image):
                picture = overlay_mask(small, shrink_mask(ai.mask, size))
                drawn = frozenset(drawn_classes(ai.mask))
            else:
                note = NO_AI_MASK
        elif kind == "cam":
            if ai.cam is not None:  # kept reduced (or image size in older results): stretched to the panel
                picture = overlay_heatmap(small, shrink_cam(ai.cam, size))
            else:
                note = NO_CAM
        panels.append(Panel(kind, None if picture is None else encode_jpeg(picture), note, aspect, classes=drawn,
                            title_text=title))
    return panels


class PanelCache:
    """Panels already made for a case, so rebuilding a report while the reader types does no image work again.

    Keyed by the identity of the case's mask and image arrays, which the report's copies of a case share (each build
    copies the document to shorten its texts: limits.bounded); the cache holds both, so that their identities are
    not reused while it is kept. Use one cache only while the cases are not edited (the report dialog is modal)."""

    def __init__(self) -> None:
        self._panels: dict[tuple[int, int, str, int], tuple[np.ndarray, np.ndarray | None, list[Panel]]] = {}

    def get(self, eye: EyeInput, template: str, max_px: int) -> list[Panel]:
        key = (id(eye.doc.mask), id(eye.image), template, max_px)
        if key not in self._panels:
            self._panels[key] = (eye.doc.mask, eye.image, make_panels(eye, template, max_px))
        return self._panels[key][2]
