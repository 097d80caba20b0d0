"""The command line's --help and usage speak the interface's language, as the commands' printed lines do: the command's
--lang (app.language_option), `open`'s and `report`'s settings file (--settings), else the Settings' choice, else the
system's locale (app.parser_language).
Every help text is a template of app.command_help, and argparse's words come translated (app.command_parser): those a
parser can be given and its reasons for a refusal (app.command_help.refusals), as the commands' own checks of a value
(`report --age`); tests/unit/test_cli_help_english.py pins the English side.

The catalogues are a pseudo translator's here (tests.gui.pseudo_walk: every translated text ⟦wrapped⟧), so a text that
bypassed translation shows words outside the brackets whether or not the .ts translates it yet."""
from __future__ import annotations

import contextlib
import importlib
import io
import pkgutil
import re
from pathlib import Path

import pytest

import app.command_help
from annotations.text_columns import terminal_width
from app.cli import build_parser, main
from app.command_help import refusals
from app.command_words import CONTEXT as WORDS_CONTEXT
from app.command_words import ERROR
from app.i18n import CHINESE, ENGLISH
from app.settings import Settings, SettingsValues
from tests.gui.pseudo_walk import CLOSE, OPEN, PseudoTranslator, untranslated_part
from tests.gui.test_analyze_command_zh import pseudo_chinese  # noqa: F401 - a fixture

SEP = f"{OPEN}, {CLOSE}"  # between the names of a list (annotations.wording.list_separator), translated
SEPARATORS = re.compile(r"[\s\[\]{}(),|]+")  # what joins the usage's and the option list's words


def printed(*argv: str) -> tuple[int, str, str]:
    """The exit status of ``retina-review ARGV`` that the parser ends, and what it printed on stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as stop:
        main(list(argv))
    return stop.value.code, out.getvalue(), err.getvalue()


def own_words(command: str) -> set[str]:
    """The words of ``command``'s help (""; the program's) that no translation changes: the program's and commands'
    names, option strings, metavars and choices."""
    program = build_parser(ENGLISH)
    commands = program._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse keeps them there
    parser = commands[command] if command else program
    words = {"retina-review", "...", *commands}
    for action in parser._actions:  # noqa: SLF001
        words.update(action.option_strings)
        words.update(str(choice) for choice in action.choices or ())
        words.update(SEPARATORS.split(action.metavar or (action.dest.upper() if action.option_strings else "")))
    return words


def untranslated_words(help_text: str, command: str) -> set[str]:
    """The words of ``help_text`` outside the brackets that are not the command line's own."""
    left = untranslated_part(" ".join(help_text.split()))  # a template wrapped over lines is one text again
    return {word.rstrip(":") for word in SEPARATORS.split(left) if word.rstrip(":")} - own_words(command)


def command_templates() -> set[tuple[str, str]]:
    """Every template of the command line's help (app.command_help), and the "error:" line of a refusal."""
    found = {(WORDS_CONTEXT, ERROR)}
    for module_info in pkgutil.iter_modules(app.command_help.__path__):
        module = importlib.import_module(f"app.command_help.{module_info.name}")
        found.update((module.CONTEXT, value) for name, value in vars(module).items()
                     if name.isupper() and name != "CONTEXT" and isinstance(value, str))
    return found | {(refusals.CONTEXT, reason) for reason in refusals.REASONS}  # argparse's reasons: one table


COMMANDS = ("", "agreement", "analyze", "evaluate", "export", "import", "open", "reading", "report", "train")


@pytest.mark.parametrize("command", COMMANDS)
def test_the_help_is_said_in_the_interfaces_language(pseudo_chinese: PseudoTranslator, command: str) -> None:
    code, out, err = printed(*[command][:bool(command)], "--help")
    assert (code, err) == (0, "") and out.startswith(f"{OPEN}usage: ")
    assert untranslated_words(out, command) == set()


def test_every_help_template_is_asked_for(pseudo_chinese: PseudoTranslator) -> None:
    build_parser(CHINESE)
    assert command_templates() - pseudo_chinese.asked == set()


