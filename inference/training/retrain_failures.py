"""What the retrain comparison's Current column says when it has no figures because something failed, for every
task alike (retrain.py's classifiers, retrain_drawn.py's lesion pipeline). A failure while comparing never fails the
run: that would discard the model just trained, which keeps its own held-out figures for the person to choose."""
from __future__ import annotations

import logging

from annotations.errors import FileProblem
from inference.device import DeviceError
from inference.training import messages as msg
from inference.training.retrain_results import CURRENT_UNUSABLE, DEVICE_UNUSABLE, NOT_SCORED, ModelScore

FAILURES = (FileProblem, ValueError, RuntimeError, OSError)  # a model (its ModelError names it), the device, a photo

log = logging.getLogger(__name__)


def current_unusable(exc: Exception) -> ModelScore:
    """Current when what it runs on cannot be had: the device (its own message says why: it is not the models'
    fault) or a model in use (its ModelError names the file). The traceback goes to the log: FAILURES is broad, and
    a bug caught by it would otherwise leave only its message."""
    log.warning("the current choice could not be loaded for the retrain comparison", exc_info=exc)
    if isinstance(exc, DeviceError):
        return ModelScore(DEVICE_UNUSABLE, None, msg.DEVICE_NOT_USABLE.format(reason=exc))
    return ModelScore(CURRENT_UNUSABLE, None, str(exc))


def not_scored(exc: Exception) -> ModelScore:
    """Current when the models loaded but scoring failed (a held-out photo, the pipeline), the note saying why; the
    traceback goes to the log, as in ``current_unusable``."""
    log.warning("the retrain comparison could not be scored", exc_info=exc)
    return ModelScore(NOT_SCORED, None, msg.NOT_SCORED_WHY.format(reason=exc))
