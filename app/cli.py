"""`retina-review` entry point: discovers the sub-commands in ``app.commands`` and dispatches."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from contextlib import nullcontext
from typing import Sequence

import app.commands
from annotations.command_end import USAGE_ERROR, run_command
from app import __version__
from app.allocator import keep_freed_memory
from app.command_help import common
from app.command_parser import CommandParser, ParserWords
from app.command_words import command_words
from app.i18n import ENGLISH
from app.logging_setup import configure_logging
from app.parser_language import parser_language
from app.stop_signals import stop_signals_interrupt
from app.unknown_command import refusal, spelt_as_command

DEFAULT_COMMAND = "open"
# the commands that take SIGTERM and SIGHUP their own way: the window closes as its close button does
# (app.window_signals); a training rank stopped by torchrun before its run began ends unheard, rank 0 saying why
OWN_STOP_SIGNALS = (DEFAULT_COMMAND, "train")
PROGRAM_FLAGS = ("-v", "--verbose")  # options of the program itself that take no value


def build_parser(language: str = ENGLISH) -> argparse.ArgumentParser:
    """The parser of the program and its commands, its help and refusals in ``language``."""
    with command_words(language) as words:
        parser = CommandParser(prog="retina-review", description=words.tr(common.CONTEXT, common.DESCRIPTION),
                               words=ParserWords.said_in(words))
        parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                            help=words.tr(common.CONTEXT, common.VERSION))
        parser.add_argument("-v", "--verbose", action="store_true", help=words.tr(common.CONTEXT, common.VERBOSE))
        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        for module_info in sorted(pkgutil.iter_modules(app.commands.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"app.commands.{module_info.name}")
            module.register(subparsers, words)
    return parser


def command_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return parser._subparsers._group_actions[0].choices if parser._subparsers else {}  # noqa: SLF001


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    return set(command_parsers(parser))


def with_default_command(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`retina-review`, `retina-review FOLDER` and `retina-review --lang zh_CN FOLDER` open the window: the
    default command goes in after the program's own options when no command is named. A command's options
    written before it (`retina-review --lang zh_CN open FOLDER`, `… --lang zh_CN report …`) move after it."""
    known = command_names(parser)
    if DEFAULT_COMMAND not in known:
        return argv
    start = program_options_end(argv)
    if start < len(argv) and (argv[start] in known or argv[start] in ("-h", "--help", "--version")):
        return argv
    named = next((i for i in range(start, len(argv)) if argv[i] in known), None)
    if named is not None and argv[start].startswith("-"):
        return argv[:start] + [argv[named]] + argv[start:named] + argv[named + 1:]
    if start == len(argv) and start > 0:
        return argv  # `retina-review -v` alone: as before, the help
    if unknown_command(parser, argv) is not None:
        return argv  # main refuses it
    return argv[:start] + [DEFAULT_COMMAND] + argv[start:]


def program_options_end(argv: list[str]) -> int:
    """Where ``argv``'s first word after the program's own options is."""
    return next((i for i, word in enumerate(argv) if word not in PROGRAM_FLAGS), len(argv))


def command_word(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    """Where ``argv``'s command is or would be: its first word after the program's own options and the options
    written before a command (`retina-review --lang zh_CN analyse photos`), the default command's, each with its
    value where it takes one."""
    default = command_parsers(parser).get(DEFAULT_COMMAND)
    options = default._option_string_actions if default else {}  # noqa: SLF001
    index = program_options_end(argv)
    while index < len(argv) and argv[index].startswith("-") and argv[index] != "--":
        action = options.get(argv[index])
        index += 2 if action is not None and action.nargs != 0 else 1
    return index


def unknown_command(parser: argparse.ArgumentParser, argv: list[str]) -> str | None:
    """``argv``'s command word (command_word) where it names no command and no path, spelt as a command
    (app.unknown_command): a command mistyped, not a folder to open."""
    index = command_word(parser, argv)
    if index < len(argv) and argv[index] not in command_names(parser) and spelt_as_command(argv[index]):
        return argv[index]
    return None


def language_of(parser: argparse.ArgumentParser, argv: list[str]) -> str:
    """The language ``argv`` (its default command in) is parsed in: its command's (app.parser_language); a mistyped
    command's options before it are the default command's (`--lang zh_CN analyse photos`: refused in Chinese)."""
    start = program_options_end(argv)
    if start < len(argv) and argv[start] in command_names(parser):
        return parser_language(argv[start], argv[start + 1:])
    return parser_language(DEFAULT_COMMAND if unknown_command(parser, argv) else None, argv[start:])


def main(argv: Sequence[str] | None = None) -> int:
    keep_freed_memory()  # before any command imports torch (the window's analyses and the commands' alike)
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 is printed escaped, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()  # English: which commands there are
    argv = with_default_command(parser, argv)
    language = language_of(parser, argv)
    if language != ENGLISH:
        parser = build_parser(language)
    mistyped = unknown_command(parser, argv)
    if mistyped is not None:
        parser.error(refusal(mistyped, sorted(command_names(parser)), language))
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    if not getattr(args, "func", None):
        parser.print_help()
        return USAGE_ERROR
    # each command says its own errors; Ctrl+C is said here, and SIGTERM or SIGHUP stop a command as Ctrl+C does
    with nullcontext() if args.command in OWN_STOP_SIGNALS else stop_signals_interrupt():
        return run_command(lambda: args.func(args))


if __name__ == "__main__":  # `python -m app.cli …`, as torchrun launches it: `torchrun … -m app.cli train …`
    sys.exit(main())
