"""A case whose saved mask file is missing (deleted by hand, lost by a sync) opens with its photo, grade and boxes and
no painted pixels, the status bar saying which file is missing; the window's export skips it, naming it, and writes
the others. Before, the case could not be shown (Try again read the same absence) and the export stopped. A case whose
saved AI file is missing opens as not analysed, saying so; analysing it again leaves the reader's grade and labels."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotations.classes import LesionClass
from annotations.document import AIResult, Box, ReviewState
from annotations.workspace import Workspace
from annotations.workspace.transfer import export_labels
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.gui.test_main_window import fundus_folder
from tests.gui.windows import reviewer_window
from widgets.case_list import ERROR_COLOUR
from widgets.export_dialog import ExportDialog


def _mask_deleted(folder: Path, names: tuple[str, ...] = ("b.png",)) -> dict[str, tuple[str, Path]]:
    """Saves each of ``names`` graded 2, boxed, painted and done, then deletes b.png's mask file; returns each one's
    case id and saved mask file by name."""
    saved = {}
    with Workspace.open(folder) as ws:
        for case in ws.cases():
            if case.image_path not in names:
                continue
            doc = ws.load_case(case.case_id)
            doc.grade.dr_grade, doc.review_state = 2, ReviewState.DONE
            doc.boxes = [Box(LesionClass.HE, 2, 2, 9, 9)]
            doc.mask[10:14, 10:14] = LesionClass.EX.bit
            ws.save_case(doc)
            (mask,) = ws.case_files.case_dir(case.case_id).glob("mask.*.png")
            saved[case.image_path] = (case.case_id, mask)
    saved["b.png"][1].unlink()
    return saved


def test_the_case_opens_without_its_missing_mask_and_the_status_bar_names_the_file(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    case_id, mask = _mask_deleted(folder)["b.png"]
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    said: list[str] = []
    window.cases.message.connect(said.append)
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.current_id == case_id and window.cases.image is not None, timeout=10_000)
    assert window.cases.open_error is None and window.centre.currentWidget() is window.canvas
    doc = window.cases.doc
    assert doc.grade.dr_grade == 2 and len(doc.boxes) == 1 and not doc.mask.any()
    assert any(str(mask) in text and "is missing" in text for text in said)
    assert str(mask) in window.statusBar().currentMessage()
    assert not window.cases.is_dirty  # nothing is saved over the missing file unless the case is edited


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_case_whose_mask_and_ai_file_are_both_missing_opens_naming_each(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, request: pytest.FixtureRequest) -> None:
    """The status bar named the missing mask alone."""
    if language == "zh":
        request.getfixturevalue("chinese")
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    with Workspace.open(folder) as ws:
        case_id = next(case.case_id for case in ws.cases() if case.image_path == "b.png")
        doc = ws.load_case(case_id)
        doc.mask[10:14, 10:14] = LesionClass.EX.bit
        doc.ai = AIResult(dr_grade=4, cam=np.zeros(doc.mask.shape, np.float32))
        ws.save_case(doc)
        gone = [next(ws.case_files.case_dir(case_id).glob(name)) for name in ("mask.*.png", "ai.*.npz")]
    for path in gone:
        path.unlink()
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.current_id == case_id and window.cases.image is not None, timeout=10_000)
    shown = window.statusBar().currentMessage()
    assert all(str(path) in shown for path in gone)
    said = (["已保存的掩膜文件不存在", "；", "已保存的 AI 结果文件不存在"] if language == "zh" else
            ["the saved mask of 'b.png' is missing", "; ", "the saved AI result of 'b.png' is missing"])
    assert all(words in shown for words in said) and shown.index(said[0]) < shown.index(said[2])


def test_the_windows_export_skips_it_naming_the_file_and_writes_the_others(qtbot, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png"))
    _case_id, mask = _mask_deleted(folder, ("a.png", "b.png", "c.png"))["b.png"]
    ws = Workspace.open(folder)

    def run(fmt, out_dir, case_ids, state, overwrite=False):  # noqa: ANN001, ANN202 - as the window's
        return export_labels(ws, fmt, out_dir, state, case_ids=case_ids, overwrite=overwrite)

    out = tmp_path / "out"
    dialog = ExportDialog(run, {"all": [case.case_id for case in ws.cases()]}, out)
    qtbot.addWidget(dialog)
    dialog.scope_buttons["all"].setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000):
        dialog.export_button.click()
    ws.close()
    summary = dialog.summary.toPlainText()
    assert "Exported 2 case(s) as Pascal VOC" in summary
    assert any(str(mask) in line and "is missing" in line for line in summary.splitlines())
    assert sorted(path.name for path in out.glob("*.xml")) == ["a.xml", "c.xml"]


def test_a_case_whose_ai_file_is_missing_opens_as_not_analysed_and_its_new_analysis_leaves_the_readers_work(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.analysis_controller import AnalysisController
    from inference import pipeline

    folder = fundus_folder(tmp_path, monkeypatch, ("b.png",))
    with Workspace.open(folder) as ws:
        (case,) = ws.cases()
        case_id, doc = case.case_id, ws.load_case(case.case_id)
        doc.grade.dr_grade, doc.boxes = 2, [Box(LesionClass.HE, 2, 2, 9, 9)]
        doc.mask[10:14, 10:14] = LesionClass.EX.bit
        doc.ai = AIResult(dr_grade=4, cam=np.zeros(doc.mask.shape, np.float32))
        ws.save_case(doc)
        (ai,) = ws.case_files.case_dir(case_id).glob("ai.*.npz")
    ai.unlink()
    monkeypatch.setattr(AnalysisController, "_load_models",  # no model to load: the pipeline below needs none
                        lambda self, settings, state: type("Loaded", (), {"device": "cpu", "models": None}))
    monkeypatch.setattr(pipeline, "analyze", lambda images, *args, **kwargs: [
        pipeline.AnalysisOutcome("image 0", AIResult(dr_grade=3))])
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=True, reader="tester"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    said: list[str] = []
    window.cases.message.connect(said.append)
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.ai is not None, timeout=20_000)
    assert any(str(ai) in text and "AI result of 'b.png' is missing" in text for text in said)
    doc = window.cases.doc
    assert doc.ai.dr_grade == 3  # analysed again, as a photo never analysed is
    assert doc.grade.dr_grade == 2 and len(doc.boxes) == 1 and doc.mask.any()  # the reader's, untouched
    window.close()  # saves the case
    with Workspace.open(folder) as ws:
        saved = ws.load_case(case_id)
    assert saved.ai.dr_grade == 3 and saved.grade.dr_grade == 2 and len(saved.boxes) == 1 and saved.mask.any()


def test_a_reveal_owed_to_a_case_whose_mask_is_missing_still_shows_its_stored_ai_result(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A blind reader submitted the case, then its mask file went missing: the reopened folder dropped the reveal
    (its case could not be read whole), so the reader never saw the AI's result they were owed."""
    from annotations.document import Modality
    from annotations.reading.owed_reveals import OwedReveal, save_owed_reveals
    from app.owed_reveal_keeper import _owed_items

    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    case_id, _mask = _mask_deleted(folder)["b.png"]
    with Workspace.open(folder) as ws:
        doc = ws.load_case(case_id, without_missing=True)
        doc.ai = AIResult(dr_grade=3)
        ws.save_case(doc)
        save_owed_reveals(ws, [OwedReveal(case_id, Modality.FUNDUS)])
        (item,) = _owed_items(ws)
    assert item.case_id == case_id and item.stored is not None and item.stored.dr_grade == 3


