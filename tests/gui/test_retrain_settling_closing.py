"""A double-read folder's retraining first waits for the agreed cases' settling on the window's storage queue (minutes
for a screening programme's folder). Closing the folder with Yes to "Stop it and close?" stops that settling between
cases: the folder's closing waits for the storage queue, and the settling ran on to its end, the window frozen,
before the retraining was cancelled."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

import annotations.reading.consensus as consensus_module
from annotations.reading.consensus import consensus_record
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.agreed_settling import AgreedSettling
from tests.gui.questions import answer
from tests.gui.test_double_reading_gui import window_on
from tests.unit.reading_fixtures import both_read, case_of, image_folder

ARBITER = "Dr Arbiter"


def test_yes_to_closing_stops_the_retrains_settling_between_cases(qtbot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = image_folder(tmp_path / "f", count=3, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, arbiters=(ARBITER,)))
    both_read(folder, dict.fromkeys(range(3), 1))
    for quiet in ("settle", "_settle_opening"):  # the list's own settling would store them before the retrain
        monkeypatch.setattr(AgreedSettling, quiet, lambda *_args: None)
    entered, release = threading.Event(), threading.Event()
    record_agreed = consensus_module.record_agreed

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - a slow case, as record_agreed
        entered.set()
        release.wait(10)
        return record_agreed(*args, **kwargs)

    monkeypatch.setattr(consensus_module, "record_agreed", slow)
    window = window_on(qtbot, tmp_path, folder, ARBITER)
    try:
        assert window.retrain.start("seg", 1, 64) is not None
        qtbot.waitUntil(entered.is_set, timeout=5_000)
        qtbot.waitUntil(lambda: "Storing agreed cases" in window.retrain.open_dialog().stage_text,
                        timeout=5_000)  # the retrain's worker follows the settling
        asked = answer(monkeypatch, yes=True)
        threading.Timer(0.5, release.set).start()  # the first case's comparison ends while the folder closes
        assert window.cases.close_workspace()
        assert len(asked) == 1
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.retrain.running, timeout=5_000)
    assert [consensus_record(folder, case_of(n)) is not None for n in range(3)] == [True, False, False]
