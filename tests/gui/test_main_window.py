"""The review window end to end: open a folder, browse with keys, analyse, grade, undo, restart, errors."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, PngImagePlugin
from PySide6.QtCore import Qt

from annotations.document import ReviewState
from annotations.own_outputs import SCREENSHOT_MARK_KEY, program_mark
from annotations.threshold_scale import NO_ANCHOR
from app.actions import ACTIONS, shortcut_rows
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from inference.model_card import load_card
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from widgets.shortcuts_dialog import ShortcutsDialog

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 60_000  # the first analysis imports torch


def _fundus(seed: int, width: int = 150, height: int = 100) -> np.ndarray:
    """An orange disc on black with a few dark-red dots and a pale spot: enough for the classical detector."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width]
    image = np.zeros((height, width, 3), np.uint8)
    inside = (xx - width / 2) ** 2 + (yy - height / 2) ** 2 < (height * 0.45) ** 2
    image[inside] = (200, 90, 30)
    for _ in range(4):
        x, y = rng.integers(width // 3, 2 * width // 3), rng.integers(height // 3, 2 * height // 3)
        image[y - 1:y + 2, x - 1:x + 2] = (90, 10, 10)
    image[40:44, 60:66] = (250, 230, 150)
    return image


def fundus_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...]) -> Path:
    """tmp_path/images with one synthetic fundus photo per name; no user models installed."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    images = tmp_path / "images"
    images.mkdir()
    for seed, name in enumerate(names):
        Image.fromarray(_fundus(seed)).save(images / name)
    return images


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    images = fundus_folder(tmp_path, monkeypatch, ("a.png", "b.png", "c.jpg"))
    (images / "x_garbage.jpg").write_bytes(b"this is not an image")
    jpeg = io.BytesIO()
    Image.fromarray(_fundus(9)).save(jpeg, "JPEG")
    (images / "y_truncated.jpg").write_bytes(jpeg.getvalue()[: len(jpeg.getvalue()) // 3])
    return images


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=1, reader="tester"))
    return settings


def _window(qtbot, settings: Settings, folder: Path) -> MainWindow:
    """The window, shown and active, with ``folder`` open and its first photo on the canvas."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)  # window shortcuts need the active window
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    return window


def _ids(window: MainWindow) -> dict[str, str]:
    return {s.image_path: s.case_id for s in window.cases.summaries.values()}


def _key(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.case_list.table, key, modifier)


def test_browse_analyze_grade_undo_restart(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    ids = _ids(window)
    assert window.cases.current_id == ids["a.png"]
    assert window.centre.currentWidget() is window.canvas
    assert window.canvas.image_size() == (150, 100)
    assert window.windowTitle() == f"a.png[*] — {folder} — tester — RetinaReview"  # [*]: * when unsaved

    for key, expected in ((Qt.Key.Key_D, "b.png"), (Qt.Key.Key_PageDown, "c.jpg"), (Qt.Key.Key_A, "b.png"),
                          (Qt.Key.Key_PageUp, "a.png")):
        _key(qtbot, window, key)
        assert window.cases.current_id == ids[expected]
        assert window.case_list.current_case_id() == ids[expected]
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)

    _key(qtbot, window, Qt.Key.Key_F5)  # analyse, on the worker
    qtbot.waitUntil(lambda: window.cases.doc.ai is not None and window.is_settled(), timeout=WAIT_MS)
    ai_grade = window.cases.doc.ai.dr_grade
    assert ai_grade is not None
    assert window.findings.ai_grade.text().startswith(f"DR {ai_grade}")
    assert window.cases.summaries[ids["a.png"]].ai_grade == ai_grade
    assert "classical" in window.status.model_label.text()

    panel = window.findings
    panel.dr_grade.setCurrentIndex(panel.dr_grade.findData(3))
    panel.dr_grade.activated.emit(panel.dr_grade.currentIndex())
    assert window.cases.doc.grade.dr_grade == 3 and window.isWindowModified()
    assert window.case_list.model.index(0, 3).data() == "3"
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.cases.doc.grade.dr_grade is None
    assert panel.dr_grade.currentData() is None
    # G accepts the AI grade in one key press, but not the grade of a photo its quality check found not gradable
    # (this small synthetic one): nothing is taken, and the status bar says why
    assert window.cases.doc.ai.quality.get("gradable") is False
    _key(qtbot, window, Qt.Key.Key_G)
    assert window.cases.doc.grade.dr_grade is None
    assert "not gradable, so its grade cannot be taken" in window.statusBar().currentMessage()
    panel.dr_grade.setCurrentIndex(panel.dr_grade.findData(4))
    panel.dr_grade.activated.emit(panel.dr_grade.currentIndex())
    _key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # mark done (and save)
    assert window.cases.doc.review_state is ReviewState.DONE
    assert not window.isWindowModified()
    window.close()

    again = _window(qtbot, settings, folder)
    assert again.cases.current_id == ids["a.png"]
    assert again.cases.doc.grade.dr_grade == 4
    assert again.cases.doc.ai is not None and again.cases.doc.ai.dr_grade == ai_grade
    assert again.cases.summaries[ids["a.png"]].review_state is ReviewState.DONE
    assert again.findings.dr_grade.currentData() == 4
    assert str(folder) in settings.recent_workspaces()[0]