def test_an_exports_skip_line_naming_both_missing_files_is_shown_in_chinese(chinese, tmp_path: Path) -> None:
    """The line names the mask and the AI file as one list of clauses, each said in Chinese: read as one message,
    the AI file's template took the mask's message for its path, left in English."""
    from annotations.workspace.transfer_messages import SKIPPED
    from tests.unit.test_export_skips_a_missing_mask import _both_missing
    from widgets.domain_messages import shown_message

    photos = tmp_path / "photos"
    mask, ai = _both_missing(photos)
    with Workspace.open(photos) as ws:
        summary = export_labels(ws, "voc", tmp_path / "out")
    (skipped,) = [line for line in summary.warnings if line.startswith(SKIPPED.format(error=""))]
    shown = shown_message(skipped)
    assert shown.startswith("已跳过：") and "；" in shown and "missing" not in shown
    assert shown.index(str(mask)) < shown.index("已保存的掩膜文件不存在") < shown.index(str(ai)) \
        < shown.index("已保存的 AI 结果文件不存在")


def _file_cell(window: MainWindow, case_id: str, role: Qt.ItemDataRole) -> object:
    model = window.case_list.model
    return model.data(model.index(model.row_of(case_id), 0), role)


def test_the_case_list_marks_the_case_whose_mask_is_missing_until_it_is_put_back_and_opened(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its name in the error colour, the tool tip naming the file, from the folder's listing on; before, the status
    bar said it each time the case opened, then it was gone."""
    folder = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    saved = _mask_deleted(folder, ("a.png", "b.png"))
    (case_id, mask), (other, others_mask) = saved["b.png"], saved["a.png"]
    window: MainWindow = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.case_list.model.row_of(case_id) is not None and not window.case_list.pending
                    and not window.cases.busy, timeout=10_000)  # listed, scanned, the first case read
    window.resize(1200, 500)
    tip = _file_cell(window, case_id, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("b.png\n") and "the saved mask of 'b.png' is missing" in tip
    assert tip.splitlines()[1].startswith(f"{mask.relative_to(folder).as_posix()}: ")  # named from the folder
    assert _file_cell(window, case_id, Qt.ItemDataRole.ForegroundRole).color() == QColor(ERROR_COLOUR)
    assert _file_cell(window, other, Qt.ItemDataRole.ForegroundRole) is None
    assert _file_cell(window, other, Qt.ItemDataRole.ToolTipRole) == "a.png"
    keep_screenshot(window.case_list, "missing_mask_row.png")
    mask.write_bytes(others_mask.read_bytes())  # put back (a mask of a photo of the same size)
    window.cases.select_case(case_id)  # opened whole: the mark goes
    qtbot.waitUntil(lambda: window.cases.current_id == case_id and window.cases.image is not None, timeout=10_000)
    qtbot.waitUntil(lambda: _file_cell(window, case_id, Qt.ItemDataRole.ForegroundRole) is None, timeout=10_000)
    assert _file_cell(window, case_id, Qt.ItemDataRole.ToolTipRole) == "b.png"
    keep_screenshot(window.case_list, "mask_put_back.png")


def test_the_tool_tip_of_a_case_listed_before_its_folder_was_moved_names_the_file_in_the_moved_folder(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index kept the missing file's whole path: the folder renamed, the tool tip named the old place until the
    case was opened. It names the file from the folder, true wherever the folder is."""
    folder, moved = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png")), tmp_path / "moved"
    case_id, mask = _mask_deleted(folder)["b.png"]
    with Workspace.open(folder):  # listed with its mask missing, then moved
        pass
    folder.rename(moved)
    window: MainWindow = reviewer_window(qtbot, tmp_path, moved)
    qtbot.waitUntil(lambda: window.case_list.model.row_of(case_id) is not None and not window.case_list.pending,
                    timeout=10_000)
    named = _file_cell(window, case_id, Qt.ItemDataRole.ToolTipRole).splitlines()[1].split(": ")[0]
    assert named == mask.relative_to(folder).as_posix() and str(folder) not in named
    assert (moved / named).parent.is_dir() and not (moved / named).exists()
    keep_screenshot(window.case_list, "missing_mask_moved_folder.png")
