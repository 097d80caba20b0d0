"""In English, `analyze` and export's own lines read as they did before they went through the interface's language
(app.command_words; tests/gui/test_analyze_command_zh.py checks the Chinese side), without Qt: a script that reads
them, and the people who know them, see the same words."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import inference.registry
from annotations.workspace import Workspace
from app.cli import main
from inference.registry import MODELS_ENV


@pytest.fixture
def photos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "user-models"))
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "bundled-models")
    folder = tmp_path / "photos"
    (folder / "sub").mkdir(parents=True)
    for name, value in (("a.png", 90), ("b.png", 120), ("sub/c.png", 60)):  # grey, darker row by row: B-scans
        rows = np.linspace(value, value // 4, 40, dtype=np.uint8)
        Image.fromarray(np.repeat(np.tile(rows[:, None], (1, 60))[..., None], 3, axis=2)).save(folder / name)
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "bad.png").write_bytes(b"not a png at all")
    return folder


def _said(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> tuple[int, list[str], list[str]]:
    """The exit status, and the lines on stdout and on stderr, ``root`` written ROOT and a rate N."""
    code = main(list(argv))
    printed = capsys.readouterr()

    def lines(text: str) -> list[str]:
        return [re.sub(r"[0-9.]+ images/s", "N images/s", line.replace(str(root), "ROOT"))
                for line in text.splitlines()]
    return code, lines(printed.out), lines(printed.err)


def test_analyze_speaks_the_english_it_spoke(photos: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, out = tmp_path, str(tmp_path / "out")
    nested = ("warning: ROOT/photos: 1 image(s) in its sub-folders are not analysed ('sub/c.png'); name each "
              "sub-folder to analyse its images too")
    no_model = ("No learned model installed (searched ROOT/user-models, ROOT/bundled-models): reporting image quality "
                "and field of view, lesion candidates from the classical detector and a grade from ICDR rules only.")
    code, stdout, stderr = _said(capsys, root, "analyze", str(photos), str(tmp_path / "missing.png"),
                                 str(tmp_path / "notes.txt"), str(tmp_path / "bad.png"), "--out", out)
    assert code == 1
    assert re.fullmatch(r"2 of 3 images analysed in 0 s \(N images/s(; N images/s after the first result, which came "
                        r"at 0 s)?\); 1 failed \(each named above\); 2 file\(s\) written to ROOT/out", stdout[0])
    assert [line for line in stderr if not line.startswith("analyze [")] == [
        nested, "warning: ROOT/missing.png: not found", "warning: ROOT/notes.txt: not an image file, skipped",
        "loading the models…", no_model,
        "error: ROOT/bad.png: not a readable image (unknown or damaged format) — supported formats are JPEG, PNG, "
        "TIFF and BMP"]
    assert "analyze [###############---------------]  50% 2/3 'b.png': classifying the OCT scan" in stderr
    assert stderr[-2] == "analyze [##############################] 100% done"

    assert _said(capsys, root, "analyze", str(photos), "--out", out) == (2, [], [
        nested, "error: ROOT/out/a.json: already exists (2 file(s) in the way, not written by this run); nothing was "
                "written — choose an empty folder or a new file name, or ask to overwrite (--overwrite) (2 of these "
                "images were finished there by an earlier run: --resume analyses only the others)"])
    assert _said(capsys, root, "analyze", str(photos), "--out", out, "--resume") == (0, [
        "0 of 2 images analysed in 0 s; 2 skipped, finished by an earlier run; 0 file(s) written to ROOT/out"], [
        nested,
        "note: 2 of 2 images were finished by an earlier run and are skipped (--resume); analysing the other 0"])
    code, stdout, stderr = _said(capsys, root, "analyze", str(photos), "--out", out, "--resume", "--outputs",
                                 "json,mask,overlay")
    assert stdout == ["2 of 2 images analysed in 0 s (N images/s); 2 file(s) written to ROOT/out"]
    assert stderr[:3] == [nested, "note: 2 images finished by an earlier run lack outputs asked for now "
                                  "(json,mask,overlay): they are analysed again and their earlier files replaced",
                          # grey, both: OCT scans, whose quality check loads no model (bad.png above may be a photo)
                          "Every image is an OCT scan and no OCT model is installed (retina-review train oct): their "
                          "quality is checked, no model is loaded."]


@pytest.mark.parametrize("options, error", [
    ((), "give --out DIR, --workspace FOLDER or both: the results need somewhere to go"),
    (("--out", "OUT", "--ray-workers", "2", "--ray-address", "x:1"),
     "--ray-address, --ray-workers: options of --engine ray; this run is local (add --engine ray)"),
    (("--out", "OUT", "--cam-grade", "2"), "--cam-grade chooses the grade the heat map explains, and this run keeps no "
                                            "heat map (add cam to --outputs, or give --workspace FOLDER)"),
    (("--out", "OUT", "--outputs", "bogus,x"),
     "unknown output bogus, x; choose from json,mask,overlay,cam,probabilities"),
    (("--out", "OUT", "--outputs", ","),
     "unknown output (none given); choose from json,mask,overlay,cam,probabilities"),
    (("--out", "OUT", "--resume", "--outputs", "mask"), "--resume tells a finished image by its JSON, which is written "
                                                        "last: add json to --outputs, or analyse into a new --out "
                                                        "folder")])
def test_a_refused_analysis_says_why_in_the_english_it_spoke(photos: Path, tmp_path: Path, options: tuple[str, ...],
                                                             error: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [str(tmp_path / "out") if option == "OUT" else option for option in options]
    code, stdout, stderr = _said(capsys, tmp_path, "analyze", str(photos), *argv)
    assert (code, stdout, stderr[-1]) == (2, [], f"error: {error}")


def test_no_images_is_said_as_before(photos: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _said(capsys, tmp_path, "analyze", str(tmp_path / "notes.txt"), "--out", str(tmp_path / "out")) == (2, [], [
        "warning: ROOT/notes.txt: not an image file, skipped",
        "error: no images to analyse (supported: .jpg .jpeg .png .tif .tiff .bmp, DICOM)"])


def test_exports_own_lines_are_said_as_before(photos: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    voc = str(tmp_path / "voc")
    assert _said(capsys, tmp_path, "export", str(photos), "--format", "voc", "--out", voc) == (2, [], [
        "error: ROOT/photos: no labels to export: the folder was never opened in RetinaReview (it has no .retinareview "
        "folder)"])
    Workspace.open(photos).close()
    assert _said(capsys, tmp_path, "export", str(photos), "--format", "voc", "--out", voc, "--reader",
                 "Nobody") == (2, [], [
        "error: ROOT/photos has no reader 'Nobody' (its readers: 'reader 1'); name one of them, consensus or all"])
    assert _said(capsys, tmp_path, "export", str(photos), "--format", "csv", "--out", str(tmp_path / "csv"),
                 "--reader", "all") == (0, [
        "Reader reader 1:",  # whose labels the folder holds: its name is a hash of the reader's
        "Exported 0 case(s) as grades CSV to ROOT/csv/reader_1-354be29d; 1 file(s) written",
        "wrote ROOT/csv/grades_by_reader.csv"], ["export reader 1 [##############################] 100% done"])
