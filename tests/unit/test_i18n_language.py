"""Which interface language a run gets: --lang, then the Settings choice, then the system locale, then English."""
from __future__ import annotations

import pytest

from app.cli import build_parser, main, with_default_command
from app.i18n import CHINESE, ENGLISH, FOLLOW_SYSTEM, normalise_language, resolve_language, system_language


@pytest.mark.parametrize("tag, expected", [
    ("zh_CN", CHINESE), ("zh_CN.UTF-8", CHINESE), ("zh-cn", CHINESE), ("zh", CHINESE), ("zh_SG.GB2312", CHINESE),
    ("zh_TW.UTF-8", None), ("zh_HK", None), ("en", ENGLISH), ("en_GB.UTF-8", ENGLISH), ("C", ENGLISH),
    ("C.UTF-8", ENGLISH), ("POSIX", ENGLISH), ("de_DE.UTF-8", None), ("", None), (None, None),
])
def test_locale_tags_map_to_a_supported_language(tag, expected) -> None:
    assert normalise_language(tag) == expected


def test_system_language_follows_posix_precedence() -> None:
    assert system_language({"LANG": "zh_CN.UTF-8"}) == CHINESE
    assert system_language({"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == ENGLISH
    assert system_language({"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_US"}) == CHINESE
    assert system_language({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}) == CHINESE  # an empty variable is unset
    assert system_language({"LANG": "fr_FR.UTF-8"}) == ENGLISH  # not spoken here: English
    assert system_language({}) == ENGLISH


def test_command_line_beats_setting_beats_system() -> None:
    chinese_system = {"LANG": "zh_CN.UTF-8"}
    assert resolve_language(None, FOLLOW_SYSTEM, chinese_system) == CHINESE
    assert resolve_language(None, ENGLISH, chinese_system) == ENGLISH
    assert resolve_language(None, CHINESE, {"LANG": "en_US.UTF-8"}) == CHINESE
    assert resolve_language(ENGLISH, CHINESE, chinese_system) == ENGLISH
    assert resolve_language(CHINESE, ENGLISH, {}) == CHINESE
    assert resolve_language(None, "xx", chinese_system) == CHINESE  # an unreadable setting: the system decides


@pytest.mark.parametrize("argv", [["--lang", "zh_CN"], ["--lang", "zh_CN", "photos/"], ["-v", "--lang", "zh_CN"],
                                  ["open", "--lang", "zh_CN"], ["--lang", "zh_CN", "open", "photos/"],
                                  ["-v", "--lang", "zh_CN", "open"]])
def test_lang_opens_the_window_in_that_language(argv) -> None:
    parser = build_parser()
    args = parser.parse_args(with_default_command(parser, argv))
    assert args.command == "open" and args.lang == CHINESE
    assert "open" not in [str(path) for path in args.paths]  # the command word is never taken for a folder


def test_lang_before_a_command_is_that_commands_option() -> None:
    parser = build_parser()
    args = parser.parse_args(with_default_command(parser, ["--lang", "zh_CN", "report", "a.jpg", "--out", "r.pdf"]))
    assert args.command == "report" and args.lang == "zh_CN"


def test_program_options_alone_still_print_help(capsys) -> None:
    assert main(["-v"]) == 2
    assert "usage" in capsys.readouterr().out
