"""What `evaluate seg` and `train seg` print of a lesion segmentation's figures under their summary, as
evaluation.json holds them (inference.evaluation): each class's pixel figures, or that it has no ground truth (no
mask marks it on these images, so a Dice would say only whether it was predicted), and the box figures of each class
scored by its boxes (boxed with none of it painted): without them a data set labelled by boxes printed no figure.
In ``translate``'s language (the command's, app.command_words); the figures' names are evaluation.json's."""
from __future__ import annotations

from typing import Any

from annotations.wording import QT_TRANSLATE_NOOP, Translate, english, fill

CONTEXT = "SegmentationFigures"
INDENT = "  "  # a class's line, under the summary or the heading
NO_GROUND_TRUTH = QT_TRANSLATE_NOOP("SegmentationFigures", "{name}: no pixel ground truth (no mask marks it here; "
                                                           "{pixels} pixels predicted)")
BOXES_HEADING = QT_TRANSLATE_NOOP("SegmentationFigures", "scored by boxes (box_hit_rate: the share of boxes holding a "
                                                         "predicted pixel; outside_positive_fraction: the share of "
                                                         "pixels outside the boxes predicted):")
BOXED = QT_TRANSLATE_NOOP("SegmentationFigures", "{name}: boxes {boxes}, box_hit_rate {hit_rate}, "
                                                 "outside_positive_fraction {outside}")
NOT_BOXED = QT_TRANSLATE_NOOP("SegmentationFigures", "{name}: no boxes, outside_positive_fraction {outside}")


def segmentation_lines(metrics: dict[str, Any], translate: Translate = english) -> list[str]:
    """The lines for ``metrics`` (a segmentation's; none for another task's)."""
    def said(template: str, **values: object) -> str:
        return INDENT + fill(translate(CONTEXT, template), **values)

    lines = []
    for name, values in metrics.get("per_class", {}).items():
        if values.get("truth_pixels"):
            lines.append(f"{INDENT}{name}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                                         for k, v in values.items()))
        else:
            lines.append(said(NO_GROUND_TRUTH, name=name, pixels=values.get("predicted_pixels", 0)))
    if boxes := metrics.get("boxes"):
        lines.append(translate(CONTEXT, BOXES_HEADING))
        for name, values in boxes.items():
            outside = f"{values['outside_positive_fraction']:.4f}"
            lines.append(said(BOXED, name=name, boxes=values["boxes"], hit_rate=f"{values['box_hit_rate']:.3f}",
                              outside=outside) if values["boxes"] else said(NOT_BOXED, name=name, outside=outside))
    return lines
