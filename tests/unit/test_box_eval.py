"""`evaluate boxes` scoring: ROC AUC against hand-computed values, box hit rules, the split, a tiny run, real data."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from annotations.classes import LesionClass
from annotations.document import Box
from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP, parse_label_map
from annotations.formats.voc import VocAnnotation, write_voc
from app.box_table import box_table
from inference.box_eval import RESULT_FILE, evaluate_boxes, score_image
from inference.box_pairs import held_out_ids, list_pairs
from inference.dataset import DataError, is_held_out
from inference.metrics import roc_auc
from tests.unit.test_classical import EXUDATES, HAEMORRHAGES, fundus_with_lesions
from tests.unit.test_quality import DISC_CENTRE, synthetic_fundus

CODRAS_MAP = "hard_exudates=EX,haemorrhage=HE,optic_disc=OD"


def test_roc_auc_hand_computed():
    # positives 0.9 and 0.4 against negatives 0.1 and 0.5: 3 of 4 pairs ordered right
    assert roc_auc(np.array([0.9, 0.1, 0.4, 0.5]), np.array([1, 0, 1, 0])) == pytest.approx(0.75)
    assert roc_auc(np.array([0.2, 0.3, 0.9]), np.array([1, 1, 0])) == pytest.approx(0.0)
    assert roc_auc(np.array([0.5, 0.5]), np.array([1, 0])) == pytest.approx(0.5)  # a tie counts half
    assert np.isnan(roc_auc(np.array([0.1, 0.2]), np.array([1, 1])))


def test_roc_auc_matches_counting_pairs_with_ties():
    rng = np.random.default_rng(3)
    labels = rng.random(60) < 0.4
    scores = rng.integers(0, 6, 60).astype(float)  # many ties
    pairs = [(p, n) for p, n in itertools.product(scores[labels], scores[~labels])]
    expected = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p, n in pairs) / len(pairs)
    assert roc_auc(scores, labels) == pytest.approx(expected)


def test_box_hits_and_components_in_boxes():
    mask = np.zeros((40, 40), np.uint8)
    mask[5:8, 5:8] = LesionClass.HE.bit  # inside box A
    mask[30:33, 30:33] = LesionClass.HE.bit  # in no box: a false positive
    mask[20:22, 5:7] = LesionClass.EX.bit  # inside box B, but B is an HE box: wrong class
    boxes = [Box(LesionClass.HE, 3, 3, 10, 10), Box(LesionClass.HE, 2, 18, 9, 24), Box(LesionClass.EX, 25, 2, 35, 8)]
    counts = score_image(boxes, mask, [LesionClass.HE, LesionClass.EX])
    assert counts["HE"] == {"boxes": 2, "boxes_hit": 1, "components": 2, "components_in_box": 1}
    assert counts["EX"] == {"boxes": 1, "boxes_hit": 0, "components": 1, "components_in_box": 0}


def test_a_component_half_outside_its_box_still_counts_but_mostly_outside_does_not():
    mask = np.zeros((20, 40), np.uint8)
    mask[5:7, 8:12] = LesionClass.EX.bit  # x 8..11, box ends at x 9 inclusive: 2 of 4 columns inside
    mask[12:14, 8:13] = LesionClass.EX.bit  # x 8..12: 2 of 5 columns inside
    counts = score_image([Box(LesionClass.EX, 0, 0, 9, 19)], mask, [LesionClass.EX])["EX"]
    assert counts["components"] == 2 and counts["components_in_box"] == 1 and counts["boxes_hit"] == 1


def test_microaneurysms_count_as_haemorrhages_only_when_not_evaluated_themselves():
    mask = np.zeros((20, 20), np.uint8)
    mask[5:7, 5:7] = LesionClass.MA.bit
    boxes = [Box(LesionClass.HE, 3, 3, 9, 9)]
    assert score_image(boxes, mask, [LesionClass.HE])["HE"]["boxes_hit"] == 1
    assert score_image(boxes, mask, [LesionClass.HE, LesionClass.MA])["HE"]["boxes_hit"] == 0


def test_held_out_rule():
    assert is_held_out("codras_0005") and is_held_out("codras_0410")
    assert not is_held_out("codras_0006") and not is_held_out("no_number")


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(DataError, match="nowhere"):
        list_pairs(tmp_path / "nowhere")
    (tmp_path / "voc").mkdir()
    (tmp_path / "images").mkdir()
    with pytest.raises(DataError, match="no VOC file"):
        list_pairs(tmp_path)


def test_evaluate_boxes_on_a_folder_without_pairs_says_it_in_one_line(tmp_path: Path, capsys) -> None:
    """`evaluate boxes --data` a missing folder, or one without VOC files, ended in a FileNotFoundError traceback:
    list_pairs raised it where the command catches DataError."""
    from app.cli import main

    (tmp_path / "empty").mkdir()
    for data, named in ((tmp_path / "nowhere", "nowhere: folder not found"), (tmp_path / "empty", "no VOC file")):
        out = tmp_path / f"out_{data.name}"
        assert main(["evaluate", "boxes", "--model", "classical", "--data", str(data), "--out", str(out)]) == 2
        said = capsys.readouterr().err
        assert said.startswith("error: ") and named in said and "Traceback" not in said


def make_dataset(folder: Path, names: dict[LesionClass, str] | None = None) -> None:
    """Two synthetic photos: one with lesions and their boxes, one clean; both with the disc box. ``names``: the
    label each class is written with (default: ours)."""
    (folder / "images").mkdir(parents=True)
    (folder / "voc").mkdir()
    disc = Box(LesionClass.OD, DISC_CENTRE[0] - 30, DISC_CENTRE[1] - 30, DISC_CENTRE[0] + 30, DISC_CENTRE[1] + 30)
    lesion_boxes = [Box(LesionClass.EX, x - 8, y - 8, x + 8, y + 8) for x, y in EXUDATES]
    lesion_boxes += [Box(LesionClass.HE, x - 10, y - 10, x + 10, y + 10) for x, y in HAEMORRHAGES]
    for stem, image, boxes in [("case_0001", fundus_with_lesions(), [disc] + lesion_boxes),
                               ("case_0002", synthetic_fundus(seed=5), [disc])]:
        Image.fromarray(image).save(folder / "images" / f"{stem}.png")
        height, width = image.shape[:2]
        write_voc(folder / "voc" / f"{stem}.xml", VocAnnotation(f"{stem}.png", width, height, boxes=boxes), names)


def test_evaluate_classical_on_a_tiny_dataset(tmp_path):
    make_dataset(tmp_path / "data")
    result = evaluate_boxes("classical", tmp_path / "data", parse_label_map("EX=EX,HE=HE,OD=OD"), tmp_path / "out")
    assert result["images"] == 2
    assert result["classes"]["EX"]["recall"] == 1.0 and result["classes"]["HE"]["recall"] == 1.0
    assert result["classes"]["EX"]["precision"] > 0.5
    assert result["optic_disc"]["hit_rate"] == 1.0
    assert result["lesions_present"]["roc_auc"] == 1.0  # the photo with lesions scores higher
    assert json.loads((tmp_path / "out" / RESULT_FILE).read_text())["images"] == 2
    table = box_table(result)
    assert "EX" in table and "HE" in table and "ROC AUC 1.000" in table and "2/2" in table


def test_boxes_whose_label_no_class_is_named_for_are_counted_and_said(tmp_path):
    make_dataset(tmp_path / "data", {LesionClass.EX: "hard_exudates", LesionClass.HE: "haemorrhage",
                                     LesionClass.OD: "optic_disc"})
    result = evaluate_boxes("classical", tmp_path / "data", {}, tmp_path / "out")
    assert result["skipped_labels"] == {"haemorrhage": 1, "hard_exudates": 1, "optic_disc": 2}
    assert result["classes"]["EX"]["boxes"] == 0
    assert "boxes skipped, no class named for their label: haemorrhage (in 1 file)" in box_table(result)
    mapped = evaluate_boxes("classical", tmp_path / "data", parse_label_map(IDRID_CODRAS_LABEL_MAP),
                            tmp_path / "mapped")
    assert mapped["skipped_labels"] == {} and "skipped" not in box_table(mapped)



def test_the_command_exits_2_when_every_lesion_box_was_skipped(tmp_path: Path, capsys) -> None:
    """It printed a table of zero boxes and exited 0, which a script reads as measured."""
    from app.cli import main

    make_dataset(tmp_path / "data", {LesionClass.EX: "hard_exudates", LesionClass.HE: "haemorrhage",
                                     LesionClass.OD: "optic_disc"})
    command = ["evaluate", "boxes", "--model", "classical", "--data", str(tmp_path / "data")]
    assert main([*command, "--out", str(tmp_path / "out")]) == 2
    assert "error: every lesion box was skipped" in capsys.readouterr().err
    assert main([*command, "--out", str(tmp_path / "mapped"), "--label-map", IDRID_CODRAS_LABEL_MAP]) == 0


def test_evaluate_only_the_given_ids(tmp_path):
    make_dataset(tmp_path / "data")
    result = evaluate_boxes("classical", tmp_path / "data", parse_label_map("EX=EX,HE=HE,OD=OD"), tmp_path / "out",
                            ids=["case_0002"])
    assert result["images"] == 1 and result["lesions_present"]["roc_auc"] is None
    assert result["split"].startswith("outside the held-out split")
    assert held_out_ids(tmp_path / "data") == []


def test_classical_on_real_photos(shared_data, tmp_path):
    data = shared_data / "codras-idrid"
    ids = held_out_ids(data)[:10]
    result = evaluate_boxes("classical", data, parse_label_map(CODRAS_MAP), tmp_path, ids=ids)
    assert result["images"] == 10
    assert result["optic_disc"]["hit_rate"] >= 0.8
    assert result["split"].startswith("held-out")
    assert set(result["classes"]) == {"HE", "EX"}


def test_defaults_score_every_bundled_model_together(tmp_path, monkeypatch):
    import inference.registry
    from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card, tiny_segmentation_card

    bundled = tmp_path / "bundled"
    gate = tiny_segmentation_card(activation="sigmoid", classes=["HE", "EX"])
    # drops every candidate (untrained: never sure)
    gate.mask_mode, gate.thresholds = "gate-classical", {"HE": 1.0, "EX": 1.0}
    saved_model(bundled, gate)
    saved_model(bundled, tiny_classifier_card("lesions-present"))
    monkeypatch.setattr(inference.registry, "BUNDLED_MODELS", bundled)
    make_dataset(tmp_path / "data")
    result = evaluate_boxes("defaults", tmp_path / "data", parse_label_map("EX=EX,HE=HE,OD=OD"), tmp_path / "out")
    assert result["classes"]["EX"]["components"] == 0 and result["classes"]["HE"]["components"] == 0
    scores = [row["lesion_score"] for row in result["per_image"]]
    assert all(0.0 < score < 1.0 for score in scores), "the classifier's probability, not a pixel share"
    assert result["optic_disc"]["hit_rate"] == 1.0, "the classical disc finder still runs"
