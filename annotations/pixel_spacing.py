"""The physical size of an image's pixel, as its file records it (a DICOM header's Pixel Spacing), and what a length
and an area on the image measure with it. An OCT B-scan's pixels are not square (about 3.9 µm deep, 11 µm across),
so a length takes each spacing in its own direction; the picture is drawn with square pixels, as OCT devices show a
B-scan by default, or, as the reader chooses, with each pixel stretched to its true shape. A calibrated fundus photo's
(photo_mm_per_px) is the scale of its findings and of its measuring tools."""
from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]  # (x, y) in image pixels

# Scale.source of a scale the file records (annotations.tools.measure): data, so English; shown in words by
# widgets/clinical_terms.scale_source_name
RECORDED_SCALE_SOURCE = "the DICOM header's Pixel Spacing"


@dataclass(frozen=True)
class PixelSpacing:
    """Millimetres between the centres of adjacent rows (down the image) and of adjacent columns (across it), in
    the order DICOM gives them; both positive."""

    row_mm: float
    column_mm: float

    @property
    def square(self) -> bool:
        return math.isclose(self.row_mm, self.column_mm, rel_tol=1e-6)

    def length_mm(self, start: Point, end: Point) -> float:
        """The distance from ``start`` to ``end``: the across part in column spacings, the down part in row ones."""
        return math.hypot((end[0] - start[0]) * self.column_mm, (end[1] - start[1]) * self.row_mm)

    def area_mm2(self, pixels: float) -> float:
        """The area of ``pixels`` image pixels, whatever their outline."""
        return pixels * self.row_mm * self.column_mm


def display_stretch(spacing: PixelSpacing | None, true_shape: bool) -> tuple[float, float]:
    """(across, down): how many times wider and taller than square each pixel is drawn. Square, one screen pixel per
    image pixel, unless ``true_shape``: OCT devices show a B-scan so by default (its thin layers stretched deep, as
    clinicians read them). At its true shape the coarser direction is stretched by the ratio of the spacings and the
    finer one kept, so every pixel stays visible; square or unknown pixels are drawn square either way."""
    if not true_shape or spacing is None or spacing.square:
        return 1.0, 1.0
    finer = min(spacing.row_mm, spacing.column_mm)
    return spacing.column_mm / finer, spacing.row_mm / finer


def shown_size(width: int, height: int, spacing: PixelSpacing | None, true_shape: bool) -> tuple[float, float]:
    """The (width, height) a ``width`` x ``height`` picture takes when drawn so (display_stretch)."""
    across, down = display_stretch(spacing, true_shape)
    return width * across, height * down


def photo_mm_per_px(recorded: PixelSpacing | None) -> float | None:
    """The scale, in mm per pixel, that a fundus photo whose file records ``recorded`` (a calibrated camera's DICOM
    Pixel Spacing, at the retina) takes for its lesion areas and distances: in the analysis, its findings, the report
    and the measuring tools alike (the one rule for all). None where the file records none, or pixels that are not
    square: a photo's findings hold one scale for both directions, so that photo keeps the analysis's own estimate
    (its optic disc's size, or its field of view's, assumed). A damaged value, or one that makes the photo larger than
    an eye (a placeholder such as 1\\1), the reader has refused already (annotations.dicom.pixel_measures)."""
    if recorded is None or not recorded.square:
        return None
    return recorded.column_mm
