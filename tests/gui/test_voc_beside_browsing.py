"""With "Save VOC next to images" on, browsing past a photo with a labelImg file beside it not imported yet (D / A)
said at every case that the file is not replaced, though nothing was to be saved; saving an edit there still says
it, and keeps the file."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.commands import AddBox
from annotations.document import Box
from app.main_window import MainWindow
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window


def labelimg_file(path: Path) -> None:
    """labelImg's file for the photo of its name (150 x 100, as fundus_folder's): one box, "haemorrhage"."""
    path.write_text(f"<annotation><filename>{path.stem}.png</filename><size><width>150</width><height>100</height>"
                    "<depth>3</depth></size><object><name>haemorrhage</name><bndbox><xmin>40</xmin><ymin>40</ymin>"
                    "<xmax>60</xmax><ymax>60</ymax></bndbox></object></annotation>\n")


def labelimg_window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The window on a.png, b.png and c.png, with labelImg's a.xml and b.xml beside the first two, a.png open."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png"))
    for name in ("a.xml", "b.xml"):
        labelimg_file(folder / name)
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.image is not None, timeout=20_000)
    return window


def test_browsing_past_a_labelimg_file_says_nothing_and_an_edit_there_says_it_is_kept(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = labelimg_window(qtbot, tmp_path, monkeypatch)
    window.annotation.actions["voc_next_to_images"].setChecked(True)
    assert window.cases.doc.image_path == "a.png"
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    for _ in range(2):  # D past a.png and b.png, both with a labelImg file beside them, neither edited
        window.actions["next_case"].trigger()
        qtbot.waitUntil(lambda: window.cases.image is not None and not window.cases.busy, timeout=20_000)
    window.cases.flush()
    qtbot.wait(50)  # a refusal comes back through the event loop
    assert window.cases.doc.image_path == "c.png"
    assert not [text for text in said if "not replaced" in text]

    window.actions["previous_case"].trigger()
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.image_path == "b.png"
                    and not window.cases.busy, timeout=20_000)
    window.cases.history.execute(AddBox(Box(LesionClass.HE, 5, 5, 20, 20)))
    assert window.cases.save()
    window.cases.flush()
    qtbot.waitUntil(lambda: "b.xml: not replaced" in window.statusBar().currentMessage(), timeout=10_000)
    assert "<name>haemorrhage</name>" in (window.cases.workspace.folder / "b.xml").read_text()
