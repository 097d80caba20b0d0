"""After a crash the folder's opening recovers the unsaved edits of some cases and saves them; the status bar said
which to check for 15 seconds only. A note over the photo names those not opened since, its button opens the next,
and it goes once each was opened (in English and in Chinese); the status bar no longer says it too, cut short."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.classes import LesionClass
from annotations.document import ReaderGrade, ReviewState
from annotations.reading.readers import open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.workspace import Workspace
from app.cli import main
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from tests.unit.reading_fixtures import case_of, image_folder, read_case
from tests.unit.test_workspace_recovery import fake_dead_owner
from widgets.breakable_text import ZERO_WIDTH_SPACE


def note_text(window: MainWindow) -> str:
    """The recovered cases' note as shown, "" while it is hidden."""
    bar = window.recovered_bar
    return bar.label.text().replace(ZERO_WIDTH_SPACE, "") if bar.isVisible() else ""


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_recovered_cases_are_named_until_each_is_opened(qtbot, request, tmp_path: Path, language: str) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese_interface")
    folder = image_folder(tmp_path / "photos", count=4)
    crashed = Workspace.open(folder)
    ids = {case.image_path: case.case_id for case in crashed.cases()}
    for name in ("img1.png", "img3.png"):  # edited, autosaved, and then the program crashed
        doc = crashed.load_case(ids[name])
        doc.grade = ReaderGrade(dr_grade=2)
        crashed.autosave(doc)
    fake_dead_owner(crashed.sidecar / "lock")
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    said_below: list[str] = []
    window.statusBar().messageChanged.connect(said_below.append)
    try:
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["img0.png"],
                        timeout=20_000)
        qtbot.waitUntil(lambda: "'img3.png'" in note_text(window), timeout=5_000)
        said = note_text(window)
        assert "'img1.png'" in said and "'img0.png'" not in said and (("崩溃" in said) == (language == "zh_CN"))
        assert not [text for text in said_below if "'img1.png'" in text]  # the note says it whole, the status bar not
        window.recovered_bar.button.click()  # Open next
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["img1.png"],
                        timeout=10_000)
        assert "'img1.png'" not in note_text(window) and "'img3.png'" in note_text(window)  # opened: checked
        window.recovered_bar.button.click()
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["img3.png"],
                        timeout=10_000)
        assert not window.recovered_bar.isVisible()  # each looked at: nothing left to say
    finally:
        window.close()


@pytest.mark.parametrize("person", ["Anna", "Dr Arbiter"])
def test_the_case_open_at_the_crash_and_opened_again_by_itself_is_named_until_left(qtbot, tmp_path: Path,
                                                                                   person: str) -> None:
    """A crash usually cuts short the edits of the case open then, which the window opens again by itself where its
    person left off: that case counted as checked at once, and where it was the only one recovered nothing said a
    crash's edits were recovered. In double reading so for a reader (their own store) and for the arbiter (the
    consensus); the reader's edits stay in the reader's store."""
    folder = image_folder(tmp_path / "photos", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter",)))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=2)
    crashed = open_consensus(folder, person) if person == "Dr Arbiter" else open_reader(folder, person)
    doc = crashed.load_case(case_of(0))
    doc.mask[10:14, 4:12] |= LesionClass.HE.bit  # the person's last edits, autosaved; then the program crashed
    crashed.autosave(doc)
    fake_dead_owner(crashed.sidecar / "lock")
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False, reader=person))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == case_of(0),
                        timeout=20_000)
        qtbot.waitUntil(lambda: "'img0.png'" in note_text(window), timeout=5_000)  # opened by itself: still to check
        assert window.cases.workspace.sidecar == crashed.sidecar  # recovered in the store it was autosaved in
        assert window.cases.doc.mask[12, 6] & LesionClass.HE.bit
        window.recovered_bar.button.click()  # looked at: Open next has nothing else to open
        qtbot.waitUntil(lambda: not window.recovered_bar.isVisible(), timeout=5_000)
    finally:
        window.close()
    if person == "Anna":  # nothing in the consensus store, the reading stays submitted
        assert not (folder / ".retinareview" / "autosave").is_dir() or not any((folder / ".retinareview" /
                                                                               "autosave").iterdir())
        with open_reader(folder, "Anna") as anna:
            assert anna.load_case(case_of(0)).review_state is ReviewState.DONE


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_second_arbiter_opening_first_is_told_whose_edits_were_recovered(qtbot, request, tmp_path: Path,
                                                                            language: str) -> None:
    """The note said "unsaved edits ... were recovered" to Dr Bo, who made none: they were Dr Arbiter's, whose
    program crashed while correcting the consensus (its lock names them)."""
    if language == "zh_CN":
        request.getfixturevalue("chinese_interface")
    folder = image_folder(tmp_path / "photos", count=3)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Arbiter", "Dr Bo")))
    for name in ("Anna", "Ben"):
        with open_reader(folder, name) as reader:
            read_case(reader, 1, grade=2)
    crashed = open_consensus(folder, "Dr Arbiter")
    doc = crashed.load_case(case_of(1))
    doc.mask[10:14, 4:12] |= LesionClass.HE.bit
    crashed.autosave(doc)
    owner = json.loads((crashed.sidecar / "lock").read_text())  # its process gone, the name it opened as kept
    (crashed.sidecar / "lock").write_text(json.dumps({**owner, "pid": 2**22 + 12345, "process": ""}))
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False, reader="Dr Bo"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: "'img1.png'" in note_text(window), timeout=20_000)
        said = note_text(window)
        assert ("Dr Arbiter's program crashed" in said) == (language == "en")
        assert "Dr Arbiter" in said and ("崩溃" in said) == (language == "zh_CN")
    finally:
        window.close()


