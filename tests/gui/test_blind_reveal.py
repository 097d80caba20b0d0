"""A blind reader's submission reveals the AI: the reveal's result reaches the case's store even when the reader
moves on at once or closes the folder (revealed when it opens again), the next case does not wait for it, and a
result stored before the folder went blind is kept through saves and shown again without analysing, unless the
models or the reader's thresholds changed since."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtWidgets import QWidget

from annotations.document import AIResult, ReaderGrade, ReviewState
from annotations.reading.owed_reveals import load_owed_reveals
from annotations.reading.readers import load_readings, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from app.analysis_controller import AnalysisController, AnalysisItem, CaseOutcome
from app.main_window import MainWindow
from app.settings import SettingsValues
from app.tasks import WorkerState
from inference.analysis_settings import AnalysisSettings
from inference.model_card import CANDIDATE_TASKS
from inference.model_plan import planned_mask_thresholds, planned_models
from tests.gui.waits import SUITE_TIMEOUT_MS
from tests.gui.test_double_reading_gui import window_on
from tests.unit.reading_fixtures import case_of, image_folder, read_case

AI_COLUMN = 2


class SlowAnalysis:
    """Stands in for AnalysisController._job: each case "analysed" waits for ``release``, then gets ``grade``;
    cancelling stops it like the pipeline's own checks."""

    def __init__(self, grade: int = 3) -> None:
        self.release = threading.Event()
        self.grade = grade
        self.started: list[str] = []

    def __call__(self, request, state: WorkerState) -> int:  # noqa: ANN001 - the controller's _Request
        for item in request.items:
            self.started.append(item.case_id)
            while not self.release.wait(0.01):
                if state.is_cancelled():
                    return 0
            state.publish(CaseOutcome(item.case_id, AIResult(dr_grade=self.grade)))
        return len(request.items)


@pytest.fixture
def blind_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))  # the shipped models decide
    folder = image_folder(tmp_path / "f", count=3, width=160, height=120)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE, blind_ai=True))
    return folder


def blind_window(qtbot, tmp_path: Path, folder: Path, analyze_on_open: bool = True) -> MainWindow:
    window = window_on(qtbot, tmp_path, folder, "Anna", analyze_on_open=analyze_on_open)
    qtbot.waitUntil(lambda: window.cases.image is not None, timeout=10_000)  # the first case opens by itself
    return window


def ai_column(window: MainWindow, case_id: str) -> str:
    model, name = window.case_list.table.model(), window.cases.summaries[case_id].file_name
    row = next(r for r in range(model.rowCount()) if name in model.index(r, 0).data())
    return model.index(row, AI_COLUMN).data()


def stored_ai(window: MainWindow, index: int) -> AIResult | None:
    window.cases.flush()
    return window.cases.workspace.load_case(case_of(index)).ai


def test_the_reveal_is_stored_when_the_reader_moves_on_at_once(qtbot, tmp_path: Path, blind_folder: Path) -> None:
    window = blind_window(qtbot, tmp_path, blind_folder)
    slow = SlowAnalysis(grade=3)
    window.analysis._job = slow
    window.actions["mark_done"].trigger()  # Ctrl+Enter: submitted, the AI is revealed (analysed)
    qtbot.waitUntil(lambda: slow.started == [case_of(0)], timeout=10_000)
    with qtbot.waitSignal(window.cases.image_loaded, timeout=10_000):
        window.actions["next_case"].trigger()  # D at once: the next case opens while the reveal still runs
    assert window.cases.current_id == case_of(1) and not slow.release.is_set()
    slow.release.set()
    qtbot.waitUntil(lambda: not window.analysis.busy, timeout=10_000)
    assert stored_ai(window, 0).dr_grade == 3  # was cancelled by the case switch: never stored
    assert window.cases.doc.ai is None  # the case on the screen is not submitted: still blind


