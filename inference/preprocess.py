"""Fundus preprocessing with an exact inverse: field of view, crop, aspect-keeping resize and pad, normalisation.

Every model output is produced in model-input coordinates; ``Transform`` maps arrays and points back to the
original image. The geometry is a crop box, one scale per axis and a pad offset, so the inverse is exact up to
interpolation (cv2 resizes align pixel centres, the same convention both ways).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np
import torch

from inference.model_card import ModelCard

FOV_ANALYSIS_SIDE = 512  # find the field of view on a small copy; the circle is smooth, so this is plenty
BLUR_REDUCED_SIGMA = 8.0  # px: a wide Gaussian is taken on a copy this much smaller (see _wide_blur)
FOV_DARK_LEVEL = 20  # red+green channel level below which a pixel counts as the black surround
BEN_GRAHAM_SIGMA_FRACTION = 1 / 30  # of the field of view's diameter (Graham 2015: scale 500 px, sigma 10)

_scratch = threading.local()  # per thread, one float buffer for full-size maps that are only thresholded


@dataclass
class FieldOfView:
    cx: float
    cy: float
    radius: float
    found: bool  # False: no dark surround (OCT, tightly cropped photos); the whole image then counts as field
    mask: np.ndarray  # bool, image size

    def bounding_box(self, width: int, height: int) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1), exclusive end, clipped to the image."""
        if not self.found:
            return 0, 0, width, height
        x0 = max(0, int(np.floor(self.cx - self.radius)))
        y0 = max(0, int(np.floor(self.cy - self.radius)))
        x1 = min(width, int(np.ceil(self.cx + self.radius)) + 1)
        y1 = min(height, int(np.ceil(self.cy + self.radius)) + 1)
        return x0, y0, x1, y1


def field_diameter(image_rgb: np.ndarray, fov: FieldOfView) -> float:
    """How many px across the photo's field of view is (without a dark surround: the image's longer side), the scale
    that decides which networks run on it (candidates models, a lesion model's members)."""
    return 2 * fov.radius if fov.found else float(max(image_rgb.shape[:2]))


def find_fov(image_rgb: np.ndarray) -> FieldOfView:
    """Fit a circle to the edge of the bright region; edges on the image border (truncated circles) are ignored."""
    height, width = image_rgb.shape[:2]
    scale = min(1.0, FOV_ANALYSIS_SIDE / max(height, width))
    small = _shrink_for_analysis(image_rgb, scale) if scale < 1 else image_rgb
    brightness = small[..., 0].astype(np.int16) + small[..., 1]
    bright = (brightness > FOV_DARK_LEVEL).astype(np.uint8)
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    whole = whole_image_fov(width, height)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=8)
    if count < 2:
        return whole
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    region = (labels == largest).astype(np.uint8)
    fill = region.sum() / region.size
    if fill < 0.15 or fill > 0.97:  # nothing bright enough, or no dark surround to speak of
        return whole
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    points = max(contours, key=len)[:, 0, :].astype(np.float64)
    sh, sw = region.shape
    inside = (points[:, 0] > 1) & (points[:, 0] < sw - 2) & (points[:, 1] > 1) & (points[:, 1] < sh - 2)
    if inside.sum() < 20:
        return whole
    cx, cy, radius = _fit_circle(points[inside])
    if not (0.2 * min(sh, sw) < radius < 1.5 * max(sh, sw)):
        return whole
    # small-image pixel centres -> original pixel centres
    cx, cy, radius = (cx + 0.5) / scale - 0.5, (cy + 0.5) / scale - 0.5, radius / scale
    mask = np.zeros((height, width), np.uint8)
    cv2.circle(mask, (int(round(cx * 16)), int(round(cy * 16))), int(round(radius * 16)), 1, -1,
               lineType=cv2.LINE_8, shift=4)
    return FieldOfView(float(cx), float(cy), float(radius), True, mask.view(bool))


