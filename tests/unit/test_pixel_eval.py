"""`evaluate seg` figures against hand-computed values, on a generated image with pixel masks."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from inference.evaluation import score_segmentation, score_segmentations
from inference.pixel_eval import PhotoNotAnalysed, PixelPrediction, ShortOfMemory, disc_error, icdr_grade_of
from inference.dataset import Sample

SIZE = 100


def masked_sample(folder: Path, name: str = "eye") -> Sample:
    """EX: two true lesions (100 px and 25 px); the optic disc a 10x10 square centred at (64.5, 34.5)."""
    Image.fromarray(np.full((SIZE, SIZE, 3), 120, np.uint8)).save(folder / f"{name}.png")
    ex = np.zeros((SIZE, SIZE), bool)
    ex[10:20, 10:20] = True
    ex[50:55, 50:55] = True
    od = np.zeros((SIZE, SIZE), bool)
    od[30:40, 60:70] = True
    files = {}
    for cls, mask in ((LesionClass.EX, ex), (LesionClass.OD, od)):
        path = folder / f"{name}_{cls.name}.png"
        Image.fromarray(mask).save(path)
        files[cls] = path
    return Sample(name, folder / f"{name}.png", mask_files=files)


def one_validation_photo(folder: Path) -> tuple[Path, Path]:
    """A data folder holding masked_sample and a splits folder making it the only validation photo, under
    ``folder``: what ship_pixels chooses on."""
    data, splits = folder / "data", folder / "splits"
    data.mkdir()
    splits.mkdir()
    masked_sample(data)
    for name, names in (("train", ""), ("val", "eye\n"), ("test", "")):
        (splits / f"{name}.txt").write_text(names)
    return data, splits


def test_a_progress_text_missing_for_a_predictor_is_refused_not_the_predictor_dropped(tmp_path: Path) -> None:
    prediction = PixelPrediction({}, {}, None, {})
    with pytest.raises(ValueError, match="1 progress texts for 2 predictors"):
        score_segmentations([lambda image: prediction] * 2, [masked_sample(tmp_path)], messages=["{image}: current"])


@pytest.mark.parametrize("failure", [PhotoNotAnalysed("analysis failed"), ShortOfMemory("not enough memory")])
def test_a_photo_the_pipeline_could_not_analyse_is_named_its_kind_kept(tmp_path: Path,
                                                                       failure: PhotoNotAnalysed) -> None:
    """`evaluate` says which photo ran short of memory or failed; the retrain comparison still tells the machine's
    shortage from the photo's fault by the exception's kind."""
    def fails(image: np.ndarray) -> PixelPrediction:
        raise failure

    sample = masked_sample(tmp_path)
    with pytest.raises(type(failure)) as raised:
        score_segmentation(fails, [sample])
    assert str(raised.value) == f"{sample.image}: {failure}" and raised.value.__cause__ is failure


def test_pixel_figures_equal_the_hand_computed_ones(tmp_path: Path) -> None:
    predicted = np.zeros((SIZE, SIZE), bool)
    predicted[10:20, 10:15] = True  # half of the first lesion: 50 true positives
    predicted[80:90, 80:90] = True  # 100 false positives; the second lesion (25 px) is missed
    scores = np.where(predicted, 0.9, 0.1).astype(np.float32)
    radius = np.sqrt(100 / np.pi)
    prediction = PixelPrediction({"EX": scores}, {"EX": predicted}, (64.5 + radius, 34.5), {"EX": 0.5})

    metrics, curves = score_segmentation(lambda image: prediction, [masked_sample(tmp_path)])

    ex = metrics["per_class"]["EX"]
    tp, fp, fn = 50, 100, 75
    assert ex["dice"] == pytest.approx(2 * tp / (2 * tp + fp + fn))
    assert ex["iou"] == pytest.approx(tp / (tp + fp + fn))
    assert ex["precision"] == pytest.approx(tp / (tp + fp))
    assert ex["recall"] == pytest.approx(tp / (tp + fn))
    assert ex["lesion_recall"] == pytest.approx(0.5)
    # two thresholds: score 0.9 (P 1/3, R 0.4), then every pixel (P 125/10000, R 1)
    assert ex["aupr"] == pytest.approx(0.4 * (1 / 3) + 0.6 * (125 / SIZE**2), abs=1e-6)
    assert ex["threshold"] == 0.5 and "EX" in curves
    assert metrics["disc_error_median_radii"] == pytest.approx(1.0)
    assert metrics["disc_within_one_radius"] == 1.0
    assert metrics["per_image"][0]["grade_from_masks"] == 2  # exudates: at least moderate NPDR
    assert metrics["grade_agreement"] == 1.0
    assert np.isnan(metrics["grade_kappa"])  # one photo, one grade on both sides: kappa is not defined (was 1.0)


def test_per_image_dice_shows_when_one_image_holds_most_lesion_pixels(tmp_path: Path) -> None:
    samples = [masked_sample(tmp_path), masked_sample(tmp_path, "other")]  # 125 EX pixels each
    ex = np.zeros((SIZE, SIZE), bool)
    ex[10:20, 10:20] = True  # the first lesion of each image (100 px), the second (25 px) missed
    predictions = iter([PixelPrediction({"EX": ex.astype(np.float32)}, {"EX": ex}, None, {"EX": 0.5}),
                        PixelPrediction({"EX": np.zeros((SIZE, SIZE), np.float32)}, {"EX": np.zeros_like(ex)},
                                        None, {"EX": 0.5})])

    metrics, _ = score_segmentation(lambda image: next(predictions), samples)

    figures = metrics["per_class"]["EX"]
    assert figures["image_mean_dice"] == pytest.approx((2 * 100 / 225 + 0.0) / 2)
    assert figures["largest_image_share"] == pytest.approx(0.5)
    assert [row["dice"]["EX"] for row in metrics["per_image"]] == pytest.approx([200 / 225, 0.0])
    assert "OD" not in metrics["per_image"][0]["dice"]  # no prediction scored for the disc


def test_no_disc_placed_is_an_infinite_error_and_no_true_disc_is_none() -> None:
    bits = np.zeros((20, 20), np.uint8)
    assert disc_error(bits, (5.0, 5.0)) is None
    bits[5:10, 5:10] = LesionClass.OD.bit
    assert disc_error(bits, None) == float("inf")


def test_grades_from_masks_reach_mild_with_microaneurysms_only() -> None:
    bits = np.zeros((200, 200), np.uint8)
    bits[50:53, 50:53] = LesionClass.MA.bit
    assert icdr_grade_of(bits, None) == 1
    bits[100:110, 100:110] |= LesionClass.HE.bit
    assert icdr_grade_of(bits, None) == 2


def test_evaluate_seg_scores_the_classical_pipeline_with_the_same_figures(tmp_path: Path) -> None:
    from inference.evaluation import evaluate

    data = tmp_path / "data"
    data.mkdir()
    masked_sample(data)
    result = evaluate("seg", "classical", data, tmp_path / "out", split="all", device="cpu")
    assert result["model"] == "classical" and result["masked_images"] == 1
    assert {"aupr", "dice", "precision", "recall", "lesion_recall"} <= set(result["per_class"]["EX"])
    assert result["per_image"][0]["grade_from_masks"] == 2
    assert (tmp_path / "out" / "evaluation.json").is_file()


def test_the_classical_detector_keeps_every_class_the_model_does_not_beat_on_validation() -> None:
    from inference.training.ship_pixels import choose_classical_classes

    model = {name: {"dice": dice, "precision": 0.5} for name, dice in (("MA", 0.10), ("HE", 0.30), ("EX", 0.55),
                                                                        ("SE", 0.0))}
    classical = {"MA": {"dice": 0.12}, "HE": {"dice": 0.25}, "EX": {"dice": 0.30}}  # no SE at all
    assert choose_classical_classes(model, classical, ["MA", "HE", "EX", "SE"]) == ["MA", "SE"]


def test_shipping_a_pixel_model_records_both_sides_and_the_choice(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from inference.model_card import load_card, save_model_folder
    from inference.training import ship_pixels
    from inference.training.ship_pixels import ship
    from tests.unit.test_inference_fixtures import loaded, tiny_segmentation_card

    data, splits = one_validation_photo(tmp_path)
    card = tiny_segmentation_card(classes=["background", "MA", "HE", "EX", "SE", "OD"])
    card.metrics["grade_kappa"] = 1.0  # as a trainer once measured it on a lone photo graded 2 both ways
    save_model_folder(tmp_path / "trained", loaded(card).module.state_dict(), card)
    measure = ship_pixels.evaluate
    monkeypatch.setattr(ship_pixels, "evaluate", lambda *args, **kwargs: {**measure(*args, **kwargs),
                                                                          "grade_kappa": float("nan")})
    metrics = ship(tmp_path / "trained", tmp_path / "shipped", data, splits)
    monkeypatch.setattr(ship_pixels, "evaluate", measure)
    shipped = load_card(tmp_path / "shipped")
    assert set(metrics["validation_per_class"]) == {"model", "classical"}
    assert "EX" in metrics["validation_per_class"]["model"]
    assert set(shipped.classical_classes) <= {"MA", "HE", "EX", "SE"} and "OD" not in shipped.classical_classes
    assert shipped.metrics["grade_kappa"] is None  # re-measured and not defined: null in the card, not NaN

    monkeypatch.setattr(ship_pixels, "choose_classical_classes", lambda *figures: [])  # the model wins every class
    kept = ship(tmp_path / "trained", tmp_path / "kept", data, splits, keep_classical=["SE"],
                because="measured elsewhere")
    assert load_card(tmp_path / "kept").classical_classes == ["SE"]
    assert kept["kept_classical"] == {"classes": ["SE"], "because": "measured elsewhere"}
    assert kept["source_rule"].endswith("kept classical by choice: ['SE'] (measured elsewhere)")
    again = ship(tmp_path / "kept", tmp_path / "again", data, splits)  # re-shipped without keeping anything
    assert "kept_classical" not in again and load_card(tmp_path / "again").classical_classes == []
    with pytest.raises(ValueError, match="say why"):
        ship(tmp_path / "trained", tmp_path / "unsaid", data, splits, keep_classical=["SE"])
    monkeypatch.setattr(ship_pixels, "evaluate", lambda *args, **kwargs: pytest.fail("evaluated before refusing"))
    with pytest.raises(ValueError, match="ZZ"):
        ship(tmp_path / "trained", tmp_path / "typo", data, splits, keep_classical=["ZZ"], because="x")


def test_a_view_averaged_model_is_chosen_on_its_averaged_output(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from inference.model_card import load_card, save_model_folder
    from inference.training import ship_pixels
    from tests.unit.test_inference_fixtures import loaded, tiny_segmentation_card

    views = ["left-right", "up-down"]
    data, splits = one_validation_photo(tmp_path)
    card = tiny_segmentation_card(classes=["background", "MA", "HE", "EX", "SE", "OD"])
    card.metrics = {"per_class": {"EX": {"dice": -1.0}}, "split": "val"}  # as the trainer measured it: one view
    save_model_folder(tmp_path / "trained", loaded(card).module.state_dict(), card)
    seen = []  # of each model folder the choices were measured on: its averaged_views
    evaluate, speck_figures = ship_pixels.evaluate, ship_pixels.speck_figures
    monkeypatch.setattr(ship_pixels, "evaluate", lambda task, model, *args, **kwargs: (
        seen.append(model == "classical" or load_card(model).averaged_views == views),
        evaluate(task, model, *args, **kwargs))[1])
    monkeypatch.setattr(ship_pixels, "speck_figures", lambda model_dir, *args: (
        seen.append(load_card(model_dir).averaged_views == views), speck_figures(model_dir, *args))[1])
    metrics = ship_pixels.ship(tmp_path / "trained", tmp_path / "shipped", data, splits, averaged_views=views,
                               version="9")
    shipped = load_card(tmp_path / "shipped")
    assert shipped.averaged_views == views and shipped.version == "9"
    assert seen[0] and seen[2]  # the model's evaluation and its specks (seen[1]: the classical detector's)
    ex = shipped.metrics["per_class"]["EX"]["dice"]
    assert ex != -1.0 and ex == metrics["validation_per_class"]["model"]["EX"]["dice"]  # figures of what ships
    assert shipped.training["shipped"] == {"by": "inference.training.ship_pixels", "version": "9",
                                           "averaged_views": views, "keep_classical": []}


def test_the_speck_size_is_the_largest_that_costs_little_dice_and_few_lesions() -> None:
    from inference.training.ship_pixels import choose_min_component

    figures = {0: (0.5666, 0.749), 1: (0.5666, 0.749), 4: (0.5666, 0.743), 8: (0.5667, 0.734),
               16: (0.5663, 0.705), 32: (0.5637, 0.638)}
    assert choose_min_component(figures) == 8  # 16 loses 0.044 of the lesions
    assert choose_min_component({0: (0.3, 0.5), 8: (0.2, 0.5)}) == 0  # 8 loses Dice


def test_a_class_boxed_beside_painted_ones_is_scored_by_its_boxes(tmp_path: Path) -> None:
    """EX painted, HE boxed with none of it painted (the export writes no HE mask): a prediction of HE inside its
    box is a hit, not false positives against a mask that never said "no haemorrhage"; EX keeps its pixel figures."""
    sample = masked_sample(tmp_path)
    sample.boxes = [Box(LesionClass.HE, 70, 70, 79, 79)]
    ex = np.zeros((SIZE, SIZE), bool)
    ex[10:20, 10:20] = ex[50:55, 50:55] = True
    he = np.zeros((SIZE, SIZE), bool)
    he[72:77, 72:77] = True
    prediction = PixelPrediction({"EX": ex.astype(np.float32), "HE": he.astype(np.float32)}, {"EX": ex, "HE": he},
                                 (64.5, 34.5), {"EX": 0.5, "HE": 0.5})
    metrics = score_segmentation(lambda image: prediction, [sample])[0]
    assert metrics["per_class"]["EX"]["dice"] == pytest.approx(1.0)
    assert "HE" not in metrics["per_class"]  # no mask speaks for it
    assert metrics["boxes"]["HE"] == {"boxes": 1, "box_hit_rate": 1.0, "outside_positive_fraction": 0.0}
    assert "per_image" not in metrics  # a grade from the masks would miss the boxed haemorrhage


def test_a_class_without_ground_truth_has_no_dice_and_is_said_so(tmp_path: Path) -> None:
    """HE neither painted nor boxed: its Dice read 0.000 when something was predicted (1.000 when nothing was) and the
    command line printed it beside truth_pixels 0."""
    he = np.zeros((SIZE, SIZE), bool)
    he[72:77, 72:77] = True
    prediction = PixelPrediction({"EX": np.zeros((SIZE, SIZE), np.float32), "HE": he.astype(np.float32)},
                                 {"EX": np.zeros((SIZE, SIZE), bool), "HE": he}, None, {"EX": 0.5, "HE": 0.5})
    metrics = score_segmentation(lambda image: prediction, [masked_sample(tmp_path)])[0]
    he_figures = metrics["per_class"]["HE"]
    assert (he_figures["truth_pixels"], he_figures["dice"], he_figures["iou"], he_figures["aupr"]) == (0, None, None,
                                                                                                      None)
    assert metrics["per_class"]["EX"]["dice"] == 0.0 and metrics["mean_dice"] == 0.0  # HE stays out of the mean
    from app.segmentation_lines import segmentation_lines

    lines = segmentation_lines(metrics)
    assert "  HE: no pixel ground truth (no mask marks it here; 25 pixels predicted)" in lines
    assert any(line.startswith("  EX: dice 0.000, iou 0.000") for line in lines)
