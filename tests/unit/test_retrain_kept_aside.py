"""A retrained model the person did not use ("Keep the current one") is set aside in the models folder's set-aside
folder, card and weights, not discarded: listed nowhere, so the model in use stays the first installed, and adopted
later by its path (`train --init-from`, `analyze --model`) or moved into the models folder, where Settings list it.
As the workspace's own folders, the set-aside folder is never written through a link."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace.confined import LinkRefused
from inference.loading import load_model_folder
from inference.model_card import CARD_FILE, WEIGHTS_FILE, load_card
from inference.registry import ModelRegistry
from inference.training.retrain_going_back import SET_ASIDE, keep_aside, set_aside
from tests.unit.test_inference_fixtures import saved_model, tiny_segmentation_card

NAME = "retrained-seg-20261121-143000"  # as a retrain names its model: by task and date


def _trained(tmp_path: Path) -> Path:
    """A retrain's new model, in its work folder in the workspace's sidecar."""
    return saved_model(tmp_path / "images" / ".retinareview" / "retrain" / "seg-20261121-143000-x",
                       tiny_segmentation_card(NAME))


def test_the_new_model_is_copied_whole_into_the_set_aside_folder_and_listed_nowhere(tmp_path: Path) -> None:
    models = tmp_path / "models"
    saved_model(models, tiny_segmentation_card("tiny-seg"))
    new = _trained(tmp_path)
    aside = keep_aside(new, NAME, models)
    assert aside == models / SET_ASIDE / NAME
    assert (aside / WEIGHTS_FILE).read_bytes() == (new / WEIGHTS_FILE).read_bytes()
    assert load_card(aside).name == NAME  # its card, with what it learned from
    assert [entry.name for entry in ModelRegistry([models]).entries()] == ["tiny-seg"], "the one in use stays first"
    assert keep_aside(new, NAME, models) == models / SET_ASIDE / f"{NAME}-2", "an earlier one is not replaced"


def test_the_model_set_aside_is_adopted_by_its_path_or_once_moved_into_the_models_folder(tmp_path: Path) -> None:
    models = tmp_path / "models"
    aside = keep_aside(_trained(tmp_path), NAME, models)
    registry = ModelRegistry([models])
    assert registry.find(str(aside)) == aside  # what train --init-from and analyze --model look a model up with
    assert load_model_folder(aside, "cpu", for_inference=True).card.name == NAME
    aside.rename(models / aside.name)
    assert registry.find(NAME) == models / NAME  # as Settings list it and the settings name it


@pytest.mark.parametrize("to", ["outside", "inside"])
def test_a_set_aside_folder_that_is_a_link_is_not_written_through(tmp_path: Path, to: str) -> None:
    models, outside = tmp_path / "models", tmp_path / "documents"
    target = outside if to == "outside" else models / "tiny-seg"
    models.mkdir()
    target.mkdir(parents=True)
    (models / SET_ASIDE).symlink_to(target, target_is_directory=True)
    new = _trained(tmp_path)
    with pytest.raises(LinkRefused):
        keep_aside(new, NAME, models)
    with pytest.raises(LinkRefused):
        set_aside(new, models)
    assert not any(target.iterdir()) and (new / CARD_FILE).is_file()
