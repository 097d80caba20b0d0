"""Folding batch norms into convolutions: the same function with fewer layers, or the network left alone."""
from __future__ import annotations

import torch
from torch import nn

from inference.batch_norm_folding import fold_batch_norms
from inference.loading import load_model_folder
from inference.models import build_model
from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card, tiny_segmentation_card


def with_trained_statistics(module: nn.Module, seed: int = 0) -> nn.Module:
    """Norms whose statistics and affine parameters are far from the identity, as after training."""
    generator = torch.Generator().manual_seed(seed)
    for norm in (m for m in module.modules() if isinstance(m, nn.BatchNorm2d)):
        channels = norm.num_features
        norm.running_mean.copy_(torch.randn(channels, generator=generator))
        norm.running_var.copy_(torch.rand(channels, generator=generator) * 3 + 0.2)
        with torch.no_grad():
            norm.weight.copy_(torch.randn(channels, generator=generator))
            norm.bias.copy_(torch.randn(channels, generator=generator))
    return module.eval()


def norms(module: nn.Module) -> int:
    return sum(isinstance(m, nn.BatchNorm2d) for m in module.modules())


def test_folded_networks_compute_the_same_outputs_without_norms():
    torch.manual_seed(0)
    for card in (tiny_segmentation_card(), tiny_classifier_card()):
        plain = with_trained_statistics(build_model(card))
        folded = fold_batch_norms(plain)
        image = torch.randn(1, 3, 96, 64)  # not the probe's size
        with torch.inference_mode():
            expected, actual = plain(image), folded(image)
        assert norms(plain) > 0 and norms(folded) == 0
        assert torch.allclose(actual, expected, atol=1e-4 * float(expected.abs().max()))


def test_a_convolution_whose_output_is_also_used_elsewhere_is_not_folded():
    class Residual(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = nn.Conv2d(3, 3, 3, padding=1)
            self.norm = nn.BatchNorm2d(3)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            y = self.conv(x)
            return self.norm(y) + y  # folding would change the second use of y

    network = with_trained_statistics(Residual())
    image = torch.randn(1, 3, 32, 32)
    with torch.inference_mode():
        expected = network(image)
        result = fold_batch_norms(network)
        assert torch.allclose(result(image), expected)
    assert norms(result) == 1


def test_training_mode_networks_are_left_alone():
    network = build_model(tiny_classifier_card()).train()
    assert fold_batch_norms(network) is network


def test_models_loaded_for_inference_are_folded_and_still_explain_their_grade(tmp_path):
    from inference.gradcam import classifier_cam
    from inference.preprocess import prepare
    from tests.unit.test_inference_fixtures import synthetic_fundus

    card = tiny_classifier_card()
    folder = saved_model(tmp_path, card)
    as_saved = load_model_folder(folder)  # fine-tuning starts from the file's own tensors
    assert norms(as_saved.module) > 0 and set(as_saved.module.state_dict()) == set(build_model(card).state_dict())
    model = load_model_folder(folder, for_inference=True)
    assert norms(model.module) == 0
    cam = classifier_cam(model, prepare(synthetic_fundus(), model.card))
    assert cam.cam.shape == (120, 160)
