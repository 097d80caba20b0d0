"""A double-read case's state reads alike in `retina-review reading FOLDER` and in the window's case list (one table,
annotations.reading.state_names), and in Chinese each state has a word of its own."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from annotations.reading.disagreement import CaseState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.cli import main
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.unit.reading_fixtures import image_folder, read_case
from widgets.case_list import reading_text


def test_the_command_line_and_the_case_list_name_a_state_alike(qapp, tmp_path: Path, capsys) -> None:
    folder = image_folder(tmp_path / "f", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        for index, grade in enumerate((2, 1, 1)):
            read_case(anna, index, grade=grade)
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3)  # disagrees
        read_case(ben, 1, grade=1)  # agrees
    assert main(["reading", str(folder)]) == 0
    printed = capsys.readouterr().out
    counted = ", ".join(f"1 {reading_text(state.value)}" for state in (CaseState.NEEDS_READER_2, CaseState.AGREED,
                                                                        CaseState.NEEDS_ARBITRATION))
    assert f"cases read so far: {counted}\n" in printed


def test_every_state_has_a_chinese_word_of_its_own(qapp, chinese) -> None:
    words = [reading_text(state.value) for state in CaseState]
    assert len(set(words)) == len(words) and not any(word.isascii() for word in words)
    # the reading it waits for, as the reading command's lines say it: "reader 2" read as a person's name
    assert reading_text(CaseState.NEEDS_READER_2.value) == "待第二次阅片"


def test_the_reading_command_speaks_the_interfaces_language(qapp, tmp_path: Path, capsys,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A Chinese screening programme's coordinator read `reading`'s lines in English, the states too."""
    folder = image_folder(tmp_path / "f", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["reading", str(folder), "--arbiters", "Li"]) == 0
    printed = capsys.readouterr().out
    assert "双人阅片，AI 盲法关闭，阈值 0.5" in printed and "阅片者：Anna；仲裁者：Li" in printed, printed
    assert "目前已阅病例：1 例待第二次阅片" in printed and "  待第二次阅片：" in printed and "（已由 Anna 提交）" in printed
    assert main(["reading", str(tmp_path / "gone")]) == 2
    assert f"错误：{tmp_path / 'gone'}：找不到该文件夹" in capsys.readouterr().err
    assert QCoreApplication.translate("ReadingCommand", "none yet") == "none yet"  # the command's catalogues left
