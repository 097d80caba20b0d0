"""What a training run's card records about the split its figures came from."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from inference.dataset import DatasetIndex, Sample, load_index
from inference.training.card import finish_card
from inference.training.config import TrainConfig
from tests.unit.test_inference_fixtures import tiny_classifier_card


@pytest.mark.parametrize("split, names", [("all", ["a", "b", "c"]), ("test", ["c"])])
def test_the_card_names_the_images_its_figures_came_from(tmp_path: Path, split: str, names: list[str]) -> None:
    """"all" (no val or test split) scored every image; the card's list must say so, not be empty."""
    samples = {name: Sample(name, tmp_path / f"{name}.png") for name in ("b", "a", "c")}
    index = DatasetIndex(tmp_path, samples, {"train": ["a", "b"], "val": [], "test": ["c"]}, "seeded split (seed 0)")
    card = finish_card(tiny_classifier_card(), TrainConfig(task="grade", data=tmp_path, out=tmp_path / "m"), index,
                       {"split": split}, [], 1.0, 1, "cpu", {}, 4)
    assert (card.training["split"]["held_out"], card.training["split"]["held_out_names"]) == (split, names)


def test_a_scratch_copys_card_records_where_its_data_lasts(tmp_path: Path) -> None:
    """Retraining trains on an export in its work folder, deleted once the person chose: the card named that
    vanished path as its data rather than the reviewed cases' folder."""
    samples = {"a": Sample("a", tmp_path / "a.png")}
    index = DatasetIndex(tmp_path, samples, {"train": ["a"], "val": [], "test": []}, "seeded split (seed 0)")
    config = TrainConfig(task="grade", data=tmp_path, out=tmp_path / "m", data_origin="/clinic/photos")
    card = finish_card(tiny_classifier_card(), config, index, {"split": "all"}, [], 1.0, 1, "cpu", {}, 4)
    assert card.training["data"] == "/clinic/photos"
    assert "data_origin" not in card.training["hyper_parameters"]
    plain = finish_card(tiny_classifier_card(), TrainConfig(task="grade", data=tmp_path, out=tmp_path / "m"), index,
                        {"split": "all"}, [], 1.0, 1, "cpu", {}, 4)
    assert plain.training["data"] == str(tmp_path.resolve())


def test_a_scratch_copys_card_names_its_split_by_the_folder_exported(tmp_path: Path) -> None:
    """Retraining's card named the split lists by their path in the work folder, deleted once the person chose
    (``splits folder …/.retinareview/retrain/seg-…/data/splits``): a place nobody could look at."""
    data = tmp_path / "work" / "data"
    (data / "images").mkdir(parents=True)
    (data / "splits").mkdir()
    Image.new("RGB", (8, 8)).save(data / "images" / "a.png")
    for split, names in (("train", "a\n"), ("val", ""), ("test", "")):
        (data / "splits" / f"{split}.txt").write_text(names, encoding="utf-8")
    config = TrainConfig(task="grade", data=data, out=tmp_path / "m", data_origin="/clinic/photos")
    card = finish_card(tiny_classifier_card(), config, load_index(data), {"split": "all"}, [], 1.0, 1, "cpu", {}, 4)
    assert card.training["split"]["source"] == "splits folder splits of the export of /clinic/photos"
    assert str(data) not in json.dumps(card.training)
