"""The models shipped in resources/models: they load, their checksums hold, their cards tell the whole story
(data, licences, split, held-out `evaluate boxes` figures beside the classical baseline, limits, command), and
`analyze` on a real photograph uses them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from inference.box_pairs import held_out_ids
from inference.dataset import HELD_OUT_RULE, is_held_out
from inference.loading import load_model_folder
from inference.model_card import CANDIDATE_TASKS, CARD_FILE, WEIGHTS_FILE, file_sha256, load_card
from inference.registry import BUNDLED_MODELS, ModelRegistry
from inference.training.ship_pixels import choose_classical_classes

SHIPPED = sorted(p for p in BUNDLED_MODELS.iterdir() if (p / CARD_FILE).is_file()) if BUNDLED_MODELS.is_dir() else []
# the member networks of shipped composites (card class_members): shipped too, so their cards tell the same story
MEMBERS = [p / member for p in SHIPPED for member in sorted(set(load_card(p).class_members.values()))]
SIZE_LIMIT = 60 * 2**20
BOX_METRICS = ("classes", "lesions_present", "optic_disc", "split", "images")


def test_models_are_shipped_and_fit_the_size_budget() -> None:
    assert "lesions-present" in {load_card(p).task for p in SHIPPED}
    total = sum(f.stat().st_size for p in SHIPPED for f in p.rglob("*") if f.is_file())  # members' files too
    assert total <= SIZE_LIMIT, f"shipped models take {total / 2**20:.1f} MB; the budget is 60 MB"


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_shipped_model_loads_and_checksum_matches(folder: Path) -> None:
    card = load_card(folder)
    assert file_sha256(folder / WEIGHTS_FILE) == card.sha256
    loaded = load_model_folder(folder)
    assert loaded.card.name == card.name
    assert all(p.dtype.is_floating_point for p in loaded.module.parameters())


CANDIDATES = [p for p in SHIPPED if load_card(p).task in CANDIDATE_TASKS]
BOX_TRAINED = [p for p in SHIPPED if "validation_per_class" not in load_card(p).metrics]
PIXEL_TRAINED = [p for p in SHIPPED if "validation_per_class" in load_card(p).metrics and p not in CANDIDATES]
IDRID_SEG_SPLITS = Path(__file__).resolve().parents[2] / "resources" / "splits" / "idrid-seg"


@pytest.mark.parametrize("folder", MEMBERS, ids=lambda p: str(p.relative_to(BUNDLED_MODELS)))
def test_shipped_member_is_the_one_its_model_pins(folder: Path) -> None:
    card = load_card(folder)
    assert file_sha256(folder / WEIGHTS_FILE) == card.sha256 == load_card(folder.parent).member_sha256[folder.name]


@pytest.mark.parametrize("folder", SHIPPED + MEMBERS, ids=lambda p: str(p.relative_to(BUNDLED_MODELS)))
def test_shipped_card_tells_licence_limits_and_command(folder: Path) -> None:
    card = load_card(folder)
    assert "CC BY 4.0" in " ".join(card.training["licence"])
    assert card.training["command"].startswith("retina-review train")
    assert len(card.limits) > 40


@pytest.mark.parametrize("folder", BOX_TRAINED, ids=lambda p: p.name)
def test_box_trained_card_tells_its_held_out_box_figures_beside_the_classical_detector(folder: Path) -> None:
    card = load_card(folder)
    assert "CC BY-SA 4.0" in " ".join(card.training["licence"]), "CODRAS boxes are ShareAlike"
    held_out = card.training["split"]["held_out_names"]
    assert held_out and all(is_held_out(name) for name in held_out), "the card's held-out split is the fixed one"
    for key in ("evaluate_boxes", "evaluate_boxes_classical"):
        figures = card.metrics[key]
        assert all(name in figures for name in BOX_METRICS)
        assert figures["split"] == "held-out: " + HELD_OUT_RULE
    assert card.metrics["evaluate_boxes"]["images"] == card.metrics["evaluate_boxes_classical"]["images"]
    assert card.metrics["versus_classical"], "the card says how the model compares with the classical detector"


@pytest.mark.parametrize("folder", PIXEL_TRAINED, ids=lambda p: p.name)
def test_pixel_trained_card_tells_its_validation_figures_beside_the_classical_detector(folder: Path) -> None:
    card = load_card(folder)
    validation = (IDRID_SEG_SPLITS / "val.txt").read_text().split()
    assert sorted(card.training["split"]["held_out_names"]) == sorted(validation)
    assert not set(validation) & set((IDRID_SEG_SPLITS / "train.txt").read_text().split())
    sides = card.metrics["validation_per_class"]
    for name in card.classes[1:]:
        assert {"aupr", "dice", "precision", "recall", "lesion_recall"} <= set(sides["model"][name])
    # the source rule (classes_won), checked against the card's own figures; a class kept classical beyond it says why
    lesion_classes = ["MA", "HE", "EX", "SE"]
    by_rule = choose_classical_classes(sides["model"], sides["classical"], lesion_classes)
    kept = card.metrics.get("kept_classical", {"classes": []})
    assert kept["classes"] == [] or len(kept["because"]) > 40
    assert card.classical_classes == [n for n in lesion_classes if n in by_rule or n in kept["classes"]]


@pytest.mark.parametrize("folder", CANDIDATES, ids=lambda p: p.name)
def test_candidates_card_tells_its_validation_figures_beside_what_shipped_before(folder: Path) -> None:
    """Why it ships: it beat the shipped models' class on the validation photos (classes_won, the one rule)."""
    card = load_card(folder)
    validation = (IDRID_SEG_SPLITS / "val.txt").read_text().split()
    assert sorted(card.training["split"]["held_out_names"]) == sorted(validation)
    assert not set(card.training["split"]["train_names"]) & set(validation)
    assert "doi:10.21227/H25W98" in card.training["data_citation"]
    (name,) = card.classes
    mine, before = (card.metrics["validation_per_class"][side][name] for side in ("model", "shipped"))
    assert mine["dice"] > before["dice"] and 0.0 < card.threshold(name) < 1.0


