"""What an analysis says while it works, in the interface's language: the pipeline's steps (inference/pipeline.py,
inference/tiling.py), which the window's status bar shows (app.analysis_controller), and what `analyze`'s progress
bar shows, the batch's engines (inference/batch/local_engine.py, ray_engine.py) naming each photo before its step."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP
from widgets.domain_messages import CASE_NAME
from widgets.known_texts import AsWritten, KnownTexts, most_specific

PIPELINE_PROGRESS = KnownTexts("AnalysisController", (
    QT_TRANSLATE_NOOP("AnalysisController", "{image}: loading"),
    QT_TRANSLATE_NOOP("AnalysisController", "finding the field of view"),
    QT_TRANSLATE_NOOP("AnalysisController", "checking image quality"),
    QT_TRANSLATE_NOOP("AnalysisController", "segmenting lesions"),
    QT_TRANSLATE_NOOP("AnalysisController", "locating the optic disc"),
    QT_TRANSLATE_NOOP("AnalysisController", "finding lesions"),
    QT_TRANSLATE_NOOP("AnalysisController", "rescoring lesion candidates"),
    QT_TRANSLATE_NOOP("AnalysisController", "placing the optic disc"),
    QT_TRANSLATE_NOOP("AnalysisController", "measuring findings"),
    QT_TRANSLATE_NOOP("AnalysisController", "grading"),
    QT_TRANSLATE_NOOP("AnalysisController", "lesions present"),
    QT_TRANSLATE_NOOP("AnalysisController", "referable DR"),
    QT_TRANSLATE_NOOP("AnalysisController", "checking scan quality"),
    QT_TRANSLATE_NOOP("AnalysisController", "classifying the OCT scan"),
    QT_TRANSLATE_NOOP("AnalysisController", "tile {number} of {count}"),
    QT_TRANSLATE_NOOP("AnalysisController", "done")))

# A photo of a batch, named as annotations.case_names names it (PhotoTask.name): the local engine's "3/128 'a.png'"
# (annotations.progress.NamedState adds ": " and the pipeline's step), the Ray engine's "3/128 'a.png': done" and
# "3/128 'a.png': failed" (inference.batch.ray_shard), as each photo comes back.
NUMBER = AsWritten("[0-9]+")
BATCH_PROGRESS = KnownTexts("BatchProgress", (
    QT_TRANSLATE_NOOP("BatchProgress", "{number}/{count} {image}: {step}"),
    QT_TRANSLATE_NOOP("BatchProgress", "{number}/{count} {image}"),
    QT_TRANSLATE_NOOP("BatchProgress", "{number}/{count} {image}: failed")),
    parts={"number": (NUMBER,), "count": (NUMBER,), "image": (CASE_NAME,), "step": (PIPELINE_PROGRESS,)})


def batch_progress(message: str) -> str:
    """What a batch's engine said, in the interface's language; a message none of these match as written."""
    shown = most_specific((BATCH_PROGRESS, PIPELINE_PROGRESS), message)
    return message if shown is None else shown.text

