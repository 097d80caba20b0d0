"""The export dialog runs the real export off the GUI thread, shows a summary, cancels; labels round-trip."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotations.case_names import case_name
from annotations.classes import LesionClass
from annotations.document import Box, ReviewState
from annotations.frames import with_frame
from annotations.progress import Cancelled
from annotations.reading.messages import COMPARING
from annotations.workspace import Workspace
from annotations.workspace.label_import import import_labels
from annotations.workspace.transfer import export_labels
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from widgets.export_dialog import ExportDialog


def make_workspace(folder: Path) -> Workspace:
    folder.mkdir()
    rgb = np.random.default_rng(0).integers(0, 255, (30, 40, 3), dtype=np.uint8)
    for name in ("a.png", "b.png"):
        Image.fromarray(rgb).save(folder / name)
    ws = Workspace.open(folder)
    doc = ws.load_case(ws.cases()[0].case_id)
    doc.mask[5:10, 5:15] = LesionClass.HE.bit
    doc.mask[20:25, 30:33] = LesionClass.EX.bit | LesionClass.MA.bit
    doc.boxes = [Box(LesionClass.HE, 5, 5, 14, 9), Box(LesionClass.EX, 30, 20, 32, 24, difficult=True)]
    doc.review_state = ReviewState.DONE
    ws.save_case(doc)
    return ws


def test_export_voc_and_masks_then_reimport_gives_equal_labels(qtbot, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "images")
    done = [c.case_id for c in ws.cases() if c.review_state == ReviewState.DONE]

    def run(fmt, out_dir, case_ids, state, overwrite=False):
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()], "done": done, "selection": []},
                          tmp_path / "out")
    qtbot.addWidget(dialog)
    assert not dialog.scope_buttons["selection"].isEnabled()
    dialog.format_boxes["masks"].setChecked(True)
    dialog.scope_buttons["done"].setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as finished:
        dialog.export_button.click()
    summary = finished.args[0]
    assert "Exported 1 case(s) as Pascal VOC" in summary and "Exported 1 case(s) as per-class masks" in summary
    assert "HE" in summary and dialog.progress.value() == 1000 and dialog.export_button.isEnabled()

    original = ws.load_case(done[0])
    ws.close()
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(tmp_path / "images" / original.image_path, copy / original.image_path)
    with Workspace.open(copy) as again:
        import_labels(again, tmp_path / "out" / "masks", "masks")
        import_labels(again, tmp_path / "out" / "voc", "voc")
        back = again.load_case(again.cases()[0].case_id)
    assert np.array_equal(back.mask, original.mask)
    assert sorted((b.label, b.coords(), b.difficult) for b in back.boxes) == sorted(
        (b.label, b.coords(), b.difficult) for b in original.boxes)


def test_export_of_all_cases_leaves_out_the_unlabelled_one_and_says_so(qtbot, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "images")  # a.png labelled and done, b.png untouched

    def run(fmt, out_dir, case_ids, state, overwrite=False):
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.scope_buttons["all"].setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as finished:
        dialog.export_button.click()
    ws.close()
    assert "Exported 1 case(s) as Pascal VOC" in finished.args[0]
    assert "skipped 1 case(s) nobody labelled or marked done" in dialog.summary.toPlainText()
    assert sorted(p.name for p in (tmp_path / "out").glob("*.xml")) == ["a.xml"]


def test_cancel_stops_the_run_and_says_so(qtbot, tmp_path: Path) -> None:
    seen = []

    def slow(fmt, out_dir, case_ids, state, overwrite=False):
        for step in range(500):
            if state.is_cancelled():
                raise Cancelled()
            state.progress(step / 500, f"case {step}")
            time.sleep(0.01)
        seen.append(fmt)
        return "finished"

    dialog = ExportDialog(slow, {"all": ["x"], "done": [], "selection": []}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    assert dialog.is_running() and dialog.cancel_button.isEnabled() and not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=5000)
    with qtbot.waitSignal(dialog.finished_export, timeout=5000) as finished:
        dialog.cancel_button.click()
    assert "cancelled" in finished.args[0] and seen == [] and not dialog.is_running()


def test_failure_is_reported_in_the_summary(qtbot, tmp_path: Path) -> None:
    def broken(fmt, out_dir, case_ids, state, overwrite=False):
        raise OSError(f"{out_dir}: disk full")

    dialog = ExportDialog(broken, {"all": ["x"]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_export, timeout=5000) as finished:
        dialog.export_button.click()
    assert "Export failed" in finished.args[0] and "disk full" in finished.args[0]
    dialog.folder_edit.setText("")
    assert not dialog.export_button.isEnabled()


def test_what_an_export_prepares_is_made_once_for_all_its_formats(qtbot, tmp_path: Path) -> None:
    prepared: list[object] = []
    runs: list[tuple[str, object]] = []

    def prepare(state) -> object:
        prepared.append(object())
        return prepared[-1]

    def run(fmt, out_dir, case_ids, state, overwrite=False, prepared=None):
        runs.append((fmt, prepared))
        return "finished"

    dialog = ExportDialog(run, {"all": ["x"]}, tmp_path / "out", prepare=prepare)
    qtbot.addWidget(dialog)
    for name, box in dialog.format_boxes.items():
        box.setChecked(name in ("csv", "coco"))
    for _ in range(2):  # a second export prepares anew
        with qtbot.waitSignal(dialog.finished_export, timeout=5000):
            dialog.export_button.click()
    assert runs == [("coco", prepared[0]), ("csv", prepared[0]), ("coco", prepared[1]), ("csv", prepared[1])]


def test_the_status_line_names_a_bscan_in_the_interfaces_language(qtbot, tmp_path: Path, chinese) -> None:
    """An export reports each case by its name (annotations.case_names; a B-scan's in English), shown translated."""
    dialog = ExportDialog(lambda *args, **kwargs: "finished", {"all": ["x"]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog._on_progress(0.4, f"Exporting {case_name(with_frame('scans/vol.dcm', 3))} (2 of 5)")
    assert dialog.status.text() == "正在导出 'scans/vol.dcm'，B 扫描 3（第 2 个，共 5 个）"


def test_sorting_out_a_consensus_names_the_case_and_its_place_in_the_interfaces_language(qtbot, tmp_path: Path,
                                                                                       chinese) -> None:
    """Before a consensus export the readings of every agreed case are compared (seconds for a big folder): the
    status line says so, with the case's place in the run, as the export's own lines do."""
    dialog = ExportDialog(lambda *args, **kwargs: "finished", {"all": ["x"]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog._on_progress(0.2, COMPARING.format(name=case_name(with_frame("scans/vol.dcm", 3)), number=1, count=4))
    assert dialog.status.text() == "正在比对 'scans/vol.dcm'，B 扫描 3 的两份阅片（第 1 个，共 4 个）"


def test_a_run_of_several_formats_says_which_step_its_count_is_of_as_the_bar_does(qtbot, tmp_path: Path) -> None:
    """The bar runs once over every format chosen: "(1 of 2)" half-way through the second of two formats is at 75 %
    (the text said "(1 of 2)" alone, 25 points from the bar; 67 points seen exporting three formats)."""
    import threading

    next_format = threading.Semaphore(0)

    def run(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        state.progress(0.5, "Exporting 'a.png' (1 of 2)")
        next_format.acquire(timeout=5)
        return "finished"

    dialog = ExportDialog(run, {"all": ["x"]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    for name, box in dialog.format_boxes.items():
        box.setChecked(name in ("voc", "csv"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.progress.value() == 250)
    assert dialog.status.text() == "Step 1 of 2: Exporting 'a.png' (1 of 2)"
    next_format.release()
    qtbot.waitUntil(lambda: dialog.progress.value() == 750)
    assert dialog.status.text() == "Step 2 of 2: Exporting 'a.png' (1 of 2)"
    with qtbot.waitSignal(dialog.finished_export, timeout=5000):
        next_format.release()
    assert dialog.status.text() == "Finished."


def test_a_step_is_said_in_the_interfaces_language(qtbot, tmp_path: Path, chinese) -> None:
    dialog = ExportDialog(lambda *args, **kwargs: "finished", {"all": ["x"]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog._on_progress(0.75, "Step 2 of 2: Exporting 'a.png' (1 of 2)")
    assert dialog.status.text() == "第 2 步（共 2 步）：正在导出 'a.png'（第 1 个，共 2 个）"


def test_enter_after_a_finished_export_closes_the_dialog_and_runs_nothing_again(qtbot, tmp_path: Path) -> None:
    """The run button stayed the default: Enter after reading the summary ran the same export again."""
    ws = make_workspace(tmp_path / "images")
    runs = []

    def run(fmt, out_dir, case_ids, state, overwrite=False):
        runs.append(fmt)
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000):
        dialog.export_button.click()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    ws.close()
    assert not dialog.isVisible() and runs == ["voc"]


def test_a_file_in_the_way_is_answered_with_the_dialogs_tick_box_not_the_command_lines_option(qtbot,
                                                                                             tmp_path: Path) -> None:
    """The refusal advised "--overwrite", an option of the command line the window's reader never types; the dialog
    asks to replace with its tick box, which the advice names. What the earlier format wrote is still said."""
    ws = make_workspace(tmp_path / "images")
    (tmp_path / "out" / "masks").mkdir(parents=True)
    (tmp_path / "out" / "masks" / "a_HE.png").write_bytes(b"someone else's")

    def run(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - ExportRun
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    dialog = ExportDialog(run, {"all": [c.case_id for c in ws.cases()]}, tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.format_boxes["masks"].setChecked(True)  # after VOC, which writes
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as finished:
        dialog.export_button.click()
    ws.close()
    summary = finished.args[0]
    assert "Exported 1 case(s) as Pascal VOC" in summary and "a_HE.png: already exists" in summary
    assert "--overwrite" not in summary
    box = dialog.overwrite_box.text().replace("&", "").split(" (")[0]
    assert f"tick “{box}” above" in summary
    assert (tmp_path / "out" / "masks" / "a_HE.png").read_bytes() == b"someone else's"
