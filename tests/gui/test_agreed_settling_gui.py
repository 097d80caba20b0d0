"""The arbiter's window settles each agreed case as it opens; when settling fails (a damaged reading.json fails every
case) the failure is said once, not at every case opened: again when it comes back after settling worked, or in a
new folder; a different failure is always said. The same damaged file fails the note of the arbiter's correction of a
case (saved with changed labels) and the list's look at where a saved case stands, at every such save: the window
says it once for all three, and again only once all three went through: one going through (a note that needs no
settings, the list's look) is no news of the others. A case that cannot be settled (a reader's damaged case file)
fails alone, said by name (a volume's B-scan as the arbitration names it), and is tried again at the list's next
change (said again once a reader saved it again): the agreed cases settled with it are stored."""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication

import app.agreed_settling
from annotations.classes import LesionClass
from annotations.commands import FillRegion
from annotations.reading.consensus import consensus_record
from annotations.reading.readers import case_files, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.gui.test_double_reading_gui import select, window_on
from app.agreed_settling import AgreedSettling
from app.i18n import CHINESE, ENGLISH, install_language
from app.main_window import MainWindow
from tests.unit.reading_fixtures import both_read, case_of, image_folder

ARBITER = "Dr Arbiter"
SETTINGS = ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,))


@pytest.fixture
def agreed(tmp_path: Path) -> Path:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, SETTINGS)
    both_read(folder, {0: 1, 1: 1})
    return folder


def _held_settling(monkeypatch) -> list[bool]:
    """The list's settling held back while ``held[0]`` (so a case file can be damaged first)."""
    settle = AgreedSettling.settle
    held = [True]
    monkeypatch.setattr(AgreedSettling, "settle", lambda self: None if held[0] else settle(self))
    return held


def _open_each(qtbot, window, times: int) -> None:
    for _ in range(times):
        for index in (1, 0):
            select(qtbot, window, case_of(index))
    window.cases.flush()


def _listed(qtbot, tmp_path: Path, folder: Path) -> tuple[MainWindow, list[str]]:
    """The arbiter's window on ``folder``, listed, and what it says from then on (its controllers' messages)."""
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)  # listed
    said: list[str] = []
    for signal in (window.cases.message, window.arbitration.message):
        signal.connect(said.append)
    return window, said


def _listed_then_settings_damaged(qtbot, tmp_path: Path, folder: Path) -> tuple[MainWindow, list[str], Path]:
    """The arbiter's window on ``folder``, listed; then its reading settings damaged (edited by hand on another
    machine). The window, what it says, and the settings file."""
    window, said = _listed(qtbot, tmp_path, folder)
    settings_file = save_settings(folder, SETTINGS)
    settings_file.write_text("{damaged")
    return window, said, settings_file


def test_a_settling_failure_is_said_once_until_settling_works_again(qtbot, agreed: Path, tmp_path: Path) -> None:
    window, said, settings_file = _listed_then_settings_damaged(qtbot, tmp_path, agreed)
    _open_each(qtbot, window, 3)
    assert len(said) == 1 and str(settings_file) in said[0]  # not once per case opened
    save_settings(agreed, SETTINGS)  # mended: settling works again...
    _open_each(qtbot, window, 1)
    settings_file.write_text("{damaged")  # ...and fails again: said again
    _open_each(qtbot, window, 2)
    assert len(said) == 2 and said[1] == said[0]


def _failing(monkeypatch, *errors: str) -> None:
    """Settling fails with each of ``errors`` in turn, over and over."""
    failures = itertools.cycle(errors)

    def settle(*_args) -> int:
        raise OSError(next(failures))

    monkeypatch.setattr(app.agreed_settling, "settle_agreed", settle)


def test_a_different_settling_failure_is_said_too_and_a_new_folder_says_it_again(
        qtbot, agreed: Path, tmp_path: Path, monkeypatch) -> None:
    window, said = _listed(qtbot, tmp_path, agreed)
    _failing(monkeypatch, "first failure", "second failure")
    _open_each(qtbot, window, 2)
    assert said == ["first failure", "second failure"]
    assert window.open_paths([agreed])  # the folder opened anew
    window.cases.flush()
    qtbot.waitUntil(lambda: window.cases.doc is not None and not window.cases.busy, timeout=10_000)
    assert said[2:] == ["first failure", "second failure"]


def _save_painted(window, rows: slice) -> None:
    """The arbiter paints haemorrhage over ``rows`` of the open case and saves it (with its correction's note)."""
    patch = np.zeros(window.cases.doc.mask.shape, bool)
    patch[rows, 20:30] = True
    window.cases.execute(FillRegion(LesionClass.HE, patch, text="Paint HE"))
    assert window.cases.save()
    window.cases.flush()


