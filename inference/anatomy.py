"""Population averages of the retina's layout on a 45-degree fundus photo, used wherever a size or place is
guessed: the optic disc finder, the disc model's radius, the findings' scale and quadrants."""
from __future__ import annotations

OPTIC_DISC_DIAMETER_MM = 1.8
FOV_DIAMETER_MM_45_DEGREES = 12.0  # retinal width covered by a 45-degree fundus camera, roughly
# disc radius / field-of-view radius, measured on IDRiD's disc boxes (0.11-0.20); 1.8 mm / 12 mm would say 0.15, and
# the specialists' disc masks of idrid-seg say 0.153 (docs/models.md): no scale rests on it (findings.mm_per_pixel)
DISC_TO_FOV_RADIUS = 0.13
FOVEA_DISTANCE_DISC_RADII = 5.0  # 2.5 disc diameters from the disc towards the centre of the field
FOVEA_DROP_DISC_RADII = 0.6  # the fovea sits slightly below the disc centre


def expected_fovea(disc: tuple[float, float], disc_radius: float, centre_x: float) -> tuple[float, float]:
    """Where anatomy puts the fovea: 2.5 disc diameters from the disc towards ``centre_x``, slightly below."""
    direction = 1.0 if disc[0] < centre_x else -1.0
    return (disc[0] + direction * FOVEA_DISTANCE_DISC_RADII * disc_radius,
            disc[1] + FOVEA_DROP_DISC_RADII * disc_radius)
