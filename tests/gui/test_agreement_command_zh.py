"""`agreement` prints in the interface's language, as `reading`, `analyze` and `evaluate` do: its figures, the files
written, its refusals and warnings, and its pictures' words; a Chinese programme's grading lead read English where
`reading` spoke Chinese. agreement.json stays as written.

The command's catalogues are a pseudo translator's here (tests.gui.pseudo_walk: every translated text ⟦wrapped⟧), so a
line that bypassed translation shows words outside the brackets whether or not the .ts translates it yet, and every
template of the command's own must have been asked for."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.cli import main
from inference import agreement_messages
from tests.gui.pseudo_walk import PseudoTranslator, unwrapped
from tests.gui.test_analyze_command_zh import pseudo_chinese  # noqa: F401 - a fixture
from tests.gui.test_train_evaluate_command_zh import _templates
from tests.unit.reading_fixtures import image_folder, read_case
from tests.unit.test_agreement_console_english import mixed_folder


def _lines(capsys: pytest.CaptureFixture[str], *argv: str) -> list[tuple[str, str]]:
    """What ``retina-review ARGV`` printed, line by line, each with the command that printed it."""
    main(list(argv))
    printed = capsys.readouterr()
    return [(argv[0], line) for line in (printed.out + printed.err).splitlines() if line.strip()]


def test_agreement_says_everything_it_prints_in_the_interfaces_language(
        pseudo_chinese: PseudoTranslator, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    double, single, empty = mixed_folder(tmp_path / "double"), tmp_path / "single", tmp_path / "empty"
    image_folder(single, count=1)
    image_folder(empty, count=1)
    save_settings(empty, ReadingSettings(mode=ReadingMode.DOUBLE))  # no reader yet
    with open_reader(single, "reader 1") as ws:  # the folder's own labels
        read_case(ws, 0, grade=2, ai_grade=2)
    out = tmp_path / "out"
    said = _lines(capsys, "agreement", str(double), "--out", str(out))  # every figure, the files written
    said += _lines(capsys, "agreement", str(single), "--out", str(out))  # refused: an earlier run's files there
    said += _lines(capsys, "agreement", str(single), "--out", str(out), "--overwrite")  # they are removed
    (out / "agreement.json").write_text("changed by hand")
    said += _lines(capsys, "agreement", str(single), "--out", str(out), "--overwrite")  # kept aside
    said += _lines(capsys, "agreement", str(tmp_path / "nowhere"))
    said += _lines(capsys, "agreement", str(double), "--readers", "Anna,Carl")
    said += _lines(capsys, "agreement", str(empty), "--readers", "Anna")
    assert len(said) > 20
    assert any(line.startswith("⟦AI vs consensus as reference") for _, line in said), said
    cases = [f"'img{index}.png'" for index in range(7)]  # the progress bar's, each
    assert unwrapped(said, data=(str(tmp_path), "Anna", "Ben", "Carl", "agreement", *cases)) == []
    assert _templates(agreement_messages) <= pseudo_chinese.asked


def test_the_pictures_speak_chinese_in_a_chinese_interface(
        qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Their titles, "Anna (rows)", "Ben (columns)" and the grade names were English under Chinese figures; the
    grades are named as the window names them (the glossary's 无明显糖尿病视网膜病变 for No DR)."""
    from inference import agreement_report

    drawn = []
    monkeypatch.setattr(agreement_report, "confusion_png", lambda matrix, levels, title, row_title, column_title:
                        drawn.append((list(levels), title, row_title, column_title)) or b"png")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["agreement", str(mixed_folder(tmp_path / "f")), "--out", str(tmp_path / "out")]) == 0
    grades, dme, oct_classes, consensus = drawn
    assert grades[0][0] == "无明显糖尿病视网膜病变" and grades[1].startswith("DR 分级：Anna 对 Ben（kappa ")
    assert grades[2:] == ("Anna（行）", "Ben（列）") and consensus[2:] == ("共识结果（行）", "AI（列）")
    assert dme[0][0] == "无黄斑水肿风险" and oct_classes[0][2:] == ["玻璃膜疣", "正常"]
