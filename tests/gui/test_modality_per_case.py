"""View ▸ Modality is the open case's own: an undoable edit of that case, which the menu shows (its undo too) and no
other case takes; the modality detected on opening a case never saved is no edit of the reader's."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.document import Modality
from app.main_window import MainWindow
from tests.gui.test_main_window import fundus_folder
from tests.gui.test_report_and_modality import _open
from tests.gui.windows import reviewer_window


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    images = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png"))
    band = np.tile(np.linspace(0, 200, 60, dtype=np.uint8)[:, None], (1, 200))
    Image.fromarray(np.dstack([band] * 3)).save(images / "d_scan.png")  # grey and wide: looks like an OCT scan
    return images


@pytest.fixture
def window(qtbot, tmp_path: Path, folder: Path) -> MainWindow:
    window = reviewer_window(qtbot, tmp_path, folder)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    return window


def _menu(window: MainWindow) -> str:
    """The modality the menu ticks."""
    ticked = [name for name in ("auto", "fundus", "oct") if window.actions[f"modality_{name}"].isChecked()]
    assert len(ticked) == 1, ticked
    return ticked[0]


def _case(window: MainWindow) -> tuple[Modality, str, bool, list[str], int]:
    cases = window.cases
    return cases.doc.modality, _menu(window), window.isWindowModified(), cases.history.entries, cases.history.position


def test_an_undone_choice_holds_and_no_other_case_takes_it(qtbot, window: MainWindow) -> None:
    _open(qtbot, window, "a.png")
    window.actions["modality_oct"].trigger()
    assert _case(window) == (Modality.OCT, "oct", True, ["Mark as OCT"], 1) and window.findings.oct_mode
    window.actions["undo"].trigger()
    assert _case(window) == (Modality.FUNDUS, "fundus", False, ["Mark as OCT"], 0)  # the menu follows the undo
    _open(qtbot, window, "b.png")
    assert _case(window) == (Modality.FUNDUS, "fundus", False, [], 0)
    _open(qtbot, window, "a.png")
    assert _case(window) == (Modality.FUNDUS, "fundus", False, ["Mark as OCT"], 0)  # still undone, redo still there
    window.actions["redo"].trigger()
    assert _case(window) == (Modality.OCT, "oct", True, ["Mark as OCT"], 1)
    _open(qtbot, window, "b.png")  # a.png is saved as an OCT scan; b.png stays a photo
    assert _case(window) == (Modality.FUNDUS, "fundus", False, [], 0) and not window.findings.oct_mode
    _open(qtbot, window, "a.png")
    assert window.cases.doc.modality is Modality.OCT and _menu(window) == "oct"


def test_the_case_list_row_follows_the_modality_its_undo_and_its_redo(qtbot, window: MainWindow) -> None:
    """The row named the reader's OCT class of a case marked a photo since (and after that was undone, none), until
    the case was saved: its class and grade are listed by the modality."""
    _open(qtbot, window, "a.png")
    case_id = window.cases.current_id
    window.actions["modality_oct"].trigger()
    panel = window.findings
    panel.oct_class.setCurrentIndex(panel.oct_class.findData("DRUSEN"))
    panel.oct_class.activated.emit(panel.oct_class.currentIndex())

    def listed() -> str | None:
        return window.cases.summaries[case_id].reader_oct_class

    assert listed() == "DRUSEN"
    window.actions["modality_fundus"].trigger()
    assert listed() is None
    window.actions["undo"].trigger()
    assert listed() == "DRUSEN"
    window.actions["redo"].trigger()
    assert listed() is None


def test_detect_from_image_sets_the_case_back_and_stays_unticked(qtbot, window: MainWindow) -> None:
    _open(qtbot, window, "a.png")
    window.actions["modality_oct"].trigger()
    window.actions["modality_auto"].trigger()  # what its pixels look like: a photo
    assert _case(window) == (Modality.FUNDUS, "fundus", True, ["Mark as OCT", "Mark as fundus"], 2)
    window.actions["modality_fundus"].trigger()  # what it is already: no step
    assert window.cases.history.entries == ["Mark as OCT", "Mark as fundus"] and _menu(window) == "fundus"


def test_opening_a_scan_never_saved_is_no_edit(qtbot, window: MainWindow) -> None:
    _open(qtbot, window, "d_scan.png")
    scan = window.cases.current_id
    assert _case(window) == (Modality.OCT, "oct", False, [], 0) and window.findings.oct_mode
    assert not window.actions["undo"].isEnabled()
    window.actions["undo"].trigger()
    assert window.cases.doc.modality is Modality.OCT
    _open(qtbot, window, "a.png")
    window.cases.flush()
    assert not window.cases.summaries[scan].saved  # looking at it wrote nothing
    _open(qtbot, window, "d_scan.png")
    assert _case(window) == (Modality.OCT, "oct", False, [], 0)
    window.cases.edits.set_findings("drusen")  # an edit saves the case, with the modality it was shown as
    assert window.cases.save()
    assert window.cases.workspace.load_case(scan).modality is Modality.OCT


def test_a_choice_on_a_scan_never_saved_is_not_detected_over_when_its_save_failed(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its save failed (a full disk): listed unsaved still, the choice kept in its history, not replaced by what the
    pixels look like when it is opened again."""
    _open(qtbot, window, "d_scan.png")
    window.actions["modality_fundus"].trigger()

    def disk_full(*_args: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(window.cases.workspace, "save_case", disk_full)
    _open(qtbot, window, "a.png")
    window.cases.flush()
    _open(qtbot, window, "d_scan.png")
    assert _case(window) == (Modality.FUNDUS, "fundus", True, ["Mark as fundus"], 1)


def test_analyse_all_analyses_each_case_as_its_saved_or_chosen_modality(qtbot, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Analyse all analyses a case the reader marked by hand as what they marked it, as Analyse does for the open
    case, whether the choice is saved (a.png), held in a kept history (b.png) or the open case's unsaved edit
    (d_scan.png); a case nobody chose for is analysed as what its image looks like (c.png, e_scan.png). Each
    result is stored with its case as the modality it was analysed as."""
    from types import SimpleNamespace

    import inference.pipeline
    from annotations.document import AIResult

    images = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.png"))
    band = np.tile(np.linspace(0, 200, 60, dtype=np.uint8)[:, None], (1, 200))
    for name in ("d_scan.png", "e_scan.png"):
        Image.fromarray(np.dstack([band] * 3)).save(images / name)  # grey and wide: looks like an OCT scan
    window = reviewer_window(qtbot, tmp_path, images)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    _open(qtbot, window, "a.png")
    window.actions["modality_oct"].trigger()
    assert window.open_paths([images])  # a.png saved as an OCT scan, its history gone with the folder
    window.cases.flush()
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    _open(qtbot, window, "b.png")
    window.actions["modality_oct"].trigger()
    _open(qtbot, window, "d_scan.png")  # b.png's history kept
    window.actions["modality_fundus"].trigger()  # not saved: the open case's edit

    def analyze(images, models, state, device, options):  # noqa: ANN001, ANN202 - the pipeline's, standing in
        return [inference.pipeline.AnalysisOutcome("image", AIResult(modality=options.modality.value))]

    monkeypatch.setattr(inference.pipeline, "analyze", analyze)
    monkeypatch.setattr(window.analysis, "_load_models", lambda settings, state: SimpleNamespace(models=None,
                                                                                                device="cpu"))
    with qtbot.waitSignal(window.analysis.batch_ended, timeout=30_000):
        window.analysis_actions.analyze_all()
    window.cases.flush()
    ids = {s.image_path: s.case_id for s in window.cases.summaries.values()}
    assert window.cases.doc.ai.modality == "fundus" and window.cases.doc.modality is Modality.FUNDUS
    analysed = {}
    for name in ("a.png", "b.png", "c.png", "e_scan.png"):
        doc = window.cases.workspace.load_case(ids[name])
        analysed[name] = (doc.ai.modality, doc.modality.value)
    assert analysed == {"a.png": ("oct", "oct"), "b.png": ("oct", "oct"), "c.png": ("fundus", "fundus"),
                        "e_scan.png": ("oct", "oct")}


def test_a_case_saved_before_its_pixels_came_takes_what_they_show(qtbot, window: MainWindow) -> None:
    """Saved while its photo was still decoding, its file was decided from the file alone: the open document, still
    undecided, takes what the pixels show when they come, as a never-saved case does (not the default, fundus)."""
    _open(qtbot, window, "d_scan.png")
    cases = window.cases
    cases.doc.findings_text = "graded at once"
    assert cases.save()
    cases.flush()
    assert cases.summaries.get(cases.current_id).saved
    cases.doc.modality = Modality.FUNDUS
    cases.doc.modality_decided = False  # as a document saved before its pixels came stays
    cases.pixels.pixels_loaded(cases.current_id, cases.image, True, None, None)
    assert cases.doc.modality is Modality.OCT and cases.doc.modality_decided
