"""The --lang every command takes: the language of what the command prints (its lines, help and refusals) for one
run, over the Settings' choice and the system's locale (app.command_words.interface_language), written after the
command or before it (`retina-review --lang zh_CN export …`: app.cli moves it after). app.parser_language reads it
before the line is parsed. `open`'s is the window's language too and `report`'s the report's: each adds its own."""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Callable

from app.command_help import common
from app.i18n import LANGUAGES

if TYPE_CHECKING:
    from app.command_words import CommandWords


def add_language_option(parser: argparse.ArgumentParser, words: CommandWords) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, metavar="|".join(LANGUAGES),
                        help=words.tr(common.CONTEXT, common.LANG))


def in_its_language(run: Callable[[argparse.Namespace, CommandWords], int]) -> Callable[[argparse.Namespace], int]:
    """A command's ``run(args, words)`` as its parser's func: run in the words of the language its --lang says."""

    def run_in_language(args: argparse.Namespace) -> int:
        from app.command_words import command_words, interface_language  # the commands import what they run when run

        with command_words(interface_language(args.lang)) as words:
            return run(args, words)
    return run_in_language
