"""What the retrain dialog says in Chinese when the device cannot be used or runs out of memory, the new model does not
load or the exported data does not read again (the column names the device rather than the current model, the notes
and the status say why, nothing left in English), and while training scores its held-out images and checks the new
model loads; a device that cannot be used is to be chosen in Settings, not with the command line's --device."""
from __future__ import annotations

from pathlib import Path

import torch

from annotations.messages import CUT_SHORT
from inference.dataset import DataError
from inference.device import DeviceError
from inference.messages import EXPORT_DATASET_AGAIN, NO_CUDA, NOT_HARD_NEGATIVES, USE_AUTO_OR_CPU
from inference.model_card import WEIGHTS_FILE
from inference.training import messages as training_messages
from inference.training.retrain import checked_new_model
from inference.training.retrain_failures import current_unusable, not_scored
from inference.training.retrain_results import (CHECKING_NEW_MODEL, LOADING_CURRENT, NOT_SCORED, STARTING_TRAINING,
                                                ModelScore, RetrainOutcome)
from tests.gui.pseudo_walk import visible_texts
# install is not used here directly: chinese requests it, and pytest looks it up from this module
from tests.gui.test_dialogs_translated import chinese, english_left, install, retrain  # noqa: F401 - fixtures
from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card

FIGURES = {"accuracy": 0.8, "quadratic_weighted_kappa": 0.62, "images": 3}
CUDA_ABSENT = NO_CUDA.format(advice=USE_AUTO_OR_CPU)  # as inference.device says it, for the command line
SETTINGS_ADVICE = "set Device to automatic or cpu in Settings (File menu)"
SETTINGS_ADVICE_ZH = "请在“设置”（文件菜单）中将“计算设备”设为“自动”或 cpu"


def damaged_hard_negatives(path: Path) -> str:
    """What inference.dataset says of a hard-negatives file cut short, for the command line."""
    return NOT_HARD_NEGATIVES.format(path=path, error=CUT_SHORT, advice=EXPORT_DATASET_AGAIN)


def test_a_device_that_cannot_be_used_is_named_in_chinese(qtbot, retrain, chinese,  # noqa: F811
                                                           tmp_path: Path) -> None:
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    before = current_unusable(DeviceError(CUDA_ABSENT))
    retrain._on_finished(RetrainOutcome("grade", tmp_path / "work", "test", ["eye"], before,
                                        ModelScore("retrained-grade", FIGURES), []))
    assert dialog.models_label.text() == "当前：设备不可用\n新：retrained-grade"
    assert dialog.notes_label.text().split("\n")[1] == ("设备无法使用，因此比较未评分：请求了设备 'cuda'，但没有可用的 "
                                                         "CUDA GPU；" + SETTINGS_ADVICE_ZH)
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
                                        unusable_why=checked_new_model(trained)[1]))
    status = dialog.status_label.text()
    assert status.startswith(f"训练得到的模型无法加载，因此不能使用：{trained / WEIGHTS_FILE}：校验和不符")
    assert status.endswith("；请重新训练，如再次发生请报告此问题") and "复制" not in status  # no "copy the model again"
    assert not dialog.use_button.isVisibleTo(dialog)
    assert english_left(visible_texts(dialog)) == [], status


def test_training_says_in_chinese_what_its_held_out_scoring_is_for(qtbot, retrain, chinese) -> None:  # noqa: F811
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    dialog.set_progress(0.8, training_messages.SCORING_HELD_OUT.format(image="eye"))
    assert dialog.status_label.text() == "正在为新模型自身的留出图像数值评估 eye"


def test_training_says_in_chinese_that_it_starts_and_that_it_checks_the_new_model_loads(  # noqa: F811
        qtbot, retrain, chinese) -> None:
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    dialog.set_progress(0.1, STARTING_TRAINING)
    assert dialog.status_label.text() == "正在启动训练进程…"
    dialog.set_progress(0.9, CHECKING_NEW_MODEL)
    assert dialog.status_label.text() == "正在检查新模型能否加载…"


