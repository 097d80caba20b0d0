"""What training and scoring (inference.training) say while they run, in the interface's language: the retrain
dialog's stage (the export before them says EXPORT_PROGRESS) and the `train` and `evaluate` commands' progress bars
(app.training_words). Widgets may not import inference (DESIGN.md), so these repeat its texts (retrain_results'
constants among them); the context stays the dialog's, where they were first translated."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from widgets.known_texts import KnownTexts

# a training step's word (inference.training.run): Finish now ends the training after one, so the dialog offers it
# only while these come
STEP_PROGRESS = QT_TRANSLATE_NOOP("RetrainDialog", "epoch {epoch}/{epochs}, step {step}/{steps}, loss {loss}")
TRAINING_STEP = KnownTexts("RetrainDialog", (STEP_PROGRESS,))
TRAINING_PROGRESS = KnownTexts("RetrainDialog", (
    QT_TRANSLATE_NOOP("RetrainDialog", "starting the training process…"),
    QT_TRANSLATE_NOOP("RetrainDialog", "checking {image}"),
    QT_TRANSLATE_NOOP("RetrainDialog", "preparing {image}"),
    QT_TRANSLATE_NOOP("RetrainDialog", "1 image prepared ({cached} from the cache)"),
    QT_TRANSLATE_NOOP("RetrainDialog", "{count} images prepared ({cached} from the cache)"),
    STEP_PROGRESS,
    QT_TRANSLATE_NOOP("RetrainDialog", "checking that the new model loads…"),
    QT_TRANSLATE_NOOP("RetrainDialog", "loading the current models for the comparison…"),
    QT_TRANSLATE_NOOP("RetrainDialog", "evaluating {image} for the new model's own held-out figures"),  # training's
    QT_TRANSLATE_NOOP("RetrainDialog", "evaluating {image} for the Current column"),  # the comparison's
    QT_TRANSLATE_NOOP("RetrainDialog", "evaluating {image} for the New column"),
    QT_TRANSLATE_NOOP("RetrainDialog", "evaluated"),
    QT_TRANSLATE_NOOP("RetrainDialog", "retraining done")))
