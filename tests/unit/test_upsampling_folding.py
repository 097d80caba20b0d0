"""Folding a U-Net decoder's upsampling into the next convolution: the same function from a quarter of the pixels."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from inference.batch_norm_folding import fold_batch_norms
from inference.loading import load_model_folder
from inference.models import build_model
from inference.upsampling_folding import PhaseUpsamplingBlock, fold_decoder_upsampling, phase_kernels
from tests.unit.test_batch_norm_folding import with_trained_statistics
from tests.unit.test_inference_fixtures import saved_model, tiny_classifier_card, tiny_segmentation_card


def phase_blocks(module: nn.Module) -> int:
    return sum(isinstance(m, PhaseUpsamplingBlock) for m in module.modules())


def test_phase_kernels_of_the_small_input_equal_a_convolution_of_the_upsampled_input():
    generator = torch.Generator().manual_seed(1)
    small = torch.randn(1, 5, 7, 9, generator=generator)
    weight = torch.randn(3, 5, 3, 3, generator=generator)
    expected = F.conv2d(F.interpolate(small, scale_factor=2, mode="nearest"), weight, padding=1)
    phases = F.conv2d(small, phase_kernels(weight), padding=1)  # (1, 4 x 3, 8, 10)
    for row in (0, 1):
        for column in (0, 1):
            first = (2 * row + column) * 3
            actual = phases[:, first:first + 3, row:row + 7, column:column + 9]
            assert torch.allclose(actual, expected[:, :, row::2, column::2], atol=1e-5)


def test_folded_unet_computes_the_same_probabilities_in_either_memory_layout():
    plain = fold_batch_norms(with_trained_statistics(build_model(tiny_segmentation_card())))
    folded = fold_decoder_upsampling(plain)
    assert phase_blocks(plain) == 0 and phase_blocks(folded) == len(plain.decoder.blocks)
    image = torch.randn(1, 3, 96, 160, generator=torch.Generator().manual_seed(2))  # not the probe's size
    for layout in (torch.contiguous_format, torch.channels_last):
        plain.to(memory_format=layout)
        folded.to(memory_format=layout)
        laid_out = image.contiguous(memory_format=layout)
        with torch.inference_mode():
            expected, actual = plain(laid_out), folded(laid_out)
        assert torch.allclose(actual, expected, atol=1e-4 * float(expected.abs().max()))


def test_a_target_size_other_than_twice_the_input_runs_the_original_block():
    model = fold_decoder_upsampling(fold_batch_norms(with_trained_statistics(build_model(tiny_segmentation_card()))))
    block = model.decoder.blocks[-1]
    channels = block.phases.in_channels
    feature_map = torch.randn(1, channels, 10, 12)
    with torch.inference_mode():
        assert torch.equal(block(feature_map, 25, 30), block.original(feature_map, 25, 30))


def test_unfolded_norms_and_classifiers_are_left_alone():
    unfolded = with_trained_statistics(build_model(tiny_segmentation_card()))  # conv1 still has its norm
    assert fold_decoder_upsampling(unfolded) is unfolded
    classifier = build_model(tiny_classifier_card())
    assert fold_decoder_upsampling(classifier) is classifier
    training = fold_batch_norms(with_trained_statistics(build_model(tiny_segmentation_card()))).train()
    assert fold_decoder_upsampling(training) is training


def test_segmentation_models_loaded_for_inference_are_folded(tmp_path):
    folder = saved_model(tmp_path, tiny_segmentation_card())
    as_saved, for_inference = load_model_folder(folder), load_model_folder(folder, for_inference=True)
    assert phase_blocks(as_saved.module) == 0 and phase_blocks(for_inference.module) > 0
    image = torch.randn(1, 3, 64, 96).contiguous(memory_format=torch.channels_last)
    with torch.inference_mode():
        expected, actual = as_saved.module(image), for_inference.module(image)
    assert torch.allclose(actual, expected, atol=1e-4 * float(expected.abs().max()))


def test_grad_cam_backpropagates_through_a_folded_decoder_to_the_same_map(tmp_path):
    import numpy as np

    from inference.gradcam import segmentation_cam
    from inference.preprocess import prepare
    from tests.unit.test_inference_fixtures import synthetic_fundus

    folder = saved_model(tmp_path, tiny_segmentation_card())
    as_saved, for_inference = load_model_folder(folder), load_model_folder(folder, for_inference=True)
    prepared = prepare(synthetic_fundus(), as_saved.card)
    expected, actual = (segmentation_cam(model, prepared, "HE").cam for model in (as_saved, for_inference))
    assert np.abs(actual - expected).max() <= 1e-3 * max(float(np.abs(expected).max()), 1e-6)