def test_default_model_set_picks_the_shipped_models(tmp_path: Path) -> None:
    models = ModelRegistry([tmp_path / "no-user-models", BUNDLED_MODELS]).load_set()
    assert {"lesions-present", "lesion-segmentation", "optic-disc"} <= set(models.models)
    lesions = models.models["lesion-segmentation"].card
    assert lesions.mask_mode == "pixels", "learned from specialist pixel masks: it draws its classes itself"
    assert set(lesions.classes[1:]) == {"MA", "HE", "EX", "SE", "OD"}


def test_the_shipped_lesion_model_beats_the_classical_detector_on_validation_exudates() -> None:
    """Why it ships: the card's validation figures (written by inference.training.ship_pixels)."""
    card = next(load_card(p) for p in SHIPPED if load_card(p).task == "lesion-segmentation")
    mine, classical = (card.metrics["validation_per_class"][side]["EX"] for side in ("model", "classical"))
    assert mine["dice"] > classical["dice"] and mine["aupr"] > classical["aupr"]
    assert "EX" not in card.classical_classes and "SE" not in card.classical_classes


def test_the_shipped_disc_model_finds_the_disc_at_least_as_often_as_the_classical_finder() -> None:
    card = next(load_card(p) for p in SHIPPED if load_card(p).task == "optic-disc")
    mine, classical = (card.metrics[key]["optic_disc"] for key in ("evaluate_boxes", "evaluate_boxes_classical"))
    assert mine["hit_rate"] >= max(classical["hit_rate"], 0.95)


def test_analyze_real_photo_with_the_defaults(shared_data: Path) -> None:
    from annotations.image_io import load_image
    from inference.lesion_candidates.green_pyramid import resolution_supported
    from inference.pipeline import analyze_image
    from inference.preprocess import find_fov

    codras = shared_data / "codras-idrid"
    photo = codras / "images" / f"{held_out_ids(codras)[0]}.jpg"  # a photograph no model was trained on
    image = load_image(photo)
    models = ModelRegistry([BUNDLED_MODELS]).load_set()
    result = analyze_image(image, models, device="cpu")
    used = {m["name"]: m["task"] for m in result.models}
    assert {"lesions-present", "lesion-segmentation"} <= set(used.values())
    lesions = next(m.card for m in models.all() if m.card.task == "lesion-segmentation")
    assert used.get("classical-detector") == "lesion-segmentation", "the classical detector draws MA on 1024 px"
    sources = result.findings.lesion_sources
    assert sources["EX"] == sources["SE"] == lesions.name
    candidates = {m.card.classes[0]: m.card.name for m in models.all() if m.card.task in CANDIDATE_TASKS}
    if not resolution_supported(image, find_fov(image)):  # a 1024 px photo: too small for the candidates model
        candidates = {}
    assert all(sources[name] == candidates.get(name, "classical-detector") for name in lesions.classical_classes)
    assert isinstance(result.findings.lesions_present_signs, bool)
    assert ("DR signs classifier" in result.findings.referable_source) is (  # it referred, or cleared with the grade
        result.findings.lesions_present_signs or not result.referable)
    assert result.mask is not None and result.mask.shape == image.shape[:2]
    assert result.cam is not None and result.cam.shape == image.shape[:2] and np.isfinite(result.cam).all()
    assert 0.0 <= result.findings.lesions_present_probability <= 1.0
    assert result.findings.optic_disc.found
    assert result.grade_source == "icdr-rules" and result.dr_grade in range(5)


