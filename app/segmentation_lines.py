"""What `evaluate seg` and `train seg` print of a lesion segmentation's figures under their summary, as
evaluation.json holds them (inference.evaluation): each class's pixel figures, or that it has no ground truth (no
mask marks it on these images, so a Dice would say only whether it was predicted), and the box figures of each class
scored by its boxes (boxed with none of it painted): without them a data set labelled by boxes printed no figure."""
from __future__ import annotations

from typing import Any

NO_GROUND_TRUTH = "  {name}: no pixel ground truth (no mask marks it here; {pixels} pixels predicted)"
BOXES_HEADING = ("scored by boxes (box_hit_rate: the share of boxes holding a predicted pixel; "
                 "outside_positive_fraction: the share of pixels outside the boxes predicted):")
BOXED = "  {name}: boxes {boxes}, box_hit_rate {hit_rate:.3f}, outside_positive_fraction {outside:.4f}"
NOT_BOXED = "  {name}: no boxes, outside_positive_fraction {outside:.4f}"


def segmentation_lines(metrics: dict[str, Any]) -> list[str]:
    """The lines for ``metrics`` (a segmentation's; none for another task's)."""
    lines = []
    for name, values in metrics.get("per_class", {}).items():
        if values.get("truth_pixels"):
            lines.append(f"  {name}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                                  for k, v in values.items()))
        else:
            lines.append(NO_GROUND_TRUTH.format(name=name, pixels=values.get("predicted_pixels", 0)))
    if boxes := metrics.get("boxes"):
        lines.append(BOXES_HEADING)
        for name, values in boxes.items():
            outside = values["outside_positive_fraction"]
            lines.append(BOXED.format(name=name, boxes=values["boxes"], hit_rate=values["box_hit_rate"],
                                      outside=outside) if values["boxes"] else
                         NOT_BOXED.format(name=name, outside=outside))
    return lines