@dataclass
class Transform:
    """Original image -> model input: crop ``box``, scale by (sx, sy) to ``resized`` (w, h), pad by ``offset``."""

    original_size: tuple[int, int]  # (w, h)
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in the original
    resized: tuple[int, int]  # (w, h) of the scaled crop inside the model input
    offset: tuple[int, int]  # (x, y) of the scaled crop inside the model input
    input_size: tuple[int, int]  # (w, h) of the model input

    @property
    def scale(self) -> tuple[float, float]:
        return self.resized[0] / (self.box[2] - self.box[0]), self.resized[1] / (self.box[3] - self.box[1])

    def to_model_point(self, x: float, y: float) -> tuple[float, float]:
        sx, sy = self.scale
        return ((x - self.box[0] + 0.5) * sx - 0.5 + self.offset[0],
                (y - self.box[1] + 0.5) * sy - 0.5 + self.offset[1])

    def to_original_point(self, x: float, y: float) -> tuple[float, float]:
        sx, sy = self.scale
        return ((x - self.offset[0] + 0.5) / sx - 0.5 + self.box[0],
                (y - self.offset[1] + 0.5) / sy - 0.5 + self.box[1])

    def to_model(self, array: np.ndarray, nearest: bool = False, fill: float = 0) -> np.ndarray:
        """An original-size (H, W) or (H, W, C) array in model-input geometry."""
        x0, y0, x1, y1 = self.box
        crop = np.ascontiguousarray(array[y0:y1, x0:x1])
        out = np.full((self.input_size[1], self.input_size[0]) + array.shape[2:], fill, dtype=array.dtype)
        ox, oy = self.offset
        out[oy:oy + self.resized[1], ox:ox + self.resized[0]] = _resize(crop, self.resized, nearest)
        return out

    def to_original(self, array: np.ndarray, nearest: bool = False, fill: float = 0) -> np.ndarray:
        """A model-input (h, w) or (h, w, C) array in original-image geometry; outside the crop is ``fill``."""
        ox, oy = self.offset
        inner = np.ascontiguousarray(array[oy:oy + self.resized[1], ox:ox + self.resized[0]])
        x0, y0, x1, y1 = self.box
        out = np.full((self.original_size[1], self.original_size[0]) + array.shape[2:], fill, dtype=array.dtype)
        out[y0:y1, x0:x1] = _resize(inner, (x1 - x0, y1 - y0), nearest)
        return out

    def reached_in_box(self, array: np.ndarray, threshold: float) -> np.ndarray:
        """Bool map the size of ``box``: ``to_original(array)[y0:y1, x0:x1] >= threshold`` for a 2-D float32
        model-input map, without making the full-size float map (see resized_reaches)."""
        ox, oy = self.offset
        x0, y0, x1, y1 = self.box
        return resized_reaches(array[oy:oy + self.resized[1], ox:ox + self.resized[0]], (x1 - x0, y1 - y0), threshold)


@dataclass
class Prepared:
    tensor: torch.Tensor  # (1, 3, h, w) float32, normalised, channels_last
    transform: Transform
    fov: FieldOfView
    image: np.ndarray  # the model-input RGB uint8 image after CLAHE/Ben Graham (for display and debugging)


