"""`evaluate`'s plots speak the interface's language, as the agreement pictures do: a Chinese run drew "truth (rows)",
"predicted (columns)", its titles, axes and curve labels in English under Chinese figures; the grades and OCT classes
are named as the window names them. evaluation.json stays as written."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from app.cli import main
from inference import evaluation
from tests.unit.test_inference_fixtures import saved_model, synthetic_fundus, tiny_classifier_card


def _class_folders(root: Path, classes: list[str]) -> Path:
    """Two photos per class, each class's in a folder of its name (the class-per-folder layout)."""
    for name in classes:
        (root / name).mkdir(parents=True)
        for index in range(2):
            Image.fromarray(synthetic_fundus(64, 64, seed=index)).save(root / name / f"{name}_{index}.png")
    return root


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """The words of each plot drawn: a confusion matrix's (levels, title, rows, columns), a curve's (series names,
    title, x axis, y axis)."""
    plots: list[tuple] = []
    monkeypatch.setattr(evaluation, "confusion_png", lambda matrix, levels, title, rows="", columns="":
                        plots.append((list(levels), title, rows, columns)) or b"png")
    monkeypatch.setattr(evaluation, "curve_png", lambda series, title, x, y, **_: plots.append((list(series), title,
                                                                                              x, y)) or b"png")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    return plots


def _evaluate(tmp_path: Path, task: str, card_task: str, classes: list[str]) -> dict:
    model = saved_model(tmp_path / "models", tiny_classifier_card(card_task))
    data, out = _class_folders(tmp_path / task, classes), tmp_path / f"out-{task}"
    assert main(["evaluate", task, "--model", str(model), "--data", str(data), "--out", str(out), "--split", "all",
                 "--device", "cpu"]) == 0
    return json.loads((out / evaluation.RESULT_FILE).read_text())


def test_a_chinese_run_draws_its_plots_in_chinese(qapp, tmp_path: Path, drawn: list[tuple]) -> None:
    grade = _evaluate(tmp_path, "grade", "dr-grade", ["0", "1", "2", "3", "4"])
    [(levels, title, rows, columns)] = drawn
    assert levels[0] == "无明显糖尿病视网膜病变" and title == "DR 分级：混淆矩阵"
    assert (rows, columns) == ("真实值（行）", "预测值（列）")
    assert grade["labels"] == ["0", "1", "2", "3", "4"]  # the file as written
    drawn.clear()
    _evaluate(tmp_path, "oct", "oct", ["CNV", "DME", "DRUSEN", "NORMAL"])
    assert drawn[0][0][2:] == ["玻璃膜疣", "正常"]
    drawn.clear()
    referable = _evaluate(tmp_path, "referable", "dr-grade", ["0", "2"])
    roc, confusion = drawn
    assert roc[1:] == ("需转诊的糖尿病视网膜病变：ROC 曲线", "1 - 特异度", "敏感度")
    assert roc[0][0].startswith("AUC ")
    assert confusion[0] == ["无需转诊", "需转诊"] and referable["labels"] == ["non-referable", "referable"]


def test_the_precision_recall_plot_is_worded_by_the_translation_given() -> None:
    result = {"per_class": {"HE": {"aupr": 0.5}}}
    curves = {"HE": ([0.0, 1.0], [1.0, 0.0])}
    plots: list[tuple] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(evaluation, "curve_png", lambda series, title, x, y, **_: plots.append((list(series), title,
                                                                                            x, y)) or b"png")
        evaluation.plot_pngs("seg", result, curves, lambda context, text: f"⟦{text}⟧")
    assert plots == [(["⟦HE AP 0.500⟧"], "⟦Pixel precision-recall⟧", "⟦recall⟧", "⟦precision⟧")]
