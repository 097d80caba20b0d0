"""The export dialog's summary box was four lines tall: an export's warnings ("removed N file(s)", "kept N file(s)"),
which end its summary, sat below the fold of a box that looked complete. The dialog now grows until the whole
summary shows, as far as the screen allows.

Set RETINA_REVIEW_SCREENSHOTS=/some/folder to keep the dialogs as PNGs."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.workspace import transfer_messages as warning
from annotations.workspace.transfer import TransferSummary
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from widgets.export_dialog import ExportDialog
from widgets.whole_text import hidden_height

CASES = {"all": ["a", "b"], "done": ["a", "b"], "shown": ["a", "b"], "selection": []}


def finished_dialog(qtbot, tmp_path: Path, warnings: list[str]) -> ExportDialog:
    """An export dialog, shown at its default size, after a masks export whose summary ends in ``warnings``."""
    def run(fmt: str, out_dir: Path, case_ids: list[str], state, overwrite: bool = False) -> TransferSummary:
        summary = TransferSummary("export", fmt, out_dir, cases=len(case_ids), files=8, warnings=list(warnings))
        summary.pixels.update({LesionClass.MA: 15, LesionClass.HE: 50, LesionClass.EX: 15})
        return summary

    dialog = ExportDialog(run, CASES, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.format_boxes["voc"].setChecked(False)
    dialog.format_boxes["masks"].setChecked(True)
    dialog.overwrite_box.setChecked(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000):
        dialog.export_button.click()
    return dialog


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_summary_shows_its_warnings_without_scrolling(qtbot, tmp_path: Path, request, language: str) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    # the masks export's dialog (VOC ticked adds its note on painted masks: test_export_boxes_only_note)
    default_height = ExportDialog(lambda *args, **kwargs: None, CASES, formats=["masks"]).sizeHint().height()
    dialog = finished_dialog(qtbot, tmp_path, [
        warning.STALE_CASE_FILES_REMOVED.format(count=4, example="p2_EX.png"),
        warning.STALE_FILES_KEPT.format(count=1, example="p3_MA.png")])
    qtbot.waitUntil(lambda: not dialog.summary.verticalScrollBar().isVisible(), timeout=2000)  # nothing to scroll
    keep_screenshot(dialog, f"export_summary_warnings_{language}.png")
    said = dialog.summary.toPlainText()
    assert ("p2_EX.png" in said and "p3_MA.png" in said) and (language == "en") == ("removed 4 file(s)" in said)
    assert hidden_height(dialog.summary) == 0 and dialog.summary.verticalScrollBar().maximum() == 0
    assert dialog.height() > default_height


def test_a_summary_longer_than_the_screen_grows_the_dialog_no_further_than_the_screen(qtbot, tmp_path: Path) -> None:
    warnings = [warning.SKIPPED.format(error=f"case{number}.png: the file is damaged") for number in range(80)]
    dialog = finished_dialog(qtbot, tmp_path, warnings)
    screen = dialog.screen().availableGeometry()
    assert screen.contains(dialog.frameGeometry())
    assert dialog.frameGeometry().height() > screen.height() - 40  # as tall as it may be
    assert dialog.summary.verticalScrollBar().maximum() > 0  # the rest scrolls