def make_transform(width: int, height: int, fov: FieldOfView, input_size: tuple[int, int],
                   crop_fov: bool = True, keep_aspect: bool = True) -> Transform:
    """``input_size`` is (h, w) as in model cards."""
    in_h, in_w = input_size
    box = fov.bounding_box(width, height) if crop_fov else (0, 0, width, height)
    crop_w, crop_h = box[2] - box[0], box[3] - box[1]
    if keep_aspect:
        scale = min(in_w / crop_w, in_h / crop_h)
        resized = (min(in_w, max(1, round(crop_w * scale))), min(in_h, max(1, round(crop_h * scale))))
    else:
        resized = (in_w, in_h)
    offset = ((in_w - resized[0]) // 2, (in_h - resized[1]) // 2)
    return Transform((width, height), box, resized, offset, (in_w, in_h))


class Reductions:
    """Area-averaged reductions of crops of one image, shared by the models of one analysis.

    Reducing a 12 MP photo's field of view costs tens of milliseconds for every model, whatever its input size; a
    small model's input is instead averaged from a kept reduction of the same crop at least REUSE_FACTOR times its
    size (the disc model's 192 px from the lesion model's 1536 px), which differs from reducing the photo directly
    by a little extra smoothing: on the 17 IDRiD photos the disc's mask kept Dice >= 0.998 with it, while the
    "lesions present" classifier's probability moved by up to 0.1 at a factor of 4, so its input is not shared.
    Safe to share across threads (a member network's input is prepared beside its parent's pass).
    """

    REUSE_FACTOR = 6.0

    def __init__(self, image_rgb: np.ndarray) -> None:
        self.image = image_rgb
        self._kept: dict[tuple[int, int, int, int], list[np.ndarray]] = {}  # crop box -> reductions, largest first
        self._lock = threading.Lock()

    def resized(self, box: tuple[int, int, int, int], size: tuple[int, int]) -> np.ndarray:
        """The image's ``box`` (x0, y0, x1, y1) resized to ``size`` (w, h); the kept array itself, not to be written
        to, when one of that size is kept (a member network asks for its parent's input)."""
        with self._lock:
            kept = self._kept.setdefault(box, [])
            same = [r for r in kept if (r.shape[1], r.shape[0]) == tuple(size)]
            if same:
                return same[0]
            sources = [r for r in kept if r.shape[1] >= size[0] * self.REUSE_FACTOR and
                       r.shape[0] >= size[1] * self.REUSE_FACTOR]
            x0, y0, x1, y1 = box
            if sources:
                return _resize(sources[-1], size, nearest=False)
            reduced = _resize(self.image[y0:y1, x0:x1], size, nearest=False)  # cv2 reads the crop in place
            kept.append(reduced)
            kept.sort(key=lambda r: -r.shape[0] * r.shape[1])
            return reduced


def prepare(image_rgb: np.ndarray, card: ModelCard, fov: FieldOfView | None = None,
            input_size: tuple[int, int] | None = None, reductions: Reductions | None = None) -> Prepared:
    """Model input for ``card``; ``input_size`` (h, w) overrides the card's (sliding-window tiling runs larger);
    ``reductions`` of ``image_rgb`` shares the work of shrinking it with the analysis' other models."""
    height, width = image_rgb.shape[:2]
    fov = fov if fov is not None else find_fov(image_rgb)
    options = card.preprocessing
    transform = make_transform(width, height, fov, tuple(input_size or card.input_size),
                               options.crop_fov, options.keep_aspect_pad)
    ox, oy = transform.offset
    pixels = np.zeros((transform.input_size[1], transform.input_size[0], 3), np.uint8)
    pixels[oy:oy + transform.resized[1], ox:ox + transform.resized[0]] = (
        reductions or Reductions(image_rgb)).resized(transform.box, transform.resized)
    # cards that do not crop to the field (OCT) must not have a circle cut out of their input either
    field = model_field(fov if options.crop_fov else whole_image_fov(width, height), transform)
    if options.clahe:
        pixels = apply_clahe(pixels)
    if options.ben_graham:
        pixels = ben_graham(pixels, field, fov.radius * 2 * transform.scale[0] if fov.found else min(pixels.shape[:2]))
    pixels[~field] = 128 if options.ben_graham else 0
    return Prepared(normalise(pixels, card), transform, fov, pixels)


def model_field(fov: FieldOfView, transform: Transform) -> np.ndarray:
    """The field of view in model-input space, drawn there directly (resizing a 12-megapixel mask costs more)."""
    width, height = transform.input_size
    field = np.zeros((height, width), np.uint8)
    ox, oy = transform.offset
    if not fov.found:
        field[oy:oy + transform.resized[1], ox:ox + transform.resized[0]] = 1
        return field.view(bool)
    cx, cy = transform.to_model_point(fov.cx, fov.cy)
    sx, sy = transform.scale
    cv2.ellipse(field, (round(cx * 16), round(cy * 16)), (round(fov.radius * sx * 16), round(fov.radius * sy * 16)),
                0, 0, 360, 1, -1, lineType=cv2.LINE_8, shift=4)
    inside = np.zeros_like(field)
    inside[oy:oy + transform.resized[1], ox:ox + transform.resized[0]] = 1
    return (field & inside).view(bool)


def normalise(pixels: np.ndarray, card: ModelCard) -> torch.Tensor:
    mean = np.asarray(card.normalisation["mean"], np.float32) * 255.0
    std = np.asarray(card.normalisation["std"], np.float32) * 255.0
    hwc = (pixels.astype(np.float32) - mean) / std
    return torch.from_numpy(hwc).permute(2, 0, 1)[None]  # an (h, w, 3) array seen as NCHW is channels_last already


def apply_clahe(pixels: np.ndarray, clip_limit: float = 2.0, tiles: int = 8) -> np.ndarray:
    """Contrast-limited adaptive equalisation of lightness only, so colours (exudate yellow) keep their hue."""
    lab = cv2.cvtColor(pixels, cv2.COLOR_RGB2LAB)
    lab[..., 0] = cv2.createCLAHE(clipLimit=clip_limit, tileGridSize=(tiles, tiles)).apply(lab[..., 0])
    return cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)


