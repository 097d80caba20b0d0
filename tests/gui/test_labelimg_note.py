"""A person coming from labelImg opens a folder with NAME.xml beside each photo: the window says, without a box that
stops the work, that those boxes are not imported yet, and its button opens the import set to VOC and to the folder;
once imported the note goes; closed, it comes back only for files it did not count."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.classes import LesionClass
from app.main_window import MainWindow
from tests.gui.test_voc_beside_browsing import labelimg_file, labelimg_window
from widgets.import_dialog import ImportDialog


def test_labelimg_boxes_not_imported_are_said_and_the_note_opens_their_import(qtbot, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = labelimg_window(qtbot, tmp_path, monkeypatch)
    bar = window.note_bar
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    assert bar.label.text() == ("2 photo(s) have labelImg boxes beside them (NAME.xml, e.g. a.xml) not imported yet, "
                                "or changed since their import: they are not shown until Annotate ▸ Import labels "
                                "(Pascal VOC) brings them in.")
    assert window.cases.doc.boxes == []  # nothing imported unasked

    bar.button.click()
    [dialog] = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert dialog.chosen_format() == "voc" and dialog.source_edit.text() == str(window.cases.workspace.folder)
    dialog.label_map_edit.setText("haemorrhage=HE")
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=10_000)
    assert [box.label for box in window.cases.doc.boxes] == [LesionClass.HE]


def test_a_closed_note_comes_back_only_for_files_it_did_not_count(qtbot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window = labelimg_window(qtbot, tmp_path, monkeypatch)
    bar = window.note_bar
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    bar.close_button.click()
    assert not bar.isVisible()
    folder = window.cases.workspace.folder
    _rescan(qtbot, window)
    assert not bar.isVisible() and window.labelimg_note.found == ["a.xml", "b.xml"]  # said once
    labelimg_file(folder / "c.xml")  # labelled in labelImg meanwhile
    _rescan(qtbot, window)
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    assert bar.label.text().startswith("3 photo(s) have labelImg boxes beside them")


def _rescan(qtbot, window: MainWindow) -> None:
    window.actions["rescan_folder"].trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Folder rescanned"), timeout=10_000)
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    window.cases.flush()
