"""The readers on the real shared data (skipped when ../shared/data is absent): CODRAS VOC boxes as weak masks,
Kermany OCT class folders."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

from annotations.classes import LesionClass
from annotations.formats.label_map import IDRID_CODRAS_LABEL_MAP, parse_label_map
from inference.dataset import grade_label, load_index
from inference.model_card import default_card
from inference.targets import IGNORE, segmentation_item
from inference.training.card import segmentation_classes

OCT_CLASSES = ["CNV", "DME", "DRUSEN", "NORMAL"]


def test_codras_boxes_index_and_weak_targets(shared_data: Path) -> None:
    index = load_index(shared_data / "codras-idrid", parse_label_map(IDRID_CODRAS_LABEL_MAP))
    assert len(index.samples) == 412 and sum(len(v) for v in index.splits.values()) == 412
    assert segmentation_classes(index.split("train")) == ["HE", "EX"]  # haemorrhage (with MA) and exudates
    disc_only = [s for s in index.samples.values() if {b.label for b in s.boxes} == {LesionClass.OD}]
    assert len(disc_only) > 150  # the README says 190; the files hold 179 with an optic-disc box only
    card = replace(default_card("lesion-segmentation"), classes=["background", "HE", "EX"], input_size=(256, 256))
    negative = segmentation_item(disc_only[0], card)
    assert (negative.labels == 0).all()  # no lesion box: every pixel is certain background
    boxed = segmentation_item(next(s for s in index.samples.values() if len(s.boxes) > 3), card)
    uncertain = boxed.labels == IGNORE
    assert 0 < uncertain.mean() < 0.5 and (boxed.allowed[uncertain] != 0).all()


def test_oct_class_folders_with_patients_kept_together(shared_data: Path) -> None:
    index = load_index(shared_data / "oct-sample", class_names=OCT_CLASSES)
    labels = Counter(grade_label(s, "oct", OCT_CLASSES) for s in index.samples.values())
    assert labels == {0: 8, 1: 8, 2: 8, 3: 8}
    split_of = {name: split for split, names in index.splits.items() for name in names}
    assert split_of["CNV-6294785-1"] == split_of["CNV-6294785-2"]
    assert np.isclose(len(index.splits["train"]) / 32, 0.7, atol=0.1)