def test_box_eval_scores_a_shipped_model_folder(shared_data: Path, tmp_path: Path) -> None:
    """A model folder goes through the pipeline; the disc centre comes from whichever finder it used."""
    from annotations.formats.label_map import parse_label_map
    from inference.box_eval import evaluate_boxes

    shipped = next(p for p in SHIPPED if load_card(p).task == "lesions-present")
    codras = shared_data / "codras-idrid"
    result = evaluate_boxes(str(shipped), codras, parse_label_map("hard_exudates=EX,haemorrhage=HE,optic_disc=OD"),
                            tmp_path, ids=held_out_ids(codras)[:2], device="cpu")
    assert result["images"] == 2
    assert result["optic_disc"]["images"] == 2 and result["optic_disc"]["hits"] >= 1
    assert set(result["classes"]) == {"HE", "EX"}
    assert all(0.0 <= row["lesion_score"] <= 1.0 for row in result["per_image"])  # the classifier's probability


def test_lesions_present_label_comes_from_the_boxes() -> None:
    from annotations.classes import LesionClass
    from annotations.document import Box
    from inference.dataset import Sample, grade_label

    classes = ["absent", "present"]
    disc_only = Sample("a", Path("a.jpg"), boxes=[Box(LesionClass.OD, 1, 1, 9, 9)])
    with_exudate = Sample("b", Path("b.jpg"), boxes=[Box(LesionClass.OD, 1, 1, 9, 9), Box(LesionClass.EX, 2, 2, 4, 4)])
    unlabelled = Sample("c", Path("c.jpg"))
    assert [grade_label(s, "lesions-present", classes) for s in (disc_only, with_exudate, unlabelled)] == [0, 1, None]


def test_comparison_with_the_classical_baseline_names_each_verdict() -> None:
    from inference.training.ship import comparison

    model = {"classes": {"EX": {"recall": 0.9, "precision": 0.5}}, "lesions_present": {"roc_auc": 0.86}}
    classical = {"classes": {"EX": {"recall": 0.88, "precision": 0.638}}, "lesions_present": {"roc_auc": 0.862}}
    verdicts = comparison(model, classical, "lesion-segmentation")
    assert verdicts["classes.EX.recall"].endswith("(better)")
    assert verdicts["classes.EX.precision"].endswith("(worse)")
    assert verdicts["lesions_present.roc_auc"] == "model 0.860 vs classical 0.862 (worse)"
    assert "optic_disc.hit_rate" not in verdicts
    assert list(comparison(model, classical, "lesions-present")) == ["lesions_present.roc_auc"]


def test_pseudo_mask_keeps_detections_inside_boxes_of_their_class_only() -> None:
    from annotations.classes import LesionClass
    from annotations.document import Box
    from inference.training.pseudo_masks import pseudo_mask

    detected = np.zeros((20, 20), np.uint8)
    detected[2, 2] = LesionClass.MA.bit  # inside the HE box: a microaneurysm counts as HE(+MA)
    detected[3, 3] = LesionClass.EX.bit  # inside the HE box but an exudate: not HE
    detected[15, 15] = LesionClass.HE.bit  # outside every box
    boxes = [Box(LesionClass.HE, 0, 0, 5, 5), Box(LesionClass.EX, 10, 10, 12, 12)]
    assert list(zip(*np.nonzero(pseudo_mask(detected, boxes, LesionClass.HE)))) == [(2, 2)]
    assert not pseudo_mask(detected, boxes, LesionClass.EX).any()
