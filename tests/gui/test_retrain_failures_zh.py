"""What the retrain dialog says in Chinese when the device cannot be used or the new model does not load (the column
names the device rather than the current model, the notes and the status say why, nothing left in English), and
while training scores its held-out images."""
from __future__ import annotations

from pathlib import Path

from inference import messages as inference_messages
from inference.device import DeviceError
from inference.model_card import WEIGHTS_FILE
from inference.training import messages as training_messages
from inference.training.retrain import new_model_problem
from inference.training.retrain_failures import current_unusable
from inference.training.retrain_results import NOT_SCORED, ModelScore, RetrainOutcome
from tests.gui.pseudo_walk import visible_texts
# install is not used here directly: chinese requests it, and pytest looks it up from this module
from tests.gui.test_dialogs_translated import chinese, english_left, install, retrain  # noqa: F401 - fixtures
from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card

FIGURES = {"accuracy": 0.8, "quadratic_weighted_kappa": 0.62, "images": 3}


def test_a_device_that_cannot_be_used_is_named_in_chinese(qtbot, retrain, chinese,  # noqa: F811
                                                           tmp_path: Path) -> None:
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    before = current_unusable(DeviceError(inference_messages.NO_CUDA))
    retrain._on_finished(RetrainOutcome("grade", tmp_path / "work", "test", ["eye"], before,
                                        ModelScore("retrained-grade", FIGURES), []))
    assert dialog.models_label.text() == "当前：设备不可用\n新：retrained-grade"
    assert dialog.notes_label.text().split("\n")[1].startswith("设备无法使用，因此比较未评分：")
    assert dialog.use_button.isVisibleTo(dialog), "the new model loads: it is offered"
    assert english_left(visible_texts(dialog)) == [], dialog.notes_label.text()


def test_a_new_model_that_does_not_load_says_why_in_chinese(qtbot, retrain, chinese,  # noqa: F811
                                                            tmp_path: Path) -> None:
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    trained = saved_model(tmp_path / "work", tiny_classifier_card("dr-grade", name="retrained-grade"))
    (trained / WEIGHTS_FILE).write_bytes(b"not weights")
    retrain._on_finished(RetrainOutcome("grade", trained, "test", ["eye"], ModelScore(NOT_SCORED, None),
                                        ModelScore("retrained-grade", FIGURES), [],
                                        unusable_why=new_model_problem(trained)))
    status = dialog.status_label.text()
    assert status.startswith("新模型无法加载，因此不能使用：") and str(trained / WEIGHTS_FILE) in status
    assert not dialog.use_button.isVisibleTo(dialog)
    assert english_left(visible_texts(dialog)) == [], status


def test_training_says_in_chinese_what_its_held_out_scoring_is_for(qtbot, retrain, chinese) -> None:  # noqa: F811
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    dialog.set_progress(0.8, training_messages.SCORING_HELD_OUT.format(image="eye"))
    assert dialog.status_label.text() == "正在为新模型自身的留出图像数值评估 eye"