def test_corrupt_images_show_an_error_for_that_case_only(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    ids = _ids(window)
    window.case_list.table.setCurrentIndex(window.case_list.model.index(3, 0))  # x_garbage.jpg
    assert window.cases.current_id == ids["x_garbage.jpg"]
    qtbot.waitUntil(lambda: window.centre.currentWidget() is window.notice, timeout=10_000)  # read on a worker
    assert "x_garbage.jpg" in window.notice.text()
    assert window.findings.ai_grade.text() == "Cannot open this case"

    _key(qtbot, window, Qt.Key.Key_D)  # y_truncated.jpg: the header reads, the pixels do not
    assert window.cases.current_id == ids["y_truncated.jpg"]
    qtbot.waitUntil(lambda: "y_truncated.jpg" in window.notice.text(), timeout=10_000)
    assert window.centre.currentWidget() is window.notice
    assert window.cases.summaries[ids["y_truncated.jpg"]].error

    window.cases.select_case(ids["b.png"])  # the rest of the folder still works
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert window.centre.currentWidget() is window.canvas
    assert window.cases.summaries[ids["b.png"]].error is None
    assert [s.image_path for s in window.cases.summaries.values() if s.error] == ["x_garbage.jpg",
                                                                                 "y_truncated.jpg"]


def test_open_image_files_lists_only_those_and_autosaves(qtbot, settings, folder) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([folder / "a.png", folder / "c.jpg"])
    qtbot.waitUntil(lambda: not window.cases.busy)  # listed on a worker
    assert sorted(s.image_path for s in window.cases.summaries.values()) == ["a.png", "c.jpg"]
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.cases.edits.set_findings("small haemorrhage")
    case_id = window.cases.current_id
    qtbot.waitUntil(lambda: window.cases.workspace.has_autosave(case_id), timeout=5_000)  # autosave_s = 1
    assert not window.open_paths([folder / "missing.png"])
    assert "missing.png: not found" in window.statusBar().currentMessage()  # says why, names the path


def test_analyze_all_fills_every_readable_case_with_progress_in_the_status_bar(qtbot, settings, folder) -> None:
    from PySide6.QtWidgets import QProgressDialog

    window = _window(qtbot, settings, folder)
    window.analysis_actions.analyze_all()
    window.cases.storage.flush()  # which cases have no result yet is read on the storage worker
    # in the window, not over the image
    assert window.status.progress.isVisible() and window.status.cancel_button.isVisible()
    assert not window.findChildren(QProgressDialog)
    qtbot.waitUntil(lambda: window.is_settled(), timeout=WAIT_MS * 2)
    graded = {s.image_path: s.ai_grade for s in window.cases.summaries.values()}
    assert all(graded[name] is not None for name in ("a.png", "b.png", "c.jpg"))
    assert graded["x_garbage.jpg"] is None
    assert not window.status.progress.isVisible()


def test_analyze_all_skips_analysed_cases_unless_asked(qtbot, settings, folder, monkeypatch) -> None:
    import dataclasses

    window = _window(qtbot, settings, folder)
    ids = _ids(window)
    for case_id, grade in ((ids["a.png"], 1), (ids["c.jpg"], None)):  # as if analysed before; c.jpg as an OCT scan
        window.cases.summaries[case_id] = dataclasses.replace(window.cases.summaries[case_id], ai_grade=grade,
                                                              analysed=True)
    started: list[list[str]] = []
    monkeypatch.setattr(window.analysis, "analyze_all", lambda items: started.append([i.case_id for i in items]))
    asked: list[tuple[str, list[str]]] = []
    answers = iter([None, 0, 1])
    window.analysis_actions.choose = lambda title, question, choices: asked.append((question, choices)) or next(answers)

    def analyze_all() -> None:
        window.analysis_actions.analyze_all()
        window.cases.storage.flush()  # which cases have no result yet is read on the storage worker

    analyze_all()  # Cancel: nothing starts
    # x_garbage.jpg is known unreadable; the truncated JPEG fails only when decoded, so it is tried
    assert started == [] and asked[0][0].startswith("2 of 4 cases already have an AI result")
    analyze_all()  # only the new ones
    assert started == [[ids["b.png"], ids["y_truncated.jpg"]]]
    analyze_all()  # all again
    assert sorted(started[1]) == sorted(ids[n] for n in ("a.png", "b.png", "c.jpg", "y_truncated.jpg"))
    assert asked[2][1] == ["Only the 2 new", "All 4 again"]


def menu_keys(window: MainWindow) -> list[str]:
    """The letter after "&" in each menu bar title (Alt opens that menu)."""
    titles = [action.text() for action in window.menuBar().actions()]
    return [title[title.index("&") + 1].upper() for title in titles if "&" in title]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_menu_opens_with_its_own_alt_key(qtbot, tmp_path: Path, language: str, request) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    window = MainWindow(Settings.from_file(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    keys = menu_keys(window)
    assert len(keys) == len(window.menuBar().actions()) == len(set(keys))  # every menu, none sharing a key
    if language == "zh_CN":  # Chinese writes the key after the title: 文件(&F)
        assert all(action.text().endswith(")") for action in window.menuBar().actions())
    assert {group for group, _, _ in shortcut_rows()} <= {action.text().replace("&", "").split("(")[0]
                                                          for action in window.menuBar().actions()}


def test_shortcuts_dialog_lists_the_keys() -> None:
    rows = {text: keys for _, text, keys in shortcut_rows()}
    assert rows["Next case"] == "D, PgDown"
    assert rows["Previous case"] == "A, PgUp"
    assert "Ctrl+Return" in rows["Mark case done"]
    assert rows["Show heat map"] == "H"
    assert rows["Show MA"] == "Alt+1"
    assert rows["B-scan at true shape (1:1 µm)"] == "Ctrl+Shift+A"


def test_shortcuts_read_in_chinese_each_key_once(chinese) -> None:
    def keys(name: str) -> str:
        return shortcut_rows([spec for spec in ACTIONS if spec.name == name])[0][2]

    assert keys("next_case") == "D、PgDown"
    assert keys("mark_done") == "Ctrl+回车"  # Qt's Chinese names Return and Enter alike: shown once


def test_shortcuts_dialog_shows_rows(qtbot) -> None:
    dialog = ShortcutsDialog(shortcut_rows())
    qtbot.addWidget(dialog)
    assert dialog.shortcut_texts()["Zoom in"] == "+, =, Ctrl++, Ctrl+="


def test_open_recent_shows_a_folder_with_an_ampersand_as_it_is_named(qtbot, tmp_path: Path) -> None:
    """File ▸ Open recent listed "R&D screening" as "RD screening", the D underlined: "&" marks an access key."""
    settings = Settings.from_file(tmp_path / "s.ini")
    settings.add_recent_workspace(tmp_path / "R&D screening")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.opening.recent_menu.aboutToShow.emit()  # what opening the menu does
    [action] = window.opening.recent_menu.actions()
    assert action.iconText() == str(tmp_path / "R&D screening")  # the text the menu shows, access keys taken out


def test_settings_round_trip(tmp_path: Path) -> None:
    settings = Settings.from_file(tmp_path / "s.ini")
    values = SettingsValues(device="cpu", reader="Dr Who", autosave_s=12, analyze_on_open=False)
    values.models["dr-grade"] = "grader-v2"
    values.thresholds["HE"] = 0.3
    settings.save(values)
    assert Settings.from_file(tmp_path / "s.ini").load() == values
    for folder in ("one", "two", "one"):
        settings.add_recent_workspace(tmp_path / folder)
    assert [Path(p).name for p in settings.recent_workspaces()] == ["one", "two"]


def test_a_setting_saved_under_its_old_key_still_reads(tmp_path: Path) -> None:
    settings = Settings.from_file(tmp_path / "old.ini")
    settings.store.setValue("analyse_on_open", False)
    settings.store.sync()
    assert Settings.from_file(tmp_path / "old.ini").load().analyze_on_open is False


def test_threshold_anchors_are_saved_and_an_older_settings_file_reads_as_absolute(tmp_path: Path) -> None:
    """The model's own threshold each reader's threshold was set against is kept beside it; a file saved before
    anchors has none: its thresholds stay absolute, as they applied then."""
    averaged, alone = 0.499, 0.975  # ma-candidates' own cut of its averaged map, and drawing alone
    settings = Settings.from_file(tmp_path / "s.ini")
    values = SettingsValues(device="cpu")
    values.thresholds.update(MA=0.95, HE=0.3)
    values.threshold_anchors["MA"] = alone
    settings.save(values)
    loaded = Settings.from_file(tmp_path / "s.ini").load()
    assert loaded == values and loaded.threshold_anchors == {"MA": alone, "HE": NO_ANCHOR, "EX": NO_ANCHOR,
                                                              "SE": NO_ANCHOR}
    analysis = loaded.analysis_settings()  # what the window, the command line and its batch workers cut with
    assert analysis.reader_threshold("MA", averaged) == pytest.approx(0.95 / alone * averaged)
    assert analysis.reader_threshold("HE", averaged) == 0.3

    old = tmp_path / "old.ini"  # as the version before anchors wrote it
    old.write_text("[General]\ndevice=cpu\n\n[thresholds]\nMA=0.95\nHE=-1\nEX=-1\nSE=-1\n", encoding="utf-8")
    before = Settings.from_file(old).load()
    assert before.thresholds["MA"] == 0.95 and before.threshold_anchors["MA"] == NO_ANCHOR
    assert before.analysis_settings().reader_threshold("MA", averaged) == 0.95


def test_thresholds_left_at_the_models_own_keep_the_cards_tuned_values(tmp_path: Path, monkeypatch) -> None:
    from inference.analysis_models import assemble_models
    from inference.registry import BUNDLED_MODELS

    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    card = next(c for p in BUNDLED_MODELS.iterdir() if (c := load_card(p)).task == "lesion-segmentation")
    values = SettingsValues(device="cpu")
    assembled = assemble_models(values.analysis_settings())
    assert assembled.models.get("lesion-segmentation").card.thresholds == card.thresholds
    values.thresholds["HE"] = 0.3
    models = assemble_models(values.analysis_settings()).models
    assert models.get("lesion-segmentation").card.thresholds == dict(card.thresholds, HE=0.3)


def test_screenshot_command_writes_a_png(tmp_path: Path, folder: Path) -> None:
    """Over an earlier one (marked as the program's) with --overwrite."""
    out = tmp_path / "window.png"
    earlier = PngImagePlugin.PngInfo()
    earlier.add_text(SCREENSHOT_MARK_KEY, program_mark("0.0.1"))
    Image.new("RGB", (8, 8)).save(out, pnginfo=earlier)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "main.py", "open", str(folder / "a.png"), "--screenshot", str(out),
                             "--overwrite", "--settings", str(tmp_path / "cli.ini")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.size == (1600, 1000)
    assert (folder / ".retinareview").is_dir()


def test_user_can_switch_a_case_to_oct_view(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    assert not window.findings.oct_mode  # colour fundus-like pixels
    window.actions["modality_oct"].trigger()
    assert window.findings.oct_mode and window.actions["layer_heatmap"].isChecked()
    assert not window.actions["layer_HE"].isEnabled()
    assert window.annotation.tool_bar.isHidden() and window.annotation.options_bar.isHidden()  # OCT: no lesion tools
    window.actions["modality_auto"].trigger()
    assert not window.findings.oct_mode


def test_a_tool_bar_the_reader_hid_stays_hidden_and_oct_hides_them_only_while_shown(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    tools, options = window.annotation.tool_bar, window.annotation.options_bar
    options.toggleViewAction().trigger()  # unticked in the tool bars' context menu
    window.actions["modality_fundus"].trigger()  # a photo shown again, as when the next case opens
    assert options.isHidden() and not tools.isHidden()
    window.actions["modality_oct"].trigger()
    assert tools.isHidden() and options.isHidden()
    window.close()  # in OCT mode: the reader's tool bars are saved all the same
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert again.annotation.tool_bar.isVisible() and again.annotation.options_bar.isHidden()
    again.annotation.options_bar.toggleViewAction().trigger()  # ticked again: it is back
    assert again.annotation.options_bar.isVisible()


def test_the_tool_bars_come_back_after_an_earlier_version_quit_in_oct_mode(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    window.close()
    window.annotation.tool_bar.hide()  # as an earlier version saved the tool bar of an OCT scan
    settings.save_window_state(window.saveState())
    again = _window(qtbot, settings, folder)  # a photo
    assert again.annotation.tool_bar.isVisible() and again.annotation.options_bar.isVisible()


def test_settings_dialog_returns_edited_copy(qtbot) -> None:
    from widgets.settings_dialog import SettingsDialog

    values = SettingsValues(reader="A").to_dict()
    dialog = SettingsDialog(values, ["cpu", "cuda"], {"dr-grade": ["grader-v1", "grader-v2"]})
    qtbot.addWidget(dialog)
    dialog.reader.setText("  B  ")
    dialog.models["dr-grade"].setCurrentIndex(dialog.models["dr-grade"].findData("grader-v2"))
    dialog.threshold_rows["MA"].spin.setValue(0.25)
    dialog.clinic_name.setText(" Eye Clinic ")
    edited = SettingsValues.from_dict(dialog.values())
    assert (edited.reader, edited.models["dr-grade"], edited.thresholds["MA"], edited.clinic_name) == (
        "B", "grader-v2", 0.25, "Eye Clinic")
    assert values["reader"] == "A" and values["thresholds"]["MA"] != 0.25  # the input is not changed
    assert edited.thresholds["HE"] < 0 and dialog.threshold_rows["HE"].spin.text() == "model's own"


def test_switching_case_discards_the_running_analysis(qtbot, settings, folder) -> None:
    window = _window(qtbot, settings, folder)
    ids = _ids(window)
    window.analysis_actions.analyze_current()  # for a.png
    _key(qtbot, window, Qt.Key.Key_D)  # to b.png before the result can arrive
    qtbot.waitUntil(lambda: window.cases.image is not None and window.is_settled(), timeout=WAIT_MS)
    assert window.cases.current_id == ids["b.png"]
    assert window.cases.doc.ai is None
    assert window.cases.summaries[ids["a.png"]].ai_grade is None


def test_dropping_a_folder_opens_it(qtbot, settings, folder) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    window = MainWindow(settings)
    qtbot.addWidget(window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: not window.cases.busy)  # opened on the storage worker, then listed
    assert window.cases.workspace is not None and window.cases.workspace.folder == folder
    assert len(window.cases.summaries) == 5


def test_shortcuts_dialog_of_the_window_lists_tool_keys_too(qtbot, settings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    listed = window.shortcut_rows()
    rows = {text: keys for _, text, keys in listed}
    assert rows["Next case"] == "D, PgDown"
    assert rows["Brush"] == "B"  # from the annotation tool bar
    assert len(listed) == len(set(listed))
    assert "Space+drag" in rows["Pan"] and rows["Zoom around the pointer"] == "Mouse wheel"
    assert rows["Bare image while held (hide every overlay)"] == "`"
    groups = {text: group for group, text, _ in listed}
    assert groups["Delete selected box"] == groups["Pan"] == "Canvas"  # canvas keys beside the canvas gestures
    dialog = ShortcutsDialog(listed, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    longest = max(dialog.tree.fontMetrics().horizontalAdvance(keys) for _, _, keys in listed)
    assert dialog.tree.columnWidth(1) >= longest  # the keys column shows whole
    assert dialog.tree.header().length() <= dialog.tree.viewport().width() + 1


def test_a_folder_of_dicom_files_opens_with_thumbnails_and_patient(qtbot, settings: Settings, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from annotations.previews import read_thumbnail
    from tests.dicom_files import write_dicom

    folder = fundus_folder(tmp_path, monkeypatch, ())
    write_dicom(folder / "eye.dcm", _fundus(1))
    (folder / "z_broken.dcm").write_bytes(b"DICM? no")
    window = _window(qtbot, settings, folder)
    assert sorted(_ids(window)) == ["eye.dcm", "z_broken.dcm"]
    assert window.cases.doc.image_path == "eye.dcm" and window.cases.doc.patient.patient_id == "P-0042"
    assert window.cases.image.shape == _fundus(1).shape
    assert window.cases.summaries[_ids(window)["z_broken.dcm"]].error  # only that case is marked
    assert read_thumbnail(folder / "eye.dcm").shape[2] == 3


def test_undo_and_redo_are_off_on_a_case_that_cannot_be_shown(qtbot, settings: Settings, folder: Path) -> None:
    window = _window(qtbot, settings, folder)
    window.cases.edits.set_review_state(ReviewState.IN_PROGRESS)
    assert window.actions["undo"].isEnabled()
    with qtbot.waitSignal(window.cases.case_failed, timeout=10_000):
        window.cases.select_case(_ids(window)["x_garbage.jpg"])
    assert not window.actions["undo"].isEnabled() and not window.actions["redo"].isEnabled()
