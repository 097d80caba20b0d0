"""`retina-review` entry point: discovers the sub-commands in ``app.commands`` and dispatches."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import Sequence

import app.commands
from app import __version__
from app.logging_setup import configure_logging

DEFAULT_COMMAND = "open"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retina-review",
        description="Review, annotate and grade retinal images offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(app.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"app.commands.{module_info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = set(parser._subparsers._group_actions[0].choices) if parser._subparsers else set()  # noqa: SLF001
    if DEFAULT_COMMAND in known and (not argv or argv[0] not in known and not argv[0].startswith("-")):
        argv.insert(0, DEFAULT_COMMAND)  # `retina-review` or `retina-review FOLDER` opens the window
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # `python -m app.cli …`, as torchrun launches it: `torchrun … -m app.cli train …`
    sys.exit(main())
