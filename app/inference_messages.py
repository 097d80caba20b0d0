"""Texts that inference/ writes in English (a model, device, data set or training run that cannot be used, a
model card's problems, an analysis' defects, the retrain notes), shown in the interface's language.

One KnownTexts per context, built from the very templates inference/ formats (its ``messages`` modules), as
widgets/domain_messages.py does for annotations/; it lives in app/ because widgets/ may not import inference/.
``shown_message`` tries these and annotations/' texts, the most specific that matches winning: every place that
shows what an analysis, a model load or a retraining said calls it (the status bar, the settings dialog, the
retrain dialog)."""
from __future__ import annotations

from annotations import errors
from annotations.wording import CLAUSE_SEPARATOR
from inference import messages as inference_messages
from inference.batch import messages as batch_messages
from inference.training import candidate_messages
from inference.training import messages as training_messages
from widgets import domain_messages
from widgets.known_texts import AsWritten, KnownTexts, ListOf, most_specific

WORDS, NAMES = domain_messages.WORDS, domain_messages.NAMES  # lists, in the interface's language (wording.join_items)
CARD_PROBLEMS = KnownTexts("CardProblems", inference_messages.CARD_PROBLEMS,
                           {kind: kind for kind in inference_messages.JSON_KINDS},
                           parts={"flags": (WORDS,), "names": (WORDS,), "known": (WORDS,), "modes": (WORDS,),
                                  "views": (WORDS,)})
WEIGHT_PROBLEMS = KnownTexts("WeightProblems", inference_messages.WEIGHT_PROBLEMS)
MODEL_TEXTS = KnownTexts(
    "ModelMessages", inference_messages.MODEL_TEMPLATES,
    {text: text for text in (inference_messages.NONE_INSTALLED, *inference_messages.NETWORK_KINDS)},
    parts={"problems": (ListOf(CARD_PROBLEMS, CLAUSE_SEPARATOR),),
           "details": (ListOf(WEIGHT_PROBLEMS, CLAUSE_SEPARATOR),), "known": (WORDS,),
           "searched": (NAMES,), "fields": (WORDS,), "candidates": (WORDS,), "choices": (WORDS,),
           "error": domain_messages.SYSTEM_REASON})  # a model card's JSON that stops early (decoder_reasons)
# a ModelError is a FileProblem whose reason and hint are the model's (or a file's: an unreadable model card)
MODEL_PROBLEMS = KnownTexts("FileProblem", errors.TEMPLATES,
                            parts={"reason": (MODEL_TEXTS, *domain_messages.FILE_REASONS),
                                   "hint": (MODEL_TEXTS, *domain_messages.FILE_REASONS)})
# the interface chooses the device in Settings, not with --device: its advice wherever a device is not available
# (the status bar, the retrain dialog's failure and its comparison's note)
ANALYSIS_TEXTS = KnownTexts("AnalysisMessages", inference_messages.ANALYSIS_TEMPLATES,
                            {inference_messages.USE_AUTO_OR_CPU: inference_messages.AUTO_OR_CPU_IN_SETTINGS},
                            parts={"choices": (WORDS,)})
# a damaged hard-negatives file: the interface meets one only in retraining's export, which retraining writes afresh
DATA_TEXTS = KnownTexts("DataMessages", inference_messages.DATA_TEMPLATES,
                        {inference_messages.EXPORT_DATASET_AGAIN: inference_messages.RETRAIN_EXPORTS_AGAIN},
                        parts={"error": domain_messages.SYSTEM_REASON})  # a damaged file's JSON (decoder_reasons)
PROCESS_ENDS = KnownTexts("ProcessEnds", training_messages.PROCESS_ENDS)
TRAINING_TEXTS = KnownTexts("TrainingMessages", training_messages.TEMPLATES,
                            parts={"how": (PROCESS_ENDS,), "choices": (WORDS,), "classes": (WORDS,),
                                   "fields": (WORDS,), "problem": (domain_messages.FILE_PROBLEMS,),
                                   # why the retrain comparison was not scored: a model, the analysis, a photo
                                   "reason": (MODEL_PROBLEMS, ANALYSIS_TEXTS, DATA_TEXTS, AsWritten())})
# TrainConfig refuses with all its problems in one text, each shown in the interface's language: ListOf tells a
# problem's own "; use one of …" from the separator, where one template alone would take the problems after the
# first for its figures. A {value} is a number, one word; an {option} is an option's name (--size), a {name} the
# value given as repr quotes it, any text: "{option} {value} must be …" with two open-ended figures made a long text
# no template matches take seconds (each split of its words tried for each run of its clauses)
CONFIG_TEXTS = KnownTexts("TrainConfig", training_messages.CONFIG_PROBLEMS,
                          parts={"choices": (WORDS,), "value": (AsWritten(r"\S+"),)})
