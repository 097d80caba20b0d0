"""A segmentation card's ``mirror_average``: the network's probabilities averaged with those of the left-right
mirrored input (test-time augmentation), wherever a segmentation network runs."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from inference.model_card import ModelCard, ModelError
from inference.segmentation import predict_probabilities, segment
from tests.unit.test_inference_fixtures import loaded, synthetic_fundus, tiny_segmentation_card


def _mirrored(card: ModelCard) -> ModelCard:
    card.mirror_average = True
    return card


def test_a_mirror_averaged_network_answers_a_mirrored_input_with_the_mirrored_answer() -> None:
    plain = loaded(tiny_segmentation_card())
    module = plain.module.eval()
    batch = torch.rand(1, 3, 64, 64, generator=torch.Generator().manual_seed(1))
    mirror = torch.flip(batch, dims=[3])
    with torch.inference_mode():
        assert not torch.allclose(predict_probabilities(module, batch, plain.card),
                                  torch.flip(predict_probabilities(module, mirror, plain.card), dims=[3]), atol=1e-4)
        card = _mirrored(plain.card)
        averaged = predict_probabilities(module, batch, card)
        assert torch.allclose(averaged, torch.flip(predict_probabilities(module, mirror, card), dims=[3]), atol=1e-6)
        assert torch.allclose(averaged.sum(dim=1), torch.ones(1, 64, 64), atol=1e-5)  # still a softmax


def test_segment_runs_the_mirror_average_the_card_asks_for() -> None:
    from inference.preprocess import find_fov

    image = synthetic_fundus(64, 64, cx=31, cy=31)  # the card's size: no crop or resize that mirroring could shift
    mirror = np.ascontiguousarray(image[:, ::-1])
    both_fields = find_fov(image).mask & find_fov(mirror).mask[:, ::-1]  # the drawn circle is off by a pixel or so

    def maps(mirror_average: bool, photo: np.ndarray) -> np.ndarray:
        card = tiny_segmentation_card()
        card.preprocessing.crop_fov, card.mirror_average = False, mirror_average
        model = loaded(card)
        return np.stack([segment(model, photo).probability(name) for name in card.classes])

    for mirror_average, alike in ((False, False), (True, True)):
        of_image, of_mirror_back = maps(mirror_average, image), maps(mirror_average, mirror)[:, :, ::-1]
        assert np.allclose(of_image[:, both_fields], of_mirror_back[:, both_fields], atol=1e-5) is alike


def test_a_card_whose_mirror_average_is_not_true_or_false_is_refused_naming_the_field() -> None:
    data = {"name": "m", "task": "lesion-segmentation", "architecture": "unet", "encoder": "resnet18",
            "classes": ["background", "EX"], "mirror_average": "yes"}
    with pytest.raises(ModelError, match="mirror_average"):
        ModelCard.from_dict(data)
    assert ModelCard.from_dict({**data, "mirror_average": True}).mirror_average is True
    assert ModelCard.from_dict({k: v for k, v in data.items() if k != "mirror_average"}).mirror_average is False


def test_fine_tuning_a_mirror_averaged_model_keeps_its_mirror(tmp_path: Path) -> None:
    from inference.training.init_from import network_of
    from tests.unit.test_inference_fixtures import saved_model

    installed = saved_model(tmp_path, _mirrored(tiny_segmentation_card()))
    assert network_of(tiny_segmentation_card(), installed, None).mirror_average is True
