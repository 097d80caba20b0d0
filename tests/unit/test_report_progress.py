"""`retina-review report` on images without a saved AI result analyses them (seconds each, after the models load)
under the progress bar `analyze` shows, each image its share; it showed one log line per image and nothing else. On
a terminal a line logged meanwhile starts below the bar; Ctrl+C still exits 130 and writes no report."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from PIL import Image

from app.cli import main
from tests.signalled_cli import run_stopped_at
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture
from tests.unit.test_inference_fixtures import synthetic_fundus


def photos(folder: Path) -> list[str]:
    folder.mkdir()
    paths = [folder / "right.png", folder / "left.png"]
    for index, path in enumerate(paths):
        Image.fromarray(synthetic_fundus(120, 90, seed=index)).save(path)
    return [str(path) for path in paths]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_analyses_a_report_runs_are_shown_on_the_progress_bar(
        tmp_path: Path, no_installed_models: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    out = tmp_path / "r.pdf"
    assert main(["report", *photos(tmp_path / "eyes"), "--out", str(out), "--device", "cpu"]) == 0
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert lines[1] == "loading the models…"  # once, after the first image's log line
    assert any(line.startswith("report [") and " 1/2 'right.png': " in line for line in lines)
    bar = [line for line in lines if line.startswith("report [")]
    assert bar[-1] == "report [##############################] 100% 2/2 'left.png': done"
    assert all(line.startswith("warning: ") for line in lines[lines.index(bar[-1]) + 1:])  # the eyes not recorded
    assert "" not in lines  # a log, not a terminal: the bar's lines, and no line ended for it
    assert out.is_file()


def test_on_a_terminal_a_line_logged_meanwhile_starts_below_the_bar(
        tmp_path: Path, no_installed_models: None, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)  # the bar's and the log's stream, as main sets them up
    assert main(["report", *photos(tmp_path / "eyes"), "--out", str(tmp_path / "r.pdf"), "--device", "cpu"]) == 0
    lines = terminal.getvalue().split("\n")
    logged = [line for line in lines if "(no saved AI result)" in line]
    assert len(logged) == 2 and all(line.startswith("INFO ") for line in logged)  # not after a bar's text
    assert any(line.startswith("\rreport [") for line in lines[lines.index(logged[1]) + 1:])  # redrawn below it
    last = max(index for index, line in enumerate(lines) if line.startswith("\rreport ["))
    assert lines[last].rstrip().endswith(": done") and lines[-1] == ""  # ended where the report is said, and
    assert all(line.startswith("warning: ") for line in lines[last + 1:-1])  # the eyes not recorded said below it


def test_ctrl_c_while_an_image_is_analysed_exits_130_and_writes_no_report(tmp_path: Path) -> None:
    eyes, out = photos(tmp_path / "eyes"), tmp_path / "r.pdf"
    setup = ("from pathlib import Path\n"
             "import inference.registry\n"
             f"inference.registry.BUNDLED_MODELS = Path({str(tmp_path / 'bundled')!r})\n")
    run = run_stopped_at(["report", *eyes, "--out", out, "--device", "cpu"], message="^2/", signal_name="SIGINT",
                         setup=setup, env={"RETINA_REVIEW_MODELS": str(tmp_path / "models")})
    assert run.returncode == 130, run.stderr
    assert run.stderr.endswith("\ninterrupted\n")
    assert not out.exists() and os.listdir(tmp_path) == ["eyes"]
