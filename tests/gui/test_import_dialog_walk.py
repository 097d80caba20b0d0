"""The import dialog says what an import is at: before its first case an import of masks walks --from for folders of
labels (seconds on a big tree), and the bar sat at 0 % with no words; Cancel says it is cancelling."""
from __future__ import annotations

import threading
from pathlib import Path

from annotations.progress import Cancelled
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
import pytest

from annotations.workspace.scan import CHECKING_FOR_LABEL_FOLDERS, LOOKING_FOR_LABEL_FOLDERS
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.unit.test_named_class_folders import _ddr
from widgets.import_dialog import ImportDialog


@pytest.mark.parametrize(("said", "shown"), [
    (LOOKING_FOR_LABEL_FOLDERS.format(count=12), "正在查找标注文件夹…已查看 12 个文件夹"),
    (CHECKING_FOR_LABEL_FOLDERS.format(done=3, count=412), "正在查找标注文件夹…已检查按病灶掩膜命名的文件 3 个，共 412 个")],
    ids=["folders", "headers"])
def test_the_walk_for_folders_of_labels_is_said_in_the_interfaces_language(qtbot, tmp_path: Path, chinese, said: str,
                                                                           shown: str) -> None:
    walking, cancelled = threading.Event(), threading.Event()

    def run(fmt: str, source: Path, label_map: str, state) -> str:  # noqa: ANN001 - the dialog's state
        state.progress(0.0, said)
        walking.set()
        while not state.is_cancelled():
            cancelled.wait(0.01)
        raise Cancelled()

    dialog = ImportDialog(run)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source_edit.setText(str(tmp_path))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() != "", timeout=5000)
    assert dialog.status.text() == shown and dialog.status.isVisible()
    dialog.cancel_button.click()
    assert dialog.status.text() == "正在取消…"
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=5000)
    assert dialog.status.text() == "" and "导入已取消" in dialog.summary.toPlainText()


def test_a_real_import_of_masks_says_its_walk_then_its_cases(qtbot, tmp_path: Path) -> None:
    _ddr(tmp_path / "DDR")
    said: list[str] = []
    with Workspace.open(tmp_path / "DDR") as ws:
        dialog = ImportDialog(lambda fmt, source, label_map, state: import_labels(ws, source, fmt, None, state))
        qtbot.addWidget(dialog)
        dialog.choose_format("masks")
        dialog.source_edit.setText(str(tmp_path / "DDR"))
        shown = dialog.status.setText
        dialog.status.setText = lambda text: (said.append(text), shown(text))  # each word the status shows
        with qtbot.waitSignal(dialog.finished_import, timeout=10_000):
            dialog.import_button.click()
    assert said[0] == LOOKING_FOR_LABEL_FOLDERS.format(count=1), said
    assert "Imported 2 case(s)" in dialog.summary.toPlainText() and dialog.status.text() == ""