def test_a_damaged_reading_json_is_said_once_by_the_notes_the_list_and_the_settling_together(
        qtbot, agreed: Path, tmp_path: Path) -> None:
    window, said, settings_file = _listed_then_settings_damaged(qtbot, tmp_path, agreed)
    for rows in (slice(60, 70), slice(80, 90), slice(100, 110)):  # three corrections of the open case: each save's
        _save_painted(window, rows)  # note, and the list's look at where the case now stands, fail
    _open_each(qtbot, window, 1)  # settling fails too
    assert len(said) == 1 and str(settings_file) in said[0]  # not once per save, nor once by each
    save_settings(agreed, SETTINGS)  # mended: the cases opened are settled, the next correction noted...
    _open_each(qtbot, window, 1)
    _save_painted(window, slice(40, 50))
    assert len(said) == 1
    settings_file.write_text("{damaged")  # ...and fails again: said again
    select(qtbot, window, case_of(1))
    _save_painted(window, slice(60, 70))
    assert len(said) == 2 and said[1] == said[0]


def test_saves_that_correct_nothing_do_not_say_the_lists_failure_again(
        qtbot, agreed: Path, tmp_path: Path) -> None:
    window, said, settings_file = _listed_then_settings_damaged(qtbot, tmp_path, agreed)
    for text in ("drusen", "drusen, small", "drusen, small, nasal"):  # the settled case's findings: no correction,
        window.cases.edits.set_findings(text)  # noted without reading the settings; the list's look fails
        assert window.cases.save()
        window.cases.flush()
    qtbot.waitUntil(lambda: not window.cases.busy, timeout=10_000)
    assert len(said) == 1 and str(settings_file) in said[0]


def test_a_failing_settling_job_is_said_once_though_the_lists_looks_go_through(
        qtbot, agreed: Path, tmp_path: Path, monkeypatch) -> None:
    held = _held_settling(monkeypatch)
    window, said = _listed(qtbot, tmp_path, agreed)  # img0 settled as it opened, img1 held back
    jobs: list[int] = []

    def full_disk(*_args) -> int:
        jobs.append(1)
        raise OSError("No space left on device")

    monkeypatch.setattr(app.agreed_settling, "settle_agreed", full_disk)
    held[0] = False
    for looks in range(1, 4):  # each look reads the states, then tries img1 again
        window.cases.listing.update_reading_state(case_of(0))
        qtbot.waitUntil(lambda looks=looks: len(jobs) == looks and not window.cases.storage.busy, timeout=10_000)
    assert said == ["No space left on device"]


def test_a_case_that_cannot_be_settled_fails_alone_and_is_named(qtbot, tmp_path: Path, monkeypatch) -> None:
    folder = image_folder(tmp_path / "f", count=3, width=160, height=120)
    save_settings(folder, SETTINGS)
    both_read(folder, {0: 1, 1: 1, 2: 1})
    held = _held_settling(monkeypatch)  # until Ben's case file is damaged
    window, said = _listed(qtbot, tmp_path, folder)
    with open_reader(folder, "Ben") as ben:
        case_files(ben.sidecar).case_file(case_of(1)).write_text("{damaged")
    held[0] = False
    window.arbitration.settling.settle()  # img1 and img2 in one batch (img0 was settled as it opened)
    window.cases.flush()
    assert consensus_record(folder, case_of(2)) is not None  # settled, whatever befell img1
    assert consensus_record(folder, case_of(1)) is None
    assert len(said) == 1 and said[0].startswith("'img1.png': ") and "case.json" in said[0]


