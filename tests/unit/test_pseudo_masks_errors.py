"""`python -m inference.training.pseudo_masks DATA` said only a mask in the way as "error: …": a damaged photo, a
malformed VOC file, a bad --label-map or a folder without VOC pairs ended in a traceback. Now each is one line naming
the file or the entry, exit status 2, as `retina-review evaluate` says them (annotations.command_end, the commands'
one way)."""
from __future__ import annotations

from pathlib import Path

import pytest

from inference.training.pseudo_masks import main
from tests.unit.test_pseudo_masks_output import box_labelled


def damaged_photo(data: Path) -> str:
    (data / "images" / "p1.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    return "images/p1.png: not a readable image"


def malformed_voc(data: Path) -> str:
    (data / "voc" / "p1.xml").write_text("<annotation><object>", encoding="utf-8")
    return "voc/p1.xml: not well-formed XML"


@pytest.mark.parametrize("damage", [damaged_photo, malformed_voc], ids=["damaged photo", "malformed VOC"])
def test_a_file_the_run_cannot_read_is_named_in_one_line(tmp_path: Path, damage, capsys) -> None:
    data = box_labelled(tmp_path / "data")
    named = damage(data)
    assert main([str(data), "--label-map", "HE=HE"]) == 2
    said = capsys.readouterr().err
    assert said.startswith("error: ") and named in said and "Traceback" not in said
    assert not (data / "masks").exists()


@pytest.mark.parametrize("label_map, named", [("HE", "entry 'HE' is not of the form name=CLASS"),
                                              ("HE=XX", "unknown lesion class 'XX'")], ids=["no =", "no class"])
def test_a_bad_label_map_is_named_in_one_line(tmp_path: Path, label_map: str, named: str, capsys) -> None:
    data = box_labelled(tmp_path / "data")
    assert main([str(data), "--label-map", label_map]) == 2
    said = capsys.readouterr().err
    assert said.startswith("error: ") and named in said
    assert not (data / "masks").exists()


def test_a_folder_without_photos_and_voc_files_is_named_in_one_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    for data, named in ((tmp_path / "nowhere", "nowhere: folder not found"), (tmp_path / "empty", "no VOC file")):
        assert main([str(data)]) == 2
        said = capsys.readouterr().err
        assert said.startswith("error: ") and named in said
