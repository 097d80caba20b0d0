"""The table `evaluate boxes` prints of box_eval.json's figures (inference.box_eval): per class recall and precision,
the lesions-present AUC, the optic disc's hit rate, and the box labels no class was named for. In ``translate``'s
language (the command's, app.command_words; English, the default, needs no Qt); ``split`` shows the split as
box_eval words it. bench/bench_classical.py prints it too."""
from __future__ import annotations

from typing import Any, Callable

from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP
from annotations.text_columns import terminal_width
from annotations.wording import Translate, english, fill, join_items
from app import evaluate_command_messages as msg

# each column's heading and width, the first left-aligned (the class), the others right-aligned
COLUMNS = ((msg.CLASS, 6), (msg.BOXES, 7), (msg.HIT, 6), (msg.RECALL, 8), (msg.COMPONENTS, 7), (msg.IN_BOX, 8),
           (msg.PRECISION, 10))
MISSING = "—"  # a figure not defined (no box, no component)


def box_table(result: dict[str, Any], translate: Translate = english, split: Callable[[str], str] = str) -> str:
    """The table's lines, joined."""
    def said(template: str, **values: object) -> str:
        return fill(translate(msg.CONTEXT, template), **values)

    def show(value: float | None) -> str:
        return f"{MISSING:>4}" if value is None else f"{value:.3f}"

    lines = [said(msg.TABLE_TITLE, model=result["model"], images=result["images"], split=split(result["split"])),
             _row([translate(msg.CONTEXT, heading) for heading, _ in COLUMNS])]
    for name, c in result["classes"].items():
        lines.append(_row([name, c["boxes"], c["boxes_hit"], show(c["recall"]), c["components"],
                           c["components_in_box"], show(c["precision"])]))
    present, disc = result["lesions_present"], result["optic_disc"]
    lines += [said(msg.LESIONS_PRESENT, auc=show(present["roc_auc"]), positives=present["positives"],
                   negatives=present["negatives"]),
              said(msg.OPTIC_DISC, rate=show(disc["hit_rate"]), hits=disc["hits"], images=disc["images"]),
              said(msg.SECONDS_PER_IMAGE, seconds=f"{result['seconds_per_image']:.2f}")]
    if result.get("skipped_labels"):
        named = join_items((said(msg.LABEL_IN_FILES if files > 1 else msg.LABEL_IN_FILE, label=label, count=files)
                            for label, files in result["skipped_labels"].items()), translate)
        lines.append(said(msg.SKIPPED_LABELS, labels=named, example=IDRID_CODRAS_LABEL_MAP))
    return "\n".join(lines)


def _row(cells: list[object]) -> str:
    """One line of the table: each cell padded to its column's width as a terminal shows it (a Chinese character
    takes two columns)."""
    texts = [str(cell) for cell in cells]
    padded = [text + " " * (width - terminal_width(text)) if number == 0
              else " " * (width - terminal_width(text)) + text
              for number, (text, (_, width)) in enumerate(zip(texts, COLUMNS))]
    return "".join(padded)


