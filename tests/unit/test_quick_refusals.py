"""A mistake in a command's line is refused at once: before torch is imported (some 9 s and 0.7 GB), each command
refused its options' and arguments' mistakes only after it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def refused_without_torch(argv: list[str]) -> str:
    """``argv`` run in a fresh interpreter: asserts it was refused (exit 2) with torch never imported; its stderr."""
    code = f"import sys; from app.cli import main; status = main({argv!r}); print(status, 'torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert done.stdout.split()[-2:] == ["2", "False"], done.stderr
    return done.stderr


@pytest.mark.parametrize(("options", "said"), [
    ([], "give --out DIR"),
    (["--out", "OUT", "--outputs", "jsn"], "unknown output jsn"),
    (["--out", "OUT", "--ray-workers", "2"], "options of --engine ray"),
    (["--out", "OUT", "--cam-grade", "2"], "keeps no heat map"),
    (["--out", "OUT", "--device", "cdua"], "unknown device 'cdua'"),
    (["--out", "OUT", "--resume", "--outputs", "mask"], "add json to --outputs"),
    (["--out", "OUT", "--model", "nosuch"], "nosuch: no such model"),  # refused once assemble_models had torch
])
def test_analyze_refuses_its_options_mistakes_before_torch(tmp_path: Path, options: list[str], said: str) -> None:
    (tmp_path / "in").mkdir()
    Image.new("RGB", (40, 30)).save(tmp_path / "in" / "eye.png")
    argv = ["analyze", str(tmp_path / "in"), *(str(tmp_path / "out") if word == "OUT" else word for word in options)]
    assert said in refused_without_torch(argv)
    assert not (tmp_path / "out").exists()


def test_analyze_of_no_image_is_refused_before_torch(tmp_path: Path) -> None:
    assert "no images to analyse" in refused_without_torch(["analyze", str(tmp_path / "missing"), "--out",
                                                           str(tmp_path / "out")])


@pytest.mark.parametrize(("option", "said"), [("--logo", "clinic logo"), ("--cjk-font", "font file")])
def test_report_refuses_a_clinic_file_it_cannot_read_before_the_analysis(tmp_path: Path, option: str,
                                                                         said: str) -> None:
    """A mistyped --logo or --cjk-font was refused once the photo was analysed (its models loaded: 10 s and more)."""
    Image.new("RGB", (40, 30)).save(tmp_path / "eye.png")
    argv = ["report", str(tmp_path / "eye.png"), "--out", str(tmp_path / "r.pdf"), option, str(tmp_path / "missing")]
    assert f"{said} {tmp_path / 'missing'}" in refused_without_torch(argv)
    assert not (tmp_path / "r.pdf").exists()


def test_open_refuses_a_screenshot_format_it_cannot_write_before_the_window(tmp_path: Path) -> None:
    """`open DIR --screenshot shot.txt` opened the window and analysed the case (17 s, 0.85 GB) to refuse the name."""
    (tmp_path / "in").mkdir()
    Image.new("RGB", (40, 30)).save(tmp_path / "in" / "eye.png")
    said = refused_without_torch(["open", str(tmp_path / "in"), "--screenshot", str(tmp_path / "shot.txt")])
    assert f"cannot write {tmp_path / 'shot.txt'}: not an image format" in said


@pytest.mark.parametrize(("options", "said"), [
    (["--data", "DATA", "--dice-weights", "XX=1"], "--dice-weights entry 'XX=1'"),
    (["--data", "MISSING"], "MISSING: not a folder"),
    (["--data", "DATA", "--init-from", "nosuch"], "nosuch: no such model"),
])
def test_train_refuses_its_options_mistakes_before_torch(tmp_path: Path, options: list[str], said: str) -> None:
    """A mistyped --dice-weights or --init-from, or a missing --data, was refused after torch loaded (4 s, 0.74 GB)."""
    (tmp_path / "data").mkdir()
    Image.new("RGB", (40, 30)).save(tmp_path / "data" / "eye.png")
    paths = {"DATA": str(tmp_path / "data"), "MISSING": str(tmp_path / "missing")}
    argv = ["train", "seg", "--out", str(tmp_path / "model"), *(paths.get(word, word) for word in options)]
    assert said.replace("MISSING", paths["MISSING"]) in refused_without_torch(argv)
    assert not (tmp_path / "model").exists()


@pytest.mark.parametrize(("task", "options", "said"), [
    ("seg", ["--label-map", "XX"], "label map entry 'XX'"),
    ("seg", ["--data", "MISSING"], "MISSING: not a folder"),
    ("boxes", ["--data", "MISSING"], "MISSING: folder not found"),  # box evaluation's own words for it
    ("seg", ["--model", "nosuch"], "nosuch: no such model"),
    ("boxes", ["--model", "nosuch"], "nosuch: no such model"),
])
def test_evaluate_refuses_its_options_mistakes_before_torch(tmp_path: Path, task: str, options: list[str],
                                                            said: str) -> None:
    """A bad --label-map, a missing --data or an unknown --model was refused after torch loaded (3-5.5 s, 0.74 GB)."""
    (tmp_path / "data").mkdir()
    Image.new("RGB", (40, 30)).save(tmp_path / "data" / "eye.png")
    given = dict(zip(options[::2], options[1::2]))
    missing = str(tmp_path / "missing")
    data = missing if given.get("--data") == "MISSING" else str(tmp_path / "data")
    argv = ["evaluate", task, "--model", given.get("--model", "classical"), "--data", data,
            "--out", str(tmp_path / "out"), "--label-map", given.get("--label-map", "")]
    assert said.replace("MISSING", missing) in refused_without_torch(argv)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("voc", "split", "said"), [
    (False, "auto", "no VOC file with a matching image"),
    (True, "test", "no VOC file with a matching image among the requested ids"),  # eye.png: no number, not held out
])
def test_evaluate_boxes_refuses_a_folder_with_no_box_to_score_before_torch(tmp_path: Path, voc: bool, split: str,
                                                                          said: str) -> None:
    """`evaluate boxes --data` a folder of photos without VOC files (or with none held out, for --split test) was
    refused once the classical detector's modules had loaded torch (4.9 s)."""
    from annotations.formats.voc import VocAnnotation, write_voc

    (tmp_path / "data").mkdir()
    Image.new("RGB", (40, 30)).save(tmp_path / "data" / "eye.png")
    if voc:
        write_voc(tmp_path / "data" / "eye.xml", VocAnnotation("eye.png", 40, 30))
    argv = ["evaluate", "boxes", "--model", "classical", "--data", str(tmp_path / "data"), "--out",
            str(tmp_path / "out"), "--split", split]
    assert f"{tmp_path / 'data'}: {said}" in refused_without_torch(argv)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["r.txt", "report"])
def test_report_refuses_an_out_it_would_not_name_pdf(tmp_path: Path, name: str) -> None:
    """`report --out r.txt` wrote a PDF named r.txt, saying nothing (only a photo's name such as r.png was refused)."""
    Image.new("RGB", (40, 30)).save(tmp_path / "eye.png")
    said = refused_without_torch(["report", str(tmp_path / "eye.png"), "--out", str(tmp_path / name)])
    assert f"--out {tmp_path / name}: a report is a PDF: name it .pdf" in said
    assert not (tmp_path / name).exists()
