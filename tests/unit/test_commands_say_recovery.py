"""A command that opens a folder a crashed window left recovers the unsaved edits its autosave kept and saves them, as
the window's opening does. `report` and `analyze --workspace` said nothing of it: a report was printed from the
recovered labels unsaid, and the reader who opened the window next morning was told nothing either (the snapshots
were gone). Each command now says what the opening said, in the window's words (annotations.workspace.messages), as
a warning (in Chinese: tests/gui/test_commands_say_recovery_zh.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.document import ReaderGrade, ReviewState
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import Workspace
from app.cli import main
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_workspace_recovery import fake_dead_owner

RECOVERED = {"en": "After a crash, unsaved edits of 1 case(s) were recovered from autosave and saved",
             "zh_CN": "程序崩溃后，已从自动保存恢复并保存 1 个病例尚未保存的编辑"}
WARNING = {"en": "warning: ", "zh_CN": "警告："}


def crashed_folder(root: Path) -> Path:
    """img1.png graded 3 in the window, autosaved, and then the window was killed before it saved; the folder was
    opened and closed before (its index up to date in its file, as a folder read for a while has it)."""
    folder = image_folder(root / "photos", count=2)
    Workspace.open(folder).close()
    ws = Workspace.open(folder)
    doc = ws.load_case(next(case.case_id for case in ws.cases() if case.image_path == "img1.png"))
    doc.grade = ReaderGrade(dr_grade=3)
    assert ws.autosave(doc)
    ws._lock.stop()  # a kill -9: no close, the snapshot stays, the lock a dead program's
    fake_dead_owner(ws.sidecar / "lock")
    return folder


def said_recovered(err: str, language: str = "en") -> bool:
    """Whether a command's stderr says, once and as a warning, that img1.png's edits were recovered."""
    lines = [line for line in err.splitlines() if RECOVERED[language] in line]
    return len(lines) == 1 and lines[0].startswith(WARNING[language]) and "'img1.png'" in lines[0]


def report_of_a_crashed_folder(root: Path, language: str = "en", folder: Path | None = None) -> int:
    """`report` of img1.png in ``folder``, else in a folder made crashed under ``root``."""
    out = root / "img1.pdf"
    status = main(["report", "img1.png", "--workspace", str(folder or crashed_folder(root)), "--out", str(out),
                   "--no-analysis", "--eye", "OD", "--overwrite", "--lang", language])
    assert out.is_file()
    return status


def analysis_of_a_crashed_folder(root: Path, language: str = "en") -> int:
    folder = crashed_folder(root)
    return main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu", "--lang", language])


def test_a_report_from_a_crashed_folder_says_which_cases_were_recovered(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert report_of_a_crashed_folder(tmp_path) == 0
    err = capsys.readouterr().err
    assert said_recovered(err)
    # the case reported is one of them: said of it, as its other warnings are (the folder's names five at most)
    assert ("warning: 'img1.png': the report prints edits recovered from autosave after a crash, which nobody has "
            "checked since") in err


def test_a_report_of_a_case_not_recovered_says_only_the_folders_recovery(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = crashed_folder(tmp_path)
    assert main(["report", "img0.png", "--workspace", str(folder), "--out", str(tmp_path / "img0.pdf"),
                 "--no-analysis", "--eye", "OD"]) == 0
    err = capsys.readouterr().err
    assert said_recovered(err) and "the report prints edits recovered" not in err


def test_an_analysis_into_a_crashed_folder_says_which_cases_were_recovered(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert analysis_of_a_crashed_folder(tmp_path) == 0
    assert said_recovered(capsys.readouterr().err)


def test_an_export_of_a_crashed_folder_says_which_cases_were_recovered(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = crashed_folder(tmp_path)
    assert main(["export", str(folder), "--format", "csv", "--out", str(tmp_path / "out")]) == 0
    assert said_recovered(capsys.readouterr().err)


def test_the_next_nights_run_names_the_recovered_cases_until_one_is_checked(tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The first command recovered the edits, and the next said nothing: a report printed days later from labels a
    crash may have cut short, nobody having looked at them, went unsaid. Named until a person opened the case."""
    folder = crashed_folder(tmp_path)
    for night in range(2):
        assert report_of_a_crashed_folder(tmp_path, folder=folder) == 0
        assert said_recovered(capsys.readouterr().err), night
    with Workspace.open(folder) as ws:  # the window's note: opened to be checked
        ws.recovery_checked(ws.to_check[0])
    assert report_of_a_crashed_folder(tmp_path, folder=folder) == 0
    assert "recovered" not in capsys.readouterr().err


def test_the_agreement_of_a_crashed_folder_counts_the_recovered_edits_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """agreement reads the stores' files without opening them: the crash's edits went uncounted, unsaid (recovered
    only where the index happened to need an upgrade)."""
    folder = crashed_folder(tmp_path)
    assert main(["agreement", str(folder)]) == 0
    captured = capsys.readouterr()
    assert said_recovered(captured.err) and "1 case(s) with saved readings" in captured.out


def readers_crashed_folder(root: Path) -> Path:
    """A double-read folder: Ben read img1.png; Anna's window read and submitted it, autosaved, and was killed."""
    folder = image_folder(root / "photos", count=2)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 1, grade=2)
    open_reader(folder, "Anna").close()
    anna = open_reader(folder, "Anna")
    doc = anna.load_case(case_of(1))
    doc.grade, doc.review_state = ReaderGrade(dr_grade=2, dme_risk=0), ReviewState.DONE
    assert anna.autosave(doc)
    anna._lock.stop()
    owner = json.loads((anna.sidecar / "lock").read_text())  # its process gone, the name it opened as kept
    (anna.sidecar / "lock").write_text(json.dumps({**owner, "pid": 2**22 + 12345, "process": ""}))
    return folder


def test_reading_a_double_read_folder_after_a_readers_crash_says_it_and_counts_the_reading(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reading", str(readers_crashed_folder(tmp_path))]) == 0
    captured = capsys.readouterr()
    assert ("warning: After Anna's program crashed, their unsaved edits of 1 case(s) were recovered from autosave and "
            "saved") in captured.err  # whose reading: the command opened her store
    assert "needs a second reading" not in captured.out  # Anna's reading counted: both read it
