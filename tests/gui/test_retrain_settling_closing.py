"""A double-read folder's retraining first waits for the agreed cases' settling on the window's storage queue (minutes
for a screening programme's folder). Closing the folder with Yes to "Stop it and close?" stops that settling between
cases: the folder's closing waits for the storage queue, and the settling ran on to its end, the window frozen,
before the retraining was cancelled."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotations.reading.consensus import consensus_record
from tests.gui.questions import answer
from tests.gui.test_export_settling_cancel import arbiter_on_a_slow_settling
from tests.unit.reading_fixtures import case_of


def test_yes_to_closing_stops_the_retrains_settling_between_cases(qtbot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window, folder, entered, release = arbiter_on_a_slow_settling(qtbot, tmp_path, monkeypatch)
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