def test_running_out_of_device_or_machine_memory_and_unreadable_exported_data_are_said_in_chinese(  # noqa: F811
        qtbot, retrain, chinese, tmp_path: Path) -> None:
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    retrain._on_finished(RetrainOutcome("grade", tmp_path / "work", "test", ["eye"],
                                        not_scored(torch.cuda.OutOfMemoryError("CUDA out of memory.")),
                                        ModelScore("retrained-grade", FIGURES), []))
    assert dialog.models_label.text() == "当前：设备不可用\n新：retrained-grade"
    assert dialog.notes_label.text().split("\n")[1] == "设备内存不足，因此比较未评分"
    retrain._on_finished(RetrainOutcome("grade", tmp_path / "work", "test", ["eye"], not_scored(MemoryError()),
                                        ModelScore("retrained-grade", FIGURES), []))
    assert dialog.models_label.text() == "当前：未评分\n新：retrained-grade"
    assert dialog.notes_label.text().split("\n")[1] == "内存不足，因此比较未评分；请关闭其他程序后重新训练以比较两个模型"
    damaged = tmp_path / "work" / "data" / "hard_negatives.json"
    unreadable = not_scored(DataError(damaged_hard_negatives(damaged)))
    retrain._on_finished(RetrainOutcome("grade", tmp_path / "work", "test", ["eye"], unreadable,
                                        ModelScore("retrained-grade", FIGURES), []))
    assert dialog.models_label.text() == "当前：未评分\n新：retrained-grade"
    assert dialog.notes_label.text().split("\n")[1] == (f"比较无法评分：{damaged}：不是导出所写的困难负样本文件"
                                                         "（文件不完整，例如复制或下载中途停止）；请重新训练（会重新导出已审核病例）")
    assert dialog.use_button.isVisibleTo(dialog), "the new model loads: it is offered"


def test_a_device_absent_from_the_start_gives_the_settings_advice(qtbot, retrain) -> None:
    """The run fails before training (the training process resolves the device): the dialog names the Settings
    choice, not the command line's --device."""
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    retrain._on_failed(CUDA_ABSENT)
    assert dialog.status_label.text() == ("Retraining failed: device 'cuda' requested but no CUDA GPU is available; "
                                          + SETTINGS_ADVICE)


def test_a_device_absent_from_the_start_gives_the_settings_advice_in_chinese(qtbot, retrain,  # noqa: F811
                                                                              chinese) -> None:
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    retrain._on_failed(CUDA_ABSENT)
    assert dialog.status_label.text().endswith("请求了设备 'cuda'，但没有可用的 CUDA GPU；" + SETTINGS_ADVICE_ZH)


def test_a_damaged_hard_negatives_file_says_to_retrain_which_exports_again(qtbot, retrain, tmp_path: Path) -> None:
    """The interface meets the file only in retraining's own export: a new run writes it afresh, so that is the
    advice, not the command line's export command."""
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    damaged = tmp_path / "work" / "data" / "hard_negatives.json"
    retrain._on_failed(damaged_hard_negatives(damaged))
    assert dialog.status_label.text() == (f"Retraining failed: {damaged}: not a hard-negatives file as the export "
                                          f"writes it ({CUT_SHORT}); retrain, which exports the reviewed "
                                          "cases afresh")


def test_loading_the_current_models_and_a_silent_stages_seconds_are_said_in_chinese(  # noqa: F811
        qtbot, retrain, chinese) -> None:
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    dialog.show_running()
    now = [0.0]
    dialog.stage_clock.clock = lambda: now[0]
    dialog.set_progress(0.9, LOADING_CURRENT)
    assert dialog.status_label.text() == "正在加载当前模型以作比较…"
    now[0] += 41.5
    dialog._tick()  # what the dialog's second timer calls
    assert dialog.status_label.text() == "正在加载当前模型以作比较…（41 秒）"


def test_a_doubted_new_model_is_said_in_chinese(qtbot, retrain, chinese, tmp_path: Path) -> None:  # noqa: F811
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    retrain._on_finished(RetrainOutcome("grade", tmp_path / "work", "test", ["eye"], ModelScore("current", FIGURES),
                                        ModelScore("retrained-grade", FIGURES), []))
    assert dialog.doubt_label.text() == "留出图像只有 1 张（少于 5 张）：太少，无法判断新模型是否更好"
    assert dialog.keep_button.isDefault()


def test_one_image_prepared_and_the_saved_model_are_said_in_chinese(qtbot, retrain, chinese) -> None:  # noqa: F811
    dialog = retrain.open_dialog()
    qtbot.addWidget(dialog)
    dialog.set_progress(0.2, "1 image prepared (0 from the cache)")
    assert dialog.status_label.text() == "已准备 1 张图像（0 张来自缓存）"
    dialog.set_progress(0.9, "saved /home/someone/.retinareview/retrain/seg-1/model")
    assert dialog.status_label.text() == "新模型已保存"
