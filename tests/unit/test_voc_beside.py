""""Save VOC next to images" writes labelImg's IMAGE.xml beside each photo, and replaces a file there only when the
case wrote or imported it as it is now: a labelImg file never imported, another image's of the same name and one
edited since are kept (an outside probe found a labelImg b.xml with 6 boxes replaced by an empty one, and a.png's
boxes written over a.jpg's a.xml)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.formats import voc
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.label_import import import_labels

HE, EX = LesionClass.HE, LesionClass.EX


def _photo(path: Path) -> None:
    Image.fromarray(np.full((40, 60, 3), 90, np.uint8)).save(path)


def _labelimg_file(path: Path, image: str, names: list[str]) -> bytes:
    """What labelImg saved for ``image``: one box per name."""
    boxes = "".join(f"<object><name>{name}</name><bndbox><xmin>{4 + 9 * n}</xmin><ymin>4</ymin>"
                    f"<xmax>{8 + 9 * n}</xmax><ymax>9</ymax></bndbox></object>" for n, name in enumerate(names))
    data = (f"<annotation><filename>{image}</filename><size><width>60</width><height>40</height><depth>3</depth>"
            f"</size>{boxes}</annotation>\n").encode()
    path.write_bytes(data)
    return data


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("a.jpg", "a.png", "b.jpg"):
        _photo(tmp_path / name)
    return tmp_path


def _case(ws: Workspace, image: str):  # noqa: ANN202 - a CaseDocument
    return ws.load_case(next(c.case_id for c in ws.cases() if c.image_path == image))


def _boxes(path: Path) -> list[str]:
    return [box.label.name for box in voc.read_voc(path).boxes]


def test_a_labelimg_file_never_imported_is_kept(folder: Path) -> None:
    theirs = _labelimg_file(folder / "b.xml", "b.jpg", ["HE"] * 6)
    with Workspace.open(folder) as ws:
        doc = _case(ws, "b.jpg")
        with pytest.raises(WorkspaceError, match="b.xml: not replaced"):
            ws.write_voc_beside_image(doc)
    assert (folder / "b.xml").read_bytes() == theirs


def test_two_photos_of_one_name_do_not_share_a_file(folder: Path) -> None:
    with Workspace.open(folder) as ws:
        jpg, png = _case(ws, "a.jpg"), _case(ws, "a.png")
        jpg.boxes, png.boxes = [Box(HE, 2, 2, 9, 9)], [Box(EX, 30, 5, 50, 30)]
        assert ws.write_voc_beside_image(jpg) == folder / "a.xml"
        with pytest.raises(WorkspaceError, match="a.xml: not replaced"):
            ws.write_voc_beside_image(png)
    assert _boxes(folder / "a.xml") == ["HE"]


def test_its_own_file_is_replaced_until_someone_edits_it(folder: Path) -> None:
    with Workspace.open(folder) as ws:
        doc = _case(ws, "a.jpg")
        doc.boxes = [Box(HE, 2, 2, 9, 9)]
        ws.write_voc_beside_image(doc)
        doc.boxes.append(Box(EX, 30, 5, 50, 30))
        ws.write_voc_beside_image(doc)  # the next save
        assert _boxes(folder / "a.xml") == ["HE", "EX"]
        edited = _labelimg_file(folder / "a.xml", "a.jpg", ["SE"])  # labelImg saved it meanwhile
        with pytest.raises(WorkspaceError, match="not replaced"):
            ws.write_voc_beside_image(doc)
    assert (folder / "a.xml").read_bytes() == edited


def test_a_labelimg_file_imported_whole_is_the_cases_own(folder: Path) -> None:
    _labelimg_file(folder / "b.xml", "b.jpg", ["HE", "EX"])
    with Workspace.open(folder) as ws:
        assert import_labels(ws, folder, "voc").cases == 1
        doc = _case(ws, "b.jpg")
        doc.boxes = doc.boxes[:1]  # the reader deleted one of the imported boxes
        ws.save_case(doc)
        ws.write_voc_beside_image(doc)
    assert _boxes(folder / "b.xml") == ["HE"]


def test_a_labelimg_file_imported_in_part_is_kept(folder: Path) -> None:
    """Shapes the import could not take (an unknown label) would be lost by writing the file anew."""
    theirs = _labelimg_file(folder / "b.xml", "b.jpg", ["HE", "drusen"])
    with Workspace.open(folder) as ws:
        import_labels(ws, folder, "voc")
        with pytest.raises(WorkspaceError, match="not replaced"):
            ws.write_voc_beside_image(_case(ws, "b.jpg"))
    assert (folder / "b.xml").read_bytes() == theirs
