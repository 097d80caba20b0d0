"""The Retrain dialog's line on the cases to learn from follows the folder open now and finishes its count: it kept
the folder closed's line ("5 reviewed cases are marked done; counting the OCT scans…") once another folder opened,
and "counting…" stayed on while training ran (the count arriving then was dropped, or cancelled by the start)."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator

import pytest

import app.retrain_controller
from annotations.progress import Cancelled
from annotations.reading.consensus_export import consensus_scope
from app.case_controller import CaseController
from inference.training.retrain_modality import fundus_count
from tests.gui.retrain_controllers import controller_with_folder, dialogs_opened
from tests.gui.screenshots import keep_screenshot
# install is not used here directly: chinese requests it, and pytest looks it up from this module
from tests.gui.test_dialogs_translated import chinese, install  # noqa: F401 - fixtures
from tests.gui.test_retrain_other_folder import folder_of_photos
from tests.gui.test_retrain_refusals import done_cases
from tests.gui.waits import SUITE_TIMEOUT_MS
from tests.unit.reading_fixtures import settled_agreements

FIVE_DONE = ("5 reviewed cases are marked done; they will be exported and split into training, validation and "
             "held-out images. AI candidates you rejected count as hard negatives.")
NONE_DONE = ("More reviewed cases are needed: 0 case(s) are marked done, retraining needs at least 4. Review cases "
             "and mark them done (Ctrl+Enter), then try again.")
NO_FOLDER = ("Open a folder of reviewed cases first (File ▸ Open folder); retraining learns from the cases marked "
             "done in it.")
THREE_SETTLED = ("Double reading: retraining learns from the folder's consensus, not from one reader's labels. 3 "
                 "case(s) have a settled consensus (arbitrated, or agreed by both readers). At least 4 are needed.")


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Counts (the fundus photos among the done cases, a consensus) wait for the event returned; training runs until
    cancelled."""
    release = threading.Event()

    def slow(count):  # noqa: ANN001, ANN202 - the counting function held
        def wait_then_count(*args):  # noqa: ANN002, ANN202
            release.wait(SUITE_TIMEOUT_MS / 1000)
            return count(*args)
        return wait_then_count

    def training(_request, state) -> None:  # noqa: ANN001 - RetrainRequest, WorkerState
        while not state.is_cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    monkeypatch.setattr(app.retrain_controller, "fundus_count", slow(fundus_count))
    monkeypatch.setattr(app.retrain_controller, "consensus_scope", slow(consensus_scope))
    monkeypatch.setattr(app.retrain_controller, "_run_retrain", training)
    yield release
    release.set()  # a test that failed leaves no worker waiting


@pytest.fixture
def controller_on(qtbot, tmp_path: Path) -> Iterator:  # noqa: ANN001 - pytest-qt's qtbot
    with dialogs_opened(qtbot) as opened:
        yield lambda folder, reader="": opened(controller_with_folder(folder, tmp_path / "settings.ini", reader))


def _open(qtbot, cases: CaseController, folder: Path) -> None:  # noqa: ANN001 - pytest-qt's qtbot
    assert cases.open_workspace(folder)
    cases.flush()
    qtbot.waitUntil(lambda: cases.workspace is not None and cases.workspace.folder == folder)


@pytest.mark.parametrize("counted_first", [True, False], ids=["counted", "still-counting"])
def test_the_line_follows_the_folder_opened_next_and_none(qtbot, tmp_path: Path, held: threading.Event,
                                                          controller_on, counted_first: bool) -> None:
    done_cases(tmp_path / "photos", painted=True)
    controller = controller_on(tmp_path / "photos")
    dialog = controller.dialog
    if counted_first:
        held.set()
        qtbot.waitUntil(lambda: dialog.cases_label.text() == FIVE_DONE, timeout=SUITE_TIMEOUT_MS)
    else:  # the count ends as the folder closes (closing waits for the storage worker it runs on)
        assert "counting the OCT scans" in dialog.cases_label.text()
        threading.Timer(0.2, held.set).start()
    _open(qtbot, controller.cases, folder_of_photos(tmp_path / "clinic B"))
    qtbot.waitUntil(lambda: not controller.cases.busy, timeout=SUITE_TIMEOUT_MS)
    assert dialog.cases_label.text() == NONE_DONE and not dialog.start_button.isEnabled()
    controller.cases.close_workspace()
    assert dialog.cases_label.text() == NO_FOLDER and not dialog.start_button.isEnabled()


def test_the_count_is_finished_while_training_runs(qtbot, tmp_path: Path, held: threading.Event,
                                                   controller_on) -> None:
    done_cases(tmp_path / "photos", painted=True)
    controller = controller_on(tmp_path / "photos")
    dialog = controller.dialog
    job = controller.start("seg", 1, 64)
    assert job is not None and dialog.running
    held.set()
    qtbot.waitUntil(lambda: dialog.cases_label.text() == FIVE_DONE, timeout=SUITE_TIMEOUT_MS)
    assert dialog.running and dialog.cancel_button.isVisibleTo(dialog)  # the run's own view is left as it was
    keep_screenshot(dialog, "retrain-counted-while-training.png")
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):
        controller.cancel()
    assert dialog.cases_label.text() == FIVE_DONE


def test_the_consensus_count_is_finished_while_training_runs(qtbot, tmp_path: Path, held: threading.Event,
                                                             controller_on) -> None:
    controller = controller_on(settled_agreements(tmp_path / "f"), "Anna")
    dialog = controller.dialog
    assert "Counting the cases with a settled consensus" in dialog.cases_label.text()
    job = controller.start("seg", 1, 64)
    assert job is not None and dialog.running
    held.set()
    qtbot.waitUntil(lambda: dialog.cases_label.text() == THREE_SETTLED, timeout=SUITE_TIMEOUT_MS)
    assert dialog.running and dialog.start_button.isEnabled()  # in double reading, the minimum is checked at start
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):
        controller.cancel()


def test_the_line_follows_the_folder_opened_next_in_chinese(qtbot, tmp_path: Path, held: threading.Event,
                                                            controller_on, chinese) -> None:  # noqa: F811
    done_cases(tmp_path / "photos", painted=True)
    controller = controller_on(tmp_path / "photos")
    dialog = controller.dialog
    held.set()
    _open(qtbot, controller.cases, folder_of_photos(tmp_path / "clinic B"))
    qtbot.waitUntil(lambda: not controller.cases.busy, timeout=SUITE_TIMEOUT_MS)
    assert dialog.cases_label.text().startswith("需要更多已审核病例：目前 0 个病例标记为完成")
    keep_screenshot(dialog, "retrain-line-follows-folder-zh.png")
