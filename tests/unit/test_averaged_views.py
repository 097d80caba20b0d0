"""A segmentation card's ``averaged_views``: the network's probabilities averaged over flips of its input, each
answer flipped back (test-time augmentation), wherever a segmentation network runs; ``mirror_average`` of cards
written before it still reads as the photo and its left-right mirror."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from inference.card_schema import MIRROR_VIEWS
from inference.model_card import ModelCard, ModelError
from inference.segmentation import predict_probabilities, segment
from tests.unit.test_inference_fixtures import loaded, synthetic_fundus, tiny_segmentation_card


def _viewed(card: ModelCard, views: list[str]) -> ModelCard:
    card.averaged_views = views
    return card


@pytest.mark.parametrize("views, flip", [(list(MIRROR_VIEWS), [3]), (["left-right", "up-down"], [2, 3])])
def test_a_view_averaged_network_answers_a_flipped_input_with_the_flipped_answer(views: list[str],
                                                                                flip: list[int]) -> None:
    """``flip`` turns the views into each other: the average over them is the same for the flipped input."""
    plain = loaded(tiny_segmentation_card())
    module = plain.module.eval()
    batch = torch.rand(1, 3, 64, 64, generator=torch.Generator().manual_seed(1))
    flipped = torch.flip(batch, dims=flip)
    with torch.inference_mode():
        assert not torch.allclose(predict_probabilities(module, batch, plain.card),
                                  torch.flip(predict_probabilities(module, flipped, plain.card), dims=flip), atol=1e-4)
        card = _viewed(plain.card, views)
        averaged = predict_probabilities(module, batch, card)
        assert torch.allclose(averaged, torch.flip(predict_probabilities(module, flipped, card), dims=flip), atol=1e-6)
        assert torch.allclose(averaged.sum(dim=1), torch.ones(1, 64, 64), atol=1e-5)  # still a softmax


def test_the_views_are_the_flips_they_name() -> None:
    plain = loaded(tiny_segmentation_card())
    module = plain.module.eval()
    batch = torch.rand(1, 3, 64, 64, generator=torch.Generator().manual_seed(2))
    with torch.inference_mode():
        def alone(view: str) -> torch.Tensor:
            return predict_probabilities(module, batch, _viewed(plain.card, [view]))

        original = alone("original")
        for view, axes in (("left-right", [3]), ("up-down", [2]), ("both", [2, 3])):
            expected = torch.flip(predict_probabilities(module, torch.flip(batch, axes), _viewed(plain.card, [])),
                                  axes)
            assert torch.allclose(alone(view), expected, atol=1e-6) and not torch.allclose(original, expected)
        mean = (alone("left-right") + alone("up-down")) / 2
        assert torch.allclose(predict_probabilities(module, batch, _viewed(plain.card, ["left-right", "up-down"])),
                              mean, atol=1e-6)


def test_segment_runs_the_views_the_card_asks_for() -> None:
    from inference.preprocess import find_fov

    image = synthetic_fundus(64, 64, cx=31, cy=31)  # the card's size: no crop or resize that mirroring could shift
    mirror = np.ascontiguousarray(image[:, ::-1])
    both_fields = find_fov(image).mask & find_fov(mirror).mask[:, ::-1]  # the drawn circle is off by a pixel or so

    def maps(views: list[str], photo: np.ndarray) -> np.ndarray:
        card = tiny_segmentation_card()
        card.preprocessing.crop_fov, card.averaged_views = False, views
        model = loaded(card)
        return np.stack([segment(model, photo).probability(name) for name in card.classes])

    for views, alike in (([], False), (list(MIRROR_VIEWS), True)):
        of_image, of_mirror_back = maps(views, image), maps(views, mirror)[:, :, ::-1]
        assert np.allclose(of_image[:, both_fields], of_mirror_back[:, both_fields], atol=1e-5) is alike


def test_a_card_names_its_views_or_says_mirror_average_as_older_cards_did() -> None:
    data = {"name": "m", "task": "lesion-segmentation", "architecture": "unet", "encoder": "resnet18",
            "classes": ["background", "EX"]}
    for wrong in ("left-right", None, [3]):
        with pytest.raises(ModelError, match="averaged_views must be a list of names"):
            ModelCard.from_dict({**data, "averaged_views": wrong})
    for wrong in (["sideways"], ["up-down", "up-down"]):
        with pytest.raises(ModelError, match="averaged_views must list different views among original, left-right"):
            ModelCard.from_dict({**data, "averaged_views": wrong})
    with pytest.raises(ModelError, match="mirror_average must be true or false"):
        ModelCard.from_dict({**data, "mirror_average": "yes"})
    with pytest.raises(ModelError, match="mirror_average .* and averaged_views together: remove mirror_average"):
        ModelCard.from_dict({**data, "mirror_average": True, "averaged_views": ["original"]})
    older = ModelCard.from_dict({**data, "mirror_average": True})
    assert older.averaged_views == list(MIRROR_VIEWS)
    assert "mirror_average" not in json.loads(older.to_json())  # a re-saved older card reads back
    assert ModelCard.from_dict(json.loads(older.to_json())).averaged_views == list(MIRROR_VIEWS)
    assert ModelCard.from_dict({**data, "mirror_average": False}).averaged_views == []
    card = ModelCard.from_dict({**data, "averaged_views": ["left-right", "up-down"]})
    assert card.averaged_views == ["left-right", "up-down"]
    assert ModelCard.from_dict(json.loads(card.to_json())).averaged_views == ["left-right", "up-down"]
    assert ModelCard.from_dict(data).averaged_views == []


def test_a_card_made_in_code_is_checked_too(tmp_path: Path) -> None:
    from inference.model_card import save_model_folder

    card = tiny_segmentation_card()
    with pytest.raises(ModelError, match="averaged_views must list different views"):
        save_model_folder(tmp_path / "m", loaded(card).module.state_dict(), _viewed(card, ["lr"]))
    grader = ModelCard(name="g", task="dr-grade", architecture="classifier", encoder="resnet18",
                       classes=["0", "1", "2", "3", "4"], averaged_views=["left-right"])
    with pytest.raises(ModelError, match="only a segmentation network's input is viewed several ways"):
        grader.validate()


def test_ship_pixels_refuses_unknown_views_before_evaluating(capsys: pytest.CaptureFixture) -> None:
    from inference.training.ship_pixels import main

    with pytest.raises(SystemExit):
        main(["trained", "shipped", "--data", "d", "--splits", "s", "--averaged-views", "left-right, lr"])
    assert "averaged_views must list different views among original, left-right, up-down, both" in \
        capsys.readouterr().err


def test_fine_tuning_a_view_averaged_model_keeps_its_views(tmp_path: Path) -> None:
    from inference.training.init_from import network_of
    from tests.unit.test_inference_fixtures import saved_model

    installed = saved_model(tmp_path, _viewed(tiny_segmentation_card(), ["left-right", "up-down"]))
    assert network_of(tiny_segmentation_card(), installed, None).averaged_views == ["left-right", "up-down"]
