"""A classical, training-free lesion detector: the baseline and the fallback when no model file is installed.

Bright lesions (EX) by background estimation in the green channel, dark lesions (HE, with small round ones as MA)
by top-hat with vessel suppression, the optic disc (OD) by brightness and shape. Works on a copy whose field of
view is WORK_DIAMETER px across and maps its maps back, so a 4288x2848 photo takes well under a second.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Collection, Iterator, Mapping

import numpy as np

from annotations.classes import LesionClass
from annotations.progress import NullState, TaskState, check_cancelled
from inference.classical.bright import bright_lesions
from inference.classical.dark import dark_lesions
from inference.classical.optic_disc import disc_at, find_fovea, find_optic_disc
from inference.classical.working import make_working_copy
from inference.preprocess import FieldOfView, find_fov
from inference.stored_maps import BoxedMap

MASK_THRESHOLD = 0.5


@dataclass
class ClassicalResult:
    mask_bits: np.ndarray  # uint8, image size, LesionClass bits (MA, HE, EX, OD)
    probabilities: OriginalSizeMaps  # float32 0..1, image size (made when read)
    od_center: tuple[float, float] | None  # (x, y) in image pixels
    od_radius: float | None


def detect_lesions(image_rgb: np.ndarray, fov: FieldOfView | None = None, state: TaskState | None = None,
                   disc_centre: tuple[float, float] | None = None,
                   classes: Collection[LesionClass] = tuple(LesionClass)) -> ClassicalResult:
    """Lesion candidates for one RGB photo: maps and mask bits at the photo's size. ``disc_centre`` (image px), e.g.
    from a disc model, replaces the detector's own disc finder. Only ``classes`` are detected (the disc is always
    found: the others depend on it). Raises Cancelled on request."""
    state = state or NullState()
    height, width = image_rgb.shape[:2]
    fov = fov if fov is not None else find_fov(image_rgb)
    state.progress(0.0, "classical detector: preparing")
    work = make_working_copy(image_rgb, fov)
    contrast = work.contrast()
    check_cancelled(state)
    state.progress(0.2, "classical detector: optic disc")
    disc = find_optic_disc(work) if disc_centre is None else disc_at(work, *disc_centre)
    check_cancelled(state)
    state.progress(0.4, "classical detector: bright lesions")
    maps = {LesionClass.EX: bright_lesions(work, contrast, disc)} if LesionClass.EX in classes else {}
    check_cancelled(state)
    state.progress(0.6, "classical detector: dark lesions")
    if LesionClass.MA in classes or LesionClass.HE in classes:
        maps[LesionClass.MA], maps[LesionClass.HE] = dark_lesions(work, contrast, disc, find_fovea(work, disc))
    maps[LesionClass.OD] = disc.probability(work.green.shape)
    maps = {cls: value for cls, value in maps.items() if cls in classes or cls is LesionClass.OD}
    check_cancelled(state)
    state.progress(0.8, "classical detector: mapping back")
    bits = np.zeros((height, width), np.uint8)
    x0, y0, x1, y1 = work.box
    for cls, value in maps.items():
        bits[y0:y1, x0:x1] |= np.multiply(work.reached_in_box(value, MASK_THRESHOLD), np.uint8(cls.bit))
    state.progress(1.0, "classical detector: done")
    centre = work.point_to_original(disc.x, disc.y)
    probabilities = OriginalSizeMaps(maps, lambda value: work.to_original(value, (width, height)), work.box,
                                     (width, height))
    return ClassicalResult(bits, probabilities, (float(centre[0]), float(centre[1])), float(disc.radius / work.scale))


class OriginalSizeMaps(Mapping[LesionClass, np.ndarray]):
    """Working-size maps that are brought to the image's size when read (each is 50 MB at 12 MP, and an analysis
    reads them only when it keeps probability maps)."""

    def __init__(self, maps: dict[LesionClass, np.ndarray], to_original: Callable[[np.ndarray], np.ndarray],
                 box: tuple[int, int, int, int], original_size: tuple[int, int]) -> None:
        self._maps, self._to_original = maps, to_original
        self._box, self._original_size = box, original_size  # where the working-size maps lie in the image
        self._done: dict[LesionClass, np.ndarray] = {}

    def boxed(self, cls: LesionClass) -> BoxedMap:
        """The class's working-size map and where it lies, without the full-size map."""
        return BoxedMap(self._maps[cls], self._box, self._original_size)

    def __getitem__(self, cls: LesionClass) -> np.ndarray:
        if cls not in self._done:
            self._done[cls] = self._to_original(self._maps[cls])
        return self._done[cls]

    def __contains__(self, cls: object) -> bool:  # Mapping's own would make the map to answer
        return cls in self._maps

    def __iter__(self) -> Iterator[LesionClass]:
        return iter(self._maps)

    def __len__(self) -> int:
        return len(self._maps)

