"""Retraining refuses at Start, before exporting or training, when the cases marked done hold nothing of the task:
no grade for the DR grade or referable DR, no painted or boxed lesion for lesion segmentation (it exported every
photo and started the training process, which then refused, naming a file in the work folder)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import ReviewState
from annotations.workspace import Workspace
from app.analysis_controller import AnalysisController
from app.case_controller import CaseController
from app.retrain_controller import RetrainController
from app.settings import Settings, SettingsValues
from inference.training import retrain
from tests.gui.retrain_controllers import shut_down


def done_cases(folder: Path, painted: bool) -> None:
    """Five photos marked done, none graded; ``painted``: each with an HE painted."""
    folder.mkdir()
    for i in range(5):
        Image.new("RGB", (64, 64), (40 * i, 20, 20)).save(folder / f"eye{i}.png")
    workspace = Workspace.open(folder)
    for summary in workspace.cases():
        case = workspace.load_case(summary.case_id)
        if painted:
            case.mask = np.zeros_like(case.mask)
            case.mask[10:20, 10:20] = LesionClass.HE.bit
        case.review_state = ReviewState.DONE
        workspace.save_case(case)
    workspace.close()


@pytest.fixture
def open_on(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """The retrain controller on a folder of done cases (see ``done_cases``); its training never to be reached."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "models"))
    monkeypatch.setattr(retrain, "run_retrain", lambda *_: pytest.fail("the run started"))
    made: list[RetrainController] = []

    def build(painted: bool) -> RetrainController:
        done_cases(tmp_path / "photos", painted)
        cases = CaseController()
        assert cases.open_workspace(tmp_path / "photos")
        cases.flush()
        controller = RetrainController(cases, AnalysisController(SettingsValues(device="cpu")),
                                       Settings.from_file(tmp_path / "settings.ini"))
        qtbot.addWidget(controller.open_dialog())
        made.append(controller)
        return controller

    yield build
    for controller in made:
        shut_down(controller)


@pytest.mark.parametrize("task", ["grade", "referable"])
def test_a_grade_retrain_with_no_graded_case_is_refused_before_it_starts(open_on, tmp_path: Path, task: str) -> None:
    controller = open_on(painted=True)
    assert controller.start(task, 1, 64) is None and controller.runner.current is None
    dialog = controller.open_dialog()
    assert dialog.status_label.text() == ("None of the 5 case(s) marked done has a DR grade, which the DR grade and "
                                          "referable DR learn from (an OCT scan has none); record the grades of the "
                                          "cases you reviewed, then start again")
    assert dialog.start_button.isVisibleTo(dialog) and not dialog.progress_bar.isVisibleTo(dialog)
    assert not (tmp_path / "photos" / ".retinareview" / "retrain").exists(), "no work folder made"


def test_a_lesion_retrain_with_nothing_painted_or_boxed_is_refused_before_it_starts(open_on, tmp_path: Path) -> None:
    controller = open_on(painted=False)
    assert controller.start("seg", 1, 64) is None and controller.runner.current is None
    assert controller.open_dialog().status_label.text() == (
        "None of the 5 case(s) marked done has a lesion painted or boxed, which lesion segmentation learns from; paint "
        "or box the lesions of the cases you reviewed, then start again")
