"""An option naming the one file a command writes (report's --out and --dicom, open's --screenshot): a folder is
refused as the command line is parsed. argparse's Path drops a trailing separator, so `--out reports/`, a folder
meant, wrote a file named `reports`; an existing folder was refused only once the report was built, as a file in
the way."""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from annotations.wording import QT_TRANSLATE_NOOP, fill
from app.command_parser import value_check

if TYPE_CHECKING:
    from app.command_words import CommandWords

CONTEXT = "FileOption"
NAMES_A_FOLDER = QT_TRANSLATE_NOOP("FileOption", "{text} names a folder: give the file's own name, e.g. {example}")
_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep)


def file_to_write(words: CommandWords, example: str) -> Callable[[str], Path]:
    """The option's ``type`` for argparse: its text as a Path, a folder refused in ``words`` (the parser's language),
    suggesting the file ``example`` in it."""
    return value_check(functools.partial(_file, example=example), words.tr(CONTEXT, NAMES_A_FOLDER))


def _file(text: str, refusal: str, example: str) -> Path:
    if text.endswith(_SEPARATORS) or Path(text).is_dir():
        raise ValueError(fill(refusal, text=repr(text), example=Path(text) / example))
    return Path(text)
