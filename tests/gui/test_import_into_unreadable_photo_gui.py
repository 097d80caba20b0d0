"""The import dialog says, in English and in Chinese, that labels went into a saved case whose photo cannot be read,
checked against the size saved with its labels, naming the label file and what is wrong with the photo.

Set RETINA_REVIEW_SCREENSHOTS=/some/folder to keep the dialogs as PNGs."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.hostile_corpus import voc_file, voc_object
from tests.unit.test_export_stopped import labelled_folder
from widgets.import_dialog import ImportDialog


def imported_in_dialog(qtbot, ws: Workspace, source: Path, picture: str) -> str:  # noqa: ANN001 - qtbot
    """The summary the import dialog shows after importing the VOC files of ``source``; its picture kept."""
    dialog = ImportDialog(lambda fmt, source, label_map, state: import_labels(ws, source, fmt, None, state))
    qtbot.addWidget(dialog)
    dialog.choose_format("voc")
    dialog.source_edit.setText(str(source))
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.finished_import, timeout=20_000) as finished:
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.summary.verticalScrollBar().isVisible(), timeout=2000)
    keep_screenshot(dialog, picture)
    return finished.args[0]


def damaged_b(tmp_path: Path, request, language: str) -> tuple[Path, Path]:  # noqa: ANN001 - pytest's request
    """A labelled folder whose saved case b's photo was damaged since (in ``language``), and its labels' folder."""
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    images = labelled_folder(tmp_path / "images")
    photo = images / "b.png"
    photo.write_bytes(photo.read_bytes()[:30])
    return images, tmp_path / "labels"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_dialog_says_the_photo_could_not_be_read_and_what_was_checked(qtbot, tmp_path: Path, request,
                                                                          language: str) -> None:
    images, labels = damaged_b(tmp_path, request, language)
    with Workspace.open(images) as ws:
        export_labels(ws, "voc", labels)
    photo = images / "b.png"
    with Workspace.open(images) as ws:
        said = imported_in_dialog(qtbot, ws, labels, f"import_into_unreadable_photo_{language}.png")
    expected = "b.xml: imported into 'b.png', checked against the size saved with its labels (30x20) as the photo " \
        f"cannot be read: {photo}: " if language == "en" else \
        f"b.xml：已导入 'b.png'，因无法读取照片，按随其标注保存的尺寸（30x20）核对：{photo}："
    assert expected in said


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_labels_drawn_on_another_size_are_said_scaled_to_the_saved_size_in_one_line(qtbot, tmp_path: Path, request,
                                                                                    language: str) -> None:
    """Not "'b.png' is 30x20": the photo cannot be read, so the size is the one saved with the case."""
    images, labels = damaged_b(tmp_path, request, language)
    labels.mkdir()
    voc_file(labels / "b.xml", [voc_object("HE", 4, 4, 18, 18)], 60, 40, "b.png")
    photo = images / "b.png"
    with Workspace.open(images) as ws:
        said = imported_in_dialog(qtbot, ws, labels, f"import_scaled_into_unreadable_photo_{language}.png")
    expected = "b.xml: labelled on a 60x40 image, imported into 'b.png' scaled to the size saved with its labels " \
        f"(30x20) as the photo cannot be read: {photo}: " if language == "en" else \
        f"b.xml：标注时图像为 60x40，因无法读取照片，已按随其标注保存的尺寸（30x20）缩放后导入 'b.png'：{photo}："
    assert expected in said and said.count("b.xml") == 1
