"""The window under hostile files and storage faults: it keeps running, shows a message naming the file and the
next step, the log file records it, and labels saved before the fault are still there."""
from __future__ import annotations

import errno
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from annotations.workspace import Workspace
from app.logging_setup import configure_logging
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests import hostile_corpus as corpus
from widgets.unsaved_edits_box import CloseChoice

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ("bomb.bmp", "bomb.png", "crc.png", "cut.jpg", "empty.jpg")


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The real log file, in a temporary folder; the root logger and exception hooks are put back afterwards."""
    import threading

    root = logging.getLogger()
    handlers, level, hooks = list(root.handlers), root.level, (sys.excepthook, threading.excepthook)
    path = configure_logging(log_dir=tmp_path / "logs", console=False)
    yield path
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader="tester"))
    return settings


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    folder.mkdir()
    makers = {"empty.jpg": corpus.empty_file, "cut.jpg": corpus.truncated_jpeg,
              "crc.png": corpus.png_with_bad_header_crc, "bomb.png": corpus.bomb_png, "bomb.bmp": corpus.bomb_bmp,
              "really_a_png.jpg": corpus.png_named_jpg, "cmyk.jpg": corpus.cmyk_jpeg,
              "oct16.tif": corpus.grey16_tiff, "dot.png": corpus.one_pixel_png,
              "anim.png": corpus.animated_gif_named_png, "rotated.jpg": corpus.exif_rotated_jpeg,
              corpus.UNICODE_NAME: corpus.save_rgb}
    for name, make in makers.items():
        make(folder / name)
    corpus.symlink_loop(folder)
    return folder


def _one_eye_clinic(qtbot, settings: Settings, tmp_path: Path) -> tuple[Path, MainWindow]:
    """A folder with one photo, open in a window with its image loaded."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    corpus.save_rgb(folder / "eye.png")
    window = _window(qtbot, settings)
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    return folder, window


def _window(qtbot, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def _ids(window: MainWindow) -> dict[str, str]:
    return {s.image_path: s.case_id for s in window.cases.summaries.values()}


def _open_case(qtbot, window: MainWindow, case_id: str) -> None:
    window.cases.select_case(case_id)
    qtbot.waitUntil(lambda: window.cases.image is not None or window.centre.currentWidget() is window.notice,
                    timeout=10_000)


def test_every_hostile_image_gets_a_named_message_and_the_log_records_it(qtbot, settings, hostile_folder,
                                                                          log_file) -> None:
    window = _window(qtbot, settings)
    assert window.open_paths([hostile_folder])
    qtbot.waitUntil(lambda: not window.cases.busy)  # listed on a worker
    ids = _ids(window)
    assert len(ids) == 12  # every file once: the symlink loop was not followed
    for name, case_id in sorted(ids.items()):
        _open_case(qtbot, window, case_id)
        if name in BROKEN:
            qtbot.waitUntil(lambda: name in window.notice.text(), timeout=10_000)
            assert window.centre.currentWidget() is window.notice
            assert " — " in window.notice.text()  # the reason is followed by what to do
        else:
            qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
            assert window.centre.currentWidget() is window.canvas, name
    assert window.isVisible()
    window.cases.select_case(ids[corpus.UNICODE_NAME])  # a good case still edits and saves
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.cases.edits.set_findings("after the bad files")
    assert window.cases.save()
    window.close()
    logged = log_file.read_text(encoding="utf-8")
    missing = [name for name in BROKEN if str(hostile_folder / name) not in logged]
    assert not missing, f"not in the log: {missing}"
    with Workspace.open(hostile_folder) as ws:
        assert ws.load_case(ids[corpus.UNICODE_NAME]).findings_text == "after the bad files"


HOLD_OPEN = """
import sys
from annotations.workspace import Workspace
ws = Workspace.open(sys.argv[1], reader="first")
print("ready", flush=True)
sys.stdin.readline()
ws.close()
"""


def test_second_instance_window_is_warned_read_only_and_saves_nothing(qtbot, settings, tmp_path, log_file) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    corpus.save_rgb(folder / "eye.png")
    with Workspace.open(folder) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.findings_text = "saved by the first reader"
        ws.save_case(doc)
    first = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(folder)], cwd=ROOT, text=True,
                             env=dict(os.environ, PYTHONPATH=str(ROOT)), stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
    try:
        assert first.stdout.readline().strip() == "ready"
        window = _window(qtbot, settings)
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
        assert "(read-only)" in window.windowTitle()
        assert "another RetinaReview" in window.read_only_bar.label.text()  # said whole over the photo
        window.cases.edits.set_findings("second reader's edit")
        assert not window.cases.save()
        assert "read-only" in window.statusBar().currentMessage()
        asked: list[str] = []
        window.cases.ask_unsafe = lambda unsafe: asked.extend(unsafe.values()) or CloseChoice.DISCARD
        assert window.close()
        assert len(asked) == 1 and "is open read-only; 'eye.png' was not saved" in asked[0]  # nowhere kept: asked
    finally:
        first.stdin.write("\n")
        first.stdin.flush()
        first.wait(timeout=10)
        first.stdin.close(), first.stdout.close()
    logged = log_file.read_text(encoding="utf-8")
    assert f"process {first.pid}" in logged and "'eye.png' was not saved" in logged
    with Workspace.open(folder) as ws:
        assert ws.load_case(ws.cases()[0].case_id).findings_text == "saved by the first reader"


