"""Per-class lesion sources (learned pixels or the classical detector), the lesion model's own optic disc, and the
probability maps `analyze --probabilities` writes."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from annotations.classes import LesionClass
from annotations.output_folder import OutputFolder
from inference.loading import ModelSet
from inference.model_card import ModelError
from inference.outputs import write_outputs
from inference.pipeline import CLASSICAL_DETECTOR, PipelineOptions, analyze, analyze_image
from inference.segmentation import segment
from tests.unit.test_inference_fixtures import loaded, synthetic_fundus, tiny_segmentation_card

CLASSES = ["background", "MA", "HE", "EX", "SE", "OD"]


def constant_model(card, channel_logits: dict[str, float]):
    """A model whose output is a constant logit per class (zero weights, biases set), so every pixel's probability
    is known in advance."""
    model = loaded(card)
    head = model.module.segmentation_head[0]
    with torch.no_grad():
        head.weight.zero_()
        head.bias.copy_(torch.tensor([channel_logits.get(name, 0.0) for name in card.classes]))
    return model


def test_the_card_gives_chosen_classes_to_the_classical_detector_and_findings_name_each_source() -> None:
    card = tiny_segmentation_card(classes=CLASSES)
    card.classical_classes = ["MA", "HE"]
    model = constant_model(card, {"EX": 9.0})  # EX everywhere, nothing else
    image = synthetic_fundus(200, 150)
    result = analyze_image(image, ModelSet.from_models([model]), device="cpu")
    sources = result.findings.lesion_sources
    assert sources["EX"] == sources["SE"] == card.name
    assert sources["MA"] == sources["HE"] == CLASSICAL_DETECTOR["name"]
    assert CLASSICAL_DETECTOR in result.models
    fov = result.findings.field_of_view
    assert result.mask[int(fov.cy), int(fov.cx)] & LesionClass.EX.bit, "the model's EX is drawn"
    classical_only = analyze_image(image, None, device="cpu").mask
    he_ma = np.uint8(LesionClass.HE.bit | LesionClass.MA.bit)
    assert np.array_equal(result.mask & he_ma, classical_only & he_ma), "HE and MA are the classical detector's"


def test_without_classical_classes_the_model_draws_every_class_and_the_detector_the_disc_alone() -> None:
    card = tiny_segmentation_card(classes=CLASSES)
    result = analyze_image(synthetic_fundus(200, 150), ModelSet.from_models([constant_model(card, {})]),
                           device="cpu")
    sources = dict(result.findings.lesion_sources)
    assert sources.pop("OD") == CLASSICAL_DETECTOR["name"]  # no disc model: the classical finder places it
    assert set(sources) == {"MA", "HE", "EX", "SE"} and set(sources.values()) == {card.name}


def test_classical_classes_must_be_lesion_classes_of_the_card() -> None:
    card = tiny_segmentation_card(classes=["background", "EX"])
    card.classical_classes = ["HE"]
    with pytest.raises(ModelError, match="classical_classes"):
        card.validate()


def test_a_lesion_model_with_a_disc_channel_places_the_one_disc_from_its_largest_region() -> None:
    card = tiny_segmentation_card(classes=CLASSES)
    model = constant_model(card, {})
    image = synthetic_fundus(200, 150)
    # the disc channel says "disc" in one square and in a far speck: the disc is the square, not their mix
    original = model.module.forward

    def forward(x: torch.Tensor) -> torch.Tensor:
        logits = original(x)
        od = CLASSES.index("OD")
        logits[:, od] = -9.0
        logits[:, od, 20:36, 20:36] = 9.0
        logits[:, od, 50:52, 50:52] = 9.0
        return logits

    model.module.forward = forward
    result = analyze_image(image, ModelSet.from_models([model]), device="cpu")
    disc = result.findings.optic_disc
    assert disc.found and result.findings.lesion_sources["OD"] == card.name
    od_mask = (result.mask & LesionClass.OD.bit) != 0
    ys, xs = np.nonzero(od_mask)
    assert xs.size and xs.max() - xs.min() < 60, "only the largest region is the disc"
    assert disc.center == pytest.approx([xs.mean(), ys.mean()], abs=1.0)


def test_probability_maps_are_original_size_grey_pngs_of_255_times_the_probability(tmp_path: Path) -> None:
    card = tiny_segmentation_card(classes=CLASSES)
    model = loaded(card, seed=3)
    image = synthetic_fundus(97, 131)
    outcome = analyze([image], ModelSet.from_models([model]), None, "cpu",
                      PipelineOptions(keep_probabilities=True), keep_images=True)[0]
    assert outcome.error is None
    written = write_outputs(outcome, image, OutputFolder(tmp_path), "eye")
    expected = segment(model, image)
    for name in ("MA", "HE", "EX", "SE", "OD"):
        path = tmp_path / f"eye_prob_{name}.png"
        assert path in written
        with Image.open(path) as png:
            assert png.mode == "L" and png.size == (97, 131)
            levels = np.asarray(png)
        want = np.clip(expected.probability(name) * 255.0 + 0.5, 0, 255).astype(np.uint8)
        assert np.abs(levels.astype(int) - want).max() <= 1


def test_analyze_command_writes_probabilities_only_when_asked(tmp_path: Path) -> None:
    from app.cli import build_parser

    Image.fromarray(synthetic_fundus(120, 90)).save(tmp_path / "eye.png")
    parser = build_parser()
    for flag, expect in (([], False), (["--probabilities"], True)):
        out = tmp_path / f"out{len(flag)}"
        args = parser.parse_args(["analyze", str(tmp_path / "eye.png"), "--out", str(out), "--device", "cpu", *flag])
        assert args.func(args) == 0
        for name in ("MA", "HE", "EX", "SE", "OD"):  # the shipped defaults: model (EX, SE), disc model, classical
            assert (out / f"eye_prob_{name}.png").exists() == expect, name


def test_the_classical_detector_computes_only_the_classes_it_is_asked_for() -> None:
    from inference.classical import detect_lesions
    from tests.unit.test_classical import fundus_with_lesions

    image = fundus_with_lesions()
    whole = detect_lesions(image)
    dark = detect_lesions(image, classes=(LesionClass.MA, LesionClass.HE))
    assert LesionClass.EX not in dark.probabilities and not np.any(dark.mask_bits & LesionClass.EX.bit)
    wanted = np.uint8(LesionClass.MA.bit | LesionClass.HE.bit | LesionClass.OD.bit)
    assert np.array_equal(dark.mask_bits, whole.mask_bits & wanted), "the same dark lesions and disc"


def test_segmentation_skips_the_square_inputs_padding_without_changing_what_is_read_back() -> None:
    from inference.preprocess import prepare

    card = tiny_segmentation_card(classes=CLASSES, size=96)
    model = loaded(card, seed=1)
    image = synthetic_fundus(200, 100)  # wide: a third of the square input is padding
    result = segment(model, image)
    prepared = prepare(image, card)
    with torch.inference_mode():
        full = torch.softmax(model.module(prepared.tensor), dim=1)[0].numpy()
    (ox, oy), (width, height) = prepared.transform.offset, prepared.transform.resized
    inner = np.s_[:, oy:oy + height, ox:ox + width]
    # convolutions see zeros instead of the grey padding at the window's edge: close, not identical
    assert np.abs(result.probabilities[inner] - full[inner]).mean() < 0.05
    assert result.probability("EX").shape == image.shape[:2]


def test_regions_smaller_than_the_cards_speck_size_are_not_drawn() -> None:
    card = tiny_segmentation_card(classes=CLASSES)
    model = constant_model(card, {})
    original = model.module.forward

    def forward(x: torch.Tensor) -> torch.Tensor:
        logits = original(x)
        ex = CLASSES.index("EX")
        logits[:, ex] = -9.0
        logits[:, ex, 20:30, 20:30] = 9.0  # 100 model pixels
        logits[:, ex, 45:47, 45:47] = 9.0  # a 4-pixel speck
        return logits

    model.module.forward = forward
    image = synthetic_fundus(64, 64)
    result = segment(model, image)
    assert len(_regions(result.mask_bits([LesionClass.EX]))) == 2
    card.min_component_pixels = {"EX": 5}
    assert len(_regions(result.mask_bits([LesionClass.EX]))) == 1


def _regions(bits: np.ndarray) -> list[int]:
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats((bits != 0).astype(np.uint8), connectivity=8)
    return [int(a) for a in stats[1:, cv2.CC_STAT_AREA]]
