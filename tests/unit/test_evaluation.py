"""Evaluation end to end: the command line trains and evaluates tiny models; the JSON figures agree with metrics
recomputed directly from the inference outputs; plots are written as PNG."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageColor

from annotations.classes import LesionClass
from annotations.image_io import load_image
from app.cli import main
from inference import metrics as m
from inference.classification import classify
from inference.dataset import load_index
from inference.evaluation import PLAIN_CURVE, evaluate, plot_pngs
from inference.loading import load_model_folder
from inference.plots import confusion_png, curve_png
from inference.segmentation import segment
from inference.targets import read_mask_bits
from tests.unit.test_inference_fixtures import TINY_CLASSIFIER, TINY_SEG_ENCODER
from tests.unit.test_training_fixtures import write_grade_set, write_mask_set
from tests.unit.test_box_flags import voc_box

TINY_SEG_ARGS = ["--encoder", TINY_SEG_ENCODER, "--size", "64", "--crop", "32", "--batch-size", "4",
                 "--device", "cpu"]


@pytest.fixture(scope="module")
def seg_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("evalseg")
    data = write_mask_set(root / "data")
    code = main(["train", "seg", "--data", str(data), "--out", str(root / "model"), "--epochs", "1",
                 "--steps-per-epoch", "3", "--lr", "0.003", "--licence", "generated, CC0", *TINY_SEG_ARGS])
    assert code == 0
    return root / "model", data


def test_train_command_writes_a_card_with_licence_and_command(seg_model) -> None:
    model_dir, _ = seg_model
    card = load_model_folder(model_dir).card
    assert card.training["licence"] == ["generated, CC0"]
    assert card.training["command"].startswith("retina-review train seg --data ")
    assert f"--out {model_dir}" in card.training["command"] and "--steps-per-epoch 3" in card.training["command"]
    assert card.training["hyper_parameters"]["dice_weights"] == {}


def test_segmentation_figures_match_direct_computation(seg_model, tmp_path: Path, capsys) -> None:
    model_dir, data = seg_model
    assert main(["evaluate", "seg", "--model", str(model_dir), "--data", str(data), "--out", str(tmp_path)]) == 0
    assert "written:" in capsys.readouterr().out
    result = json.loads((tmp_path / "evaluation.json").read_text())
    assert result["split"] == "test" and result["images"] == 1
    again = ["evaluate", "seg", "--model", str(model_dir), "--data", str(data), "--out", str(tmp_path)]
    assert main(again) == 2 and "already exists" in capsys.readouterr().err  # an earlier run's results are kept
    assert main([*again, "--overwrite"]) == 0
    model = load_model_folder(model_dir)
    sample = load_index(data).split("test")[0]
    image = load_image(sample.image)
    seg = segment(model, image)
    truth_bits = read_mask_bits(sample, image.shape[:2])
    for cls in (LesionClass.HE, LesionClass.EX):
        truth = (truth_bits & cls.bit) != 0
        figures = result["per_class"][cls.name]
        assert figures["dice"] == pytest.approx(m.dice((seg.mask_bits() & cls.bit) != 0, truth))
        assert figures["iou"] == pytest.approx(m.iou((seg.mask_bits() & cls.bit) != 0, truth))
        assert figures["aupr"] == pytest.approx(m.average_precision(seg.probability(cls.name), truth), abs=0.02)
    assert result["per_class"]["SE"]["aupr"] is None  # no soft exudate anywhere: no precision-recall curve
    with Image.open(tmp_path / "precision_recall.png") as plot:
        assert plot.format == "PNG" and plot.size[0] > 300
    assert result["tiled"] is False
    tiled = evaluate("seg", model_dir, data, tmp_path / "tiled", device="cpu", tiled=True)
    assert tiled["tiled"] is True and tiled["per_class"]["EX"]["dice"] == pytest.approx(m.dice(
        (segment(model, image, tiled=True).mask_bits() & LesionClass.EX.bit) != 0,
        (truth_bits & LesionClass.EX.bit) != 0))


def test_classifier_figures_match_direct_computation(tmp_path: Path) -> None:
    data = write_grade_set(tmp_path / "grades", count=10)
    assert main(["train", "grade", "--data", str(data), "--out", str(tmp_path / "model"), "--epochs", "1",
                 "--steps-per-epoch", "2", "--encoder", TINY_CLASSIFIER, "--size", "64", "--device", "cpu"]) == 0
    model = load_model_folder(tmp_path / "model")
    graded = evaluate("grade", tmp_path / "model", data, tmp_path / "g", split="all", device="cpu")
    index = load_index(data)
    truth = [index.samples[n].grade.dr_grade for n in sorted(index.samples)]
    predicted = [classify(model, load_image(index.samples[n].image)).predicted for n in sorted(index.samples)]
    assert graded["images"] == 10 and graded["accuracy"] == pytest.approx(m.accuracy(truth, predicted))
    assert graded["quadratic_weighted_kappa"] == pytest.approx(m.quadratic_weighted_kappa(
        np.array(truth), np.array(predicted), 5))
    assert graded["confusion_matrix"] == m.confusion_matrix(np.array(truth), np.array(predicted), 5).tolist()
    assert (tmp_path / "g" / "confusion_matrix.png").is_file()

    referable = evaluate("referable", tmp_path / "model", data, tmp_path / "r", split="all", device="cpu")
    scores = [sum(classify(model, load_image(index.samples[n].image)).probabilities[2:]) for n in sorted(index.samples)]
    assert referable["roc_auc"] == pytest.approx(m.roc_auc(np.array(scores), np.array(truth) >= 2))
    assert {"sensitivity", "specificity"} <= set(referable) and (tmp_path / "r" / "roc.png").is_file()

    with pytest.raises(ValueError, match="cannot be evaluated as 'oct'"):
        evaluate("oct", tmp_path / "model", data, tmp_path / "o", device="cpu")


def test_command_line_errors_name_the_problem(tmp_path: Path, capsys) -> None:
    assert main(["train", "seg", "--data", str(tmp_path / "absent"), "--out", str(tmp_path / "m")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["train", "seg", "--data", str(tmp_path), "--out", str(tmp_path / "m"),
                 "--dice-weights", "MA=lots"]) == 2
    assert "--dice-weights" in capsys.readouterr().err
    assert main(["evaluate", "seg", "--model", str(tmp_path / "nope"), "--data", str(tmp_path),
                 "--out", str(tmp_path / "o")]) == 2
    assert "nope" in capsys.readouterr().err
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "roc.png").write_bytes(b"a plot of the person's")
    (tmp_path / "model").mkdir()  # a model folder is found at once, and read once the output folder is checked
    boxed = tmp_path / "boxed"  # a photo with its VOC boxes: a box evaluation's --data without one is refused first
    boxed.mkdir()
    Image.new("RGB", (20, 20)).save(boxed / "a.png")
    voc_box(boxed / "a.xml", "0", "0")
    for task, model, data in (("referable", str(tmp_path / "model"), tmp_path), ("boxes", "classical", boxed)):
        # replaced a file of that name in DIR, unasked; boxes: its own result file
        (tmp_path / "mine" / "box_eval.json").write_text("{}")
        assert main(["evaluate", task, "--model", model, "--data", str(data),
                     "--out", str(tmp_path / "mine")]) == 2
        assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "mine" / "roc.png").read_bytes() == b"a plot of the person's"
    for task, model in (("boxes", "defaults"), ("seg", "classical"), ("grade", "defaults")):  # was silently ignored
        assert main(["evaluate", task, "--model", model, "--data", str(tmp_path), "--out", str(tmp_path / "t"),
                     "--tiled"]) == 2
        assert f"not of evaluate {task} --model {model}" in capsys.readouterr().err
    assert not (tmp_path / "t").exists()


def test_the_printed_summary_says_null_for_a_kappa_not_defined(tmp_path: Path, capsys,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out photos all of one grade, all predicted so: the kappa is NaN, which the printed summary showed as
    NaN (not JSON) while evaluation.json said null."""
    from inference import evaluation

    monkeypatch.setattr(evaluation, "evaluate", lambda *args: {"task": "grade", "images": 4, "accuracy": 1.0,
                                                               "quadratic_weighted_kappa": float("nan"), "plots": []})
    from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card

    model = saved_model(tmp_path / "models", tiny_classifier_card())  # a model folder: --model is looked up first
    assert main(["evaluate", "grade", "--model", str(model), "--data", str(tmp_path), "--out",
                 str(tmp_path / "o")]) == 0
    printed = capsys.readouterr().out
    summary = json.loads(printed[printed.index("{"):printed.rindex("}") + 1])
    assert summary["quadratic_weighted_kappa"] is None and summary["accuracy"] == 1.0