def test_the_help_follows_the_language_the_command_speaks(
        pseudo_chinese: PseudoTranslator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    settings = tmp_path / "clinic.ini"
    Settings.from_file(settings).save(SettingsValues(language=CHINESE))

    def language(*argv: str) -> str:
        out = printed(*argv, "--help")[1]
        return CHINESE if out.startswith(f"{OPEN}usage: ") else ENGLISH if out.startswith("usage: ") else out

    ini = str(settings)
    runs = {("open",): ENGLISH, ("open", "--lang", "zh_CN"): CHINESE, ("--lang", "zh_CN"): CHINESE,
            ("open", "--settings", ini): CHINESE, ("open", "--lang", "en", "--settings", ini): ENGLISH,
            ("report", "--settings", ini): CHINESE, ("report", "--lang", "zh_CN"): CHINESE,  # the console's too
            ("export", "--settings", ini): ENGLISH,  # export reads the user's Settings alone
            ("export", "--lang", "zh_CN"): CHINESE, ("--lang", "zh_CN", "train"): CHINESE}  # every command's --lang
    assert {argv: language(*argv) for argv in runs} == runs


def test_a_refusal_says_usage_and_error_in_the_interfaces_language(pseudo_chinese: PseudoTranslator) -> None:
    code, out, err = printed("export", "photos")
    assert (code, out) == (2, "") and err.startswith(f"{OPEN}usage: {CLOSE}retina-review export [-h]")
    assert err.splitlines()[-1].startswith(f"retina-review export: {OPEN}error: ")


@pytest.mark.parametrize(("argv", "reason"), [
    (("export", "photos"), f"⟦the following arguments are required: --format{SEP}--out⟧"),  # the list's separator
    (("evaluate", "bogus", "--model", "m", "--data", "d", "--out", "o"),  # translated too
     f"⟦argument task: ⟦invalid choice: 'bogus' (choose from 'seg'{SEP}'grade'{SEP}'referable'{SEP}'oct'{SEP}"
     "'boxes')⟧⟧"),
    (("export", "photos", "--format", "voc", "--out", "o", "--bogus"), "⟦unrecognized arguments: --bogus⟧"),
    (("export", "photos", "--format", "voc", "--out"), "⟦argument --out: ⟦expected one argument⟧⟧"),
    (("export", "photos", "--format", "voc", "--out", "o", "--overw=1"),  # an abbreviation of --overwrite
     "⟦argument --overwrite: ⟦ignored explicit argument '1'⟧⟧"),
    (("report", "a.png", "--age", "-5"), "⟦argument --age: ⟦'-5' is not an age: give whole years, 0-130⟧⟧"),
    (("report", "a.png", "--birth-date", "12/03/1958"),
     "⟦argument --birth-date: ⟦'12/03/1958' is not a date: write it YYYY-MM-DD, e.g. 2026-11-30⟧⟧"),
    (("train", "seg", "--data", "d", "--out", "m", "--cache-limit", "lots"),
     "⟦argument --cache-limit: ⟦'lots' is not a size such as 50G, 800M or 1T⟧⟧"),
    (("analyze", "a.png", "--out", "o", "--engine", "ray", "--ray-workers", "0"),
     "⟦argument --ray-workers: ⟦0 is not a number of workers: give 1 or more (without --ray-workers, one per GPU "
     "of the cluster, else one per 2 CPUs)⟧⟧"),
    (("analyze", "a.png", "--out", "o", "--engine", "ray", "--ray-gpus-per-worker", "half"),  # no number at all
     "⟦argument --ray-gpus-per-worker: ⟦half is not a share of one GPU between 0 and 1 (e.g. 0.5: two workers per "
     "GPU)⟧⟧"),
    (("report", "a.png", "--sex", "Q"), f"⟦argument --sex: ⟦invalid choice: 'Q' (choose from 'F'{SEP}'M'{SEP}'X')⟧⟧"),
    (("report", "a.png", "--o", "r.pdf"), f"⟦ambiguous option: --o could match --out{SEP}--overwrite⟧"),
    (("train", "seg", "--data", "d", "--out", "m", "--epochs", "many"),
     "⟦argument --epochs: ⟦invalid int value: 'many'⟧⟧")])
def test_the_reason_of_a_refusal_is_said_in_the_interfaces_language(
        pseudo_chinese: PseudoTranslator, argv: tuple[str, ...], reason: str) -> None:
    """A Chinese interface refused a command line in English: argparse's reasons, and the commands' own checks of a
    value, were never translated."""
    code, out, err = printed(*argv)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1].endswith(f": {OPEN}error: {reason}{CLOSE}")  # after the parser's name


def chinese_usage(translator: PseudoTranslator, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
    """The usage line's start as the Chinese catalogue has it; every other text as its source."""
    return "用法：" if source == "usage: " else source


def test_the_usage_lines_continue_under_the_programs_words_on_a_terminal(
        pseudo_chinese: PseudoTranslator, monkeypatch: pytest.MonkeyPatch) -> None:
    """argparse indented the usage's continuation lines by the characters of "用法：" (3), which a terminal draws
    in 6 columns: they began three columns inside "retina-review export"."""
    monkeypatch.setattr(PseudoTranslator, "translate", chinese_usage)
    monkeypatch.setenv("COLUMNS", "80")
    usage = printed("export", "photos")[2].splitlines()[:-1]
    start = "用法：retina-review export "
    assert usage[0].startswith(start) and len(usage) > 1
    assert [len(line) - len(line.lstrip()) for line in usage[1:]] == [terminal_width(start)] * (len(usage) - 1)
    assert max(map(terminal_width, usage)) <= 78  # argparse's width: the terminal's, less 2


@pytest.mark.parametrize("before", [(), ("--lang", CHINESE)])
def test_a_mistyped_command_is_refused_in_the_interfaces_language(
        pseudo_chinese: PseudoTranslator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        before: tuple[str, ...]) -> None:
    """`retina-review analyse photos` opened the window on "analyse: not found" (app.unknown_command), and so did
    `retina-review --lang zh_CN analyse photos`: its language is the default command's --lang."""
    monkeypatch.chdir(tmp_path)
    if before:
        monkeypatch.setenv("LANG", "C.UTF-8")  # Chinese by --lang alone
    code, out, err = printed(*before, "analyse", "photos")
    assert (code, out) == (2, "") and err.splitlines()[1:] == [
        f"retina-review: {OPEN}error: {OPEN}unknown command 'analyse'; did you mean 'analyze'?{CLOSE}",
        f"{OPEN}commands: {SEP.join(COMMANDS[1:])}; and no file or folder named 'analyse' exists to open{CLOSE}{CLOSE}"]


@pytest.mark.parametrize(("argv", "reason"), [
    (("report", "a.png", "--sex", "Q"), "参数 --sex：无效的选择：'Q'（可选：'F'、'M'、'X'）"),
    (("export",), "缺少必需的参数：FOLDER、--format、--out"),
    (("report", "a.png", "--o", "r.pdf"), "选项不明确：--o 可匹配 --out、--overwrite")])
def test_argparses_lists_are_joined_as_chinese_lists_names(argv: tuple[str, ...], reason: str) -> None:
    """A Chinese refusal listed argparse's choices, missing arguments and matching options with ASCII commas."""
    assert printed("--lang", CHINESE, *argv)[2].splitlines()[-1].endswith(f"错误：{reason}")
