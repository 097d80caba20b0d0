"""Augmentations in numpy/OpenCV (albumentations-style, the few a fundus model needs).

Geometric steps move the image and its label arrays together (labels with nearest-neighbour sampling, so class
indices and IGNORE stay exact); photometric steps touch the image only. Every random draw comes from the
``numpy.random.Generator`` passed in, so a seed fixes the whole sequence.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from inference.model_card import Preprocessing
from inference.preprocess import apply_clahe


@dataclass
class AugmentOptions:
    flip: bool = True  # horizontal (a left eye mirrored is a plausible right eye)
    vertical_flip: bool = True  # fundus yes; OCT B-scans have an up
    rotate_degrees: float = 180.0  # fundus photos have no canonical "up" once the disc side is randomised
    scale_range: tuple[float, float] = (0.85, 1.15)
    brightness: float = 0.15  # +- fraction
    contrast: float = 0.15
    saturation: float = 0.15
    gamma: float = 0.15
    clahe_p: float = 0.15
    blur_p: float = 0.15
    noise_p: float = 0.2
    noise_sigma: float = 6.0  # grey levels

    @classmethod
    def none(cls) -> "AugmentOptions":
        return cls(flip=False, rotate_degrees=0.0, scale_range=(1.0, 1.0), brightness=0.0, contrast=0.0,
                   saturation=0.0, gamma=0.0, clahe_p=0.0, blur_p=0.0, noise_p=0.0)

    def for_preprocessing(self, preprocessing: Preprocessing) -> "AugmentOptions":
        """These options without what the card's preprocessing already does to every image (equalising an
        equalised image again is no variation the model will meet)."""
        return replace(self, clahe_p=0.0) if preprocessing.clahe else self


def crop(arrays: list[np.ndarray], y: int, x: int, height: int, width: int) -> list[np.ndarray]:
    """The same window of each array, zero-padded where it runs past an edge."""
    out = []
    for array in arrays:
        window = np.zeros((height, width) + array.shape[2:], array.dtype)
        y0, x0 = max(y, 0), max(x, 0)
        y1, x1 = min(y + height, array.shape[0]), min(x + width, array.shape[1])
        if y1 > y0 and x1 > x0:
            window[y0 - y:y1 - y, x0 - x:x1 - x] = array[y0:y1, x0:x1]
        out.append(window)
    return out


def flip(arrays: list[np.ndarray], horizontal: bool, vertical: bool) -> list[np.ndarray]:
    out = []
    for array in arrays:
        if horizontal:
            array = array[:, ::-1]
        if vertical:
            array = array[::-1]
        out.append(np.ascontiguousarray(array))
    return out


def rotate_scale(image: np.ndarray, labels: list[np.ndarray], degrees: float, scale: float
                 ) -> tuple[np.ndarray, list[np.ndarray]]:
    """Rotate and scale about the centre; the image bilinearly, label arrays nearest; uncovered corners are 0."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D(((width - 1) / 2, (height - 1) / 2), degrees, scale)
    warped = cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=0)
    moved = [cv2.warpAffine(label, matrix, (width, height), flags=cv2.INTER_NEAREST, borderValue=0)
             for label in labels]
    return warped, moved


def colour_jitter(image: np.ndarray, brightness: float, contrast: float, saturation: float,
                  gamma: float) -> np.ndarray:
    """Factors around 1 (1 = unchanged): brightness scales, contrast stretches about the mean, saturation mixes
    with grey, gamma bends the tone curve. Black (outside the field of view) stays black except for contrast."""
    pixels = image.astype(np.float32) / 255.0
    pixels = pixels * brightness
    mean = pixels.mean()
    pixels = (pixels - mean) * contrast + mean
    # the mean of the three channels as mean(axis=2) sums and divides them, bit for bit, in a tenth of its time
    grey = ((pixels[..., 0] + pixels[..., 1] + pixels[..., 2]) / 3)[..., None]
    pixels = grey + (pixels - grey) * saturation
    pixels = np.clip(pixels, 0.0, 1.0) ** gamma
    return (pixels * 255.0 + 0.5).astype(np.uint8)


def gaussian_blur(image: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(image, (0, 0), sigma)


def gaussian_noise(image: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    noisy = image.astype(np.float32) + rng.normal(0.0, sigma, image.shape).astype(np.float32)
    return np.clip(noisy + 0.5, 0, 255).astype(np.uint8)


def augment(image: np.ndarray, labels: list[np.ndarray], options: AugmentOptions, rng: np.random.Generator
            ) -> tuple[np.ndarray, list[np.ndarray]]:
    """One random draw of every enabled augmentation; ``labels`` are (h, w) arrays aligned with ``image``."""
    if options.flip:
        horizontal, vertical = bool(rng.random() < 0.5), bool(rng.random() < 0.5)
        image, *labels = flip([image, *labels], horizontal, vertical and options.vertical_flip)
    low, high = options.scale_range
    degrees = float(rng.uniform(-options.rotate_degrees, options.rotate_degrees)) if options.rotate_degrees else 0.0
    scale = float(rng.uniform(low, high)) if high > low else low
    if degrees or scale != 1.0:
        image, labels = rotate_scale(image, labels, degrees, scale)
    if options.brightness or options.contrast or options.saturation or options.gamma:
        image = colour_jitter(image, *(1.0 + float(rng.uniform(-amount, amount)) for amount in
                                       (options.brightness, options.contrast, options.saturation, options.gamma)))
    if rng.random() < options.clahe_p:
        image = apply_clahe(image)
    if rng.random() < options.blur_p:
        image = gaussian_blur(image, float(rng.uniform(0.5, 1.5)))
    if rng.random() < options.noise_p:
        image = gaussian_noise(image, options.noise_sigma, rng)
    return image, labels
