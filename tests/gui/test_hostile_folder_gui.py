"""A folder holding every hostile input of the unit suites at once, beside a few good photos: the window opens it,
lists every good photo, and exports them as VOC without error (issue 13)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.workspace import Workspace
from annotations.workspace.scan import case_id_for
from app.main_window import MainWindow
from tests import hostile_corpus as corpus
from tests import hostile_fs_corpus as fs
from tests.gui.test_hostile_gui import settings  # noqa: F401 - the same window settings fixture

GOOD = ("good.png", "sub/good.jpg", fs.NFC_NAME, fs.NFD_NAME, corpus.UNICODE_NAME, "linked-case.png")
BAD = {  # file name -> words its error must hold
    "empty.jpg": "empty", "bomb.png": "too large", "crc.png": "not a readable image",
    "metadata.png": "metadata", "icc.png": "metadata", "pipe.png": "named pipe", "zero.png": "a device",
    "saved-then-piped.png": "named pipe",
}
LABELLED = GOOD[:-1]  # linked-case.png's labels folder is a link out of the folder: refused, so nobody labelled it


@pytest.fixture
def everything(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    (folder / "sub").mkdir(parents=True)
    outside = tmp_path / "documents"
    outside.mkdir()
    (outside / "letter.txt").write_text("not yours")
    for seed, name in enumerate(GOOD):
        corpus.save_rgb(folder / name, corpus.fundus_rgb(seed=seed))
    corpus.save_rgb(folder / "saved-then-piped.png")
    with Workspace.open(folder) as ws:  # labels saved before the folder turned hostile
        ids = {case.image_path: case.case_id for case in ws.cases()}  # a Unicode twin's is not case_id_for's
        for name in (*LABELLED, "saved-then-piped.png"):
            doc = ws.load_case(ids[name])
            doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
            ws.save_case(doc)
    corpus.empty_file(folder / "empty.jpg")
    corpus.bomb_png(folder / "bomb.png")
    corpus.png_with_bad_header_crc(folder / "crc.png")
    fs.png_with_huge_chunk(folder / "metadata.png", b"zTXt")
    fs.png_with_huge_chunk(folder / "icc.png", b"iCCP")
    fs.fifo(folder / "pipe.png")
    fs.endless_device_link(folder / "zero.png")
    fs.non_utf8_image(folder)
    fs.link(folder / "whole disk", "/")
    corpus.symlink_loop(folder)
    sidecar = folder / ".retinareview"
    piped = sidecar / "cases" / case_id_for("saved-then-piped.png") / "case.json"
    piped.unlink()
    fs.fifo(piped)
    fs.link(sidecar / "cases" / case_id_for("linked-case.png"), outside)
    return folder


def test_folder_of_every_hostile_input_lists_every_good_photo_and_exports_them(qtbot, settings, everything,
                                                                               tmp_path) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_paths([everything])
    qtbot.waitUntil(lambda: not window.cases.busy)  # listed on a worker
    listed = {s.image_path: s for s in window.cases.summaries.values()}
    for name in GOOD:
        assert name in listed and listed[name].error is None, (name, listed.get(name))
    for name, words in BAD.items():
        assert words in (listed[name].error or ""), (name, listed[name].error)
    (undecodable,) = [s for s in listed.values() if s.image_path.startswith("scan-")]
    assert "not valid UTF-8" in undecodable.error
    assert not any(path.startswith("whole disk/") for path in listed)

    window.cases.select_case(listed["good.png"].case_id)  # a good case still opens, edits and saves
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.cases.edits.set_findings("reviewed in the hostile folder")
    dialog = window.annotation.show_export()  # saves the case first
    qtbot.waitUntil(lambda: dialog.counted)  # the scopes are read on a worker
    out = tmp_path / "export"
    dialog.folder_edit.setText(str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000) as finished:
        dialog.export_button.click()
    summary = finished.args[0]
    assert f"Exported {len(LABELLED)} case(s) as Pascal VOC" in summary, summary
    assert "skipped 1 case(s) nobody labelled" in summary  # an empty VOC file would read as "no lesions"
    assert len(list(out.glob("*.xml"))) == len(LABELLED)
    # good.png and sub/good.png share the photo's name: sub/good.png takes its path's, good.png a tagged one
    names = os.listdir(out)
    assert "sub__good.xml" in names and sum(name.startswith("good_") for name in names) == 1
    assert "share the output name" in summary
    skipped = [line for line in summary.splitlines() if "skipped:" in line]
    assert len(skipped) == len(BAD) + 1 and any("not valid UTF-8" in line for line in skipped)
    assert window.isVisible()
    window.close()
    assert sorted(os.listdir(tmp_path / "documents")) == ["letter.txt"]


def test_opening_one_of_two_unicode_twins_lists_that_one(qtbot, settings, tmp_path) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    corpus.save_rgb(folder / fs.NFC_NAME)
    corpus.save_rgb(folder / fs.NFD_NAME, corpus.fundus_rgb(seed=3))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([folder / fs.NFD_NAME])
    qtbot.waitUntil(lambda: not window.cases.busy)
    assert [s.image_path for s in window.cases.summaries.values()] == [fs.NFD_NAME]
    window.close()
