"""The language a command line's parser speaks (its --help, usage and refusals), found before the line is parsed, from
the options that choose the language of the command's own lines (app.command_words.interface_language): its --lang
(every command's: app.language_option), else the Settings' choice in the file it reads (--settings: `open`'s where it
may be one, `report`'s), else the user's Settings, else the system's locale."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence

from app.command_words import interface_language


def parser_language(command: str | None, options: Sequence[str]) -> str:
    """The language of ``command``'s parser (None: the program's), ``options`` the command line after it."""
    scan = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    scan.add_argument("--lang")
    scan.add_argument("--settings", type=Path)
    try:
        given = scan.parse_known_args(list(options))[0]
    except argparse.ArgumentError:  # `--settings` with no file: the command's parser says so
        given = argparse.Namespace(lang=None, settings=None)
    if command == "open":
        from app.commands.open import interface_language_of

        return interface_language_of(given.lang, given.settings)
    return interface_language(given.lang, given.settings if command == "report" else None)