def test_cases_whose_settling_job_failed_are_settled_at_the_lists_next_look_once_mended(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    folder = image_folder(tmp_path / "f", count=3, width=160, height=120)
    save_settings(folder, SETTINGS)
    both_read(folder, {0: 1, 1: 1, 2: 1})
    held = _held_settling(monkeypatch)  # until the folder's settings are damaged
    jobs: list[set[str]] = []
    settle_job = app.agreed_settling._settle
    monkeypatch.setattr(app.agreed_settling, "_settle", lambda *args: jobs.append(args[2]) or settle_job(*args))
    window, said, settings_file = _listed_then_settings_damaged(qtbot, tmp_path, folder)
    held[0] = False
    jobs.clear()
    window.arbitration.settling.settle()  # every agreed case, one job (img0 was settled as it opened): it fails
    window.cases.flush()
    assert len(said) == 1 and str(settings_file) in said[0]
    assert consensus_record(folder, case_of(1)) is None and consensus_record(folder, case_of(2)) is None
    assert len(jobs) == 1 and not window.cases.storage.busy  # the failure asks nothing again by itself: no loop
    save_settings(folder, SETTINGS)  # mended
    window.cases.listing.update_reading_state(case_of(0))  # the list's next look (a save, a reader's submission)
    qtbot.waitUntil(lambda: consensus_record(folder, case_of(2)) is not None, timeout=10_000)
    assert consensus_record(folder, case_of(1)) is not None
    assert window.cases.current_id == case_of(0)  # settled without being opened


def test_a_case_that_failed_alone_is_tried_again_at_the_lists_next_change(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, SETTINGS)
    both_read(folder, {0: 1, 1: 1})
    held = _held_settling(monkeypatch)
    jobs: list[set[str]] = []
    settle_job = app.agreed_settling._settle
    monkeypatch.setattr(app.agreed_settling, "_settle", lambda *args: jobs.append(args[2]) or settle_job(*args))
    window, said = _listed(qtbot, tmp_path, folder)
    with open_reader(folder, "Ben") as ben:
        case_file = case_files(ben.sidecar).case_file(case_of(1))
    readable = case_file.read_text()
    case_file.write_text("{damaged")
    held[0] = False
    jobs.clear()
    window.arbitration.settling.settle()  # img1 fails alone
    window.cases.flush()
    assert len(jobs) == 1 and not window.cases.storage.busy  # said, and not tried again by itself
    window.cases.listing.update_reading_state(case_of(0))  # the list's next change (a save, a submission)
    qtbot.waitUntil(lambda: len(jobs) == 2 and not window.cases.storage.busy, timeout=10_000)
    assert jobs[1] == {case_of(1)} and consensus_record(folder, case_of(1)) is None
    assert len(said) == 1 and said[0].startswith("'img1.png': ")  # tried again, said once
    window.arbitration.watch.saved_elsewhere.emit({case_of(1)})  # Ben saved it again: settled anew, still failing
    window.cases.listing.update_reading_state(case_of(0))
    qtbot.waitUntil(lambda: len(jobs) == 3 and not window.cases.storage.busy, timeout=10_000)
    assert len(said) == 2 and said[1] == said[0]  # news: the case file Ben saved is damaged still
    case_file.write_text(readable)  # mended
    window.cases.listing.update_reading_state(case_of(0))
    qtbot.waitUntil(lambda: consensus_record(folder, case_of(1)) is not None, timeout=10_000)
    assert len(said) == 2


def test_a_bscan_that_cannot_be_settled_is_named_as_the_arbitration_names_it(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    from annotations.frames import bscan_case_id
    from tests.unit.test_oct_volume import make_folder, volume_id
    from tests.unit.test_reading_volume import read_bscan

    folder = tmp_path / "f"
    make_folder(folder)
    save_settings(folder, SETTINGS)
    for reader in ("Anna", "Ben"):
        with open_reader(folder, reader) as store:
            read_bscan(store, 2, 1)
            bscan = bscan_case_id(volume_id(store), 2)
    held = _held_settling(monkeypatch)
    window, said = _listed(qtbot, tmp_path, folder)
    with open_reader(folder, "Ben") as ben:
        case_files(ben.sidecar).case_file(bscan).write_text("{damaged")
    held[0] = False
    window.arbitration.settling.settle()
    window.cases.flush()
    assert len(said) == 1 and said[0].startswith("'scans/vol.dcm', B-scan 2: the readers' agreement could not be ")


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp) -> Iterator[str]:
    """The interface in English, then in Chinese as the window installs it."""
    installed = install_language(QCoreApplication.instance(), CHINESE if request.param == "zh_CN" else ENGLISH)
    yield request.param
    for translator in installed:
        QCoreApplication.instance().removeTranslator(translator)
    install_language(QCoreApplication.instance(), ENGLISH)


SETTLING_FAILED = {  # the exact words, so a changed template or a lost translation fails here
    "en": "'img1.png': the readers' agreement could not be stored as the consensus: disk full",
    "zh_CN": "'img1.png'：无法将阅片者一致的结果保存为共识结果：disk full",
}


def test_a_case_that_cannot_be_settled_is_said_in_the_interfaces_words(
        qtbot, agreed: Path, tmp_path: Path, monkeypatch, language: str) -> None:
    settle = app.agreed_settling.settle_agreed

    def img1_fails(workspace, actor, case_ids: set[str], failures: dict[str, str]) -> int:
        failures.update({case_id: "disk full" for case_id in case_ids if case_id == case_of(1)})
        return settle(workspace, actor, case_ids - failures.keys(), failures)

    monkeypatch.setattr(app.agreed_settling, "settle_agreed", img1_fails)
    held = _held_settling(monkeypatch)  # until what the window says is heard
    window, said = _listed(qtbot, tmp_path, agreed)
    held[0] = False
    window.arbitration.settling.settle()  # img1 (img0 was settled as it opened)
    window.cases.flush()
    assert said == [SETTLING_FAILED[language]]
