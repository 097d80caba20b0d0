"""Training targets in model-input geometry, made with the very preprocessing inference uses (``prepare``).

A segmentation target is two arrays the size of the prepared image:
- ``labels``: the class index of each pixel (card class order, 0 = background), or ``IGNORE`` where unknown;
- ``allowed``: at ``IGNORE`` pixels, bit k set when class k may be there (background always may).
Each class is labelled by what marks it (annotations.formats.dataset.boxed_only_classes): a class with painted pixels
by its mask, certain everywhere; a class boxed with none of it painted by its VOC boxes alone: in ``weak`` box mode
the pixels of its boxes are IGNORE with its bit allowed (the loss then asks only that the pixel be background or
the class, and that each boxed area holds some of it; a class painted there stays allowed too), and outside them it
is absent. A class neither painted nor boxed is absent, except on a photo with no mask at all, where a class the data
set's boxes never name (CODRAS has no soft-exudate boxes) is unknown everywhere: its bit is allowed on every pixel of
the field, so a box photo says nothing about it. ``fill`` mode labels the whole box as the class (crude, for
comparison).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from annotations.classes import LESION_CLASSES, LesionClass, class_from_name
from annotations.document import Box
from annotations.formats.dataset import boxed_only_classes, lesions_labelled_by
from annotations.formats.masks import read_class_mask
from annotations.image_io import load_image
from inference.dataset import Sample
from inference.model_card import ModelCard
from inference.preprocess import Transform, prepare
from inference.segmentation import TILE_SCALE

IGNORE = 255
# a smaller lesion wins an overlap (a microaneurysm inside a haemorrhage stays a microaneurysm)
OVERLAP_PRIORITY: tuple[LesionClass, ...] = (LesionClass.OD, LesionClass.SE, LesionClass.EX, LesionClass.HE,
                                             LesionClass.MA)
# Fraction of a model-input pixel a lesion must cover to label it: lower than a half so that lesions about one
# model pixel wide are kept (smaller ones need a larger --size or --tiled).
MIN_COVERAGE = 0.25


@dataclass
class SegmentationItem:
    image: np.ndarray  # uint8 (h, w, 3), the model-input image after the card's preprocessing
    labels: np.ndarray  # uint8 (h, w)
    allowed: np.ndarray  # uint8 (h, w) bits
    hard_negatives: list[tuple[float, float]] = field(default_factory=list)  # (y, x) centres of rejected AI boxes


def card_class_indices(card: ModelCard) -> dict[LesionClass, int]:
    """Lesion class -> output channel; card classes that are not lesion classes (background) are left out."""
    found = {}
    for index, name in enumerate(card.classes):
        try:
            found[class_from_name(name)] = index
        except ValueError:
            continue
    return found


def lesions_unknown(sample: Sample) -> bool:
    """A box photo whose boxes name no lesion (its disc's alone) and whose grades row says nothing of its lesions
    (graded 1 or more, or not graded: lesions_labelled_by): graded, not annotated. The export writes such a case
    without masks; its boxes must not say "no lesion" either, to training or to scoring. A photo without a grades
    row (a public set's) is none."""
    if sample.has_masks or sample.boxes is None or sample.grade is None:
        return False
    marked = any(box.label in LESION_CLASSES for box in sample.boxes)
    return not lesions_labelled_by(marked, sample.grade.dr_grade)


def has_segmentation_labels(sample: Sample, lesions: bool = True) -> bool:
    """Masks, or VOC boxes; for a model of lesions (``lesions``), not a photo whose lesions are unknown
    (lesions_unknown): its disc box labels a disc model all the same."""
    return (sample.has_masks or sample.boxes is not None) and not (lesions and lesions_unknown(sample))


def draws_lesions(card: ModelCard) -> bool:
    """Whether the card's network draws a lesion class (a disc model draws the disc alone)."""
    return any(cls in LESION_CLASSES for cls in card_class_indices(card))


def labelled_by_boxes_alone(sample: Sample) -> bool:
    """A box photo: VOC boxes and no mask at all. One with masks and boxes too (a class painted, another boxed
    only) is a painted photo: its masks say where its painted classes are and are not."""
    return sample.boxes is not None and not sample.has_masks


def segmentation_item(sample: Sample, card: ModelCard, box_mode: str = "weak",
                      input_size: tuple[int, int] | None = None,
                      box_classes: frozenset[LesionClass] | None = None) -> SegmentationItem:
    """The prepared image and its targets, each class by what marks it (see above). ``input_size`` (h, w)
    overrides the card's, as tiled inference does. ``box_classes``: the classes the data set's boxes can name
    (None: all); in weak mode the others are unknown on a box photo."""
    image = load_image(sample.image)
    prepared = prepare(image, card, input_size=input_size)
    transform = prepared.transform
    inside_fov = transform.to_model(prepared.fov.mask.view(np.uint8), nearest=True).view(bool)
    channels = card_class_indices(card)
    height, width = image.shape[:2]
    labels = np.zeros(prepared.image.shape[:2], np.uint8)
    allowed = np.zeros_like(labels)
    bits = read_mask_bits(sample, (height, width))  # all 0 without masks
    boxes = sample.boxes or []
    boxed_only = boxed_only_classes(bits, boxes)
    for cls in OVERLAP_PRIORITY:
        if cls not in channels:
            continue
        if cls in boxed_only:
            inside = _coverage(box_mask([b for b in boxes if b.label is cls], (height, width)), transform) > 0
            _label_box_pixels(labels, allowed, inside, channels[cls], box_mode)
        else:
            labels[_coverage(bits & cls.bit != 0, transform) >= MIN_COVERAGE] = channels[cls]
    if labelled_by_boxes_alone(sample) and box_mode == "weak":
        unnamed = [index for cls, index in channels.items() if box_classes is not None and cls not in box_classes]
        if unnamed:
            labels[:] = IGNORE
            allowed |= np.uint8(sum(1 << index for index in unnamed))
    labels[~inside_fov] = 0  # no lesion outside the field of view
    allowed[~inside_fov] = 0
    centres = [transform.to_model_point((b.xmin + b.xmax) / 2, (b.ymin + b.ymax) / 2)[::-1]
               for b in sample.hard_negatives]
    return SegmentationItem(prepared.image, labels, allowed, centres)


def _label_box_pixels(labels: np.ndarray, allowed: np.ndarray, inside: np.ndarray, channel: int,
                      box_mode: str) -> None:
    """Label the pixels ``inside`` the boxes of a class marked by boxes alone, over the classes before it in
    OVERLAP_PRIORITY; a pixel painted as one of those may still be that class (the boxed one wins an overlap)."""
    if box_mode == "fill":
        labels[inside] = channel
        return
    painted = inside & (labels != 0) & (labels != IGNORE)
    allowed[painted] |= np.left_shift(np.uint8(1), labels[painted])
    labels[inside] = IGNORE
    allowed[inside] |= np.uint8(1 << channel)


def box_channels(card: ModelCard, box_classes: frozenset[LesionClass] | None) -> list[int]:
    """The card's lesion channels that boxes can name: where "each box holds its class" applies."""
    return sorted(index for cls, index in card_class_indices(card).items() if box_classes is None or cls in box_classes)


def tiled_input_size(card: ModelCard) -> tuple[int, int]:
    """The whole-image size tiled segmentation prepares (inference.segmentation.TILE_SCALE x the card's)."""
    return tuple(int(np.ceil(side * TILE_SCALE / 32) * 32) for side in card.input_size)


def classification_image(sample: Sample, card: ModelCard) -> np.ndarray:
    return prepare(load_image(sample.image), card).image


def box_mask(boxes: list[Box], shape: tuple[int, int]) -> np.ndarray:
    """Union of VOC boxes (inclusive max corner, as labelImg writes) as a bool (H, W) array."""
    mask = np.zeros(shape, bool)
    for box in boxes:
        mask[max(box.ymin, 0):box.ymax + 1, max(box.xmin, 0):box.xmax + 1] = True
    return mask


def _coverage(binary: np.ndarray, transform: Transform) -> np.ndarray:
    """Fraction of each model-input pixel the original-resolution mask covers (area averaging)."""
    return transform.to_model(binary.astype(np.float32))


def read_mask_bits(sample: Sample, shape: tuple[int, int]) -> np.ndarray:
    """A bit per class from each of the sample's mask files, whatever the layout named them by (the export's
    NAME_MA.png side by side, IDRiD's folder per lesion, DDR's and FGADR's folder per class: inference.dataset)."""
    bits = np.zeros(shape, np.uint8)
    for cls, path in sample.mask_files.items():
        bits[read_class_mask(path, shape)] |= np.uint8(cls.bit)
    return bits
