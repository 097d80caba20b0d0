"""What the retrain comparison's Current column says when it has no figures because something failed, for every
task alike (retrain.py's classifiers, retrain_drawn.py's lesion pipeline). A failure while comparing never fails the
run: that would discard the model just trained, which keeps its own held-out figures for the person to choose. Nor
does the model just trained failing to load: it stays in its work folder, not offered, and says why."""
from __future__ import annotations

import logging
from pathlib import Path

from annotations.errors import FILE_PROBLEM, FileProblem
from inference.dataset import DataError
from inference.device import DeviceError, is_memory_shortage, is_out_of_memory
from inference.model_card import ModelError
from inference.pixel_eval import ShortOfMemory
from inference.training import messages as msg
from inference.training.retrain_results import CURRENT_UNUSABLE, DEVICE_UNUSABLE, NOT_SCORED, ModelScore

# a model (its ModelError names it), the device, a held-out photo or its labels (DataError names the file), the
# machine's memory (MemoryError: no bug, and loading or scoring for a comparison must not discard the new model);
# the export read again after training has its own narrower catch (retrain.EXPORT_UNREADABLE)
FAILURES = (FileProblem, DataError, ValueError, RuntimeError, OSError, MemoryError)

log = logging.getLogger(__name__)


def current_unusable(exc: Exception) -> ModelScore:
    """Current when what it runs on cannot be had: the device or the memory (``_machine_failure``: it is not the
    models' fault) or a model in use (its ModelError names the file). The traceback goes to the log: FAILURES is
    broad, and a bug caught by it would otherwise leave only its message."""
    log.warning("the current choice could not be loaded for the retrain comparison", exc_info=exc)
    return _machine_failure(exc) or ModelScore(CURRENT_UNUSABLE, None, str(exc))


def not_scored(exc: Exception) -> ModelScore:
    """Current when scoring failed (the exported data read again, a held-out photo, the pipeline, the device or the
    memory: see ``_machine_failure``), the note saying why; the traceback goes to the log, as in
    ``current_unusable``."""
    log.warning("the retrain comparison could not be scored", exc_info=exc)
    return _machine_failure(exc) or ModelScore(NOT_SCORED, None, msg.NOT_SCORED_WHY.format(reason=exc))


def new_model_unusable(folder: Path, exc: Exception) -> str:
    """Why the model just trained in ``folder`` cannot be used, from whatever loading it raised: the machine short of
    memory (not the model's fault, so not "train again"), a ModelError's file and reason (its hint, "copy the model
    again", is not for a model the program wrote), else the folder and the error's type and message (a bug building
    the network: a state dict that does not fit, a card field missing). Not offered either way: it was not checked.
    The traceback goes to the log, as in ``current_unusable``."""
    log.warning("the model just trained in %s could not be loaded", folder, exc_info=exc)
    if is_memory_shortage(exc):
        return msg.NEW_MODEL_UNCHECKED.format(folder=folder)
    if isinstance(exc, ModelError):
        reason = FILE_PROBLEM.format(path=exc.path, reason=exc.reason)
    else:  # an error without a message (a bare assert) is named by its type alone, as train_process does
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        reason = FILE_PROBLEM.format(path=folder, reason=error)
    return msg.NEW_MODEL_UNUSABLE.format(reason=reason)


def _machine_failure(exc: Exception) -> ModelScore | None:
    """Current when the machine failed, whatever it was running: the device cannot be used (its own message says
    why) or ran out of memory, or the machine lacks memory (as ``new_model_unusable`` tells them; torch's message, in
    the log, is for programmers); None when the machine is not to blame."""
    if isinstance(exc, DeviceError):
        return ModelScore(DEVICE_UNUSABLE, None, msg.DEVICE_NOT_USABLE.format(reason=exc))
    if is_out_of_memory(exc):
        return ModelScore(DEVICE_UNUSABLE, None, msg.DEVICE_OUT_OF_MEMORY)
    if is_memory_shortage(exc) or isinstance(exc, ShortOfMemory):  # the latter: the pipeline's, on a held-out photo
        return ModelScore(NOT_SCORED, None, msg.NOT_SCORED_NO_MEMORY)
    return None
