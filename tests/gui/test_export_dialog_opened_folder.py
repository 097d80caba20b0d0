"""The export dialog, asked for one format into a folder someone opened as photos, refuses before it writes and says
why in the interface's language, naming the folder: its masks came back as that folder's cases."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.gui.test_export_dialog import make_workspace
from widgets.export_dialog import ExportDialog


def test_one_format_into_another_opened_folder_is_refused_in_chinese(qtbot, tmp_path: Path, chinese) -> None:
    other = tmp_path / "other"
    other.mkdir()
    Image.fromarray(np.full((30, 40, 3), 60, np.uint8)).save(other / "a.png")
    Workspace.open(other).close()
    before = sorted(p.name for p in other.iterdir())
    ws = make_workspace(tmp_path / "images")

    def run(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()]}, other, formats=["masks"])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as finished:
        dialog.export_button.click()
    ws.close()
    summary = finished.args[0]
    assert str(other) in summary and "曾作为照片文件夹打开" in summary and "未写入任何内容" in summary
    assert sorted(p.name for p in other.iterdir()) == before