def test_the_next_cases_analysis_goes_first_and_the_reveal_follows(qtbot, tmp_path: Path) -> None:
    owner = QWidget()  # deleted by qtbot after the test, with its controller, as a window deletes its own
    qtbot.addWidget(owner)
    controller = AnalysisController(SettingsValues(), owner)
    slow = SlowAnalysis()
    controller._job = slow
    arrived: list[str] = []
    controller.result_ready.connect(lambda case_id, _: arrived.append(case_id))
    controller.reveal_case(AnalysisItem("submitted", tmp_path / "a.png"))
    qtbot.waitUntil(lambda: slow.started == ["submitted"], timeout=10_000)
    controller.case_switched("next")  # browsing does not cancel a reveal
    controller.analyze_case(AnalysisItem("next", tmp_path / "b.png"))  # the case now on the screen goes first
    slow.release.set()
    qtbot.waitUntil(lambda: not controller.busy, timeout=10_000)
    assert arrived == ["next", "submitted"] and not controller.owes("submitted")
    controller.shutdown()


def _analysed_before_blind(folder: Path, models: list[dict]) -> None:
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=None, submit=False)
        doc = anna.load_case(case_of(0))
        candidates_ran = any(model["task"] in CANDIDATE_TASKS for model in models)
        doc.ai = AIResult(dr_grade=4, referable=True, grade_source="model", models=models,
                          mask_thresholds=planned_mask_thresholds(AnalysisSettings(), candidates_ran))
        anna.save_case(doc)


