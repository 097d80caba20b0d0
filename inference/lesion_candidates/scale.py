"""The scale the candidates classifier learned, in field-of-view pixels: plain numbers (no torch), so the settings
dialog can say on which photos the candidates model runs without loading it."""
from __future__ import annotations

import math

PATCH_LEVEL_DIAMETER = 1700  # px: IDRiD's 3400 px field halved; an MA is then about 3-12 px across
# the halvings put a field of 1202-2404 px on the patch level; a smaller field (a 1024 px photo's: 820 px) would show
# the classifier dots at under 0.7 of the scale it learned, where texture passes for dots: it is not analysed
MIN_FIELD_DIAMETER = PATCH_LEVEL_DIAMETER / math.sqrt(2)


def candidates_run_on(field_diameter: float) -> bool:
    """The candidates model runs on a photo whose field of view is this many px across (MIN_FIELD_DIAMETER)."""
    return field_diameter >= MIN_FIELD_DIAMETER
