"""A first word that names no command and no existing path, spelt as a command is (`retina-review analyse photos`,
`retina-review retrain --help`; after options written before a command, `--lang zh_CN analyse photos`: app.cli):
taken for a folder to open, it had opened the window on "analyse: not found" (and `--help` printed `open`'s help);
it is refused instead, with the command nearest it and the commands (context
"UnknownCommand"). A word with a path separator or a suffix (`photos/`, `a.jpg`) is a path, opened or said missing
as before."""
from __future__ import annotations

import difflib
import os
from typing import Sequence

from annotations.wording import QT_TRANSLATE_NOOP, join_items

CONTEXT = "UnknownCommand"
UNKNOWN = QT_TRANSLATE_NOOP("UnknownCommand", "unknown command '{word}'")
NEAREST = QT_TRANSLATE_NOOP("UnknownCommand", "unknown command '{word}'; did you mean '{nearest}'?")
COMMANDS = QT_TRANSLATE_NOOP("UnknownCommand", "commands: {commands}; and no file or folder named '{word}' exists to "
                                               "open")


def spelt_as_command(word: str) -> bool:
    """Whether ``word`` would be a command's name were it one: no option, no path separator, no suffix, and no
    existing file or folder (a folder named `analyse` here opens, as a bare folder does)."""
    separators = {"/", os.sep, os.altsep or "/"}
    return (bool(word) and not word.startswith("-") and "." not in word and not separators & set(word)
            and not os.path.lexists(word))


def refusal(word: str, commands: Sequence[str], language: str) -> str:
    """Why ``word`` is refused, in ``language``: the command nearest it (difflib's), where one is near, and
    ``commands``."""
    from app.command_words import command_words

    nearest = difflib.get_close_matches(word, commands, n=1)
    with command_words(language) as words:
        first = words.said(CONTEXT, NEAREST, word=word, nearest=nearest[0]) if nearest else \
            words.said(CONTEXT, UNKNOWN, word=word)
        return f"{first}\n{words.said(CONTEXT, COMMANDS, commands=join_items(commands, words.tr), word=word)}"
