"""The kinds of file `retina-review analyze` writes per image (``--outputs``: inference.outputs writes them) and their
names, without torch: the command refuses an unknown kind, and plans the files' names, before a model loads."""
from __future__ import annotations

from typing import Iterable

from annotations.classes import ALL_CLASSES
from annotations.wording import join_items
from inference import messages as msg

OUTPUT_CHOICES: tuple[str, ...] = ("json", "mask", "overlay", "cam", "probabilities")
DEFAULT_OUTPUTS: tuple[str, ...] = ("json", "mask")  # archive-sized: ~0.1 MB per 12-megapixel photo


def parse_outputs(text: str) -> tuple[str, ...]:
    """``"json,mask"`` -> ("json", "mask") in OUTPUT_CHOICES order; raises ValueError naming an unknown kind."""
    asked = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(asked - set(OUTPUT_CHOICES))
    if unknown or not asked:
        raise ValueError(msg.UNKNOWN_OUTPUT.format(kinds=join_items(unknown) or msg.NONE_GIVEN,
                                                   choices=",".join(OUTPUT_CHOICES)))
    return tuple(kind for kind in OUTPUT_CHOICES if kind in asked)


def output_names(stem: str, outputs: Iterable[str] = OUTPUT_CHOICES) -> list[str]:
    """Every file write_outputs may write for ``stem`` (checked together before the first is written)."""
    outputs = set(outputs)
    names = {"json": [f"{stem}.json"], "mask": [f"{stem}_mask.png"], "overlay": [f"{stem}_overlay.jpg"],
             "cam": [f"{stem}_cam.jpg"], "probabilities": [f"{stem}_prob_{cls.name}.png" for cls in ALL_CLASSES]}
    return [name for kind in OUTPUT_CHOICES if kind in outputs for name in names[kind]]
