"""Augmentations, class-balanced sampling and the losses, each on small fixed arrays."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from inference.targets import IGNORE
from inference.training.augment import AugmentOptions, augment, colour_jitter, crop, flip, rotate_scale
from inference.training import config, losses
from inference.training.losses import (PUBLISHED_DICE_WEIGHTS, box_presence_loss, candidate_mask, classification_loss,
                                       dice_weights_for, partial_cross_entropy, segmentation_loss, weighted_dice_loss,
                                       weighted_lovasz_loss)
from inference.training.sampling import (ClassPixels, class_balanced_weights, crop_origin, inverse_frequency_weights,
                                         present_classes)


def marked_pair() -> tuple[np.ndarray, np.ndarray]:
    image = np.zeros((20, 30, 3), np.uint8)
    labels = np.zeros((20, 30), np.uint8)
    image[2:5, 3:7] = 200
    labels[2:5, 3:7] = 3
    return image, labels


def test_geometric_steps_move_labels_with_the_image() -> None:
    image, labels = marked_pair()
    geometric_only = AugmentOptions(brightness=0, contrast=0, saturation=0, gamma=0, clahe_p=0, blur_p=0, noise_p=0)
    flipped_image, flipped_labels = flip([image, labels], True, True)
    rotated_image, (rotated_labels,) = rotate_scale(image, [labels], 90.0, 1.0)
    augmented_image, (augmented_labels,) = augment(image, [labels], geometric_only, np.random.default_rng(4))
    for out_image, out_labels in ((flipped_image, flipped_labels), (rotated_image, rotated_labels),
                                  (augmented_image, augmented_labels)):
        assert out_labels.dtype == np.uint8 and set(np.unique(out_labels)) <= {0, 3}  # nearest: no new values
        bright = out_image[..., 0] > 100
        assert (out_labels == 3).sum() >= 6 and ((out_labels == 3) == bright).mean() > 0.97
    assert flipped_labels[15:18, 23:27].all() and not np.array_equal(rotated_labels, labels)


def test_identity_rotation_and_no_augmentation_change_nothing() -> None:
    image, labels = marked_pair()
    same_image, (same_labels,) = rotate_scale(image, [labels], 0.0, 1.0)
    assert np.array_equal(same_image, image) and np.array_equal(same_labels, labels)
    out, (out_labels,) = augment(image, [labels], AugmentOptions.none(), np.random.default_rng(0))
    assert np.array_equal(out, image) and np.array_equal(out_labels, labels)


def test_augmentation_is_reproducible_for_a_seed() -> None:
    image, labels = marked_pair()
    first = augment(image, [labels], AugmentOptions(), np.random.default_rng(7))
    second = augment(image, [labels], AugmentOptions(), np.random.default_rng(7))
    assert np.array_equal(first[0], second[0]) and np.array_equal(first[1][0], second[1][0])


def test_crop_pads_past_the_edge_and_colour_jitter_at_one_is_identity() -> None:
    image, labels = marked_pair()
    window, window_labels = crop([image, labels], 15, 25, 10, 10)
    assert window.shape == (10, 10, 3) and window[5:, :].sum() == 0 and window_labels.shape == (10, 10)
    assert np.array_equal(colour_jitter(image, 1.0, 1.0, 1.0, 1.0), image)
    assert colour_jitter(image, 1.2, 1.0, 1.0, 1.0).max() == 240


def test_sampling_favours_rare_labels() -> None:
    weights = inverse_frequency_weights([0, 0, 0, 1], power=1.0)
    assert weights[3] == pytest.approx(0.5) and weights[:3].sum() == pytest.approx(0.5)
    assert np.allclose(inverse_frequency_weights([0, 0, 0, 1], power=0.0), 0.25)
    # image 2 is the only one with class 4: it counts as class 4 and is drawn more than the others
    per_image = class_balanced_weights([{1}, {1, 2}, {1, 4}, set()], power=1.0)
    assert per_image[2] == per_image.max() and per_image.sum() == pytest.approx(1.0)


def test_crops_centre_on_lesions_most_of_the_time() -> None:
    labels = np.zeros((100, 100), np.uint8)
    labels[80:82, 10:12] = 2
    pixels = ClassPixels(labels, np.zeros_like(labels), [2])
    rng = np.random.default_rng(0)
    hits = 0
    for _ in range(200):
        y, x = crop_origin(pixels, (32, 32), rng)
        assert 0 <= y <= 68 and 0 <= x <= 68
        hits += bool((labels[y:y + 32, x:x + 32] == 2).any())
    assert hits > 120  # uniform crops would hold it about 10 % of the time
    rejected = [crop_origin(pixels, (32, 32), rng, hard_negatives=[(20.0, 60.0)]) for _ in range(200)]
    assert 20 < rejected.count((4, 44)) < 80  # about a fifth centred on the rejected candidate


def scanned_crop_origin(labels: np.ndarray, allowed: np.ndarray, crop: tuple[int, int],
                        rng: np.random.Generator) -> tuple[int, int]:
    """crop_origin as it was before ClassPixels: the image's classes and the chosen class's pixels found by a
    scan of the whole image at every crop."""
    height, width = labels.shape
    classes = sorted(present_classes(labels, allowed))
    if classes and rng.random() < 0.7:
        cls = classes[int(rng.integers(len(classes)))]
        ys, xs = np.nonzero((labels == cls) | ((allowed & (1 << cls)) != 0))
        pick = int(rng.integers(ys.size))
        y = int(ys[pick]) - crop[0] // 2 + int(rng.integers(-crop[0] // 4, crop[0] // 4 + 1))
        x = int(xs[pick]) - crop[1] // 2 + int(rng.integers(-crop[1] // 4, crop[1] // 4 + 1))
    else:
        y = int(rng.integers(0, max(height - crop[0], 0) + 1))
        x = int(rng.integers(0, max(width - crop[1], 0) + 1))
    return int(np.clip(y, 0, max(height - crop[0], 0))), int(np.clip(x, 0, max(width - crop[1], 0)))


def test_crops_from_the_kept_class_pixels_are_those_of_a_whole_image_scan() -> None:
    generator = np.random.default_rng(7)
    labels = generator.choice([0, 1, 2, 3], size=(90, 70), p=[0.97, 0.01, 0.01, 0.01]).astype(np.uint8)
    labels[:5, :5] = IGNORE
    allowed = np.zeros_like(labels)
    allowed[40:60, 10:30] = 1 << 4  # a box: class 4 allowed, never painted
    pixels = ClassPixels(labels, allowed, sorted(present_classes(labels, allowed)))
    assert pixels.classes == [1, 2, 3, 4]
    for seed in range(300):
        assert crop_origin(pixels, (24, 16), np.random.default_rng(seed)) == scanned_crop_origin(
            labels, allowed, (24, 16), np.random.default_rng(seed))


def test_colour_jitter_is_the_formula_it_states_bit_for_bit() -> None:
    generator = np.random.default_rng(3)
    for _ in range(20):
        image = generator.integers(0, 256, (40, 30, 3), dtype=np.uint8)
        factors = generator.uniform(0.7, 1.3, 4).tolist()
        brightness, contrast, saturation, gamma = factors
        pixels = image.astype(np.float32) / 255.0 * brightness
        pixels = (pixels - pixels.mean()) * contrast + pixels.mean()
        grey = pixels.mean(axis=2, keepdims=True)
        expected = ((np.clip(grey + (pixels - grey) * saturation, 0.0, 1.0) ** gamma) * 255.0 + 0.5).astype(np.uint8)
        assert np.array_equal(colour_jitter(image, *factors), expected)


def test_candidate_sets_and_partial_cross_entropy() -> None:
    labels = torch.tensor([[[1, IGNORE]]])
    allowed = torch.tensor([[[0, 0b100]]], dtype=torch.uint8)
    candidates = candidate_mask(labels, allowed, 3)
    assert candidates[0, :, 0, 0].tolist() == [False, True, False]
    assert candidates[0, :, 0, 1].tolist() == [True, False, True]  # background or class 2
    logits = torch.log(torch.tensor([[0.2, 0.5, 0.3], [0.1, 0.6, 0.3]])).T.reshape(1, 3, 1, 2)
    expected = (-np.log(0.5) - np.log(0.1 + 0.3)) / 2
    assert float(partial_cross_entropy(logits, candidates)) == pytest.approx(expected, rel=1e-5)


def test_weighted_dice_uses_weights_and_skips_uncertain_pixels() -> None:
    labels = torch.tensor([[[1, 1, 2, IGNORE]]])
    perfect = torch.nn.functional.one_hot(torch.tensor([[[1, 1, 2, 0]]]), 3).permute(0, 3, 1, 2).float()
    assert float(weighted_dice_loss(perfect, labels, [0, 1, 1], smooth=0.0)) == pytest.approx(0.0, abs=1e-6)
    wrong_class_2 = perfect.clone()
    wrong_class_2[0, :, 0, 2] = torch.tensor([1.0, 0.0, 0.0])
    # class 1 perfect (Dice 1), class 2 missed (Dice 0): loss = w2 / (w1 + w2)
    assert float(weighted_dice_loss(wrong_class_2, labels, [0, 1, 3], smooth=0.0)) == pytest.approx(0.75)
    assert dice_weights_for(["background", "MA", "EX", "OD"]) == [0.0, PUBLISHED_DICE_WEIGHTS["MA"],
                                                                   PUBLISHED_DICE_WEIGHTS["EX"], 1.0]
    assert dice_weights_for(["background", "MA"], {"MA": 2.0}) == [0.0, 2.0]


def test_lovasz_of_hard_predictions_is_the_weighted_jaccard_loss() -> None:
    labels = torch.tensor([[[1, 1, 1, 2, 0, IGNORE]]])
    predicted = torch.tensor([[[1, 1, 0, 2, 2, 1]]])  # class 1: IoU 2/3; class 2: IoU 1/2; the last pixel is unsure
    probs = torch.nn.functional.one_hot(predicted, 3).permute(0, 3, 1, 2).float()
    assert float(weighted_lovasz_loss(probs, labels, [0, 1, 3])) == pytest.approx((1 / 3 + 3 * 1 / 2) / 4)
    absent = torch.tensor([[[1, 1, 1, 0, 0, IGNORE]]])  # class 2 not in the batch: only class 1 counts
    assert float(weighted_lovasz_loss(probs, absent, [0, 1, 3])) == pytest.approx(1 / 3)


def test_the_command_line_offers_the_region_losses_the_trainer_has() -> None:
    assert tuple(losses.REGION_LOSSES) == config.REGION_LOSSES  # two lists: the command line must not import torch


def test_lovasz_of_soft_probabilities_by_hand() -> None:
    labels = torch.tensor([[[1, 1, 0]]])
    lesion = torch.tensor([0.9, 0.5, 0.2])
    probs = torch.stack([1 - lesion, lesion]).reshape(1, 2, 1, 3)
    # errors sorted 0.5 (lesion), 0.2 (not), 0.1 (lesion); 1 - IoU after each joins: 1/2, 2/3, 1
    expected = 0.5 * (1 / 2) + 0.2 * (2 / 3 - 1 / 2) + 0.1 * (1 - 2 / 3)
    assert float(weighted_lovasz_loss(probs, labels, [0, 1])) == pytest.approx(expected)
    logits = torch.log(probs)
    total, parts = segmentation_loss(logits, labels, torch.zeros_like(labels, dtype=torch.uint8), [0, 1],
                                     region="lovasz")
    assert parts["lovasz"] == pytest.approx(expected, rel=1e-5)
    assert float(total) == pytest.approx(parts["pixel"] + expected, rel=1e-5)


def test_lovasz_gradient_reaches_the_probabilities() -> None:
    labels = torch.tensor([[[1, 1, 0]]])
    lesion = torch.tensor([0.9, 0.5, 0.2], requires_grad=True)
    probs = torch.stack([1 - lesion, lesion]).reshape(1, 2, 1, 3)
    weighted_lovasz_loss(probs, labels, [0, 1]).backward()
    # d|truth − p|/dp is −1 on lesion pixels, +1 elsewhere, times each pixel's step of 1 − IoU (1/3, 1/2, 1/6)
    assert lesion.grad.tolist() == pytest.approx([-1 / 3, -1 / 2, 1 / 6])
    unsure = torch.full((1, 1, 3), IGNORE)  # nothing certain in the batch: 0, and backward still runs
    loss = weighted_lovasz_loss(probs, unsure, [0, 1])
    loss.backward()
    assert float(loss.detach()) == 0.0


def test_box_presence_asks_for_the_class_somewhere_in_its_box() -> None:
    probs = torch.zeros(1, 3, 1, 3)
    probs[0, 0] = 1.0
    probs[0, 2, 0, 1], probs[0, 0, 0, 1] = 0.8, 0.2
    allowed = torch.tensor([[[0b100, 0b100, 0]]], dtype=torch.uint8)
    assert float(box_presence_loss(probs, allowed)) == pytest.approx(-np.log(0.8), rel=1e-4)
    assert float(box_presence_loss(probs, torch.zeros_like(allowed))) == 0.0


def test_ordinal_term_punishes_distant_grades_more() -> None:
    target = torch.tensor([4])
    near = torch.log(torch.tensor([[0.05, 0.05, 0.05, 0.8, 0.05]]))
    far = torch.log(torch.tensor([[0.8, 0.05, 0.05, 0.05, 0.05]]))
    plain_near, plain_far = classification_loss(near, target)[0], classification_loss(far, target)[0]
    assert float(plain_near) == pytest.approx(float(plain_far))  # cross-entropy alone cannot tell them apart
    assert float(classification_loss(near, target, ordinal_factor=1.0)[0]) < float(
        classification_loss(far, target, ordinal_factor=1.0)[0])
    focal, parts = classification_loss(near, target, focal_gamma=2.0)
    assert float(focal) < float(plain_near) and "ce" in parts