def test_a_stored_result_is_kept_through_saves_and_shown_on_submission_without_analysing(
        qtbot, tmp_path: Path, blind_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _analysed_before_blind(blind_folder, list(planned_models(AnalysisSettings()).values()))
    loads: list[object] = []
    monkeypatch.setattr(AnalysisController, "_load_models", lambda self, settings, state: loads.append(settings))
    window = blind_window(qtbot, tmp_path, blind_folder)
    assert window.cases.current_id == case_of(0) and window.cases.doc.ai is None  # hidden while reading blind
    assert ai_column(window, case_of(0)) == "–"  # the list does not tell it either
    window.cases.edits.set_grade(ReaderGrade(dr_grade=2))
    window.actions["next_case"].trigger()  # saves the graded case: its stored result must stay in the store
    assert stored_ai(window, 0).dr_grade == 4
    window.actions["previous_case"].trigger()
    qtbot.waitUntil(lambda: window.cases.current_id == case_of(0), timeout=10_000)
    window.actions["mark_done"].trigger()
    qtbot.waitUntil(lambda: window.cases.doc.ai is not None, timeout=10_000)
    assert window.cases.doc.ai.dr_grade == 4 and loads == []  # the stored result, no model loaded
    qtbot.waitUntil(lambda: ai_column(window, case_of(0)) == "4", timeout=10_000)


def test_a_stored_result_from_other_models_is_analysed_again_on_submission(
        qtbot, tmp_path: Path, blind_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _analysed_before_blind(blind_folder, [dict(model, version="0")  # an older version of each model made it
                                          for model in planned_models(AnalysisSettings()).values()])
    loads: list[object] = []

    def no_models_here(self, settings, state):  # noqa: ANN001, ANN202 - stands in for loading the models to analyse
        loads.append(settings)
        raise RuntimeError("no models in this test")

    monkeypatch.setattr(AnalysisController, "_load_models", no_models_here)
    window = blind_window(qtbot, tmp_path, blind_folder)
    window.actions["mark_done"].trigger()
    qtbot.waitUntil(lambda: not window.analysis.busy, timeout=10_000)
    assert len(loads) == 1 and window.cases.doc.ai is None  # analysed again (here: failed), not the old result
    assert "no models in this test" in window.statusBar().currentMessage()
    assert stored_ai(window, 0).dr_grade == 4  # the failed analysis did not drop the stored result


def test_a_stored_result_cut_at_thresholds_the_reader_has_changed_since_is_analysed_again(
        qtbot, tmp_path: Path, blind_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _analysed_before_blind(blind_folder, list(planned_models(AnalysisSettings()).values()))
    loads: list[AnalysisSettings] = []
    monkeypatch.setattr(AnalysisController, "_load_models", lambda self, settings, state: loads.append(settings))
    window = blind_window(qtbot, tmp_path, blind_folder)
    assert "EX" in planned_mask_thresholds(AnalysisSettings(), False)  # shipped: a model cuts EX
    window.analysis.values.thresholds["EX"] = 0.05  # the reader lowered it after the result was stored
    window.actions["mark_done"].trigger()
    qtbot.waitUntil(lambda: not window.analysis.busy and bool(loads), timeout=10_000)
    assert loads[0].thresholds["EX"] == 0.05  # analysed again at the new threshold, not the old masks shown


def test_undoing_the_submission_hides_the_revealed_result_and_keeps_the_stored_one(
        qtbot, tmp_path: Path, blind_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _analysed_before_blind(blind_folder, list(planned_models(AnalysisSettings()).values()))
    monkeypatch.setattr(AnalysisController, "_load_models", lambda self, settings, state: None)
    window = blind_window(qtbot, tmp_path, blind_folder)
    window.actions["mark_done"].trigger()
    qtbot.waitUntil(lambda: window.cases.doc.ai is not None, timeout=10_000)
    while window.cases.history.can_undo:  # back before the submission: blind again
        window.cases.history.undo()
    assert window.cases.doc.ai is None and window.findings.ai_withheld
    assert stored_ai(window, 0).dr_grade == 4  # saved without it on screen, kept in the store
    window.cases.history.redo()  # submitted again: shown again
    qtbot.waitUntil(lambda: window.cases.doc.ai is not None, timeout=10_000)
    assert window.cases.doc.ai.dr_grade == 4


def test_a_withheld_result_is_released_when_its_case_leaves_memory(
        qtbot, tmp_path: Path, blind_folder: Path) -> None:
    _analysed_before_blind(blind_folder, list(planned_models(AnalysisSettings()).values()))
    window = blind_window(qtbot, tmp_path, blind_folder)
    keeper = window.cases.ai_results
    assert keeper.withheld(case_of(0)) is not None
    window.actions["next_case"].trigger()  # left unedited: no history kept, the store holds the result
    qtbot.waitUntil(lambda: window.cases.current_id == case_of(1), timeout=10_000)
    assert keeper.withheld(case_of(0)) is None
    window.actions["previous_case"].trigger()  # reopened: withheld again, from the store
    qtbot.waitUntil(lambda: window.cases.current_id == case_of(0) and not window.cases.loading, timeout=10_000)
    assert window.cases.doc.ai is None and keeper.withheld(case_of(0)).dr_grade == 4
    window.cases.edits.set_grade(ReaderGrade(dr_grade=2))
    window.actions["next_case"].trigger()  # left with an undo step: its kept history still needs the result
    qtbot.waitUntil(lambda: window.cases.current_id == case_of(1), timeout=10_000)
    assert keeper.withheld(case_of(0)).dr_grade == 4
    window.cases.histories.clear()  # as when the cache's budget pushes it out
    window.actions["next_case"].trigger()
    qtbot.waitUntil(lambda: window.cases.current_id == case_of(2), timeout=10_000)
    assert keeper.withheld(case_of(0)) is None and stored_ai(window, 0).dr_grade == 4


def test_a_stored_result_without_the_candidates_model_is_current_on_a_small_photo(
        qtbot, tmp_path: Path, blind_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    planned = planned_models(AnalysisSettings())
    assert set(CANDIDATE_TASKS) <= set(planned)  # shipped: else this test shows nothing
    _analysed_before_blind(blind_folder, [model for task, model in planned.items() if task not in CANDIDATE_TASKS])
    loads: list[object] = []
    monkeypatch.setattr(AnalysisController, "_load_models", lambda self, settings, state: loads.append(settings))
    window = blind_window(qtbot, tmp_path, blind_folder)  # 160 px photos: far below the candidates model's scale
    window.actions["mark_done"].trigger()
    qtbot.waitUntil(lambda: window.cases.doc.ai is not None, timeout=10_000)
    assert window.cases.doc.ai.dr_grade == 4 and loads == []


def test_a_reveal_still_owed_when_the_folder_closes_is_revealed_when_it_opens_again(
        qtbot, tmp_path: Path, blind_folder: Path) -> None:
    window = blind_window(qtbot, tmp_path, blind_folder)
    slow = SlowAnalysis(grade=3)
    window.analysis._job = slow
    window.actions["mark_done"].trigger()  # submitted: the reveal's analysis starts
    qtbot.waitUntil(lambda: slow.started == [case_of(0)], timeout=10_000)
    with qtbot.waitSignal(window.cases.image_loaded, timeout=10_000):
        window.actions["next_case"].trigger()  # the folder opens here again, not at the submitted case
    window.cases.close_workspace()  # before the reveal's analysis ended: it stops
    qtbot.waitUntil(lambda: not window.analysis.busy, timeout=10_000)
    assert load_owed_reveals_of(blind_folder) == [case_of(0)]
    slow.release.set()  # analyses end at once from now on
    assert window.open_paths([blind_folder])
    qtbot.waitUntil(lambda: window.cases.current_id == case_of(1), timeout=10_000)
    qtbot.waitUntil(lambda: slow.started[-1:] == [case_of(0)] and not window.analysis.busy, timeout=10_000)
    assert stored_ai(window, 0).dr_grade == 3  # revealed after all
    assert window.cases.doc.ai is None  # the case on the screen is still read blind
    window.cases.close_workspace()
    assert load_owed_reveals_of(blind_folder) == []  # delivered: not revealed a second time


def load_owed_reveals_of(folder: Path) -> list[str]:
    with open_reader(folder, "Anna") as anna:
        return [reveal.case_id for reveal in load_owed_reveals(anna)]


@pytest.fixture
def controller(qtbot) -> Iterator[AnalysisController]:  # noqa: ANN001 - qtbot
    owner = QWidget()  # deleted by qtbot after the test, with its controller, as a window deletes its own
    qtbot.addWidget(owner)
    controller = AnalysisController(SettingsValues(), owner)
    yield controller
    controller.shutdown()


def test_cancelling_analyse_all_keeps_the_reveals_owed_and_they_follow(qtbot, tmp_path: Path,
        controller: AnalysisController) -> None:
    slow = SlowAnalysis()
    controller._job = slow
    arrived: list[str] = []
    controller.result_ready.connect(lambda case_id, _: arrived.append(case_id))
    controller.analyze_all([AnalysisItem(name, tmp_path / f"{name}.png") for name in ("a", "b")])
    qtbot.waitUntil(lambda: slow.started == ["a"], timeout=10_000)
    controller.reveal_case(AnalysisItem("submitted", tmp_path / "s.png"))  # waits for the batch
    controller.cancel()  # the status bar's Cancel: the batch stops, the reveal is still owed
    assert controller.owes("submitted")
    qtbot.waitUntil(lambda: slow.started[-1:] == ["submitted"], timeout=10_000)
    slow.release.set()
    qtbot.waitUntil(lambda: not controller.busy, timeout=10_000)
    assert arrived == ["submitted"] and not controller.owes("submitted")


def test_cancelling_the_reveal_itself_puts_it_off_until_the_next_job_ends(qtbot, tmp_path: Path,
        controller: AnalysisController) -> None:
    slow = SlowAnalysis()
    controller._job = slow
    controller.reveal_case(AnalysisItem("submitted", tmp_path / "s.png"))
    qtbot.waitUntil(lambda: slow.started == ["submitted"], timeout=10_000)
    controller.cancel()
    qtbot.waitUntil(lambda: not controller.busy, timeout=10_000)
    qtbot.wait(100)
    assert slow.started == ["submitted"] and controller.owes("submitted")  # stopped, not started again, owed
    slow.release.set()
    controller.analyze_case(AnalysisItem("next", tmp_path / "n.png"))
    qtbot.waitUntil(lambda: not controller.busy and not controller.owes("submitted"), timeout=10_000)
    assert slow.started == ["submitted", "next", "submitted"]


def test_a_failed_reveal_stays_owed_in_the_folder_for_its_next_opening(
        qtbot, tmp_path: Path, blind_folder: Path) -> None:
    window = blind_window(qtbot, tmp_path, blind_folder)
    runs: list[str] = []

    def device_error(request, state):  # noqa: ANN001, ANN202 - stands in for the job: the device is gone
        runs.append(request.items[0].case_id)
        raise RuntimeError("CUDA error: device lost")

    window.analysis._job = device_error
    window.actions["mark_done"].trigger()
    qtbot.waitUntil(lambda: not window.analysis.busy and bool(runs), timeout=10_000)
    qtbot.wait(100)
    assert runs == [case_of(0)] and window.analysis.owes(case_of(0))  # said once, not tried again at once
    assert "device lost" in window.statusBar().currentMessage()
    window.cases.close_workspace()
    assert load_owed_reveals_of(blind_folder) == [case_of(0)]  # the next opening tries again


def test_a_damaged_stored_result_is_analysed_afresh_and_logged_by_file(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, controller: AnalysisController,
        caplog: pytest.LogCaptureFixture) -> None:
    """A stored result that cannot be compared is not current: the reveal analyses the photo again instead of
    failing the case (which would drop the blind reader's reveal)."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-user-models"))  # the shipped models decide
    planned = list(planned_models(AnalysisSettings()).values())
    good = planned_mask_thresholds(AnalysisSettings(), any(m["task"] in CANDIDATE_TASKS for m in planned))
    assert good  # a class is cut at a threshold: the damaged value below is read
    damaged = {name: "high" for name in good}  # a case file's mask_thresholds edited by hand
    image_folder(tmp_path, count=1, width=160, height=120)
    arrived, failed = {}, []
    controller.result_ready.connect(lambda case_id, result: arrived.update({case_id: result}))
    controller.case_failed.connect(lambda case_id, error: failed.append((case_id, error)))
    stored = AIResult(dr_grade=1, models=planned, mask_thresholds=damaged)
    controller.reveal_case(AnalysisItem("bad", tmp_path / "img0.png", stored=stored))
    controller.reveal_case(AnalysisItem("good", tmp_path / "good.png", stored=AIResult(
        dr_grade=2, models=planned, mask_thresholds=good)))
    with caplog.at_level("WARNING", logger="app.analysis_controller"):
        # the shipped models load and analyse two photos: over a minute on a loaded 2-core machine (seen at 3 processes)
        qtbot.waitUntil(lambda: not controller.busy and not controller.owed(), timeout=SUITE_TIMEOUT_MS)
    assert failed == [] and arrived["good"].dr_grade == 2
    assert arrived["bad"] is not stored and arrived["bad"].mask_thresholds != damaged  # analysed afresh
    # said once per check: the second reveal may restart the job after it checked the first (newest runs first)
    (warning,) = {record.getMessage() for record in caplog.records if "stored AI result" in record.getMessage()}
    assert "img0.png" in warning and "analysing it afresh" in warning


def test_done_chosen_in_the_findings_is_a_submission_stored_before_the_ai_it_reveals_can_change_it(
        qtbot, tmp_path: Path, blind_folder: Path) -> None:
    """The Review box's Done submits the case as Ctrl+Enter does: it shows the AI withheld until then, so the grade
    it was submitted with is stored at once. Left unsaved, the reader set it back, took the AI's grade and submitted
    that as their first, independent grade (agreement and arbitration count that one)."""
    with open_reader(blind_folder, "Anna") as anna:
        read_case(anna, 0, grade=None, submit=False, ai_grade=4)  # analysed before the folder went blind
    window = blind_window(qtbot, tmp_path, blind_folder, analyze_on_open=False)
    window.cases.edits.set_grade(ReaderGrade(dr_grade=1))
    panel = window.findings
    for state in (ReviewState.DONE, ReviewState.IN_PROGRESS):  # submitted, the AI seen, then back to a draft
        panel.review_state.setCurrentIndex(panel.review_state.findData(state))
        panel.review_state.activated.emit(panel.review_state.currentIndex())
        if state is ReviewState.DONE:
            assert window.cases.doc.ai.dr_grade == 4
    window.cases.edits.set_grade(ReaderGrade(dr_grade=4))
    window.cases.edits.mark_done()
    window.cases.flush()
    reading = load_readings(blind_folder, case_of(0))[0]
    assert reading.doc.grade.dr_grade == 4 and reading.independent.grade.dr_grade == 1
