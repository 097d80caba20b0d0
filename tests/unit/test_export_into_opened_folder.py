"""An export into a folder someone opened as a folder of photos (its ``.retinareview`` holds their labels) is refused
before it writes: its masks came back as that folder's cases, and its ``eye.xml`` beside that folder's own
``eye.png`` was offered as that photo's labelImg boxes."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from app.cli import main


def _photo(path: Path, value: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((24, 40, 3), value, np.uint8)).save(path)


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A folder whose one case, eye.png, is painted and boxed."""
    folder = tmp_path / "clinic"
    _photo(folder / "eye.png", 120)
    with Workspace.open(folder, reader="dr-a") as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask[3:9, 3:9] = LesionClass.HE.bit
        doc.boxes = [Box(LesionClass.HE, 3, 3, 9, 9)]
        ws.save_case(doc)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and ".retinareview" not in p.relative_to(folder).parts[:1]}


@pytest.mark.parametrize("fmt", ["masks", "voc", "csv", "dataset"])
@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_an_export_into_another_opened_folder_is_refused_naming_it(clinic: Path, tmp_path: Path, fmt: str,
                                                                   overwrite: list[str], capsys) -> None:
    other = tmp_path / "other"
    _photo(other / "eye.png", 60)
    with Workspace.open(other, reader="dr-b") as ws:
        listed = [case.image_path for case in ws.cases()]
    before = _files(other)
    assert main(["export", str(clinic), "--format", fmt, "--out", str(other), *overwrite]) == 2
    err = capsys.readouterr().err
    assert f"{other}: was opened as a folder of photos" in err and "nothing was written" in err
    assert _files(other) == before and not (other / ".retinareview-output").exists()
    with Workspace.open(other, reader="dr-b") as ws:
        assert [case.image_path for case in ws.cases()] == listed


def test_an_export_folder_opened_to_look_at_its_masks_takes_no_more(clinic: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["export", str(clinic), "--format", "masks", "--out", str(out)]) == 0
    Workspace.open(out, reader="dr-a").close()  # its masks are that folder's cases now, their labels saved there
    before = _files(out)
    assert main(["export", str(clinic), "--format", "masks", "--out", str(out), "--overwrite"]) == 2
    assert f"{out}: was opened as a folder of photos" in capsys.readouterr().err
    assert _files(out) == before


def test_the_grades_of_a_folder_still_go_into_that_folder_itself(clinic: Path) -> None:
    assert main(["export", str(clinic), "--format", "csv", "--out", str(clinic)]) == 0
    assert (clinic / "grades.csv").is_file()