CONFIG_PROBLEMS = ListOf(CONFIG_TEXTS, CLAUSE_SEPARATOR)
BATCH_TEXTS = KnownTexts("BatchMessages", batch_messages.TEMPLATES,
                         parts={"photos": (NAMES,), "reason": (domain_messages.READ_ONLY_REASONS,),
                                "holder": (domain_messages.LOCK_HOLDERS,)})

# the families a text may be one of, with annotations/' (domain_messages.SHOWN): the most specific that matches it
# shows it (known_texts.most_specific), as a FileProblem's "{path}: {reason}" also matches a note naming one after a
# colon (NOT_SCORED_WHY)
SHOWN = (CONFIG_PROBLEMS, TRAINING_TEXTS, MODEL_PROBLEMS, ANALYSIS_TEXTS, DATA_TEXTS, BATCH_TEXTS)

# What only the command line says (`analyze`: app.command_words.CommandWords.shown_inference): where a device is not
# available, its own advice (--device); a batch's photos that failed, each by its name, why a run cannot start, and
# the Ray cluster that runs it.
COMMAND_LINE_ANALYSIS_TEXTS = KnownTexts("AnalysisMessages", inference_messages.ANALYSIS_TEMPLATES,
                                         {inference_messages.USE_AUTO_OR_CPU: inference_messages.USE_AUTO_OR_CPU},
                                         parts={"choices": (WORDS,)})
STOP_CAUSES = KnownTexts("RayStops", batch_messages.STOP_CAUSES)  # Ray's own {cause} as written
PHOTO_ERRORS = KnownTexts("PhotoErrors", batch_messages.PHOTO_ERRORS,
                          parts={"first": (STOP_CAUSES,), "second": (STOP_CAUSES,), "cause": (STOP_CAUSES,)})
# why a photo failed, after its name: the analysis' own words (inference.pipeline.image_failure: a model's, a file's,
# the machine's memory), a file's reason alone after a B-scan's name (inference.batch.photo.named_error), or the
# batch's own; why its results could not be written or stored: the output folder's, the workspace's or the system's
PHOTO_REASONS = (PHOTO_ERRORS, COMMAND_LINE_ANALYSIS_TEXTS, MODEL_PROBLEMS, domain_messages.FILE_PROBLEMS,
                 *domain_messages.FILE_REASONS)
WRITE_ERRORS = (domain_messages.FILE_PROBLEMS, domain_messages.WORKSPACE_TEXTS, *domain_messages.SYSTEM_REASON)
BATCH_FAILURES = KnownTexts("BatchFailures", batch_messages.FAILURES,
                            parts={"image": (domain_messages.CASE_NAME, AsWritten()), "reason": PHOTO_REASONS,
                                   "error": WRITE_ERRORS})
RAY_WORKERS = KnownTexts("RayWorkers", batch_messages.WORKERS)
BATCH_RUN_TEXTS = KnownTexts(batch_messages.RUN_CONTEXT, batch_messages.RUN_TEMPLATES,
                             parts={"workers": (RAY_WORKERS,), "devices": (WORDS,)})
OUTPUT_TEXTS = KnownTexts("OutputMessages", inference_messages.OUTPUT_TEMPLATES,
                          {inference_messages.NONE_GIVEN: inference_messages.NONE_GIVEN}, parts={"kinds": (WORDS,)})
# what `train candidates` says while it runs: its figures as written, a fold's photos listed in the interface's language
CANDIDATE_PROGRESS = KnownTexts(candidate_messages.CONTEXT, candidate_messages.PROGRESS, parts={"names": (WORDS,)})
COMMAND_LINE_SHOWN = (CONFIG_PROBLEMS, TRAINING_TEXTS, MODEL_PROBLEMS, COMMAND_LINE_ANALYSIS_TEXTS, DATA_TEXTS,
                      BATCH_TEXTS, BATCH_FAILURES, BATCH_RUN_TEXTS, OUTPUT_TEXTS, CANDIDATE_PROGRESS)


def shown_message(text: str) -> str:
    """``text`` in the interface's language when inference/ or annotations/ wrote it from a template, else as
    written."""
    shown = most_specific((*SHOWN, *domain_messages.SHOWN), text)
    return text if shown is None else shown.text


def command_line_message(text: str) -> str:
    """``text`` as the command line says it in the interface's language (shown_message, with the command line's own
    advice and the batch's texts), else as written."""
    shown = most_specific((*COMMAND_LINE_SHOWN, *domain_messages.SHOWN), text)
    return text if shown is None else shown.text
