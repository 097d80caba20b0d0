"""`report`, `analyze --workspace` and `reading` on a folder a crashed window left say, in Chinese too, which cases'
unsaved edits their opening recovered from autosave and saved, and whose (tests/unit/test_commands_say_recovery.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from tests.unit.test_commands_say_recovery import (analysis_of_a_crashed_folder, readers_crashed_folder,
                                                   report_of_a_crashed_folder, said_recovered)
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture


def test_a_report_says_the_recovered_cases_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert report_of_a_crashed_folder(tmp_path, "zh_CN") == 0
    err = capsys.readouterr().err
    assert said_recovered(err, "zh_CN") and "警告：'img1.png'：报告打印的是程序崩溃后从自动保存恢复的编辑" in err


def test_an_analysis_says_the_recovered_cases_in_chinese(tmp_path: Path, no_installed_models: None,  # noqa: F811
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert analysis_of_a_crashed_folder(tmp_path, "zh_CN") == 0
    assert said_recovered(capsys.readouterr().err, "zh_CN")


def test_reading_names_whose_edits_were_recovered_in_chinese(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reading", str(readers_crashed_folder(tmp_path)), "--lang", "zh_CN"]) == 0
    assert "警告：Anna 的程序崩溃后，已从自动保存恢复并保存其 1 个病例尚未保存的编辑" in capsys.readouterr().err
