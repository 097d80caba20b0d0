"""A folder on a slow network share: File ▸ Report (Ctrl+P) of both eyes of a double-read folder reads who graded each
case (the folder's reading settings, each reader's files, the consensus record) on the preview's worker, and so does
the report of an OCT B-scan its volume's other B-scans. Both were read on the GUI thread before the dialog opened: 20
files for two eyes, the window frozen 8 s at 0.4 s a read; and so was the other eye's case.json, on the storage
worker now. The dialog opens once that is read, saying it is reading the cases; its warnings (a grade not the
consensus, a more severe B-scan) and report follow once read."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from annotations.document import PatientInfo, ReaderGrade, ReviewState
from annotations.reading.consensus import settle_agreed
from annotations.reading.readers import open_consensus, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from tests.gui.slow_share import READ_S, SlowShare, on_gui_thread, slow_stat
from tests.gui.test_double_reading_gui import select, window_on
from tests.gui.test_main_window import _window, settings  # noqa: F401 - fixture
from tests.gui.test_oct_volume_slider import folder as volume_folder  # noqa: F401 - fixture
from tests.unit.reading_fixtures import arbitrated, case_of, image_folder
from tests.gui.test_volume_report_warning import _classed
from tests.unit.test_report_layout import page_texts
from widgets.report_dialog import ReportDialog

pytest.importorskip("pypdf")


@pytest.fixture
def both_eyes_read(tmp_path: Path) -> Path:
    """One patient's two eyes, read by Anna and Ben: img0 (OD) arbitrated by Dr Wang as grade 2, img1 (OS) agreed."""
    folder = image_folder(tmp_path / "f", count=2, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=("Dr Wang",)))
    for name, grades in (("Anna", (1, 1)), ("Ben", (3, 1))):
        with open_reader(folder, name) as reader:
            for index, grade in enumerate(grades):
                doc = reader.load_case(case_of(index))
                doc.grade, doc.review_state = ReaderGrade(dr_grade=grade, dme_risk=0), ReviewState.DONE
                doc.patient = PatientInfo(patient_id="P-1", eye=("OD", "OS")[index])
                reader.save_case(doc)
    arbitrated(folder, "Dr Wang", 0, grade=2)
    with open_consensus(folder, "Dr Wang") as consensus:
        assert settle_agreed(consensus, "Dr Wang") == 1
    return folder


@pytest.mark.parametrize(("person", "printed", "warned"), [
    ("Dr Wang", "arbitrated by Dr Wang (readers: Anna: 1 — Mild NPDR; Ben: 3 — Severe NPDR)", False),
    ("Anna", "Anna", True)])
def test_a_two_eye_report_opens_at_once_and_reads_who_graded_the_cases_off_the_gui_thread(
        qtbot, tmp_path: Path, both_eyes_read: Path, monkeypatch: pytest.MonkeyPatch, ticks: list[float], person: str,
        printed: str, warned: bool) -> None:
    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)  # the dialog stays to be looked at
    window = window_on(qtbot, tmp_path, both_eyes_read, person)
    select(qtbot, window, case_of(0))
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)
    monkeypatch.setattr(window.reports, "ask_both_eyes", lambda other: True)
    share = SlowShare(both_eyes_read, monkeypatch)
    share.slow = True
    started = time.monotonic()
    window.reports.open_report()
    returned = time.monotonic()
    assert returned - started < READ_S and window.reports.dialog is None  # the other eye's case.json: on the worker
    qtbot.waitUntil(lambda: window.reports.dialog is not None, timeout=10_000)
    dialog = window.reports.dialog
    assert share.on_gui_thread == []
    assert len(dialog.eyes) == 2 and not dialog.reading_note.isHidden()  # "Reading the cases…"
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=60_000)
    assert len([tick for tick in ticks if returned <= tick]) >= 3  # the event loop turned while the share was read
    assert dialog.reading_note.isHidden()
    assert any("not the consensus" in text for text in dialog.warnings) is warned
    texts = " ".join(page_texts(dialog.pages.data))
    assert printed in texts
    window.close()


def test_a_bscans_report_reads_its_volumes_other_bscans_off_the_gui_thread(
        qtbot, settings, volume_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report of an OCT B-scan warns of a more severe class on another B-scan of its volume: it waited for the
    storage queue and looked at each B-scan's file (a stat each) on the GUI thread as the dialog opened."""
    monkeypatch.setattr(ReportDialog, "exec", lambda self: 0)
    window = _window(qtbot, settings, volume_folder)
    _classed(qtbot, window, 6, "CNV")
    _classed(qtbot, window, 4, "NORMAL")  # B-scan 6 saved as the slider moved on
    window.cases.flush()
    # looks on the GUI thread alone wait: the worker's, at each B-scan's file, would outlast the wait below
    looked_at = slow_stat(monkeypatch, lambda path: path.is_relative_to(volume_folder) and on_gui_thread())
    started = time.monotonic()
    window.reports.open_report()
    assert time.monotonic() - started < READ_S and looked_at == []
    dialog = window.reports.dialog
    assert not dialog.reading_note.isHidden()
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=20_000)
    assert [text for text in dialog.warnings if "more severe" in text] == [
        "'a_volume.dcm', B-scan 4: B-scan(s) 6 of the same volume record CNV — choroidal neovascularisation, more "
        "severe than the class this report prints; it shows this B-scan alone"]
    window.close()
