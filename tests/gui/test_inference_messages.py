"""What inference/ says in English (a model, device, data set or training run it cannot use, a model card's
problems, the retrain notes) reaches the Chinese interface in Chinese, with file names and figures as written: the
templates match what inference/ formats, and the window, the settings dialog and the retrain notes translate it."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app import inference_messages
from app.inference_messages import shown_message
from app.main_window import MainWindow
from app.settings import Settings, SettingsValues
from inference import messages as inference_messages_templates
from inference.model_card import CARD_FILE, ModelError, checked_card, load_card
from inference.training import messages as training_messages
from inference.training.config import TrainConfig
from tests.gui.screenshots import keep_screenshot, screenshot_folder
from tests.gui.test_domain_messages import (assert_one_per_context, assert_shown_in_chinese, chinese,  # noqa: F401
                                            known_texts_of, marked_in, matched_texts)  # chinese: a fixture
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card
from widgets.known_texts import KnownTexts
from widgets.settings_dialog import SettingsDialog


def known_texts() -> list[KnownTexts]:
    """Every KnownTexts of app/inference_messages, with the ones inside others, but annotations/' own (their test
    is test_domain_messages)."""
    return [known for known in known_texts_of(inference_messages) if known.context in marked_contexts()]


# templates inference fills in the caller's language itself (agreement_report.format_text, evaluate's plots take a
# translation), so no English text of theirs ever reaches the interface to be matched
FILLED_TRANSLATED = ("AgreementCommand", "EvaluationPlots")


def matched_in_inference() -> set[tuple[str, str]]:
    """The templates inference/ formats in English, which the interface matches to show them in its language."""
    return {(context, text) for context, text in marked_in("inference") if context not in FILLED_TRANSLATED}


def marked_contexts() -> set[str]:
    return {context for context, _ in matched_in_inference()}


def test_every_template_inference_formats_is_a_known_text_and_no_other() -> None:
    assert matched_texts(known_texts()) == matched_in_inference()


def test_one_known_texts_per_context() -> None:
    assert_one_per_context(known_texts())


@pytest.mark.parametrize("known", known_texts(), ids=lambda known: known.context)
def test_every_template_is_shown_in_chinese_with_its_figures_as_written(chinese, known: KnownTexts) -> None:
    assert_shown_in_chinese(known)


def _broken_card(folder: Path, card: str = "{ not json") -> Path:
    folder.mkdir(parents=True)
    (folder / CARD_FILE).write_text(card, encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"")
    return folder


def test_a_model_error_with_card_problems_is_shown_in_chinese_naming_the_file(chinese, tmp_path: Path) -> None:
    folder = _broken_card(tmp_path / "my-model", '{"name": "m", "task": "dr-grade", "architecture": "classifier", '
                                                 '"encoder": "resnet18", "classes": ["0", "1"], '
                                                 '"thresholds": {"1": 2}}')
    with pytest.raises(ModelError) as raised:
        load_card(folder)
    text = str(raised.value)
    assert text.startswith(f"{folder / CARD_FILE}: invalid model card: ")
    shown = shown_message(text)
    # both problems (the first holds "; " itself) joined by the Chinese semicolon, the file's name and the figures
    # as written
    assert shown == (f"{folder / CARD_FILE}：模型卡无效：thresholds.1 为 2.0；阈值是 0 到 1 之间的概率；classes 有 2 个名称；"
                     "dr-grade 模型恰好有 5 个——请修正 model.json 或重新导出模型"), shown


def test_a_broken_model_chosen_in_settings_fails_the_analysis_in_chinese(qtbot, chinese, tmp_path: Path,
                                                                         monkeypatch) -> None:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "no-models"))
    broken = _broken_card(tmp_path / "broken-model")
    photos = tmp_path / "photos"
    photos.mkdir()
    # coloured: a photo, whose analysis loads the models (a flat grey picture is an OCT scan, which loads none)
    Image.fromarray(np.full((40, 60, 3), (90, 60, 30), np.uint8)).save(photos / "eye.png")
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=True, autosave_s=60, reader="tester",
                                 models={"lesion-segmentation": str(broken)}))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([photos])
    failed = "分析失败："
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(failed), timeout=60_000)
    assert window.statusBar().currentMessage() == (f"{failed}{broken / CARD_FILE}：无法读取模型卡（其内容从第 1 行第 3 列起"
                                                   "不再是有效的 JSON，例如曾被手动编辑或磁盘出错）——请从模型的来源恢复 "
                                                   "model.json")
    window.close()


def test_settings_names_an_unusable_model_folder_in_chinese(qtbot, chinese, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RETINA_REVIEW_MODELS", str(tmp_path / "models"))
    broken = _broken_card(tmp_path / "models" / "broken")
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(analyze_on_open=False))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    shown: list[SettingsDialog] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.edit_settings()
    label = shown[0].unusable_models
    assert not label.isHidden()
    assert f"{broken / CARD_FILE}：无法读取模型卡（" in label.text()
    assert label.text().startswith("无法使用的模型文件夹：")
    window.close()


def test_the_retrain_notes_and_a_training_failure_are_shown_in_chinese(chinese) -> None:
    assert shown_message(training_messages.FEW_HELD_OUT.format(count=3)) == \
        "留出部分只有 3 张图像：据此得到的数值仅供粗略参考"
    stopped = training_messages.PROCESS_STOPPED.format(how=training_messages.BY_SIGNAL.format(number=9), tail="")
    assert shown_message(stopped) == "训练进程未完成即停止（信号 9）"
    assert shown_message(inference_messages_templates.NO_IMAGES.format(path="/data/set")) == \
        "/data/set：未找到图像（支持：.jpg .jpeg .png .tif .tiff .bmp）"


def test_annotations_texts_still_reach_the_window_through_the_same_call(chinese) -> None:
    assert shown_message("/x/eye.png: the file is empty (0 bytes) — re-copy the image from its source") == \
        "/x/eye.png：文件为空（0 字节）——请从来源重新复制该图像"


def test_an_analysis_keeps_its_warnings_and_shows_them_in_chinese_after_reopening(qtbot, chinese, tmp_path: Path,
                                                                                   monkeypatch) -> None:
    from annotations.document import AIResult
    from annotations.findings import CLASSICAL_SOURCE, Findings
    from app.analysis_controller import AnalysisController
    from inference import pipeline

    reduced = inference_messages_templates.ANALYSED_REDUCED.format(width=8000, height=6000, limit=25,
                                                                   work_width=5773, work_height=4330)
    moved = inference_messages_templates.OUT_OF_MEMORY.format(device="CUDA")
    models = [{"name": "idrid-lesions", "version": "1"}, {"name": CLASSICAL_SOURCE, "version": "1"}]
    drawn = Findings(lesion_sources={"MA": CLASSICAL_SOURCE, "HE": CLASSICAL_SOURCE, "EX": "idrid-lesions"})
    monkeypatch.setattr(AnalysisController, "_load_models",  # no model to load: the pipeline below needs none
                        lambda self, settings, state: type("Loaded", (), {"device": "cpu", "models": None}))
    monkeypatch.setattr(pipeline, "analyze", lambda images, *args, **kwargs: [pipeline.AnalysisOutcome(
        "image 0", AIResult(dr_grade=1, models=models, findings=drawn, warnings=[reduced, moved]))])
    photos = tmp_path / "photos"
    photos.mkdir()
    Image.fromarray(np.full((40, 60, 3), 90, np.uint8)).save(photos / "eye.png")
    settings = Settings.from_file(tmp_path / "settings.ini")
    settings.save(SettingsValues(device="cpu", analyze_on_open=True, autosave_s=60, reader="tester"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_paths([photos])
    qtbot.waitUntil(lambda: window.cases.doc is not None and window.cases.doc.ai is not None, timeout=20_000)
    window.close()  # saves the case

    again = MainWindow(settings)  # no analysis this time: the stored result speaks
    qtbot.addWidget(again)
    monkeypatch.setattr(pipeline, "analyze", lambda *args, **kwargs: pytest.fail("analysed again"))
    assert again.open_paths([photos])
    qtbot.waitUntil(lambda: again.cases.doc is not None and again.cases.doc.ai is not None, timeout=20_000)
    assert again.findings.warnings.text().splitlines() == [
        "分析警告：图像为 8000x6000 像素，超过一次可分析的 25 百万像素：已按 5773x4330 分析，结果再缩放回原尺寸",
        "分析警告：CUDA 内存不足；此任务改在 CPU 上继续"], again.findings.warnings.text()
    assert again.status.model_label.text() == "模型：idrid-lesions 1（EX）、经典病灶检测器（MA、HE）"
    if screenshot_folder() is not None:
        again.resize(1400, 800)
        keep_screenshot(again, "analysis-warnings-zh.png")
    again.close()


@pytest.mark.parametrize("changes, shown", [
    (dict(region_loss="iou"), "--region-loss 的损失函数 'iou' 未知；请使用以下之一：dice、lovasz"),
    (dict(arch="x", region_loss="iou", epochs=0),
     "--arch 的架构 'x' 未知；请使用以下之一：unet、unetplusplus、manet；--region-loss 的损失函数 'iou' 未知；请使用以下之一："
     "dice、lovasz；轮数和批大小必须至少为 1"),
    (dict(size=100, crop=16), "--size 100 必须是 32 的倍数（至少 32）；--crop 16 必须是 32 的倍数（至少 32）"),
    (dict(task="x", loss="dice"), "未知任务 'x'；请使用以下之一：seg、grade、referable、oct、present、disc；--loss 的损失函数 "
                                  "'dice' 未知；请使用以下之一：ce、focal")])
def test_every_problem_of_refused_training_options_is_shown_in_chinese(chinese, changes: dict, shown: str) -> None:
    """TrainConfig says all its problems in one text; each is translated, not only the first (whose list of choices
    would otherwise swallow the rest in English)."""
    with pytest.raises(ValueError) as refused:
        TrainConfig(**{"task": "seg", "data": Path("d"), "out": Path("o"), **changes})
    assert shown_message(str(refused.value)) == shown


def test_a_long_text_of_many_clauses_that_no_template_matches_is_shown_at_once() -> None:
    """Every text shown goes through the TrainConfig list first: each run of its clauses is tried against each
    template, and one with two open-ended figures ("{option} {value} must be …") took seconds (15 s for this text):
    the regular expression tried each split of its words. A {value} is one word, so there is one split to try
    (re counts no steps to assert on; bench/bench_shown_messages.py prints the time)."""
    value = inference_messages.CONFIG_TEXTS.parts.get("value", ())  # none: any text, open-ended
    assert value and not any(part.shown("eye one") for part in value)
    text = "; ".join(["photo 'eye one left side.png' is too dark for the lesion detector to read"] * 200)
    assert shown_message(text) == text


def test_a_model_card_with_many_problems_is_shown_in_chinese_at_once(chinese, tmp_path: Path) -> None:
    """The settings dialog lists unusable models by their errors: a list of words (a training text's {classes})
    whose items could hold ", " tried every way of splitting this card's 22 problems, each "…, not a list" (14 s).
    A listed word holds no ", ", so there is one way (bench/bench_shown_messages.py prints the time)."""
    folder = saved_model(tmp_path / "m", tiny_segmentation_card("x"))
    card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    (folder / CARD_FILE).write_text(json.dumps({key: [1, 2] for key in card}), encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        checked_card(folder)
    text = str(raised.value)
    assert text.count("; ") >= 20
    assert inference_messages.WORDS.texts.shown("text, not a list") is None
    shown = shown_message(text)
    assert shown.startswith(f"{folder / CARD_FILE}：模型卡无效：name 必须是文本，而不是列表；task 必须是文本"), shown
    assert shown.endswith("；member_sha256 必须把名称映射为文本——请与 `retina-review train` 写出的模型卡对照"), shown
