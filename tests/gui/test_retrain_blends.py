"""Retraining the lesion model a candidates model averages its class with (card ``blend_with``) stops that averaging
once the new model is used: the retrain dialog says so before the run and after "Use", in words (no command line:
the section of docs/models.md it names gives that)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

import inference.registry
from app.retrain_controller import RetrainController
from inference.training.retrain_results import ModelScore, RetrainOutcome
from tests.gui.retrain_controllers import retrain_controller
from tests.gui.test_dialogs_translated import chinese, install  # noqa: F401 - fixtures
from tests.unit.test_blended_candidates import saved_blend
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card

SECTION = "After retraining the lesion model"
NOTE = ("he-blend averages its HE with tiny-seg: once the retrained model is used instead, HE comes from it alone "
        f"until he-blend is retrained beside it on the command line (docs/models.md, “{SECTION}”).")


@pytest.fixture
def controller(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RetrainController]:
    """The retrain controller with tiny-seg and he-blend, which averages its HE with it, the models installed."""
    saved_model(tmp_path / "bundled", tiny_segmentation_card("tiny-seg"))
    saved_blend(tmp_path / "bundled")
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", tmp_path / "bundled")
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "user"))
    with retrain_controller(tmp_path) as made:
        yield made


def test_the_dialog_says_a_retrained_lesion_model_stops_the_averaging_with_it(qtbot, controller, tmp_path) -> None:
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    assert dialog.task_box.currentData()[0] == "seg"
    assert dialog.blend_label.isVisibleTo(dialog) and dialog.blend_label.text() == NOTE
    dialog.task_box.setCurrentIndex(1)  # the DR grade model: nothing averages with it
    assert not dialog.blend_label.isVisibleTo(dialog)
    dialog.task_box.setCurrentIndex(0)
    assert dialog.blend_label.isVisibleTo(dialog)
    dialog.size_box.setValue(64)

    new = saved_model(tmp_path / "work", tiny_segmentation_card("retrained-seg-1"))
    controller.outcome = RetrainOutcome("seg", new, "test", [], ModelScore("tiny-seg 1", None),
                                        ModelScore("retrained-seg-1", None), [])
    assert controller.use_new_model() is not None
    said = dialog.status_label.text().split("\n")
    assert said[0].startswith("Now using retrained-seg-1 for lesion segmentation")
    assert said[1:] == ["he-blend no longer averages its HE with tiny-seg: HE comes from retrained-seg-1 alone until "
                        f"he-blend is retrained beside it on the command line (docs/models.md, “{SECTION}”)."]
    assert "--" not in dialog.status_label.text()
    assert not dialog.blend_label.isVisibleTo(dialog), "nothing averages with the new lesion model"
    assert dialog.size_box.value() == 64, "the person's input size stays"


def use_a_new_model(controller: RetrainController, tmp_path: Path) -> str:
    """What the dialog says after "Use" of a retrained lesion model."""
    new = saved_model(tmp_path / "work", tiny_segmentation_card("retrained-seg-1"))
    controller.outcome = RetrainOutcome("seg", new, "test", [], ModelScore("tiny-seg 1", None),
                                        ModelScore("retrained-seg-1", None), [])
    assert controller.use_new_model() is not None
    return controller.open_dialog().status_label.text().split("\n")[0]


def test_use_says_your_models_folder_in_words_and_its_path_on_hover(qtbot, controller, tmp_path) -> None:
    qtbot.addWidget(controller.open_dialog())
    said = use_a_new_model(controller, tmp_path)
    assert said == ("Now using retrained-seg-1 for lesion segmentation (installed in your models folder). Analyse a "
                    "case to see it.")
    label = controller.open_dialog().status_label
    assert label.toolTip() == f"Your models folder: {tmp_path / 'user'}"
    controller.open_dialog().show_running()
    assert label.toolTip() == "", "the next run's stages are not about the models folder"


def test_use_says_your_models_folder_in_chinese(qtbot, controller, tmp_path, chinese) -> None:  # noqa: F811
    qtbot.addWidget(controller.open_dialog())
    said = use_a_new_model(controller, tmp_path)
    assert "retrained-seg-1" in said and str(tmp_path) not in said and "模型文件夹" in said
    assert controller.open_dialog().status_label.toolTip().endswith(str(tmp_path / "user"))


def test_keeping_the_current_model_stops_nothing(qtbot, controller, tmp_path) -> None:
    dialog = controller.open_dialog()
    qtbot.addWidget(dialog)
    new = saved_model(tmp_path / "work", tiny_segmentation_card("retrained-seg-1"))
    controller.outcome = RetrainOutcome("seg", new, "test", [], ModelScore("tiny-seg 1", None),
                                        ModelScore("retrained-seg-1", None), [])
    controller.keep_current()
    assert dialog.status_label.text().startswith("Kept the current model. The new one, retrained-seg-1, was set aside")
    assert "no longer averages" not in dialog.status_label.text()
    assert dialog.blend_label.text() == NOTE


def test_the_section_the_dialog_names_gives_the_command() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "models.md").read_text(encoding="utf-8")
    section = guide.split(f"## {SECTION}\n", 1)[1].split("\n## ", 1)[0]
    assert "retina-review train candidates" in section and "--blend-with" in section
