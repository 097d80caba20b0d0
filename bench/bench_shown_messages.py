"""Texts matched against the message templates on the GUI thread (app.inference_messages.shown_message): a long text
no template matches, and a model card's many problems as the settings dialog lists them. They once took 15 s and
14 s (a template's figures that could be split many ways; the tests check that shape is gone:
tests/gui/test_inference_messages.py), then the first 0.7 s (every run of clauses tried: widgets.known_texts.ListOf);
this prints the time."""
from __future__ import annotations

import json
import statistics
import time

ROUNDS = 3
UNMATCHED = "; ".join(["photo 'eye one left side.png' is too dark for the lesion detector to read"] * 200)


def main() -> None:
    from PySide6.QtCore import QCoreApplication

    from app.inference_messages import shown_message
    from inference.model_card import ModelCard, ModelError, default_card

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 - translate needs one
    fields = json.loads(default_card("lesion-segmentation").to_json())
    try:
        ModelCard.from_dict({field: [1, 2] for field in fields}).validate()  # each field "…, not a list"
    except ModelError as exc:
        card = str(exc)
    for name, text in (("200 unmatched clauses", UNMATCHED), (f"{card.count('; ') + 1} model card problems", card)):
        timings = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            shown_message(text)
            timings.append(time.perf_counter() - started)
        print(f"   {name}: {1000 * statistics.median(timings):.1f} ms (median of {ROUNDS})")
