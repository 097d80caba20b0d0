"""Retraining refuses before exporting or training (on its worker, before torch loads), when the fundus photos
marked done hold nothing of the task: no grade for the DR grade or referable DR, no painted or boxed lesion for lesion
segmentation (it exported every photo and started the training process, which then refused, naming a file in the
work folder). OCT scans marked done are not counted: a fundus model does not learn from them."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Modality, ReviewState
from annotations.workspace import Workspace
from app.retrain_controller import RetrainController
from inference.training import retrain
from tests.gui.retrain_controllers import controller_with_folder, dialogs_opened
from tests.gui.screenshots import keep_screenshot
# install is not used here directly: chinese requests it, and pytest looks it up from this module
from tests.gui.test_dialogs_translated import chinese, install  # noqa: F401 - fixtures
from tests.gui.waits import SUITE_TIMEOUT_MS

# not right under pytest's folder named after the test: a folder named *oct* makes its photos OCT scans (named_oct)
PHOTOS = Path("study", "photos")


def done_cases(folder: Path, painted: bool, scans: int = 0, photos: int = 5) -> None:
    """``photos`` photos marked done, none graded; ``painted``: each with an HE painted. ``scans``: so many OCT scans
    marked done too (recorded as OCT), graded and painted."""
    folder.mkdir(parents=True)
    for i in range(photos):
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
    with dialogs_opened(qtbot) as opened:

        def build(painted: bool, scans: int = 0, photos: int = 5) -> RetrainController:
            done_cases(tmp_path / PHOTOS, painted, scans, photos)
            return opened(controller_with_folder(tmp_path / PHOTOS, tmp_path / "settings.ini"))
        yield build


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
    assert not list((tmp_path / PHOTOS / ".retinareview" / "retrain").iterdir()), "no work folder left"


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


def test_the_count_before_start_leaves_the_oct_scans_out(qtbot, open_on) -> None:
    """It said "7 reviewed cases are marked done; they will be exported …", and only the 5 photos were."""
    dialog = open_on(painted=True, scans=2).open_dialog()
    qtbot.waitUntil(lambda: "OCT scans, which are left out" in dialog.cases_label.text(), timeout=SUITE_TIMEOUT_MS)
    assert dialog.cases_label.text() == (
        "7 reviewed cases are marked done; 2 of them are OCT scans, which are left out (the models retrained here read "
        "fundus photos). The 5 fundus photos will be exported and split into training, validation and held-out "
        "images. AI candidates you rejected count as hard negatives.")
    assert dialog.start_button.isEnabled()
    keep_screenshot(dialog, "retrain-count-oct-left-out.png")


def test_too_few_fundus_photos_among_the_done_cases_are_said_before_start(qtbot, open_on) -> None:
    """Three photos and two OCT scans marked done: Start was offered for 5 cases, and the run refused 3 photos."""
    dialog = open_on(painted=True, scans=2, photos=3).open_dialog()
    qtbot.waitUntil(lambda: "OCT scans, which are left out" in dialog.cases_label.text(), timeout=SUITE_TIMEOUT_MS)
    assert dialog.cases_label.text() == (
        "More reviewed fundus photos are needed: 5 case(s) are marked done, 2 of them OCT scans, which are left out; "
        "retraining needs at least 4 fundus photos. Review photos and mark them done (Ctrl+Enter), then try again.")
    assert not dialog.start_button.isEnabled()
    keep_screenshot(dialog, "retrain-count-too-few-fundus.png")


def test_the_count_before_start_says_in_chinese_what_it_leaves_out(qtbot, open_on, chinese) -> None:  # noqa: F811
    dialog = open_on(painted=True, scans=2, photos=3).open_dialog()
    qtbot.waitUntil(lambda: "OCT 扫描，将被排除" in dialog.cases_label.text(), timeout=SUITE_TIMEOUT_MS)
    assert dialog.cases_label.text() == ("需要更多已审核的眼底照片：目前 5 个病例标记为完成，其中 2 个是 OCT 扫描，将被"
                                         "排除；重新训练至少需要 4 张眼底照片。请审核照片并标记为完成（Ctrl+回车）后重试。")
    keep_screenshot(dialog, "retrain-count-too-few-fundus-zh.png")


def test_a_retrain_folder_linked_elsewhere_is_refused_and_nothing_there_removed(qtbot, open_on,
                                                                                 tmp_path: Path) -> None:
    """Start swept every folder a minute old where `.retinareview/retrain` led: a person's documents, or the photos
    with their folders (linked to the photos' own folder)."""
    controller = open_on(painted=True)
    documents = tmp_path / "documents"
    (documents / "Thesis").mkdir(parents=True)
    (documents / "Thesis" / "ch1.tex").write_text("a person's work")
    old = (documents / "Thesis").stat().st_mtime - 600
    os.utime(documents / "Thesis", (old, old))
    (tmp_path / PHOTOS / ".retinareview" / "retrain").symlink_to(documents, target_is_directory=True)
    assert controller.start("grade", 1, 64) is None
    controller.cases.flush()
    text = controller.open_dialog().status_label.text()
    assert "retrain is a link (to" in text and "Replace the link with an ordinary folder" in text
    assert [p.name for p in documents.iterdir()] == ["Thesis"] and (documents / "Thesis" / "ch1.tex").is_file()
    assert controller.work_dir is None
