"""A double-read case's state reads alike in `retina-review reading FOLDER` and in the window's case list (one table,
annotations.reading.state_names), and in Chinese each state has a word of its own."""
from __future__ import annotations

from pathlib import Path

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
    assert reading_text(CaseState.NEEDS_READER_2.value) == "待阅片者 2"  # as "needs reader 1" reads 待阅片者 1
