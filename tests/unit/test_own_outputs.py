"""--overwrite replaces a single output only where it is an earlier one of the program's (annotations.own_outputs):
`open --screenshot ~/Pictures/IDRiD_01.png --overwrite` replaced any file of that name, a patient's photo among
them; a report replaces only an earlier report, as before."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from annotations import messages as msg
from annotations.output_folder import OutputError, refuse_other_kind, write_single_output
from annotations.own_outputs import PDF_REPORT, SCREENSHOT, SCREENSHOT_MARK_KEY, program_mark
from app.cli import main

PIXELS = np.full((12, 16, 3), 90, np.uint8)


def _png(path: Path, software: str | None) -> Path:
    info = PngImagePlugin.PngInfo()
    if software is not None:
        info.add_text(SCREENSHOT_MARK_KEY, software)
    Image.fromarray(PIXELS).save(path, pnginfo=info)
    return path


def _jpeg(path: Path, comment: bytes | None) -> Path:
    Image.fromarray(PIXELS).save(path, **({"comment": comment} if comment is not None else {}))
    return path


def test_only_an_image_carrying_the_programs_mark_is_an_earlier_screenshot(tmp_path: Path) -> None:
    own = [_png(tmp_path / "shot.png", program_mark("0.1.0")),
           _jpeg(tmp_path / "shot.jpg", f"{SCREENSHOT_MARK_KEY}: {program_mark('0.1.0')}".encode())]
    photo = _png(tmp_path / "IDRiD_01.png", None)
    others = [photo, _png(tmp_path / "gimp.png", "GIMP 2.10"), _png(tmp_path / "near.png", "RetinaReviewer 1"),
              _jpeg(tmp_path / "camera.jpg", None), _jpeg(tmp_path / "note.jpg", b"RetinaReview 0.1.0"),
              tmp_path / "notes.png", tmp_path / "empty.png"]
    (tmp_path / "notes.png").write_text(f"{SCREENSHOT_MARK_KEY}: {program_mark('0.1.0')}\n")
    (tmp_path / "empty.png").write_bytes(b"")
    for path in own:
        refuse_other_kind(path, SCREENSHOT)
    for path in others:
        before = path.read_bytes()
        with pytest.raises(OutputError, match="delete it first") as refused:
            write_single_output(path, b"the window", overwrite=True, kind=SCREENSHOT)
        assert str(refused.value).startswith(f"{path}: {msg.NOT_OWN_SCREENSHOT}") and path.read_bytes() == before
    with pytest.raises(OutputError, match="is not a report this program wrote"):  # each kind its own: not a report
        refuse_other_kind(own[0], PDF_REPORT)


def test_a_screenshot_run_never_replaces_a_picture_not_its_own_even_asked(tmp_path: Path, capsys) -> None:
    """Refused before a window opens: the run's whole analysis would have been spent for nothing."""
    (tmp_path / "elsewhere").mkdir()
    picture = _png(tmp_path / "elsewhere" / "IDRiD_01.png", None)
    before = picture.read_bytes()
    assert main(["open", "--screenshot", str(picture), "--overwrite"]) == 2
    error = capsys.readouterr().err
    assert f"{picture}: {msg.NOT_OWN_SCREENSHOT}" in error and picture.read_bytes() == before


def test_a_screenshot_naming_a_folder_is_refused_before_a_window_opens(tmp_path: Path, capsys, monkeypatch) -> None:
    """`--screenshot shots/`, a folder meant, wrote a PNG named `shots`."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as ended:
        main(["open", "--screenshot", "shots/"])
    assert ended.value.code == 2 and not (tmp_path / "shots").exists()
    assert f"--screenshot: 'shots/' names a folder: give the file's own name, e.g. {Path('shots', 'screenshot.png')}" \
        in capsys.readouterr().err
