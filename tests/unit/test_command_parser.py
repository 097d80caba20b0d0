"""The command line's parser says argparse's reasons for a refusal through app.command_help.refusals, whose templates
are argparse's own msgids, and leaves argparse as it was once its parse ends (tests/gui/test_cli_help_zh.py checks the
reasons a Chinese interface reads)."""
from __future__ import annotations

import argparse
import ast
import contextlib
import gettext
import io
from pathlib import Path

import pytest

from app.command_help import refusals
from app.command_parser import CommandParser, ParserWords


def argparse_msgids() -> set[str]:
    """The texts the running Python's argparse passes to its ``_`` and ``ngettext``."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    return {arg.value for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext") for arg in node.args
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}


def test_every_reason_is_one_argparse_says() -> None:
    """A template argparse does not ask for (a text changed by a newer Python) would never be said."""
    assert set(refusals.REASONS) - argparse_msgids() == set()


def refused(*argv: str) -> str:
    """The reason a parser whose translations mark each text (``<text>``) gives for refusing ``argv``."""
    words = ParserWords("usage: ", {}, "help", "error: {error}", {reason: f"<{reason}>" for reason in refusals.REASONS},
                        ", ")
    parser = CommandParser(prog="prog", words=words)
    parser.add_argument("--pair", nargs=2)
    parser.add_argument("--count", type=int)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit):
        parser.parse_args(list(argv))
    return err.getvalue().splitlines()[-1].removeprefix("prog: error: ")


def test_argparses_reasons_are_said_as_the_parsers_words_have_them() -> None:
    assert refused("--pair", "a") == "<argument --pair: <expected 2 arguments>>"  # ngettext's plural
    assert refused("--count", "x") == "<argument --count: <invalid int value: 'x'>>"
    assert refused("extra") == "<unrecognized arguments: extra>"


def test_argparse_is_as_it_was_after_a_refusal() -> None:
    refused("--count", "x")
    assert (argparse._, argparse.ngettext) == (gettext.gettext, gettext.ngettext)  # noqa: SLF001
