"""Double reading from the window: the Reading section of the settings, the folder opened again in the reader's
own store, and the reader's name asked for on opening a double-read folder when none is set."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotations.document import ReaderGrade
from annotations.reading.readers import open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, load_settings, save_settings
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.gui.screenshots import keep_screenshot
from tests.gui.test_domain_messages import chinese  # noqa: F401 - a fixture
from tests.unit.reading_fixtures import case_of, image_folder
from widgets.settings_dialog import SettingsDialog


def make_window(qtbot, tmp_path: Path, reader: str) -> MainWindow:
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False, autosave_s=60, reader=reader))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    return window


def test_reading_section_edits_the_folder_settings_and_is_off_without_a_folder(qtbot) -> None:
    folder = {"name": "screening", "mode": "single", "blind_ai": False, "dice_threshold": 0.5, "arbiters": ()}
    dialog = SettingsDialog(SettingsValues(reader="Anna").to_dict(), ["cpu"], {}, reading=folder)
    qtbot.addWidget(dialog)
    box = dialog.reading
    assert not box.blind_ai.isEnabled()  # single reading: the double-reading options wait
    box.double.setChecked(True)
    box.blind_ai.setChecked(True)
    box.threshold.setValue(0.6)
    box.arbiters.setText(" Dr Lee,  Dr Wu ,")
    dialog.reader.setText("Anna Berg")
    dialog.show()
    keep_screenshot(dialog, "settings-reading.png")
    assert box.folder_values() == {"name": "screening", "mode": "double", "blind_ai": True, "dice_threshold": 0.6,
                                   "arbiters": ("Dr Lee", "Dr Wu")}
    assert dialog.values()["reader"] == "Anna Berg"

    closed = SettingsDialog(SettingsValues().to_dict(), ["cpu"], {}, reading=None)
    qtbot.addWidget(closed)
    assert closed.reading.folder_values() is None and not closed.reading.double.isEnabled()
    assert closed.reading.reader.isEnabled()


def test_in_chinese_the_arbiters_are_listed_and_typed_with_chinese_commas(qtbot, chinese) -> None:
    folder = {"name": "screening", "mode": "double", "blind_ai": False, "dice_threshold": 0.5,
              "arbiters": ("Dr Lee", "Dr Wu")}
    box = SettingsDialog(SettingsValues(reader="Anna").to_dict(), ["cpu"], {}, reading=folder).reading
    qtbot.addWidget(box)
    assert box.arbiters.text() == "Dr Lee、Dr Wu"
    assert box.folder_values()["arbiters"] == ("Dr Lee", "Dr Wu")  # read back as shown
    box.arbiters.setText("张医生，李医生、王医生")
    assert box.folder_values()["arbiters"] == ("张医生", "李医生", "王医生")


def test_switching_a_folder_to_double_reading_reopens_it_in_the_readers_store(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=2, width=64, height=48)
    window = make_window(qtbot, tmp_path, "Anna")
    assert window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker
    assert window.cases.workspace.sidecar == folder / ".retinareview"
    values = window.reading.folder_values()
    assert values["mode"] == "single" and values["name"] == "f"
    questions: list[str] = []
    window.cases.confirm = lambda title, question: questions.append(question) or True
    assert window.reading.apply("Anna", {**values, "mode": "double", "blind_ai": True, "arbiters": ("Dr Lee",)})
    window.cases.flush()  # the folder is opened again in the reader's store
    stored = load_settings(folder)
    assert stored.double and stored.blind_ai and stored.arbiters == ("Dr Lee",)
    assert "own" in questions[0]
    assert window.cases.workspace.sidecar == folder / ".retinareview" / "readers" / "anna"
    assert "Anna, reader" in window.windowTitle() and window.cases.blind_ai


def test_saying_no_keeps_single_reading(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=64, height=48)
    window = make_window(qtbot, tmp_path, "Anna")
    assert window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker
    window.cases.confirm = lambda title, question: False
    assert not window.reading.apply("Anna", {**window.reading.folder_values(), "mode": "double"})
    assert not load_settings(folder).double and window.cases.workspace.sidecar == folder / ".retinareview"


def test_opening_a_double_read_folder_without_a_name_asks_for_it(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=64, height=48)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    window = make_window(qtbot, tmp_path, "")
    asked: list[str] = []
    window.reading.ask_text = lambda title, label: asked.append(label) or "Ben"
    assert window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker
    assert len(asked) == 1 and "two readers" in asked[0]
    assert window.cases.workspace.sidecar == folder / ".retinareview" / "readers" / "ben"
    assert window.values.reader == "Ben" and Settings.from_file(tmp_path / "settings.ini").load().reader == "Ben"
    window.open_paths([folder])  # a name once given is not asked again
    assert len(asked) == 1


def test_a_double_read_folder_is_not_opened_without_a_name(qtbot, tmp_path: Path) -> None:
    """Cancelled, the question opened the folder as "reader 1": a store every agreement then counted as a reader."""
    folder = image_folder(tmp_path / "f", count=1, width=64, height=48)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    window = make_window(qtbot, tmp_path, "")
    said: list[str] = []
    window.show_message = said.append
    window.reading.ask_text = lambda title, label: None
    assert not window.open_paths([folder])
    assert window.cases.workspace is None and not (folder / ".retinareview" / "readers").exists()
    assert said == ["Not opened: f is read by two readers, each under their name; open it again and give yours."]


def test_a_single_read_folder_never_asks(qtbot, tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", count=1, width=64, height=48)
    window = make_window(qtbot, tmp_path, "")
    window.reading.ask_text = lambda title, label: pytest.fail("asked for a name in single reading")
    assert window.open_paths([folder])
    window.cases.flush()  # the folder's store is opened on the storage worker


def test_a_readers_edits_saved_as_settings_change_the_name_are_theirs(qtbot, tmp_path: Path) -> None:
    """Anna's grade not saved yet when she gives Ben the computer (Settings: reader Ben) is saved in her store on
    closing it, and in her name: the audit log and case file said Ben had graded her reading."""
    folder = image_folder(tmp_path / "f", count=1, width=64, height=48)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    window = make_window(qtbot, tmp_path, "Anna")
    assert window.open_paths([folder])
    window.cases.select_case(case_of(0))
    qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=10_000)
    window.cases.edits.set_grade(ReaderGrade(dr_grade=3))
    reader_before = window.values.reader  # as Settings… applies a new reader's name
    window.apply_settings(dataclasses.replace(window.values, reader="Ben"))
    window.reading.apply(reader_before, window.reading.folder_values())
    window.cases.flush()
    assert window.cases.workspace.sidecar == folder / ".retinareview" / "readers" / "ben"
    with open_reader(folder, "Anna") as anna:
        assert anna.load_case(case_of(0)).grade.dr_grade == 3
        assert [entry.actor for entry in anna.index.audit_log(case_of(0))] == ["Anna"]