def test_plots_are_pngs() -> None:
    curve = curve_png({"a": ([0, 0.5, 1], [1, 0.6, 0.2])}, "t", "x", "y", diagonal=True)
    matrix = confusion_png(np.array([[3, 1], [0, 2]]), ["no", "yes"], "t", "truth", "predicted")
    for png in (curve, matrix):
        with Image.open(io.BytesIO(png)) as image:
            assert image.format == "PNG"


def test_the_disc_curve_shows_on_the_white_plot() -> None:
    # the disc's display colour is white (drawn over photos); on the plot's white ground its curve would vanish
    result = {"per_class": {"OD": {"aupr": 0.9}}}
    [plot] = plot_pngs("seg", result, {"OD": ([0.0, 0.5, 1.0], [1.0, 0.9, 0.1])}).values()
    with Image.open(io.BytesIO(plot)) as image:
        colours = {colour for _, colour in image.convert("RGB").getcolors(1 << 20)}
    assert ImageColor.getrgb(PLAIN_CURVE) in colours


def test_a_box_labelled_set_prints_its_box_figures_from_train_and_evaluate(tmp_path: Path, capsys) -> None:
    """Boxes alone: train printed only `mean_dice: None`, evaluate `mean_dice: null`, the hit rates only in
    evaluation.json."""
    import re

    from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP
    from tests.unit.test_training_fixtures import write_voc_set

    data, model = write_voc_set(tmp_path / "data"), tmp_path / "model"
    assert main(["train", "seg", "--data", str(data), "--out", str(model), "--epochs", "1", "--steps-per-epoch",
                 "1", "--label-map", IDRID_CODRAS_LABEL_MAP, *TINY_SEG_ARGS]) == 0
    box_line = r"\n  {}: boxes \d+, box_hit_rate \d\.\d{{3}}, outside_positive_fraction \d\.\d{{4}}\n"
    trained = capsys.readouterr().out
    assert "\nscored by boxes (box_hit_rate: " in trained and re.search(box_line.format("HE"), trained)
    assert main(["evaluate", "seg", "--model", str(model), "--data", str(data), "--out", str(tmp_path / "ev"),
                 "--split", "all"]) == 0
    evaluated = capsys.readouterr().out
    boxes = json.loads((tmp_path / "ev" / "evaluation.json").read_text())["boxes"]
    assert f"\n  EX: boxes {boxes['EX']['boxes']}, box_hit_rate {boxes['EX']['box_hit_rate']:.3f}," in evaluated
    assert re.search(box_line.format("HE"), evaluated) and "dice" not in evaluated.replace("mean_dice", "")
