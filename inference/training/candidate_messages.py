"""What `train candidates` says while it runs (inference.training.candidate_run, candidate_trainer, region_run), as
templates: filled with ``.format`` in English, matched and shown in the interface's language by the command
(app/inference_messages.py). Its figures (a recall's or the validation's dictionaries) are shown as written, under
the names the card keeps them by."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "CandidateTraining"
CANDIDATES_FOUND = QT_TRANSLATE_NOOP("CandidateTraining", "candidates on the training photos: {recall}")
STEP = QT_TRANSLATE_NOOP("CandidateTraining", "step {step}/{steps}: loss {loss}")  # every 500 steps of a classifier
FOLD = QT_TRANSLATE_NOOP("CandidateTraining", "fold {names}")  # HE: the photos a fold's classifier leaves out
FOLDS_THRESHOLD = QT_TRANSLATE_NOOP("CandidateTraining", "threshold (best Dice of the training photos' out-of-fold "
                                                         "scores): {threshold}")
# blending with a lesion model (--blend-with): its map levelled onto the classifier's cut, then the blend's threshold
LEVELLED = QT_TRANSLATE_NOOP("CandidateTraining", "the partner's map levelled from its threshold {own} onto the "
                                                  "classifier's {threshold}")
BLEND_THRESHOLD = QT_TRANSLATE_NOOP("CandidateTraining", "threshold (best Dice of the blend on the validation "
                                                         "photos): {threshold}")
VALIDATION = QT_TRANSLATE_NOOP("CandidateTraining", "validation {cls}: model {model}, shipped now {shipped}")
NOT_WRITTEN = QT_TRANSLATE_NOOP("CandidateTraining", "not written: the model does not beat the shipped {cls} on the "
                                                     "validation photos")
WRITTEN = QT_TRANSLATE_NOOP("CandidateTraining", "model: {folder}")
PROGRESS: tuple[str, ...] = (CANDIDATES_FOUND, STEP, FOLD, FOLDS_THRESHOLD, LEVELLED, BLEND_THRESHOLD, VALIDATION,
                             NOT_WRITTEN, WRITTEN)
