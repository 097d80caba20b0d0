"""The 412 real CODRAS/IDRiD VOC files import with a label map and export back with identical boxes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP, names_for_export, parse_label_map
from annotations.formats.voc import read_voc, write_voc

OBJECT_RE = re.compile(r"<object>.*?<name>(.*?)</name>.*?<xmin>(.*?)</xmin>.*?<ymin>(.*?)</ymin>"
                       r".*?<xmax>(.*?)</xmax>.*?<ymax>(.*?)</ymax>.*?</object>", re.S)


def raw_objects(path: Path) -> list[tuple[str, int, int, int, int]]:
    """An independent reading of the file (plain regex) to compare the parser against."""
    return [(name, *(int(v) for v in coords)) for name, *coords in OBJECT_RE.findall(path.read_text())]


@pytest.fixture
def voc_files(shared_data: Path) -> list[Path]:
    files = sorted((shared_data / "codras-idrid" / "voc").glob("*.xml"))
    if not files:
        pytest.skip("no VOC files in shared data")
    return files


def test_real_files_import_and_export_with_identical_boxes(voc_files: list[Path], tmp_path: Path) -> None:
    label_map = parse_label_map(IDRID_CODRAS_LABEL_MAP)
    names = names_for_export(label_map)
    assert len(voc_files) == 412
    total = 0
    for path in voc_files:
        expected = raw_objects(path)
        annotation = read_voc(path, label_map)
        assert annotation.unknown_labels == [], path
        assert annotation.notes == [], path
        got = [(names[b.label], *b.coords()) for b in annotation.boxes]
        assert got == expected, path

        copy = tmp_path / path.name
        write_voc(copy, annotation, names)
        assert raw_objects(copy) == expected, path
        again = read_voc(copy, label_map)
        assert (again.filename, again.folder, again.width, again.height, again.depth) == (
            annotation.filename, annotation.folder, annotation.width, annotation.height, annotation.depth)
        total += len(expected)
    assert total > len(voc_files)  # every file has its optic disc and most have lesions
