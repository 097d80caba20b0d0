"""A first word that names no command and no existing path, spelt as a command is, is a command mistyped: it was taken
for a folder to open (`retina-review analyse photos` opened the window on "analyse: not found", `retrain --help`
printed `open`'s help). It is refused, exit 2, with the command nearest it and the commands (app.unknown_command); a
path, existing or not, and an existing folder spelt as a word still open (the window says what is missing)."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from app.cli import build_parser, main, with_default_command

COMMANDS = "agreement, analyze, evaluate, export, import, open, reading, report, train"


def printed(*argv: str) -> tuple[int, str, str]:
    """The exit status of ``retina-review ARGV`` that the parser ends, and what it printed on stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as stop:
        main(list(argv))
    return stop.value.code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _in_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("HOME", str(tmp_path))  # no Settings choosing another language


@pytest.mark.parametrize(("argv", "first"), [
    (("analyse", "photos"), "unknown command 'analyse'; did you mean 'analyze'?"),
    (("retrain", "--help"), "unknown command 'retrain'; did you mean 'train'?"),
    (("-v", "repot", "a.png", "--out", "r.pdf"), "unknown command 'repot'; did you mean 'report'?"),
    (("zzz",), "unknown command 'zzz'"),
    # the options written before a command, with their values: `--lang en analyse` had opened "analyse" as a folder
    (("--lang", "en", "analyse", "photos"), "unknown command 'analyse'; did you mean 'analyze'?"),
    (("--lang=en", "--overwrite", "-v", "repot"), "unknown command 'repot'; did you mean 'report'?"),
    (("--screenshot", "shot.png", "zzz"), "unknown command 'zzz'")])
def test_a_mistyped_command_is_refused_with_the_nearest_and_the_commands(argv: tuple[str, ...], first: str) -> None:
    code, out, err = printed(*argv)
    word = first.split("'")[1]
    assert (code, out) == (2, "") and err.splitlines() == [
        "usage: retina-review [-h] [--version] [-v] COMMAND ...", f"retina-review: error: {first}",
        f"commands: {COMMANDS}; and no file or folder named '{word}' exists to open"]


@pytest.mark.parametrize(("argv", "paths"), [
    (["analyse"], ["analyse"]), (["-v", "analyse"], ["analyse"]), (["photos/"], ["photos"]), (["a.jpg"], ["a.jpg"]),
    (["--lang", "zh_CN"], []), (["--lang", "en", "analyse"], ["analyse"]), (["--lang", "en", "a.jpg"], ["a.jpg"])])
def test_a_path_or_an_existing_folder_still_opens(argv: list[str], paths: list[str]) -> None:
    Path("analyse").mkdir()  # a folder spelt as a command is, here: opened as a bare folder is
    parser = build_parser()
    args = parser.parse_args(with_default_command(parser, argv))
    assert args.command == "open" and [str(path) for path in args.paths] == paths
