"""The export dialog says, before the export, that Pascal VOC or YOLO ticked alone leaves the painted masks out and
which formats keep them, and its summary says for how many cases (annotations.workspace.transfer_texts)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from annotations.workspace.transfer import export_labels
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.gui.test_export_dialog import make_workspace
from widgets.export_dialog import ExportDialog


def dialog_of(qtbot, tmp_path: Path) -> ExportDialog:
    ws = make_workspace(tmp_path / "images")  # a.png: HE, EX and MA painted and boxed; b.png: nothing

    def run(fmt, out_dir, case_ids, state, overwrite=False):
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()], "done": [], "selection": []},
                          tmp_path / "out", formats=["voc"])
    qtbot.addWidget(dialog)
    return dialog


def test_a_box_format_ticked_alone_is_said_to_leave_the_painted_masks_out(qtbot, tmp_path: Path) -> None:
    dialog = dialog_of(qtbot, tmp_path)
    note = dialog.boxes_only_note
    assert note.isVisibleTo(dialog) and note.text().startswith("Pascal VOC files hold boxes only")
    assert "per-class masks, COCO, CVAT, labelme" in note.text()
    dialog.format_boxes["yolo"].setChecked(True)
    assert note.text().startswith("Pascal VOC, YOLO files hold boxes only")
    dialog.format_boxes["coco"].setChecked(True)  # the painted pixels go into COCO's file
    assert not note.isVisibleTo(dialog)
    dialog.format_boxes["coco"].setChecked(False)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as finished:
        dialog.export_button.click()
    assert finished.args[0].count("the masks painted in 1 case(s) are not in the Pascal VOC, YOLO files") == 1


def test_the_note_in_chinese(qtbot, tmp_path: Path, chinese) -> None:  # noqa: F811 - fixture
    dialog = dialog_of(qtbot, tmp_path)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.boxes_only_note.text()
    masks = QCoreApplication.translate("TransferTexts", "per-class masks")
    assert "Pascal VOC" in text and masks in text and masks != "per-class masks" and "boxes" not in text
    qtbot.wait(200)
    keep_screenshot(dialog, "export_boxes_only_note_zh.png")
