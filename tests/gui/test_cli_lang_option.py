"""`--lang` decides the language of what a command prints, written after the command or before it, whatever the
system's locale: every command's refusals (its own and argparse's). Only `open` took --lang as the interface's: under
LANG=C, `retina-review --lang zh_CN export …` was refused in English for an option it did not know (or its value read
as the command's first argument: `train` refused the task 'zh_CN'), and `report … --lang zh_CN` wrote a Chinese report
but said its errors in English.

The catalogues are a pseudo translator's here (tests.gui.pseudo_walk: every translated text ⟦wrapped⟧)."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.i18n import CHINESE, ENGLISH
from tests.gui.pseudo_walk import OPEN, PseudoTranslator
from tests.gui.test_analyze_command_zh import pseudo_chinese  # noqa: F401 - a fixture
from tests.gui.test_cli_help_zh import printed

MISSING = "no-such-folder"
OWN_REFUSALS = {  # each command given a folder, photo or model that is not there: refused by the command itself
    "agreement": ("agreement", MISSING),
    "analyze": ("analyze", f"{MISSING}.png", "--out", "out"),
    "evaluate": ("evaluate", "seg", "--model", MISSING, "--data", MISSING, "--out", "out"),
    "export": ("export", MISSING, "--format", "voc", "--out", "out"),
    "import": ("import", MISSING, "--from", MISSING, "--format", "voc"),
    "reading": ("reading", MISSING),
    "report": ("report", f"{MISSING}.png", "--out", "report.pdf"),
    "train": ("train", "seg", "--data", MISSING, "--out", "model"),
}
PARSER_REFUSALS = {  # a value the parser refuses: argparse's usage and reason
    "export": ("export", MISSING, "--format", "bogus", "--out", "out"),
    "open": ("open", "--overwrite"),  # a screenshot's option without --screenshot
    "report": ("report", "a.png", "--age", "-5"),
    "train": ("train", "seg", "--data", MISSING, "--out", "model", "--epochs", "many"),
}


def with_lang(argv: tuple[str, ...], language: str, before: bool) -> list[str]:
    return ["--lang", language, *argv] if before else [*argv, "--lang", language]


@pytest.fixture
def system_in_english(pseudo_chinese: PseudoTranslator, tmp_path: Path,  # noqa: F811
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C.UTF-8")  # Chinese by --lang alone


@pytest.mark.parametrize("before", [False, True], ids=["after", "before"])
@pytest.mark.parametrize("command", sorted(OWN_REFUSALS))
def test_a_commands_own_refusal_is_said_in_the_language_of_lang(
        system_in_english: None, capsys: pytest.CaptureFixture[str], command: str, before: bool) -> None:
    from app.cli import main

    assert main(with_lang(OWN_REFUSALS[command], CHINESE, before)) == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith(f"{OPEN}error: {OPEN}")  # the line and its reason, translated


@pytest.mark.parametrize("before", [False, True], ids=["after", "before"])
@pytest.mark.parametrize("command", sorted(PARSER_REFUSALS))
def test_the_parsers_refusal_is_said_in_the_language_of_lang(system_in_english: None, command: str,
                                                            before: bool) -> None:
    code, out, err = printed(*with_lang(PARSER_REFUSALS[command], CHINESE, before))
    assert (code, out) == (2, "") and err.startswith(f"{OPEN}usage: ")
    assert f"retina-review {command}: {OPEN}error: {OPEN}" in err.splitlines()[-1]


@pytest.mark.parametrize("before", [False, True], ids=["after", "before"])
def test_lang_en_speaks_english_in_a_chinese_locale(pseudo_chinese: PseudoTranslator,  # noqa: F811
                                                     capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, before: bool) -> None:
    monkeypatch.chdir(tmp_path)  # LANG=zh_CN.UTF-8: the fixture's
    from app.cli import main

    assert main(with_lang(OWN_REFUSALS["export"], ENGLISH, before)) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and MISSING in err and OPEN not in err  # nothing translated