AUTOSAVE_THEN_WAIT = """
import sys
from annotations.workspace import Workspace
ws = Workspace.open(sys.argv[1], reader="crashed")
doc = ws.load_case(ws.cases()[0].case_id)
doc.findings_text = "typed just before the crash"
ws.autosave(doc)
print("autosaved", flush=True)
sys.stdin.readline()
"""


def test_window_after_kill_9_recovers_the_autosave_and_says_so(qtbot, settings, tmp_path, log_file) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    corpus.save_rgb(folder / "eye.png")
    crashed = subprocess.Popen([sys.executable, "-c", AUTOSAVE_THEN_WAIT, str(folder)], cwd=ROOT, text=True,
                               env=dict(os.environ, PYTHONPATH=str(ROOT)), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE)
    assert crashed.stdout.readline().strip() == "autosaved"
    crashed.kill()  # SIGKILL: no clean-up, the lock file stays behind
    crashed.wait(timeout=10)
    crashed.stdin.close(), crashed.stdout.close()
    window = _window(qtbot, settings)
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    assert not window.cases.workspace.read_only  # the dead process's lock was taken over
    assert window.cases.doc.findings_text == "typed just before the crash"
    window.close()
    # the name the crashed program opened the folder as: whose edits
    assert "After crashed's program crashed, their unsaved edits of 1 case(s) were recovered" in log_file.read_text(
        encoding="utf-8")
    assert "may be lost): 'eye.png'" in log_file.read_text(encoding="utf-8")


def test_disk_full_during_save_shows_the_file_keeps_labels_and_logs(qtbot, settings, tmp_path, log_file,
                                                                     monkeypatch) -> None:
    folder, window = _one_eye_clinic(qtbot, settings, tmp_path)
    window.cases.edits.set_findings("saved before the disk filled")
    assert window.cases.save()
    window.cases.edits.set_findings("typed after the disk filled")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("annotations.workspace.confined.atomic_write_text", disk_full)
    assert not window.cases.save()
    message = window.statusBar().currentMessage()
    assert "eye.png" in message and "the disk is full" in message and "Free disk space" in message
    assert window.isVisible() and window.cases.is_dirty  # the edit is still there to save later
    monkeypatch.undo()
    assert window.cases.save()  # space freed
    window.close()
    assert "the disk is full" in log_file.read_text(encoding="utf-8")
    with Workspace.open(folder) as ws:
        assert ws.load_case(ws.cases()[0].case_id).findings_text == "typed after the disk filled"


def test_model_of_another_task_chosen_in_settings_gives_a_clear_error(qtbot, settings, tmp_path, log_file) -> None:
    from tests.unit.test_inference_fixtures import saved_model, synthetic_fundus, tiny_classifier_card

    oct_model = saved_model(tmp_path / "models", tiny_classifier_card("oct", name="oct-classifier"))
    folder = tmp_path / "clinic"
    folder.mkdir()
    corpus.save_rgb(folder / "eye.png", synthetic_fundus())
    window = _window(qtbot, settings)
    values = settings.load()
    values.models["lesion-segmentation"] = str(oct_model)  # the wrong slot
    window.apply_settings(values)
    assert window.open_paths([folder])
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    window.analysis_actions.analyze_current()
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    assert window.isVisible() and window.cases.doc.ai is None  # no lesion masks made up from a classifier
    message = window.statusBar().currentMessage()
    assert "oct" in message and "lesion-segmentation" in message
    window.close()
    assert str(oct_model) in log_file.read_text(encoding="utf-8")


def test_a_save_whose_index_update_fails_says_so(qtbot, settings, tmp_path, monkeypatch) -> None:
    _, window = _one_eye_clinic(qtbot, settings, tmp_path)
    window.cases.edits.set_findings("saved while the index was locked")

    def locked(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr("annotations.workspace.store.IndexStore.record_save", locked)
    assert window.cases.save() and not window.cases.is_dirty  # the case files are saved
    message = window.statusBar().currentMessage()
    assert "'eye.png' was saved, but the index could not be updated" in message and "database is locked" in message
    window.close()
