"""The window's export with *Replace files* ticked writes anew a file someone edited since an earlier export wrote it
(a box fixed in labelImg): the edited file is kept beside under a name no reader picks up, and the summary names it,
in English and in Chinese.

Set RETINA_REVIEW_SCREENSHOTS=/some/folder to keep the dialogs as PNGs."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.unit.test_export_stopped import labelled_folder
from widgets.export_dialog import ExportDialog

EDITED = b"<annotation><object><name>HE</name></object></annotation>"  # stands for labelImg's fixed box


def export_through_the_dialog(qtbot, ws: Workspace, out: Path, language: str) -> str:  # noqa: ANN001 - qtbot
    """The summary of a VOC export of every case, *Replace files* ticked; its picture kept as ``language``'s."""
    def run(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()]}, out)
    qtbot.addWidget(dialog)
    dialog.overwrite_box.setChecked(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.summary.verticalScrollBar().isVisible(), timeout=2000)
    keep_screenshot(dialog, f"export_edited_file_kept_{language}.png")
    return dialog.summary.toPlainText()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_dialog_names_the_edited_file_it_kept(qtbot, tmp_path: Path, request, language: str) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    out = tmp_path / "out"
    with Workspace.open(labelled_folder(tmp_path / "images")) as ws:
        export_labels(ws, "voc", out)
        (out / "b.xml").write_bytes(EDITED)
        said = export_through_the_dialog(qtbot, ws, out, language)
    (kept,) = out.glob("b.xml.edited-*")
    assert kept.read_bytes() == EDITED and (out / "b.xml").read_bytes() != EDITED
    assert f"b.xml as {kept.name}" in said if language == "en" else f"b.xml 改名为 {kept.name}" in said
