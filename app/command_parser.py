"""The command line's parser in the interface's language. Its own texts are templates (app.command_help) the commands
translate as they register; of argparse's words, these come translated too: the help of -h and --version and the
"error:" of a refusal (public API: add_argument's help, ArgumentParser.error), the usage line's start and the headings
of its two default sections (through formatter_class: HelpFormatter.add_usage's prefix, start_section's heading), and
its reasons for a refusal ("the following arguments are required", "invalid choice", ...: app.command_help.refusals),
which argparse composes through gettext while it parses (argparse_reasons)."""
from __future__ import annotations

import argparse
import functools
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, NoReturn, Sequence, TypeVar

from annotations.text_columns import terminal_width, wrapped_lines
from annotations.wording import ITEM_SEPARATOR, fill, list_separator
from app.command_help import common, refusals
from app.command_words import CONTEXT as WORDS_CONTEXT
from app.command_words import ERROR, CommandWords


@dataclass(frozen=True)
class ParserWords:
    """argparse's words in the interface's language, translated when the parser is built: a refusal is said after the
    catalogues are gone."""
    usage: str
    headings: dict[str, str]  # argparse's heading: its translation
    help: str
    error: str  # the refusal's line: its {error}, argparse's
    reasons: dict[str, str]  # argparse's reason for a refusal (its msgid): its translation
    separator: str  # between the names of a list the reasons give ("、" in Chinese: annotations.wording)

    @classmethod
    def said_in(cls, words: CommandWords) -> ParserWords:
        def tr(template: str) -> str:
            return words.tr(common.CONTEXT, template)

        # the headings' templates are argparse's own words
        return cls(tr(common.USAGE), {heading: tr(heading) for heading in (common.POSITIONALS, common.OPTIONS)},
                   tr(common.HELP), words.tr(WORDS_CONTEXT, ERROR),
                   {reason: words.tr(refusals.CONTEXT, reason) for reason in refusals.REASONS},
                   list_separator(ITEM_SEPARATOR, words.tr))


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, its usage line and section headings in ``words``."""

    def __init__(self, prog: str, *, words: ParserWords, **options: Any) -> None:
        super().__init__(prog, **options)
        self.words = words

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self.words.usage if prefix is None else prefix)

    def _format_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None) -> str:
        """The usage line, its continuation lines indented by the columns its start takes on a terminal: argparse
        counts characters, and "用法：" takes 6 columns where it counted 3 (its continuations began inside the
        program's name)."""
        if prefix is None or not _has_wide(prefix):
            return super()._format_usage(usage, actions, groups, prefix)
        blank = " " * terminal_width(prefix)  # what argparse measures: as wide as the start on the terminal
        return prefix + super()._format_usage(usage, actions, groups, blank)[len(blank):]

    def start_section(self, heading: str | None) -> None:
        super().start_section(self.words.headings.get(heading, heading) if heading else heading)

    # Chinese help is wrapped by the columns a terminal gives it, between its characters (argparse breaks at spaces
    # only: a Chinese sentence ran across the terminal); text without a wide character is argparse's own, unchanged.
    def _split_lines(self, text: str, width: int) -> list[str]:
        if not _has_wide(text):
            return super()._split_lines(text, width)
        return wrapped_lines(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _has_wide(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrapped_lines(" ".join(text.split()), width - len(indent)))


def _has_wide(text: str) -> bool:
    return terminal_width(text) > len(text)


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser that says argparse's words in ``words``; its commands' parsers too."""

    def __init__(self, *args: Any, words: ParserWords, **options: Any) -> None:
        super().__init__(*args, formatter_class=functools.partial(HelpFormatter, words=words), add_help=False,
                         **options)
        self.parser_words = words
        self.add_argument("-h", "--help", action="help", help=words.help)  # argparse's, in the interface's language

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> argparse.Namespace:
        with argparse_reasons(self.parser_words):  # its "unrecognized arguments" is said here
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Sequence[str] | None = None,
                         namespace: Any = None) -> tuple[argparse.Namespace, list[str]]:
        with argparse_reasons(self.parser_words):  # a command's parser: the program's parse calls it
            return super().parse_known_args(args, namespace)

    def add_subparsers(self, **options: Any) -> argparse._SubParsersAction:
        return super().add_subparsers(parser_class=functools.partial(CommandParser, words=self.parser_words), **options)

    def error(self, message: str) -> NoReturn:
        """argparse's refusal (its usage, then "PROG: error: MESSAGE"), the "error:" in the interface's language."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {fill(self.parser_words.error, error=message)}\n")


@contextmanager
def argparse_reasons(words: ParserWords) -> Iterator[None]:
    """argparse's reasons for a refusal said as ``words.reasons`` has them while its parse runs (others as argparse
    says them). argparse composes them with its module's ``_`` and ``ngettext`` (gettext's), looked up as it parses:
    they are replaced for the parse alone, where gettext.install or a catalogue of the "argparse" domain would change
    them for every parser of the process, for good. The program parses its command line once, before any thread
    starts."""
    gettext, ngettext = argparse._, argparse.ngettext  # noqa: SLF001 - the hook argparse's texts pass through

    def single(message: str) -> str:
        if message in refusals.LISTED:
            return _ListingReason(words.reasons[message], refusals.LISTED[message], words.separator)
        return words.reasons.get(message) or gettext(message)

    def plural(one: str, many: str, count: int) -> str:
        return words.reasons.get(one if count == 1 else many) or ngettext(one, many, count)

    argparse._, argparse.ngettext = single, plural  # noqa: SLF001
    try:
        yield
    finally:
        argparse._, argparse.ngettext = gettext, ngettext  # noqa: SLF001


class _ListingReason(str):
    """A reason argparse fills (``%``) with a list it joined with ", " itself (the choices of an option, the arguments
    missing, the options an abbreviation matches): the list, the value ``key`` (None: the reason's one ``%s``), is
    joined with ``separator`` instead. The items are argparse's (option strings, metavars, choices' reprs): none holds
    a ", " of its own."""

    def __new__(cls, text: str, key: str | None, separator: str) -> _ListingReason:
        reason = super().__new__(cls, text)
        reason.key, reason.separator = key, separator
        return reason

    def __mod__(self, values: Any) -> str:
        def relisted(listed: str) -> str:
            return listed.replace(ITEM_SEPARATOR, self.separator)

        values = relisted(values) if self.key is None else {**values, self.key: relisted(values[self.key])}
        return str(self) % values


T = TypeVar("T")


def value_check(check: Callable[[str, str], T], refusal: str) -> Callable[[str], T]:
    """An option's ``type`` for argparse from ``check(text, refusal)``, a check that raises ValueError saying
    ``refusal`` (a template already in the parser's language: the catalogues are gone when the line is parsed);
    argparse then names the option and exits 2 with that reason."""
    def checked(text: str) -> T:
        try:
            return check(text, refusal)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc

    return checked
