"""Every command ends with the status annotations.command_end names, so a script or scheduler can tell how a run
ended: 2 when nothing was done for something the person must fix (a missing folder, an unreadable file, an output in
the way), 1 when the run went through but some images failed, each named."""
from __future__ import annotations

import io
import runpy
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
from PIL import Image

from annotations.command_end import CRASHED, PARTLY_DONE, USAGE_ERROR, run_command
from annotations.reading.settings import settings_path
from app.cli import main
from app.logging_setup import LOG_DIR_ENV, LOG_FILE_NAME
from tests.unit.test_hostile_storage import clean_logging  # noqa: F401 - fixture
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture


def _photo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((64, 64, 3), 90, np.uint8)).save(path)
    return path


def _file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _damaged_settings(folder: Path) -> Path:
    _photo(folder / "eye.png")
    _file(settings_path(folder), "{not json")
    return folder


TO_FIX: dict[str, Callable[[Path], list[str]]] = {
    "agreement, folder missing": lambda tmp: ["agreement", str(tmp / "missing")],
    "agreement, output in the way": lambda tmp: [
        "agreement", str(_photo(tmp / "images" / "eye.png").parent), "--out",
        str(_file(tmp / "agreement.json", "someone's").parent)],
    "reading, folder missing": lambda tmp: ["reading", str(tmp / "missing")],
    "reading, unreadable settings": lambda tmp: ["reading", str(_damaged_settings(tmp / "images"))],
    "import, folder missing": lambda tmp: ["import", str(tmp / "missing"), "--from", str(tmp), "--format", "voc"],
    "import, unreadable file": lambda tmp: [
        "import", str(_photo(tmp / "images" / "eye.png").parent), "--from", str(_file(tmp / "cvat.xml", "<not xml")),
        "--format", "cvat"],
    "import, every shape's class unnamed": lambda tmp: [
        "import", str(_photo(tmp / "images" / "eye.png").parent), "--from", str(_file(
            tmp / "voc" / "eye.xml", "<annotation><filename>eye.png</filename><object><name>hard_exudates</name>"
            "<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>").parent),
        "--format", "voc"],
    "import, no label files": lambda tmp: [
        "import", str(_photo(tmp / "images" / "eye.png").parent), "--from", str(tmp / "images"), "--format", "voc"],
    "export, reader unknown": lambda tmp: [
        "export", str(_photo(tmp / "images" / "eye.png").parent), "--format", "voc", "--out", str(tmp / "o"),
        "--reader", "nobody"],
    "export, folder missing": lambda tmp: ["export", str(tmp / "missing"), "--format", "voc", "--out", str(tmp / "o")],
    "analyze, image missing": lambda tmp: ["analyze", str(tmp / "missing.png"), "--out", str(tmp / "o")],
    "analyze, a Ray option for a local run": lambda tmp: [
        "analyze", str(_photo(tmp / "eye.png")), "--out", str(tmp / "o"), "--ray-workers", "4"],
    "evaluate, folder missing": lambda tmp: [
        "evaluate", "seg", "--model", "classical", "--data", str(tmp / "missing"), "--out", str(tmp / "o")],
    "report, image missing": lambda tmp: ["report", str(tmp / "missing.png"), "--out", str(tmp / "r.pdf"),
                                          "--no-analysis"],
    "report, unreadable image": lambda tmp: ["report", str(_file(tmp / "eye.png", "not a photo")), "--out",
                                             str(tmp / "r.pdf"), "--no-analysis"],
    "report, output in the way": lambda tmp: ["report", str(_photo(tmp / "eye.png")), "--out",
                                              str(_file(tmp / "r.pdf", "someone's")), "--no-analysis"],
    "train, folder missing": lambda tmp: ["train", "seg", "--data", str(tmp / "missing"), "--out", str(tmp / "m")],
    "train candidates, folder missing": lambda tmp: [
        "train", "candidates", "--data", str(tmp / "missing"), "--out", str(tmp / "m")],
}


@pytest.mark.parametrize("argv", TO_FIX.values(), ids=TO_FIX.keys())
def test_something_the_person_must_fix_exits_2(argv: Callable[[Path], list[str]], tmp_path: Path,
                                               no_installed_models: None,  # noqa: F811
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv(tmp_path)) == USAGE_ERROR
    assert capsys.readouterr().err.count("error: ") == 1  # said once, in one line


