"""In English, `retina-review --help`, each command's --help and the parser's refusals print what they printed before
their texts became templates said in the interface's language (app.command_help; tests/gui/test_cli_help_zh.py checks
the Chinese side): byte for byte, as tests/data/cli_help/ holds the help (a help text changed on purpose: write the new
output over its file)."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from app.cli import main

HELP = Path(__file__).resolve().parents[1] / "data" / "cli_help"
COMMANDS = ("agreement", "analyze", "evaluate", "export", "import", "open", "reading", "report", "train")


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """argparse wraps at the terminal's width: the files' is 120 columns."""
    monkeypatch.setenv("COLUMNS", "120")


def printed(*argv: str) -> tuple[int, str, str]:
    """The exit status of ``retina-review ARGV`` that the parser ends, and what it printed on stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as stop:
        main(list(argv))
    return stop.value.code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_help_is_as_before(command: str) -> None:
    expected = (HELP / f"{command or 'retina-review'}.txt").read_text(encoding="utf-8")
    assert printed(*[command][:bool(command)], "--help") == (0, expected, "")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_commands_language_option_is_written_one_way(command: str) -> None:
    """`report`'s usage showed `--lang {en,zh_CN}` where every other command shows `--lang en|zh_CN`."""
    usage = " ".join(printed(command, "--help")[1].split("\n\n")[0].split())
    assert "[--lang en|zh_CN]" in usage


def test_the_parsers_refusals_are_as_before() -> None:
    assert printed("export", "photos") == (2, "", (
        "usage: retina-review export [-h] --format FORMAT --out DIR [--done] [--overwrite] "
        "[--label-map NAME=CLASS,...]\n"
        "                            [--reader NAME|consensus|all] [--lang en|zh_CN]\n"
        "                            FOLDER\n"
        "retina-review export: error: the following arguments are required: --format, --out\n"))
    code, out, err = printed("evaluate", "bogus", "--model", "m", "--data", "d", "--out", "o")
    assert (code, out, err.splitlines()[0], err.splitlines()[-1]) == (
        2, "", "usage: retina-review evaluate [-h] --model MODEL_DIR_OR_NAME --data DIR --out DIR "
               "[--split {auto,train,val,test,all}]",
        "retina-review evaluate: error: argument task: invalid choice: 'bogus' (choose from 'seg', 'grade', "
        "'referable', 'oct', 'boxes')")
    # argparse's reasons and the commands' checks of a value, said through the parser's words now, as before
    assert [printed(*argv)[2].splitlines()[-1] for argv in (
        ("export", "photos", "--format", "voc", "--out", "o", "--bogus"), ("report", "a.png", "--age", "-5"),
        ("train", "seg", "--data", "d", "--out", "m", "--cache-limit", "lots"),
        ("analyze", "a.png", "--out", "o", "--engine", "ray", "--ray-workers", "0"),
        ("analyze", "a.png", "--out", "o", "--engine", "ray", "--ray-gpus-per-worker", "1.5"))] == [
        "retina-review: error: unrecognized arguments: --bogus",
        "retina-review report: error: argument --age: '-5' is not an age: give whole years, 0-130",
        "retina-review train: error: argument --cache-limit: 'lots' is not a size such as 50G, 800M or 1T",
        "retina-review analyze: error: argument --ray-workers: 0 is not a number of workers: give 1 or more (without "
        "--ray-workers, one per GPU of the cluster, else one per 2 CPUs)",
        "retina-review analyze: error: argument --ray-gpus-per-worker: 1.5 is not a share of one GPU between 0 and 1 "
        "(e.g. 0.5: two workers per GPU)"]
