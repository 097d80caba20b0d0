"""Retraining refuses before exporting or training (on its worker, before torch loads), when the fundus photos
marked done hold nothing of the task: no grade for the DR grade or referable DR, no painted or boxed lesion for lesion
segmentation (it exported every photo and started the training process, which then refused, naming a file in the
work folder). OCT scans marked done are not counted: a fundus model does not learn from them."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Modality, ReviewState
from annotations.workspace import Workspace
from app.analysis_controller import AnalysisController
from app.case_controller import CaseController
from app.retrain_controller import RetrainController
from app.settings import Settings, SettingsValues
from inference.training import retrain
from tests.gui.retrain_controllers import shut_down
from tests.gui.waits import SUITE_TIMEOUT_MS


def done_cases(folder: Path, painted: bool, scans: int = 0) -> None:
    """Five photos marked done, none graded; ``painted``: each with an HE painted. ``scans``: so many OCT scans marked
    done too (recorded as OCT), graded and painted."""
    folder.mkdir()
    for i in range(5):
        Image.new("RGB", (64, 64), (40 * i, 20, 20)).save(folder / f"eye{i}.png")
    for i in range(scans):
        Image.new("RGB", (128, 48), (90, 90, 90)).save(folder / f"scan{i}.png")
    workspace = Workspace.open(folder)
    for summary in workspace.cases():
        case = workspace.load_case(summary.case_id)
        scan = summary.image_path.startswith("scan")
        if painted or scan:
            case.mask = np.zeros_like(case.mask)
            case.mask[10:20, 10:20] = LesionClass.HE.bit
        if scan:
            case.modality, case.grade.dr_grade = Modality.OCT, 2
        case.review_state = ReviewState.DONE
        workspace.save_case(case)
    workspace.close()


@pytest.fixture
def open_on(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """The retrain controller on a folder of done cases (see ``done_cases``); its training never to be reached."""
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "models"))
    monkeypatch.setattr(retrain, "train_and_score", lambda *_: pytest.fail("the training started"))
    made: list[RetrainController] = []

    def build(painted: bool, scans: int = 0) -> RetrainController:
        done_cases(tmp_path / "photos", painted, scans)
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


def refused(qtbot, controller: RetrainController, task: str) -> str:
    """Start ``task``; what the dialog says once the run answered, the work folder gone and no training started."""
    job = controller.start(task, 1, 64)
    assert job is not None
    with qtbot.waitSignal(job.ended, timeout=SUITE_TIMEOUT_MS):
        pass
    dialog = controller.open_dialog()
    assert dialog.start_button.isVisibleTo(dialog) and not dialog.progress_bar.isVisibleTo(dialog)
    assert controller.outcome is None and controller.work_dir is None
    assert not dialog.status_label.text().startswith("Retraining failed")
    return dialog.status_label.text()


@pytest.mark.parametrize("task", ["grade", "referable"])
def test_a_grade_retrain_with_no_graded_case_is_refused_before_it_starts(qtbot, open_on, tmp_path: Path,
                                                                         task: str) -> None:
    controller = open_on(painted=True)
    assert refused(qtbot, controller, task) == (
        "None of the 5 case(s) marked done has a DR grade, which the DR grade and referable DR learn from (an OCT scan "
        "has none); record the grades of the cases you reviewed, then start again")
    assert not list((tmp_path / "photos" / ".retinareview" / "retrain").iterdir()), "no work folder left"


def test_a_lesion_retrain_with_nothing_painted_or_boxed_is_refused_before_it_starts(qtbot, open_on) -> None:
    controller = open_on(painted=False)
    assert refused(qtbot, controller, "seg") == (
        "None of the 5 case(s) marked done has a lesion painted or boxed, which lesion segmentation learns from; paint "
        "or box the lesions of the cases you reviewed, then start again")


@pytest.mark.parametrize("task", ["seg", "grade"])
def test_oct_scans_marked_done_give_a_fundus_retrain_nothing_to_learn(qtbot, open_on, task: str) -> None:
    """Two OCT scans, graded and painted, beside five bare photos: the scans were counted (a DR grade and lesions to
    learn from) and exported with the photos; now the five photos are, and the scans are said to be left out."""
    controller = open_on(painted=False, scans=2)
    said = refused(qtbot, controller, task)
    assert said.startswith("None of the 5 case(s) marked done has ")
    assert said.endswith("\n2 OCT scan(s) were left out: the models retrained here read fundus photos and must not "
                         "learn from OCT scans")