def ben_graham(pixels: np.ndarray, field: np.ndarray, diameter: float) -> np.ndarray:
    """4·(image − Gaussian-blurred image) + 128: removes illumination gradients, keeps local detail."""
    sigma = max(1.0, diameter * BEN_GRAHAM_SIGMA_FRACTION)
    out = cv2.addWeighted(pixels, 4.0, _wide_blur(pixels, sigma), -4.0, 128.0)
    out[~field] = 128
    return out


def _wide_blur(pixels: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur; a wide one is computed on a copy reduced so that sigma stays BLUR_REDUCED_SIGMA there, then
    enlarged back: the blurred image is smooth at that scale, and a 50-px sigma on a 1536-px input costs a tenth."""
    factor = int(sigma // BLUR_REDUCED_SIGMA)
    if factor < 2:
        return cv2.GaussianBlur(pixels, (0, 0), sigma)
    height, width = pixels.shape[:2]
    small = cv2.resize(pixels, (max(1, width // factor), max(1, height // factor)), interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(small, (0, 0), sigma / factor)
    return cv2.resize(blurred, (width, height), interpolation=cv2.INTER_LINEAR)


def whole_image_fov(width: int, height: int) -> FieldOfView:
    """'No circular field': every pixel counts (OCT scans, photos cropped inside the field)."""
    radius = 0.5 * float(np.hypot(width, height))
    return FieldOfView((width - 1) / 2, (height - 1) / 2, radius, False, np.ones((height, width), bool))


def _shrink_for_analysis(image_rgb: np.ndarray, scale: float) -> np.ndarray:
    """Area-average to ``scale``; big reductions first subsample to twice the size (10x faster, same circle)."""
    height, width = image_rgb.shape[:2]
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    if scale < 0.25:
        image_rgb = cv2.resize(image_rgb, (size[0] * 2, size[1] * 2), interpolation=cv2.INTER_NEAREST)
    return cv2.resize(image_rgb, size, interpolation=cv2.INTER_AREA)


def _fit_circle(points: np.ndarray) -> tuple[float, float, float]:
    """Algebraic (Kåsa) least-squares circle: x² + y² + Dx + Ey + F = 0."""
    x, y = points[:, 0], points[:, 1]
    design = np.column_stack([x, y, np.ones_like(x)])
    (d, e, f), *_ = np.linalg.lstsq(design, -(x * x + y * y), rcond=None)
    cx, cy = -d / 2, -e / 2
    return float(cx), float(cy), float(np.sqrt(max(cx * cx + cy * cy - f, 0.0)))


def resized_reaches(array: np.ndarray, size: tuple[int, int], threshold: float, interpolation: int | None = None
                    ) -> np.ndarray:
    """``_resize(array, size) >= threshold`` for a 2-D float32 map (or with cv2's ``interpolation``), resized into a
    buffer each thread reuses: a fresh 12 MP float map costs more in page faults than the resize itself."""
    width, height = size
    if array.dtype != np.float32 or array.ndim != 2 or (interpolation is None and array.shape == (height, width)):
        return _resize(array, size, nearest=False) >= threshold
    buffer = getattr(_scratch, "buffer", None)
    if buffer is None or buffer.size < width * height:
        buffer = _scratch.buffer = np.empty(width * height, np.float32)
    resized = buffer[:width * height].reshape(height, width)
    cv2.resize(np.ascontiguousarray(array), size, dst=resized,
               interpolation=_interpolation(array.shape, size) if interpolation is None else interpolation)
    return resized >= threshold


def _interpolation(shape: tuple[int, ...], size: tuple[int, int]) -> int:
    if size[0] < shape[1] and size[1] < shape[0]:
        return cv2.INTER_AREA  # downscaling: average, no aliasing of small lesions
    return cv2.INTER_LINEAR


def _resize(array: np.ndarray, size: tuple[int, int], nearest: bool) -> np.ndarray:
    """cv2.resize to (w, h) for any channel count and bool/uint8/float arrays."""
    if array.shape[1] == size[0] and array.shape[0] == size[1]:
        return array.copy()
    if array.dtype == bool:
        return _resize(array.view(np.uint8), size, True).view(bool)
    interpolation = cv2.INTER_NEAREST_EXACT if nearest else _interpolation(array.shape, size)
    if array.ndim == 3 and array.shape[2] > 4:
        return np.stack([_resize(array[..., i], size, nearest) for i in range(array.shape[2])], axis=-1)
    out = cv2.resize(array, size, interpolation=interpolation)
    return out.reshape(size[1], size[0], *array.shape[2:])