def test_analyze_with_a_damaged_photo_among_good_ones_exits_1(tmp_path: Path, no_installed_models: None,  # noqa: F811
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = _photo(tmp_path / "photos" / "good.png").parent
    (folder / "broken.png").write_bytes(b"not a photo")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--device", "cpu"]) == PARTLY_DONE
    assert (tmp_path / "out" / "good.json").exists() and "broken.png" in capsys.readouterr().err


def test_a_bug_exits_70_with_its_traceback_not_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A script must tell a bug from a run that went through in part: Python's own status for a crash is 1."""
    def broken(_path: Path) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("annotations.reading.settings.load_settings", broken)
    assert main(["reading", str(tmp_path)]) == CRASHED
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ZeroDivisionError: a bug" in err


def test_a_bug_reaches_the_log_file_with_its_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       clean_logging: None) -> None:  # noqa: F811
    """The log file keeps every failure (app.logging_setup's hook): a scheduled run's stderr may be gone when the
    bug is reported. Caught to exit 70, the crash was printed and no longer logged."""
    def broken(_path: Path) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.setattr("annotations.reading.settings.load_settings", broken)
    assert main(["reading", str(tmp_path)]) == CRASHED
    logged = (tmp_path / "logs" / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "uncaught exception" in logged and "ZeroDivisionError: a bug" in logged


def test_output_piped_into_a_reader_that_left_ends_as_sigpipe_would_not_as_a_bug(
        capsys: pytest.CaptureFixture[str]) -> None:
    """`retina-review analyze … | head`: head exits after its lines and the next print raises BrokenPipeError. That
    is no bug to report (70): the run ends quietly with 141, as a program SIGPIPE stops does."""
    def printing_into_a_closed_pipe() -> int:
        raise BrokenPipeError(32, "Broken pipe")

    assert run_command(printing_into_a_closed_pipe) == 141
    assert capsys.readouterr().err == ""


class _PipeReaderLeft(io.StringIO):
    """stdout piped into `head` after it exited: every write raises BrokenPipeError."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("command", [["reading"], ["agreement"]])
def test_commands_that_say_their_own_file_errors_end_a_broken_pipe_as_sigpipe_would(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        command: list[str]) -> None:
    """`retina-review reading FOLDER | head -1`: reading and agreement catch OSError to name a file they cannot read,
    and took the broken pipe for one ("error: [Errno 32] Broken pipe", status 2, as if the folder were at fault)."""
    _photo(tmp_path / "eye.png")
    monkeypatch.setattr("sys.stdout", _PipeReaderLeft())
    assert main([*command, str(tmp_path)]) == 141
    assert "error" not in capsys.readouterr().err


@pytest.mark.filterwarnings("ignore:'inference.training.:RuntimeWarning")  # runpy: the module imported before
@pytest.mark.parametrize("tool, arguments", [
    ("ship", ["{missing}", "{out}", "--data", "{missing}"]),
    ("ship_pixels", ["{missing}", "{out}", "--data", "{missing}", "--splits", "{missing}"]),
    ("ship_member", ["{missing}", "{missing}", "{out}", "--data", "{missing}", "--splits", "{missing}"]),
    ("region_run", ["--data", "{missing}"]),
    ("dot_cross_validation", ["--data", "{missing}", "--cache", "{out}"]),
    ("pseudo_masks", ["{missing}"]),
])
def test_the_python_m_tools_end_a_missing_input_as_the_commands_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tool: str,
        arguments: list[str]) -> None:
    """docs/models.md's `python -m inference.training.*` tools ended a missing model or data folder with Python's
    traceback and status 1 (a run that went partly through); they end as `retina-review`'s commands do: one line
    naming the folder, status 2."""
    places = {"missing": str(tmp_path / "missing"), "out": str(tmp_path / "out")}
    monkeypatch.setattr("sys.argv", [tool, *(argument.format(**places) for argument in arguments)])
    with pytest.raises(SystemExit) as ended:
        runpy.run_module(f"inference.training.{tool}", run_name="__main__", alter_sys=True)
    said = capsys.readouterr().err
    assert ended.value.code == USAGE_ERROR
    assert said.startswith("error: ") and places["missing"] in said and "Traceback" not in said
