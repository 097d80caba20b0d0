"""The export and import dialogs offer CVAT for images 1.1 and the labelme export, in English and Chinese, and a
CVAT export made in the dialog comes back through the import dialog unchanged."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.gui.test_export_dialog import make_workspace
from widgets.export_dialog import ExportDialog
from widgets.import_dialog import ImportDialog


def format_texts(dialog: ImportDialog) -> dict[str, str]:
    return {dialog.format_box.itemData(i): dialog.format_box.itemText(i) for i in range(dialog.format_box.count())}


def test_dialogs_list_cvat_and_the_labelme_export(qtbot) -> None:
    export = ExportDialog(lambda *args, **kwargs: "done", {"all": ["a"], "done": [], "selection": []}, "/tmp/out")
    qtbot.addWidget(export)
    assert export.format_boxes["cvat"].text() == "CVAT &for images 1.1 (annotations.xml: boxes, one mask per region)"
    assert export.format_boxes["labelme"].text() == "&labelme shapes (one .json per image: rectangles, polygons, masks)"
    importer = ImportDialog(lambda *args: "done")
    qtbot.addWidget(importer)
    assert format_texts(importer)["cvat"] == "CVAT for images 1.1 (annotations.xml or the chosen .xml file)"


def test_dialogs_list_them_in_chinese(qtbot, chinese) -> None:  # noqa: F811
    export = ExportDialog(lambda *args, **kwargs: "done", {"all": ["a"], "done": [], "selection": []}, "/tmp/out")
    qtbot.addWidget(export)
    assert export.format_boxes["cvat"].text() == "CVAT for images 1.1（annotations.xml：框，每个区域一个掩膜）(&F)"
    assert export.format_boxes["labelme"].text() == "labelme 形状（每张图像一个 .json：矩形、多边形、掩膜）(&L)"
    importer = ImportDialog(lambda *args: "done")
    qtbot.addWidget(importer)
    assert format_texts(importer)["cvat"] == "CVAT for images 1.1（annotations.xml 或所选的 .xml 文件）"


def test_cvat_export_in_the_dialog_comes_back_through_the_import_dialog(qtbot, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "images")
    ids = [c.case_id for c in ws.cases()]

    def export(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(export, {"all": ids, "done": ids[:1], "selection": []}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.format_boxes["voc"].setChecked(False)
    dialog.format_boxes["cvat"].setChecked(True)
    dialog.format_boxes["labelme"].setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as finished:
        dialog.export_button.click()
    assert "Exported 1 case(s) as CVAT" in finished.args[0] and "Exported 1 case(s) as labelme" in finished.args[0]
    assert (tmp_path / "out" / "cvat" / "annotations.xml").is_file()
    original = ws.load_case(ids[0])
    ws.close()

    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(tmp_path / "images" / original.image_path, copy / original.image_path)
    with Workspace.open(copy) as again:
        importer = ImportDialog(lambda fmt, source, label_map, state: import_labels(again, source, fmt, None, state))
        qtbot.addWidget(importer)
        importer.choose_format("cvat")
        importer.source_edit.setText(str(tmp_path / "out" / "cvat" / "annotations.xml"))
        with qtbot.waitSignal(importer.finished_import, timeout=10_000) as finished:
            importer.import_button.click()
        assert "Imported 1 case(s) as CVAT" in finished.args[0]
        back = again.load_case(again.cases()[0].case_id)
    assert np.array_equal(back.mask, original.mask)
    assert sorted((b.label, b.coords(), b.difficult) for b in back.boxes) == sorted(
        (b.label, b.coords(), b.difficult) for b in original.boxes)
