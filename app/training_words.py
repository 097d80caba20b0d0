"""What `train` and `evaluate` show of inference/'s texts that are no error: their progress bars' (training's steps in
the retrain dialog's words, widgets.training_progress; evaluation's and the saved model's in the commands' own) and
the split a box evaluation names (box_eval.json keeps it in English). As written in English, with no Qt; in another
language each text is matched against its templates (widgets.known_texts), one it does not match shown as written.
Their errors and notes are CommandWords.shown_inference's."""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable

from app import evaluate_command_messages as evaluate_msg
from app import train_command_messages as train_msg

if TYPE_CHECKING:
    from app.command_words import CommandWords
    from widgets.known_texts import Family


def progress_words(words: CommandWords) -> Callable[[str], str]:
    """How a progress bar of `train` or `evaluate` words what the work says (TextProgressBar's ``said``)."""
    return str if words.english else functools.partial(_shown, _progress_texts())


def split_words(words: CommandWords) -> Callable[[str], str]:
    """How the box table words box_eval's split (app.box_table's ``split``)."""
    return str if words.english else functools.partial(_shown, _split_texts())


@functools.cache
def _progress_texts() -> tuple[Family, ...]:
    from widgets.known_texts import KnownTexts
    from widgets.training_progress import TRAINING_PROGRESS

    return (TRAINING_PROGRESS, KnownTexts(train_msg.CONTEXT, (train_msg.SAVED,)),
            KnownTexts(evaluate_msg.CONTEXT, evaluate_msg.PROGRESS))


@functools.cache
def _split_texts() -> tuple[Family, ...]:
    from widgets.known_texts import KnownTexts

    return (KnownTexts(evaluate_msg.CONTEXT, evaluate_msg.SPLITS),)


def _shown(texts: tuple[Family, ...], text: str) -> str:
    from widgets.known_texts import most_specific

    shown = most_specific(texts, text)
    return text if shown is None else shown.text