def test_cases_recovered_and_not_checked_are_named_again_at_the_next_open(qtbot, tmp_path: Path) -> None:
    """The note's list lasted one run: the cases a night's command recovered (the snapshots gone with it) were named by
    no window, nor were those left unopened by a person who closed the window before reading the note. Each case is
    named until it was opened to be checked, at every open."""
    folder = image_folder(tmp_path / "photos", count=4)
    crashed = Workspace.open(folder)
    ids = {case.image_path: case.case_id for case in crashed.cases()}
    for name in ("img1.png", "img3.png"):
        doc = crashed.load_case(ids[name])
        doc.grade = ReaderGrade(dr_grade=2)
        crashed.autosave(doc)
    crashed._lock.stop()
    fake_dead_owner(crashed.sidecar / "lock")
    assert main(["export", str(folder), "--format", "csv", "--out", str(tmp_path / "night")]) == 0  # recovers them
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False))
    for still_named in (["'img1.png'", "'img3.png'"], ["'img3.png'"]):
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        try:
            assert window.open_paths([folder])
            qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=20_000)
            qtbot.waitUntil(lambda: "'img3.png'" in note_text(window), timeout=5_000)
            said = note_text(window)
            assert all(name in said for name in still_named) and ("'img1.png'" in said) == (len(still_named) == 2)
            if len(still_named) == 2:  # img1.png opened and checked; the window closed before img3.png was
                window.recovered_bar.button.click()
                qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.case_id == ids["img1.png"],
                                timeout=10_000)
                qtbot.waitUntil(lambda: "'img1.png'" not in note_text(window), timeout=5_000)
        finally:
            window.close()


def test_cases_to_check_are_named_by_their_photos_after_the_index_was_rebuilt(qtbot, tmp_path: Path) -> None:
    """A damaged index is rebuilt from the per-case files, the window's case list in the background: the note named
    the cases by their ids ('img1.png-fd27274134'), the list still empty as it opened, and did so until it went."""
    folder = image_folder(tmp_path / "photos", count=2)
    crashed = Workspace.open(folder)
    doc = crashed.load_case(next(case.case_id for case in crashed.cases() if case.image_path == "img1.png"))
    doc.grade = ReaderGrade(dr_grade=2)
    crashed.autosave(doc)
    crashed._lock.stop()
    fake_dead_owner(crashed.sidecar / "lock")
    assert main(["export", str(folder), "--format", "csv", "--out", str(tmp_path / "night")]) == 0  # recovers it
    for suffix in ("-wal", "-shm"):
        (crashed.sidecar / f"index.db{suffix}").unlink(missing_ok=True)
    (crashed.sidecar / "index.db").write_bytes(b"not a database" * 100)
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=False))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.open_paths([folder])
        qtbot.waitUntil(lambda: window.cases.doc is not None, timeout=20_000)
        qtbot.waitUntil(lambda: "'img1.png'" in note_text(window), timeout=5_000)
        assert doc.case_id not in note_text(window)
    finally:
        window.close()
